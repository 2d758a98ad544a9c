import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import {
  PERIOD_PRESET_LABELS,
  PERIOD_PRESETS,
  REPORT_GROUPING_LABELS,
  REPORT_GROUPINGS,
  type ReportGrouping,
} from '@tandem/shared';
import { useMemo } from 'react';
import { errorMessage } from '../api/problem';
import { formatDateTime } from '../common/format';
import { usePhoneLayout } from '../common/ListFrame';
import { PageTitle } from '../common/PageTitle';
import { DayInput } from '../common/DayInput';
import { useLibrarySettings } from '../library/library-queries';
import { MeasureChart } from './ReportCharts';
import { ReportGoals } from './ReportGoals';
import {
  CHART_MEASURES,
  GROUPING_WORDS,
  headlines,
  isEmptyReport,
  outcomeLines,
  periodLabel,
  TABLE_COLUMNS,
} from './report-format';
import { useOutreachReport, useReportCsv } from './report-queries';
import {
  customPeriodProblem,
  grouping,
  periodChoice,
  toReportQuery,
  withDate,
  withGrouping,
  withoutScope,
  withPeriod,
} from './report-choices';
import { CUSTOM_PERIOD, parseReportSearch, type PeriodChoice, type ReportSearch } from './report-search';
import type { OutreachReportDto } from './report-types';
import './report-print.css';

const route = getRouteApi('/app/reports');

const PERIOD_OPTIONS = [
  ...PERIOD_PRESETS.map((preset) => ({ value: preset, label: PERIOD_PRESET_LABELS[preset] })),
  { value: CUSTOM_PERIOD, label: 'Custom dates' },
];

/** Whose rows count a fact more than once, and how (the totals count it once). */
const SHARED_FACT_NOTES: Partial<Record<ReportGrouping, string>> = {
  partner:
    'A session with two partners counts in each partner’s row but once in the totals, so the rows can add up to more than the total.',
  audience:
    'A program serving two audiences counts in each audience’s row but once in the totals, so the rows can add up to more than the total.',
  staff:
    'A visit made by two staff members counts in each one’s row but once in the totals, so the rows can add up to more than the total.',
};

/**
 * The outreach report (every role): what the library's outreach did over a period, by partner,
 * audience, program, month or staff member — headline numbers, a chart per measure, the outcome
 * questions and the full table; downloadable as CSV and printable as a one-to-two-page board
 * report (report-print.css). The period and grouping live in the URL, so a report can be shared.
 */
export function ReportsPage() {
  // The router hands over every parameter of the URL, validated or not; read only the valid ones.
  const rawSearch = route.useSearch();
  const search = useMemo(() => parseReportSearch(rawSearch), [rawSearch]);
  const query = useMemo(() => toReportQuery(search), [search]);
  const report = useOutreachReport(query);
  const csv = useReportCsv();
  const data = report.data;

  return (
    <Stack gap="md" className="tandem-report">
      <header className="report-header">
        <LibraryName />
        <PageTitle>Outreach report</PageTitle>
        {data && (
          <Text size="lg" fw={500} data-testid="report-period">
            {periodLabel(data.from, data.to)} · {GROUPING_WORDS[data.groupBy]}
          </Text>
        )}
        {data && (
          <Text size="sm" c="dimmed" className="report-print-only">
            Generated on {formatDateTime(data.generatedAt)}
          </Text>
        )}
      </header>

      <ReportControls search={search} report={data} />

      <Group gap="sm" className="report-no-print">
        <Button
          variant="default"
          disabled={!data || !query}
          loading={csv.isPending}
          onClick={() => data && query && csv.mutate({ query, report: data })}
        >
          Download CSV
        </Button>
        <Button variant="default" disabled={!data} onClick={() => window.print()}>
          Print
        </Button>
      </Group>
      {csv.isError && (
        <Alert
          color="red"
          role="alert"
          title="The CSV file could not be downloaded"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => csv.reset()}
          className="report-no-print"
        >
          {errorMessage(csv.error)}
        </Alert>
      )}

      {(search.organizationId || search.programId || search.audienceId) && <ScopeNote search={search} />}

      {query && report.isPending && (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>Loading the report…</Text>
        </Group>
      )}
      {report.isError && (
        <Alert color="red" role="alert" title="The report could not be loaded">
          {errorMessage(report.error)}
        </Alert>
      )}
      {data && !report.isError && <ReportBody report={data} updating={report.isPlaceholderData} />}
    </Stack>
  );
}

/** The library's name above the title, on paper only (the app's header names it on screen). */
function LibraryName() {
  const settings = useLibrarySettings();
  if (!settings.data?.name) return null;
  return (
    <Text fw={600} className="report-print-only">
      {settings.data.name}
    </Text>
  );
}

function ReportControls({ search, report }: { search: ReportSearch; report: OutreachReportDto | undefined }) {
  const navigate = route.useNavigate();
  const phone = usePhoneLayout();
  const choice = periodChoice(search);
  const problem = customPeriodProblem(search);
  const go = (next: (previous: ReportSearch) => ReportSearch) =>
    void navigate({ search: (previous) => next(parseReportSearch(previous)) });

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label="Choose the report" className="report-no-print">
      <Stack gap="sm">
        <SimpleGrid
          cols={{ base: 1, xs: choice === CUSTOM_PERIOD ? 3 : 1 }}
          spacing="sm"
          maw={choice === CUSTOM_PERIOD ? 640 : 320}
        >
          <Select
            label="Period"
            data={PERIOD_OPTIONS}
            value={choice}
            allowDeselect={false}
            onChange={(value) => value && go((previous) => withPeriod(previous, value as PeriodChoice, report))}
          />
          {choice === CUSTOM_PERIOD && (
            <>
              <DayInput
                label="From"
                value={search.from}
                error={problem?.from}
                onCommit={(day) => go((previous) => withDate(previous, 'from', day))}
              />
              <DayInput
                label="To"
                value={search.to}
                error={problem?.to}
                onCommit={(day) => go((previous) => withDate(previous, 'to', day))}
              />
            </>
          )}
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="report-grouping-label">
            Group by
          </Text>
          <SegmentedControl
            aria-labelledby="report-grouping-label"
            orientation={phone ? 'vertical' : 'horizontal'}
            fullWidth={phone}
            style={{ alignSelf: phone ? 'stretch' : 'flex-start' }}
            data={REPORT_GROUPINGS.map((value) => ({ value, label: REPORT_GROUPING_LABELS[value] }))}
            value={grouping(search)}
            onChange={(value) => go((previous) => withGrouping(previous, value))}
          />
        </Stack>
      </Stack>
    </Paper>
  );
}

function ScopeNote({ search }: { search: ReportSearch }) {
  const navigate = route.useNavigate();
  const what = search.organizationId ? 'one partner' : search.programId ? 'one program' : 'one audience';
  return (
    <Alert color="blue" className="report-scope">
      <Group gap="sm" justify="space-between">
        <Text size="sm">This report covers {what} only.</Text>
        <Anchor
          component="button"
          type="button"
          size="sm"
          className="report-no-print"
          onClick={() => void navigate({ search: (previous) => withoutScope(parseReportSearch(previous)) })}
        >
          Report on the whole library
        </Anchor>
      </Group>
    </Alert>
  );
}

function ReportBody({ report, updating }: { report: OutreachReportDto; updating: boolean }) {
  const period = periodLabel(report.from, report.to);
  if (isEmptyReport(report.totals)) {
    return (
      <Paper withBorder p="md" radius="md" data-testid="report-empty" aria-busy={updating}>
        <Title order={2} size="h4" mb="xs">
          Nothing recorded in this period
        </Title>
        <Text>
          No visits, sessions or feedback were recorded for {period}. Pick another period, or log the outreach done in
          this one.
        </Text>
      </Paper>
    );
  }
  return (
    <Stack gap="md" aria-busy={updating} style={{ opacity: updating ? 0.6 : undefined }}>
      <HeadlineNumbers report={report} />
      <section className="report-section" aria-labelledby="report-charts-title">
        <Title order={2} size="h4" id="report-charts-title" mb="sm">
          Outreach {GROUPING_WORDS[report.groupBy]}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" className="report-charts">
          {CHART_MEASURES.map((measure) => (
            <MeasureChart key={measure} report={report} measure={measure} />
          ))}
        </SimpleGrid>
      </section>
      <Outcomes report={report} />
      <ReportGoals from={report.from} to={report.to} scope={report.scope} />
      <ReportTable report={report} />
    </Stack>
  );
}

function HeadlineNumbers({ report }: { report: OutreachReportDto }) {
  return (
    <section className="report-section" aria-labelledby="report-headlines-title">
      <Title order={2} size="h4" id="report-headlines-title" mb="sm">
        In numbers
      </Title>
      <SimpleGrid component="dl" cols={{ base: 2, sm: 3 }} spacing="sm" m={0} className="report-headlines">
        {headlines(report.totals).map((headline) => (
          <Paper key={headline.label} withBorder p="sm" radius="md" className="report-headline">
            <Text component="dt" size="sm" fw={600}>
              {headline.label}
            </Text>
            <Text component="dd" m={0} fz={28} fw={700} lh={1.2} data-testid={`headline-${headline.label}`}>
              {headline.value}
            </Text>
            {headline.detail && (
              <Text component="dd" m={0} size="xs" c="dimmed">
                {headline.detail}
              </Text>
            )}
          </Paper>
        ))}
      </SimpleGrid>
    </section>
  );
}

function Outcomes({ report }: { report: OutreachReportDto }) {
  return (
    <section className="report-section" aria-labelledby="report-outcomes-title">
      <Title order={2} size="h4" id="report-outcomes-title" mb={4}>
        Outcomes
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        What participants said in feedback: the average on a scale of 1 to 5, and the share who agree (answering 4 or
        5).
      </Text>
      {/* When the table scrolls sideways (a narrow phone), its box takes focus, so a keyboard can scroll it too. */}
      <Table.ScrollContainer
        minWidth={320}
        className="report-scroll"
        scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': 'Outcomes table' } }}
      >
        <Table fz="sm" verticalSpacing={4} data-testid="report-outcomes" className="report-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Outcome</Table.Th>
              <Table.Th ta="right">Average</Table.Th>
              <Table.Th ta="right">Agree</Table.Th>
              <Table.Th ta="right">Answers</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {outcomeLines(report.totals).map((line) => (
              <Table.Tr key={line.key}>
                <Table.Th scope="row" fw={400}>
                  {line.label}
                </Table.Th>
                <Table.Td ta="right">{line.average}</Table.Td>
                <Table.Td ta="right">{line.agree}</Table.Td>
                <Table.Td ta="right">{line.answered}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

function ReportTable({ report }: { report: OutreachReportDto }) {
  const note = SHARED_FACT_NOTES[report.groupBy];
  const heading = REPORT_GROUPING_LABELS[report.groupBy];
  return (
    <section className="report-section report-table-section" aria-labelledby="report-table-title">
      <Title order={2} size="h4" id="report-table-title" mb="sm">
        Every {heading.toLowerCase()}
      </Title>
      {/* The table scrolls sideways on a phone: its box takes focus, so a keyboard can scroll it too. */}
      <Table.ScrollContainer
        minWidth={880}
        className="report-scroll"
        scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': `Every ${heading.toLowerCase()}, table` } }}
      >
        <Table fz="sm" verticalSpacing={4} striped className="report-table report-rows">
          {/* Names the table for screen readers; the heading above says it for the eye. */}
          <VisuallyHidden component="caption">
            Outreach {GROUPING_WORDS[report.groupBy]}, {periodLabel(report.from, report.to)}
          </VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{heading}</Table.Th>
              {TABLE_COLUMNS.map((column) => (
                <Table.Th key={column.label} ta="right">
                  {column.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.map((row) => (
              <Table.Tr key={row.key ?? 'none'}>
                <Table.Th scope="row" fw={400}>
                  {row.label}
                </Table.Th>
                {TABLE_COLUMNS.map((column) => (
                  <Table.Td key={column.label} ta="right">
                    {column.value(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Th scope="row">Total</Table.Th>
              {TABLE_COLUMNS.map((column) => (
                <Table.Td key={column.label} ta="right">
                  {column.value(report.totals)}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt={4}>
        {note ?? 'Each visit, session and feedback response counts once in the totals.'} Per-row outcomes are in the
        CSV.
      </Text>
    </section>
  );
}
