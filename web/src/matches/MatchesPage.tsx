import { Alert, Checkbox, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { ForbiddenPage } from '../common/ForbiddenPage';
import { PageTitle } from '../common/PageTitle';
import { IntroductionList } from './IntroductionList';
import {
  MATCH_STATUSES,
  MATCHES_PAGE_SIZE,
  matchesPageCount,
  matchesRangeText,
  parseMatchesSearch,
  STATUS_LABELS,
  type MatchesSearch,
  type MatchStatus,
} from './match-format';
import { useMatchesPage } from './matches-queries';
import { Pager } from '../common/Pager';

const route = getRouteApi('/app/introductions');

/**
 * Suggested introductions, a page at a time: open ones strongest first, and those introduced or
 * dismissed, most recent first (the list and page number in the address).
 */
export function MatchesPage() {
  const user = useCurrentUser();
  if (!can(user, 'matching.use'))
    return <ForbiddenPage what="Suggested introductions" who="staff, managers and admins" />;
  return <Matches />;
}

const INTRO: Record<MatchStatus, string> = {
  open:
    'Partners who could help each other: one offers a skill or resource the other looks for, or both serve a ' +
    'high-priority audience. Strongest first, each partner in a few at most. Record an introduction you made (a ' +
    'follow-up task goes on your list) or dismiss one that does not make sense; it stays hidden for everyone.',
  introduced: 'Introductions recorded, most recent first, as they were suggested at the time.',
  dismissed: 'Suggestions someone dismissed, most recent first. Restore one to list it again.',
};

function Matches() {
  const search = parseMatchesSearch(route.useSearch());
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const status: MatchStatus = search.status ?? 'open';
  const all = status === 'open' && search.all === true;
  const matches = useMatchesPage(page, status, all);
  const total = matches.data?.meta.total ?? 0;
  const rows = matches.data?.data ?? [];
  const lastPage = matchesPageCount(total);
  const pastTheEnd = !matches.isPlaceholderData && matches.data !== undefined && rows.length === 0 && page > lastPage;
  const go = (next: MatchesSearch, replace = false) => void navigate({ search: next, replace });

  useEffect(() => {
    // Acting on the last suggestion of the last page (or an old link) leaves an empty page: go to the last one.
    if (pastTheEnd)
      void navigate({
        search: (previous: MatchesSearch) => ({ ...previous, page: lastPage > 1 ? lastPage : undefined }),
        replace: true,
      });
  }, [pastTheEnd, lastPage, navigate]);

  if (matches.error instanceof ApiError && matches.error.status === 403) {
    return <ForbiddenPage what="Suggested introductions" who="staff, managers and admins" />;
  }
  const loading = matches.isPending || (matches.isPlaceholderData && matches.isFetching);
  return (
    <Stack gap="md" maw={880}>
      <PageTitle>Suggested introductions</PageTitle>
      <SegmentedControl
        aria-label="Which suggestions"
        value={status}
        onChange={(value) => go(value === 'open' ? {} : { status: value })}
        data={MATCH_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))}
        fullWidth
        maw={420}
      />
      <Text>{INTRO[status]}</Text>
      {status === 'open' && (
        <Checkbox
          label="Show every suggestion, the weak ones too"
          description="By default suggestions below the strength floor are left out, and each partner is in a few at most (set by an admin)."
          checked={all}
          onChange={(event) => go(event.currentTarget.checked ? { all: true } : {})}
        />
      )}
      <Text role="status" aria-live="polite" fw={500}>
        {loading ? 'Loading suggestions…' : matches.isError ? '' : matchesRangeText(total, page, rows.length, status)}
      </Text>
      {loading && <Loader size="sm" aria-hidden="true" />}
      {matches.isError && (
        <Alert color="red" role="alert" title="The suggestions could not be loaded">
          {errorMessage(matches.error)}
        </Alert>
      )}
      {/* Rendered while empty too: the notice offering Undo stays after the last one is acted on. */}
      {matches.data && (
        <IntroductionList matches={rows.filter((row) => row.status === status)} headingLevel={2} status={status} />
      )}
      <Pager
        total={total}
        pageSize={MATCHES_PAGE_SIZE}
        page={page}
        onChange={(next) =>
          go({ ...(status !== 'open' && { status }), ...(all && { all: true }), ...(next > 1 && { page: next }) })
        }
      />
    </Stack>
  );
}
