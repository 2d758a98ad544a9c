import {
  Alert,
  Badge,
  Box,
  Button,
  Collapse,
  Grid,
  Group,
  List,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { ownerLabel, useColleagues } from '../api/queries';
import { BAND_LABELS, STAGE_LABELS, STAGES } from '../api/types';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { SendRoundButton, RoundResult, useCheckInRound } from '../check-ins/SendRoundButton';
import { AnchorLink } from '../common/AnchorLink';
import { ForbiddenPage } from '../common/ForbiddenPage';
import { formatDate, formatDateTime } from '../common/format';
import { usePhoneLayout } from '../common/ListFrame';
import { Pager } from '../common/Pager';
import { PageTitle } from '../common/PageTitle';
import { BandBadge, StageBadge } from '../common/StageBadge';
import { IntroductionList } from '../matches/IntroductionList';
import { DashboardGoalsSection } from '../goals/DashboardGoalsSection';
import { UNKNOWN_ORGANIZATION, useOrganizationNames } from '../matches/useOrganizationNames';
import { Section } from '../organization/Section';
import { PortfolioTrendChart } from './charts';
import { useHealthDashboard, usePortfolioHistory } from './dashboard-queries';
import { coverageAlert, coverageRows, EVERY_BAND, formatTrend, PRIORITY_LABELS } from './dashboard-format';
import {
  clearFilters,
  emptyResultText,
  filterCount,
  bandWords,
  hasFilters,
  parseDashboardSearch,
  PORTFOLIO_PAGE_SIZE,
  portfolioCountText,
  toDashboardQuery,
  toggleBand,
  withFilters,
  withPage,
  type DashboardFilters,
  type DashboardSearch,
} from './dashboard-search';
import { PORTFOLIO_STAGES, type HealthDashboard, type PortfolioEntry } from './types';

const route = getRouteApi('/app/dashboard');

/** The manager's dashboard: for managers and admins; anyone else typing the address gets a 403 page. */
export function DashboardPage() {
  const user = useCurrentUser();
  if (!can(user, 'dashboard.read')) return <ForbiddenPage what="The partnership dashboard" who="managers and admins" />;
  return <Dashboard />;
}

function Dashboard() {
  const user = useCurrentUser();
  // The router hands over every parameter of the URL, validated or not; read only the valid ones.
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseDashboardSearch(rawSearch), [rawSearch]);
  const query = useMemo(() => toDashboardQuery(search, user.id), [search, user.id]);
  const dashboard = useHealthDashboard(query);
  const history = usePortfolioHistory();
  const round = useCheckInRound();
  const names = useMemo(
    () => new Map(dashboard.data?.data.map((entry) => [entry.organizationId, entry.name])),
    [dashboard.data],
  );

  if (dashboard.error instanceof ApiError && dashboard.error.status === 403) {
    return <ForbiddenPage what="The partnership dashboard" who="managers and admins" />;
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center" wrap="wrap">
        <PageTitle>Partnership dashboard</PageTitle>
        <Group gap="sm">
          <SendRoundButton round={round} />
          <AnchorLink to="/dashboard/digest">This week’s digest</AnchorLink>
        </Group>
      </Group>
      <RoundResult round={round} names={names} />

      {dashboard.isPending && (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>Loading the dashboard…</Text>
        </Group>
      )}
      {dashboard.isError && (
        <Alert color="red" role="alert" title="The dashboard could not be loaded">
          {errorMessage(dashboard.error)}
        </Alert>
      )}

      {dashboard.data && (
        <>
          <BandsSection summary={dashboard.data.summary} search={search} />
          <DashboardGoalsSection goals={dashboard.data.goals} />
          <PortfolioSection dashboard={dashboard.data} search={search} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Stack gap="md">
                <CoverageSection coverage={dashboard.data.audienceCoverage} />
                <Section id="trend" title="Trend">
                  {history.isPending && <Loader size="sm" aria-label="Loading the trend" />}
                  {history.isError && (
                    <Alert color="red" role="alert">
                      {errorMessage(history.error)}
                    </Alert>
                  )}
                  {history.data && <PortfolioTrendChart weeks={history.data} />}
                </Section>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Stack gap="md">
                <IntroductionsSection introductions={dashboard.data.introductions} names={names} />
                <UpcomingSection upcoming={dashboard.data.upcomingSessions} />
                <OverdueSection overdue={dashboard.data.overdueTasks} names={names} />
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}

function BandsSection({ summary, search }: { summary: HealthDashboard['summary']; search: DashboardSearch }) {
  const navigate = route.useNavigate();
  return (
    <Section id="bands" title="Health bands">
      <Text size="sm" c="dimmed" mb="xs">
        Every partner not ended, whatever the filters below. Pick a band to list only its partners.
      </Text>
      <SimpleGrid component="dl" cols={{ base: 2, xs: 3, md: 5 }} spacing="sm" m={0}>
        {EVERY_BAND.map((band) => {
          const count = summary.byBand[band] ?? 0;
          const active = search.band === band;
          return (
            <Paper
              key={band}
              withBorder
              p="sm"
              radius="md"
              data-testid={`band-${band}`}
              className={band === EVERY_BAND[EVERY_BAND.length - 1] ? 'band-card-last' : undefined}
              style={active ? { borderColor: 'var(--mantine-color-cyan-9)', borderWidth: 2 } : undefined}
            >
              <Text component="dt" size="sm" fw={600}>
                <BandBadge band={band} />
              </Text>
              {/* The count is the button (a dt or dd may not sit inside one): it lists this band's partners below. */}
              <Text component="dd" m={0}>
                <UnstyledButton
                  onClick={() => void navigate({ search: (previous) => toggleBand(previous, band) })}
                  aria-pressed={active}
                  fz={28}
                  fw={700}
                  lh={1.2}
                  td="underline"
                  style={{ textDecorationThickness: 1, textUnderlineOffset: 4 }}
                >
                  <span>{count}</span>
                  <VisuallyHidden>
                    {active
                      ? ` ${bandWords(band)}: listed below, press to list every band`
                      : ` ${bandWords(band)}: list only these`}
                  </VisuallyHidden>
                </UnstyledButton>
              </Text>
            </Paper>
          );
        })}
      </SimpleGrid>
      <Text size="sm" mt="sm" fw={600} id="by-stage">
        Every partner by stage
      </Text>
      <Group component="dl" gap="md" m={0} aria-labelledby="by-stage">
        {STAGES.map((stage) => (
          <Group key={stage} gap={4} wrap="nowrap">
            <Text component="dt" size="sm">
              {STAGE_LABELS[stage]}
            </Text>
            <Text component="dd" m={0} size="sm" fw={700}>
              {summary.byStage[stage] ?? 0}
            </Text>
          </Group>
        ))}
      </Group>
    </Section>
  );
}

/** The arrow and the change for the eye, the same in words for screen readers. */
function TrendCell({ trend, inline = false }: { trend: PortfolioEntry['trend']; inline?: boolean }) {
  const view = formatTrend(trend);
  if (!view) {
    return (
      <Text size="sm" c="dimmed">
        No trend yet
      </Text>
    );
  }
  return (
    <>
      <Text size="sm" fw={600} aria-hidden="true" span={inline} style={{ whiteSpace: 'nowrap' }}>
        {view.arrow} {view.change}
      </Text>
      {inline && ' '}
      <Text size="xs" c="dimmed" aria-hidden="true" span={inline}>
        {view.span}
      </Text>
      <VisuallyHidden>{view.label}</VisuallyHidden>
    </>
  );
}

/** The score, or a dash (said as "no score yet") for a partner not scored yet. */
function ScoreValue({ score }: { score: number | null }) {
  if (score === null) {
    return (
      <Text span c="dimmed" fw={400}>
        <span aria-hidden="true">—</span>
        <VisuallyHidden>no score yet</VisuallyHidden>
      </Text>
    );
  }
  return <>{score}</>;
}

function Drivers({ drivers }: { drivers: string[] }) {
  if (drivers.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing holds it back
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2}>
      {drivers.map((driver) => (
        <List.Item key={driver}>{driver}</List.Item>
      ))}
    </List>
  );
}

/** Band, stage and owner filters; folded behind a "Filters" button on a phone, in the URL everywhere. */
function PortfolioFilters({ search }: { search: DashboardSearch }) {
  const user = useCurrentUser();
  const colleagues = useColleagues();
  const navigate = route.useNavigate();
  const phone = usePhoneLayout();
  const [open, fold] = useDisclosure(false);
  const setFilters = (changes: Partial<DashboardFilters>) =>
    void navigate({ search: (previous) => withFilters(previous, changes) });

  const ownerOptions = [
    { value: user.id, label: 'Me' },
    ...(colleagues.data ?? [])
      .filter((other) => other.id !== user.id)
      .map((other) => ({ value: other.id, label: other.name })),
  ];
  if (search.ownerId && !ownerOptions.some((option) => option.value === search.ownerId)) {
    ownerOptions.push({ value: search.ownerId, label: 'A colleague' });
  }
  const count = filterCount(search);

  return (
    <Box component="section" aria-label="Filter the partners">
      <Stack gap="sm">
        <Group gap="md" justify="space-between" wrap="wrap">
          <Switch
            label="My partners"
            checked={search.mine === true}
            onChange={(event) => setFilters({ mine: event.currentTarget.checked ? true : undefined })}
          />
          {phone && (
            <Button
              variant="default"
              size="compact-md"
              onClick={fold.toggle}
              aria-expanded={open}
              aria-controls="portfolio-filters"
            >
              {count === 0 ? 'Filters' : `Filters (${count} set)`}
            </Button>
          )}
        </Group>
        <Collapse expanded={!phone || open} keepMountedMode="display-none" id="portfolio-filters">
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Select
              label="Band"
              placeholder="Any band"
              clearable
              data={EVERY_BAND.map((band) => ({ value: band, label: BAND_LABELS[band] }))}
              value={search.band ?? null}
              onChange={(value) => setFilters({ band: value ?? undefined })}
            />
            <Select
              label="Stage"
              placeholder="Any stage"
              clearable
              data={PORTFOLIO_STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
              value={search.stage ?? null}
              onChange={(value) => setFilters({ stage: value ?? undefined })}
            />
            <Select
              label="Looked after by"
              placeholder="Anyone"
              clearable
              searchable
              nothingFoundMessage="No such colleague"
              data={ownerOptions}
              value={search.mine ? user.id : (search.ownerId ?? null)}
              onChange={(value) =>
                setFilters(
                  value === user.id
                    ? { mine: true }
                    : value
                      ? { ownerId: value }
                      : { ownerId: undefined, mine: undefined },
                )
              }
            />
          </SimpleGrid>
        </Collapse>
      </Stack>
    </Box>
  );
}

function PortfolioSection({ dashboard, search }: { dashboard: HealthDashboard; search: DashboardSearch }) {
  const user = useCurrentUser();
  const colleagues = useColleagues();
  const navigate = route.useNavigate();
  const entries = dashboard.data;
  const filtered = hasFilters(search);
  const page = search.page ?? 1;
  const pages = Math.max(1, Math.ceil(dashboard.total / PORTFOLIO_PAGE_SIZE));
  const portfolioSize = EVERY_BAND.reduce((sum, band) => sum + (dashboard.summary.byBand[band] ?? 0), 0);
  const ownerName = search.ownerId ? ownerLabel(search.ownerId, user, colleagues.data) : undefined;
  const clear = () => void navigate({ search: clearFilters() });
  const status =
    dashboard.total === 0
      ? ''
      : `${portfolioCountText(dashboard.total, portfolioSize, search, ownerName)}${pages > 1 ? ` · page ${page} of ${pages}` : ''}`;

  return (
    <Section id="worst-first" title="Partners, worst first">
      <Stack gap="sm">
        <PortfolioFilters search={search} />
        {/* An empty result has its own "Clear filters" next to the sentence saying why. */}
        {filtered && dashboard.total > 0 && (
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={clear}>
              Clear filters
            </Button>
          </Group>
        )}
        <Text role="status" aria-live="polite" fw={500} size="sm">
          {status}
        </Text>
        {dashboard.total === 0 && !filtered && (
          <Text c="dimmed">No partners yet: the list fills in as partners are added.</Text>
        )}
        {dashboard.total === 0 && filtered && (
          <Stack gap="xs" align="flex-start" data-testid="portfolio-empty">
            <Text>{emptyResultText(search, dashboard.summary.byBand, ownerName)}</Text>
            <Button variant="light" onClick={clear}>
              Clear filters
            </Button>
          </Stack>
        )}
        {dashboard.total > 0 && entries.length === 0 && (
          <Stack gap="xs" align="flex-start">
            <Text>This page is past the end of the list.</Text>
            <Button variant="light" onClick={() => void navigate({ search: (previous) => withPage(previous, 1) })}>
              Go to the first page
            </Button>
          </Stack>
        )}
        {entries.length > 0 && <PortfolioList entries={entries} />}
        <Pager
          total={dashboard.total}
          pageSize={PORTFOLIO_PAGE_SIZE}
          page={page}
          onChange={(next) => {
            void navigate({ search: (previous) => withPage(previous, next) });
            document.getElementById('worst-first')?.scrollIntoView?.({ block: 'start' });
          }}
        />
      </Stack>
    </Section>
  );
}

function PortfolioList({ entries }: { entries: PortfolioEntry[] }) {
  return (
    <>
      {/* A phone gets the same rows as cards; display:none keeps the hidden one from screen readers too. */}
      <Stack component="ol" hiddenFrom="sm" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
        {entries.map((entry) => (
          <Paper component="li" key={entry.organizationId} withBorder p="sm" radius="md" data-testid="portfolio-card">
            <Stack gap={6}>
              <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
                <AnchorLink to="/organizations/$organizationId" params={{ organizationId: entry.organizationId }}>
                  {entry.name}
                </AnchorLink>
              </Title>
              <Group gap="sm" align="center">
                {entry.score !== null && (
                  <Text fw={700}>
                    {entry.score}
                    <Text span size="sm" fw={400}>
                      {' '}
                      / 100
                    </Text>
                  </Text>
                )}
                <BandBadge band={entry.band} />
                <StageBadge stage={entry.stage} />
              </Group>
              {entry.score !== null && (
                <div>
                  <TrendCell trend={entry.trend} inline />
                </div>
              )}
              <Drivers drivers={entry.drivers} />
            </Stack>
          </Paper>
        ))}
      </Stack>
      <Table.ScrollContainer minWidth={640} visibleFrom="sm">
        <Table verticalSpacing="sm" captionSide="top" striped>
          <VisuallyHidden component="caption">Partners not ended, lowest health score first</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Partner</Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                Score
              </Table.Th>
              {/* Wide enough that "Not scored yet" and "No trend yet" stay on one line. */}
              <Table.Th style={{ minWidth: '11.5rem' }}>Band</Table.Th>
              <Table.Th style={{ minWidth: '7rem' }}>Trend</Table.Th>
              <Table.Th>What drives it</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.organizationId} data-testid="portfolio-row">
                <Table.Td>
                  <AnchorLink
                    to="/organizations/$organizationId"
                    params={{ organizationId: entry.organizationId }}
                    fw={600}
                  >
                    {entry.name}
                  </AnchorLink>
                  <div>
                    <StageBadge stage={entry.stage} />
                  </div>
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  <ScoreValue score={entry.score} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <BandBadge band={entry.band} />
                </Table.Td>
                <Table.Td>
                  {entry.score === null ? (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  ) : (
                    <TrendCell trend={entry.trend} />
                  )}
                </Table.Td>
                <Table.Td>
                  <Drivers drivers={entry.drivers} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

function CoverageSection({ coverage }: { coverage: HealthDashboard['audienceCoverage'] }) {
  const rows = coverageRows(coverage);
  const alert = coverageAlert(rows);
  return (
    <Section id="coverage" title="Audience coverage">
      <Stack gap="sm">
        {alert && (
          <Text fw={600} c="red.9">
            {alert}
          </Text>
        )}
        {rows.length === 0 && <Text c="dimmed">No audiences defined yet.</Text>}
        {rows.length > 0 && (
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
            {rows.map((row) => (
              <Paper
                component="li"
                key={row.audienceId}
                withBorder
                p="xs"
                radius="md"
                bg={row.highlight ? 'red.0' : undefined}
                style={row.highlight ? { borderColor: 'var(--mantine-color-red-9)', borderWidth: 2 } : undefined}
                data-testid="coverage-row"
                data-highlight={row.highlight ? 'true' : undefined}
              >
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <div>
                    <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {row.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {PRIORITY_LABELS[row.priority] ?? `Priority ${row.priority}`}
                    </Text>
                  </div>
                  {row.highlight ? (
                    <Badge color="red.9" variant="filled" tt="none">
                      Not covered
                    </Badge>
                  ) : (
                    <Text size="sm" fw={row.status === 'uncovered' ? 600 : 400}>
                      {row.partnersText}
                    </Text>
                  )}
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

function IntroductionsSection({
  introductions,
  names,
}: {
  introductions: HealthDashboard['introductions'];
  names: ReadonlyMap<string, string>;
}) {
  return (
    <Section id="introductions" title="Suggested introductions">
      {/* The list stays in the same place while empty: its notice offering Undo outlives the last suggestion. */}
      <Stack gap="sm">
        {introductions.total === 0 && <Text c="dimmed">No introductions to suggest right now.</Text>}
        <IntroductionList matches={introductions.data} knownNames={names} />
        {introductions.total > 0 && (
          <AnchorLink to="/introductions">
            {introductions.total > introductions.data.length
              ? `See all ${introductions.total} suggestions`
              : 'Open the suggestions page'}
          </AnchorLink>
        )}
      </Stack>
    </Section>
  );
}

function UpcomingSection({ upcoming }: { upcoming: HealthDashboard['upcomingSessions'] }) {
  return (
    <Section id="upcoming" title="Sessions in the next 14 days">
      {upcoming.total === 0 ? (
        <Text c="dimmed">No sessions in the next 14 days.</Text>
      ) : (
        <Stack gap="xs">
          <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
            {upcoming.data.map((session) => (
              <Text component="li" size="sm" key={session.id}>
                <time dateTime={session.startsAt}>{formatDateTime(session.startsAt)}</time> · {session.programName}
              </Text>
            ))}
          </Stack>
          {upcoming.total > upcoming.data.length && (
            <Text size="sm" c="dimmed">
              The first {upcoming.data.length} of {upcoming.total} sessions.
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}

function OverdueSection({
  overdue,
  names,
}: {
  overdue: HealthDashboard['overdueTasks'];
  names: ReadonlyMap<string, string>;
}) {
  const user = useCurrentUser();
  const colleagues = useColleagues();
  const organizationNames = useOrganizationNames(
    overdue.data.flatMap((task) => (task.organizationId ? [task.organizationId] : [])),
    names,
  );
  return (
    <Section id="overdue" title="Overdue follow-ups">
      {overdue.total === 0 ? (
        <Text c="dimmed">Nothing overdue.</Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {overdue.total} overdue, oldest first
          </Text>
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
            {overdue.data.map((task) => {
              const partner = task.organizationId ? organizationNames.get(task.organizationId) : undefined;
              return (
                <li key={task.id}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {task.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Due {formatDate(task.dueAt)} · {ownerLabel(task.assigneeId, user, colleagues.data)}
                    {task.organizationId && partner && partner !== UNKNOWN_ORGANIZATION && (
                      <>
                        {' · '}
                        <AnchorLink
                          to="/organizations/$organizationId"
                          params={{ organizationId: task.organizationId }}
                          size="xs"
                          underline="always"
                        >
                          {partner}
                        </AnchorLink>
                      </>
                    )}
                  </Text>
                </li>
              );
            })}
          </Stack>
          {overdue.total > overdue.data.length && (
            <Text size="sm" c="dimmed">
              The oldest {overdue.data.length} of {overdue.total}.
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}
