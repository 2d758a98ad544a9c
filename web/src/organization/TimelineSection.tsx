import { Alert, Button, Loader, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ApiError, errorMessage, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { TimelineEntry } from '../api/types';
import { formatDateTime } from '../common/format';
import { Section } from './Section';

const TYPE_LABELS: Record<TimelineEntry['type'], string> = {
  visit: 'Visit',
  session: 'Session',
  feedback: 'Feedback',
  note: 'Note',
  'stage-change': 'Stage change',
  task: 'Follow-up',
};

const TIMELINE_LIMIT = 30;

function AddNoteForm({ organizationId }: { organizationId: string }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: async (text: string) =>
      unwrap(
        await api.POST('/api/v1/organizations/{id}/notes', {
          params: { path: { id: organizationId } },
          body: { body: text },
        }),
      ),
    onSuccess: async () => {
      setBody('');
      await queryClient.invalidateQueries({ queryKey: queryKeys.timeline(organizationId) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (body.trim()) add.mutate(body.trim());
  }

  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <Textarea
          label="Add a note"
          autosize
          minRows={2}
          maxRows={8}
          maxLength={20000}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={add.error instanceof ApiError ? errorMessage(add.error) : undefined}
        />
        <Button
          type="submit"
          variant="light"
          loading={add.isPending}
          disabled={!body.trim()}
          style={{ alignSelf: 'flex-start' }}
        >
          Save note
        </Button>
      </Stack>
    </form>
  );
}

export function TimelineSection({ organizationId, canWrite }: { organizationId: string; canWrite: boolean }) {
  const timeline = useQuery({
    queryKey: queryKeys.timeline(organizationId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/organizations/{id}/timeline', {
          params: { path: { id: organizationId }, query: { limit: TIMELINE_LIMIT } },
        }),
      ),
  });

  return (
    <Section id="timeline" title="Timeline">
      <Stack gap="md">
        {canWrite && <AddNoteForm organizationId={organizationId} />}
        {timeline.isPending && <Loader size="sm" aria-label="Loading timeline" />}
        {timeline.isError && (
          <Alert color="red" role="alert">
            {errorMessage(timeline.error)}
          </Alert>
        )}
        {timeline.data?.data.length === 0 && <Text c="dimmed">Nothing has happened yet.</Text>}
        {timeline.data && timeline.data.data.length > 0 && (
          <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {timeline.data.data.map((entry) => (
              <li
                key={`${entry.type}-${entry.refId}`}
                style={{ borderLeft: '3px solid var(--mantine-color-gray-4)', paddingLeft: 10 }}
              >
                <Text size="xs" c="dimmed">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {TYPE_LABELS[entry.type]}
                </Text>
                <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {entry.summary}
                </Text>
              </li>
            ))}
          </Stack>
        )}
        {timeline.data && timeline.data.meta.total > TIMELINE_LIMIT && (
          <Text size="sm" c="dimmed">
            Showing the latest {TIMELINE_LIMIT} of {timeline.data.meta.total} events.
          </Text>
        )}
      </Stack>
    </Section>
  );
}
