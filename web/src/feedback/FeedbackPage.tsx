import { Button, SegmentedControl, Select, SimpleGrid, Stack, VisuallyHidden } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { ListFrame } from '../common/ListFrame';
import { OrganizationSelect } from '../visits/OrganizationSelect';
import { useOrganizationNames, useProgramOptions } from '../visits/outreach-data';
import { FeedbackCard } from './FeedbackCard';
import { useFeedbackList } from './feedback-queries';
import {
  FEEDBACK_PAGE_SIZE,
  parseFeedbackSearch,
  SOURCE_LABELS,
  SOURCES,
  toFeedbackQuery,
  withFeedbackFilters,
  type FeedbackSearch,
  type FeedbackShow,
} from './feedback-search';
import { RecordFeedbackModal } from './RecordFeedbackModal';

const route = getRouteApi('/app/feedback-inbox');

const EMPTY: Record<FeedbackShow, string> = {
  'needs-action': 'Nothing needs action: every piece of feedback has an answer.',
  all: 'No feedback yet.',
  'action-taken': 'No feedback has an action recorded yet.',
};

/** The feedback inbox: what still needs action first, with the filters in the URL. */
export function FeedbackPage() {
  const user = useCurrentUser();
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseFeedbackSearch(rawSearch), [rawSearch]);
  const navigate = route.useNavigate();
  const [recording, setRecording] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const query = useMemo(() => toFeedbackQuery(search), [search]);
  const feedback = useFeedbackList(query, { keepPrevious: true });
  const programs = useProgramOptions();
  const rows = feedback.data?.data ?? [];
  const names = useOrganizationNames(rows.map((item) => item.organizationId));
  const programNames = new Map(programs.data?.map((program) => [program.id, program.name]));

  const show: FeedbackShow = search.show ?? 'needs-action';
  const filtered = !!(search.source || search.programId || search.organizationId);
  const total = feedback.data?.meta.total ?? 0;
  const setFilters = (changes: Partial<Omit<FeedbackSearch, 'page'>>) =>
    void navigate({ search: (previous) => withFeedbackFilters(previous as Record<string, unknown>, changes) });

  return (
    <ListFrame
      title="Feedback"
      actions={
        can(user, 'outreach.write') && (
          <Button size="md" onClick={() => setRecording(true)}>
            Record feedback
          </Button>
        )
      }
      filtersLabel="Filters"
      filters={
        <>
          <SegmentedControl
            aria-label="Show"
            fullWidth
            style={{ maxWidth: 520 }}
            data={[
              { value: 'needs-action', label: 'Needs action' },
              { value: 'all', label: 'All' },
              { value: 'action-taken', label: 'Action taken' },
            ]}
            value={show}
            onChange={(value) => setFilters({ show: value === 'all' || value === 'action-taken' ? value : undefined })}
          />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Select
              label="From"
              placeholder="Anyone"
              clearable
              data={SOURCES.map((source) => ({ value: source, label: SOURCE_LABELS[source] }))}
              value={search.source ?? null}
              onChange={(value) => setFilters({ source: value ?? undefined })}
            />
            <Select
              label="Program"
              placeholder="Any program"
              clearable
              searchable
              nothingFoundMessage="No such program"
              data={(programs.data ?? []).map((program) => ({ value: program.id, label: program.name }))}
              value={search.programId ?? null}
              onChange={(value) => setFilters({ programId: value ?? undefined })}
            />
            <OrganizationSelect
              label="Partner"
              placeholder="Any partner"
              clearable
              value={search.organizationId ?? null}
              onChange={(value) => setFilters({ organizationId: value ?? undefined })}
            />
          </SimpleGrid>
        </>
      }
      filtered={filtered}
      onClearFilters={() => setFilters({ source: undefined, programId: undefined, organizationId: undefined })}
      query={feedback}
      noun={{ one: 'feedback', many: 'feedback' }}
      total={total}
      emptyText={EMPTY[show]}
      countText={(n) =>
        show === 'needs-action'
          ? `${n} ${n === 1 ? 'needs' : 'need'} action`
          : `${n} ${n === 1 ? 'piece' : 'pieces'} of feedback`
      }
      errorTitle="The feedback could not be loaded"
      pagination={{
        page: search.page ?? 1,
        pageSize: FEEDBACK_PAGE_SIZE,
        onChange: (page) =>
          void navigate({
            search: (previous) => ({ ...parseFeedbackSearch(previous), page: page > 1 ? page : undefined }),
          }),
      }}
      footer={
        recording && (
          <RecordFeedbackModal
            onClose={() => setRecording(false)}
            organizationId={search.organizationId}
            onRecorded={() => setAnnouncement('Feedback recorded.')}
          />
        )
      }
    >
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      {rows.length > 0 && (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {rows.map((item) => (
            <li key={item.id}>
              <FeedbackCard
                feedback={item}
                headingOrder={2}
                organizationName={item.organizationId ? (names.get(item.organizationId) ?? 'Partner') : undefined}
                programName={item.programId ? programNames.get(item.programId) : undefined}
                onActionRecorded={(updated) =>
                  setAnnouncement(
                    updated.actionTaken
                      ? 'Action taken recorded.'
                      : 'Action taken cleared; the feedback needs action again.',
                  )
                }
              />
            </li>
          ))}
        </Stack>
      )}
    </ListFrame>
  );
}
