import { Alert, Loader, Stack, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { ForbiddenPage } from '../common/ForbiddenPage';
import { PageTitle } from '../common/PageTitle';
import { IntroductionList } from './IntroductionList';
import { MATCHES_PAGE_SIZE, matchesPageCount, matchesRangeText, parseMatchesSearch } from './match-format';
import { useMatchesPage } from './matches-queries';
import { Pager } from '../common/Pager';

const route = getRouteApi('/app/introductions');

/** Every suggested introduction, strongest first, a page at a time (the page number in the address). */
export function MatchesPage() {
  const user = useCurrentUser();
  if (!can(user, 'matching.use'))
    return <ForbiddenPage what="Suggested introductions" who="staff, managers and admins" />;
  return <Matches />;
}

function Matches() {
  const search = parseMatchesSearch(route.useSearch());
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const matches = useMatchesPage(page);
  const total = matches.data?.meta.total ?? 0;
  const rows = matches.data?.data ?? [];
  const lastPage = matchesPageCount(total);
  const pastTheEnd = !matches.isPlaceholderData && matches.data !== undefined && rows.length === 0 && page > lastPage;

  useEffect(() => {
    // Dismissing the last suggestion of the last page (or an old link) leaves an empty page: go to the last one.
    if (pastTheEnd) void navigate({ search: lastPage > 1 ? { page: lastPage } : {}, replace: true });
  }, [pastTheEnd, lastPage, navigate]);

  if (matches.error instanceof ApiError && matches.error.status === 403) {
    return <ForbiddenPage what="Suggested introductions" who="staff, managers and admins" />;
  }
  return (
    <Stack gap="md" maw={880}>
      <PageTitle>Suggested introductions</PageTitle>
      <Text>
        Partners who could help each other: one offers a skill or resource the other looks for, or both serve a
        high-priority audience. Strongest first. Dismiss a suggestion that does not make sense; it stays hidden for
        everyone.
      </Text>
      <Text role="status" aria-live="polite" fw={500}>
        {matches.isPending ? 'Loading suggestions…' : matches.isError ? '' : matchesRangeText(total, page, rows.length)}
      </Text>
      {matches.isPending && <Loader size="sm" aria-hidden="true" />}
      {matches.isError && (
        <Alert color="red" role="alert" title="The suggestions could not be loaded">
          {errorMessage(matches.error)}
        </Alert>
      )}
      {/* Rendered while empty too: the notice offering Undo stays after the last one is dismissed. */}
      {matches.data && <IntroductionList matches={rows} headingLevel={2} />}
      <Pager
        total={total}
        pageSize={MATCHES_PAGE_SIZE}
        page={page}
        onChange={(next) => void navigate({ search: next > 1 ? { page: next } : {} })}
      />
    </Stack>
  );
}
