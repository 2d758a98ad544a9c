import { Alert, Box, Button, Group, Pagination, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { ButtonLink } from './ButtonLink';
import { errorMessage, unwrap } from '../api/problem';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { OrganizationSelect } from './OrganizationSelect';
import { outreachKeys } from './outreach-data';
import { VisitList } from './VisitList';
import {
  isDay,
  parseVisitsSearch,
  rangeProblem,
  toVisitQuery,
  VISITS_PAGE_SIZE,
  withVisitFilters,
} from './visits-search';

const route = getRouteApi('/app/visits');

/** Every visit, newest first, filtered by partner and days; the filters live in the URL. */
export function VisitsPage() {
  const user = useCurrentUser();
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseVisitsSearch(rawSearch), [rawSearch]);
  const navigate = route.useNavigate();
  const problem = rangeProblem(search);
  const query = useMemo(() => toVisitQuery(search), [search]);
  const visits = useQuery({
    queryKey: outreachKeys.visitList(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/visits', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    enabled: !problem,
  });

  const filtered = !!(search.organizationId || search.from || search.to);
  const total = visits.data?.meta.total ?? 0;
  const setFilters = (changes: Parameters<typeof withVisitFilters>[1]) =>
    void navigate({ search: (previous) => withVisitFilters(previous as Record<string, unknown>, changes) });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="wrap">
        <PageTitle>Visits</PageTitle>
        {can(user, 'outreach.write') && (
          <ButtonLink
            to="/log-visit"
            search={search.organizationId ? { organizationId: search.organizationId } : {}}
            size="md"
          >
            Log a visit
          </ButtonLink>
        )}
      </Group>

      <Box component="section" aria-label="Filters">
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
        {filtered && (
          <Button mt="xs" variant="subtle" size="compact-sm" onClick={() => void navigate({ search: {} })}>
            Clear filters
          </Button>
        )}
      </Box>

      <Text role="status" aria-live="polite" fw={500}>
        {problem
          ? ''
          : visits.isPending
            ? 'Loading visits…'
            : visits.isError
              ? ''
              : total === 0
                ? filtered
                  ? 'No visit matches these filters.'
                  : 'No visits logged yet.'
                : `${total} ${total === 1 ? 'visit' : 'visits'}${filtered ? ' found' : ''}`}
      </Text>
      {visits.isError && (
        <Alert color="red" role="alert" title="The visits could not be loaded">
          {errorMessage(visits.error)}
        </Alert>
      )}
      {!problem && visits.data && visits.data.data.length > 0 && <VisitList visits={visits.data.data} />}
      {!problem && total > VISITS_PAGE_SIZE && (
        <Group justify="center">
          <Pagination
            total={Math.ceil(total / VISITS_PAGE_SIZE)}
            value={search.page ?? 1}
            onChange={(page) =>
              void navigate({
                search: (previous) => ({ ...parseVisitsSearch(previous), page: page > 1 ? page : undefined }),
              })
            }
            getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
            getControlProps={(control) =>
              control === 'previous'
                ? { 'aria-label': 'Previous page' }
                : control === 'next'
                  ? { 'aria-label': 'Next page' }
                  : {}
            }
          />
        </Group>
      )}
    </Stack>
  );
}

/**
 * A date field whose day goes into the URL once it is a whole, plausible day. Typing a year
 * passes through days like 0002-03-04; those stay in the field without reaching the URL.
 */
function DayInput({
  label,
  value,
  onCommit,
  error,
}: {
  label: string;
  value: string | undefined;
  onCommit: (day: string | undefined) => void;
  error?: string;
}) {
  const [text, setText] = useState(value ?? '');
  // Follow the URL when it changes from elsewhere ("Clear filters", the back button).
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value ?? '');
  }
  return (
    <TextInput
      label={label}
      type="date"
      min="1900-01-01"
      max="2999-12-31"
      value={text}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        if (next === '' || isDay(next)) onCommit(next || undefined);
      }}
      error={error}
    />
  );
}
