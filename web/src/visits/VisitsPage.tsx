import { SimpleGrid } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { ButtonLink } from './ButtonLink';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { DayInput } from '../common/DayInput';
import { ListFrame } from '../common/ListFrame';
import { OrganizationSelect } from './OrganizationSelect';
import { VisitList } from './VisitList';
import { useVisits } from './visits-queries';
import { parseVisitsSearch, rangeProblem, toVisitQuery, VISITS_PAGE_SIZE, withVisitFilters } from './visits-search';

const route = getRouteApi('/app/visits');

/** Every visit, newest first, filtered by partner and days; the filters live in the URL. */
export function VisitsPage() {
  const user = useCurrentUser();
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseVisitsSearch(rawSearch), [rawSearch]);
  const navigate = route.useNavigate();
  const problem = rangeProblem(search);
  const query = useMemo(() => toVisitQuery(search), [search]);
  const visits = useVisits(query, { keepPrevious: true, enabled: !problem });

  const filtered = !!(search.organizationId || search.from || search.to);
  const total = visits.data?.meta.total ?? 0;
  const setFilters = (changes: Parameters<typeof withVisitFilters>[1]) =>
    void navigate({ search: (previous) => withVisitFilters(previous as Record<string, unknown>, changes) });

  return (
    <ListFrame
      title="Visits"
      actions={
        can(user, 'outreach.write') && (
          <ButtonLink
            to="/log-visit"
            search={search.organizationId ? { organizationId: search.organizationId } : {}}
            size="md"
          >
            Log a visit
          </ButtonLink>
        )
      }
      filtersLabel="Filters"
      filters={
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <OrganizationSelect
            label="Partner"
            placeholder="Any partner"
            clearable
            value={search.organizationId ?? null}
            onChange={(organizationId) => setFilters({ organizationId: organizationId ?? undefined })}
          />
          <DayInput
            label="From"
            value={search.from}
            onCommit={(from) => setFilters({ from })}
            error={problem ?? undefined}
          />
          <DayInput label="To" value={search.to} onCommit={(to) => setFilters({ to })} />
        </SimpleGrid>
      }
      filtered={filtered}
      onClearFilters={() => void navigate({ search: {} })}
      query={visits}
      noun={{ one: 'visit', many: 'visits' }}
      total={total}
      emptyText="No visits logged yet."
      // Days that make no range: the field says why, and nothing is looked up.
      status={problem ? '' : undefined}
      errorTitle="The visits could not be loaded"
      pagination={
        problem
          ? undefined
          : {
              page: search.page ?? 1,
              pageSize: VISITS_PAGE_SIZE,
              onChange: (page) =>
                void navigate({
                  search: (previous) => ({ ...parseVisitsSearch(previous), page: page > 1 ? page : undefined }),
                }),
            }
      }
    >
      {!problem && visits.data && visits.data.data.length > 0 && <VisitList visits={visits.data.data} />}
    </ListFrame>
  );
}
