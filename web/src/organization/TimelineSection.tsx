import { Alert, Button, Group, Loader, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError, errorMessage } from '../api/problem';
import type { TimelineEntry } from '../api/types';
import { formatDateTime } from '../common/format';
import { LanguageBadge } from '../library/languages';
import { useAddNote, useTimeline } from './organization-queries';
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
  const form = useForm({ mode: 'controlled', initialValues: { body: '' } });
  const add = useAddNote(organizationId);
  const body = form.getValues().body;

  return (
    <form
      onSubmit={form.onSubmit(({ body: text }) => {
        if (text.trim()) add.mutate(text.trim(), { onSuccess: () => form.reset() });
      })}
    >
      <Stack gap="xs">
        <Textarea
          label="Add a note"
          autosize
          minRows={2}
          maxRows={8}
          maxLength={20000}
          {...form.getInputProps('body')}
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

/** Newest first, 30 at a time: "Show more" loads the next page below the ones shown. */
export function TimelineSection({ organizationId, canWrite }: { organizationId: string; canWrite: boolean }) {
  const timeline = useTimeline(organizationId, TIMELINE_LIMIT);
  // An entry may move to the next page while more are added: show each once.
  const seen = new Set<string>();
  const entries = (timeline.data?.pages ?? [])
    .flatMap((page) => page.data)
    .filter((entry) => {
      const key = `${entry.type}-${entry.refId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const total = timeline.data?.pages.at(-1)?.meta.total ?? 0;

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
        {timeline.isSuccess && entries.length === 0 && <Text c="dimmed">Nothing has happened yet.</Text>}
        {entries.length > 0 && (
          <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {entries.map((entry) => (
              <li
                key={`${entry.type}-${entry.refId}`}
                style={{ borderLeft: '3px solid var(--mantine-color-gray-4)', paddingLeft: 10 }}
              >
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {TYPE_LABELS[entry.type]}
                  </Text>
                  {/* Feedback given in another language than the library's default says which. */}
                  <LanguageBadge language={entry.language} />
                </Group>
                <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {entry.summary}
                </Text>
              </li>
            ))}
          </Stack>
        )}
        {timeline.hasNextPage && (
          <Stack gap={4} align="flex-start">
            <Text size="sm" c="dimmed" role="status">
              Showing {entries.length} of {total} events.
            </Text>
            <Button
              variant="default"
              size="xs"
              loading={timeline.isFetchingNextPage}
              onClick={() => void timeline.fetchNextPage()}
            >
              Show more
            </Button>
          </Stack>
        )}
        {timeline.isFetchNextPageError && (
          <Alert color="red" role="alert">
            {errorMessage(timeline.error)}
          </Alert>
        )}
      </Stack>
    </Section>
  );
}
