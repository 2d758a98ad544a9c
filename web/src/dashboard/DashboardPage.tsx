import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../api/problem';
import { ownerLabel, useColleagues } from '../api/queries';
import { STAGE_LABELS, STAGES } from '../api/types';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { SendRoundButton, RoundResult, useCheckInRound } from '../check-ins/SendRoundButton';
import { AnchorLink } from '../common/AnchorLink';
import { ForbiddenPage } from '../common/ForbiddenPage';
import { formatDate, formatDateTime } from '../common/format';
import { PageTitle } from '../common/PageTitle';
import { BandBadge, StageBadge } from '../common/StageBadge';
import { IntroductionList } from '../matches/IntroductionList';
import { UNKNOWN_ORGANIZATION, useOrganizationNames } from '../matches/useOrganizationNames';
import { Section } from '../organization/Section';
import { PortfolioTrendChart } from './charts';
import { useHealthDashboard, usePortfolioHistory } from './dashboard-queries';
import { BANDS_WORST_FIRST, coverageAlert, coverageRows, formatTrend, PRIORITY_LABELS } from './dashboard-format';
import type { HealthDashboard, PortfolioEntry } from './types';

/** Rows of the worst-first list shown before "Show all". */
export const PORTFOLIO_SHOWN = 15;

/** The manager's dashboard: for managers and admins; anyone else typing the address gets a 403 page. */
export function DashboardPage() {
  const user = useCurrentUser();
  if (!can(user, 'dashboard.read')) return <ForbiddenPage what="The partnership dashboard" who="managers and admins" />;
  return <Dashboard />;
}

function Dashboard() {
  const dashboard = useHealthDashboard();
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
          <BandsSection summary={dashboard.data.summary} />
          <WorstFirstSection entries={dashboard.data.data} />
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

function BandsSection({ summary }: { summary: HealthDashboard['summary'] }) {
  return (
    <Section id="bands" title="Health bands">
      <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="sm" m={0}>
        {BANDS_WORST_FIRST.map((band) => (
          <Paper key={band} withBorder p="sm" radius="md" data-testid={`band-${band}`}>
            <Text component="dt" size="sm" fw={600}>
              <BandBadge band={band} />
            </Text>
            <Text component="dd" m={0} fz={28} fw={700} lh={1.2}>
              {summary.byBand[band] ?? 0}
            </Text>
          </Paper>
        ))}
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

function WorstFirstSection({ entries }: { entries: PortfolioEntry[] }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? entries : entries.slice(0, PORTFOLIO_SHOWN);
  return (
    <Section id="worst-first" title="Partners, worst first">
      {entries.length === 0 ? (
        <Text c="dimmed">No partners yet: the list fills in as partners are added.</Text>
      ) : (
        <Stack gap="sm">
          {/* A phone gets the same rows as cards; display:none keeps the hidden one from screen readers too. */}
          <Stack component="ol" hiddenFrom="sm" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {shown.map((entry) => (
              <Paper
                component="li"
                key={entry.organizationId}
                withBorder
                p="sm"
                radius="md"
                data-testid="portfolio-card"
              >
                <Stack gap={6}>
                  <Title order={3} size="h5">
                    <AnchorLink to="/organizations/$organizationId" params={{ organizationId: entry.organizationId }}>
                      {entry.name}
                    </AnchorLink>
                  </Title>
                  <Group gap="sm" align="center">
                    <Text fw={700}>
                      {entry.score}
                      <Text span size="sm" fw={400}>
                        {' '}
                        / 100
                      </Text>
                    </Text>
                    <BandBadge band={entry.band} />
                    <StageBadge stage={entry.stage} />
                  </Group>
                  <div>
                    <TrendCell trend={entry.trend} inline />
                  </div>
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
                  <Table.Th ta="right">Score</Table.Th>
                  <Table.Th>Band</Table.Th>
                  <Table.Th>Trend</Table.Th>
                  <Table.Th>What drives it</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((entry) => (
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
                      {entry.score}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <BandBadge band={entry.band} />
                    </Table.Td>
                    <Table.Td>
                      <TrendCell trend={entry.trend} />
                    </Table.Td>
                    <Table.Td>
                      <Drivers drivers={entry.drivers} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {entries.length > PORTFOLIO_SHOWN && (
            <Group>
              <Button variant="subtle" size="compact-sm" onClick={() => setShowAll(!showAll)} aria-expanded={showAll}>
                {showAll ? `Show the ${PORTFOLIO_SHOWN} lowest only` : `Show all ${entries.length} partners`}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Section>
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
