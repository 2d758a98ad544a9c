import { Accordion, Box, Table, Text, Title } from '@mantine/core';
import { REPORT_GROUPING_LABELS } from '@tandem/shared';
import type { ReactNode } from 'react';
import {
  barChart,
  chartSummary,
  formatCount,
  GROUPING_WORDS,
  MEASURE_WORDS,
  othersNote,
  type CountMeasure,
} from './report-format';
import type { OutreachReportDto } from './report-types';

/**
 * One measure across the report's rows as horizontal bars, drawn in plain HTML (as the
 * dashboard's charts are plain SVG: no chart library). Bars are percentages of the widest, so
 * they need no measuring and print at any width. The figure's caption sums it up in one line
 * and its numbers are one click away in a table, so the bars themselves are decoration for
 * screen readers (aria-hidden) and colour is never the only cue: each bar carries its value.
 */
export function MeasureChart({ report, measure }: { report: OutreachReportDto; measure: CountMeasure }) {
  const data = barChart(report, measure);
  const words = MEASURE_WORDS[measure];
  const summary = chartSummary(data, measure, report.groupBy);
  const note = othersNote(data, report.groupBy);
  const titleId = `chart-${measure}-title`;

  return (
    <Box component="figure" m={0} className="report-figure" aria-labelledby={titleId} data-testid={`chart-${measure}`}>
      <Title order={3} size="h5" id={titleId} mb={6}>
        {words.label}
      </Title>
      {data.total > 0 && (
        <div className="report-bars" aria-hidden="true">
          {data.bars.map((bar) => (
            <div className="report-bar-row" key={bar.key}>
              <span className="report-bar-label" title={bar.label}>
                {bar.label}
              </span>
              <span className="report-bar-track">
                <span
                  className="report-bar"
                  style={{ width: `${(bar.share * 100).toFixed(1)}%`, minWidth: bar.value > 0 ? 2 : 0 }}
                />
                <span className="report-bar-value">{formatCount(bar.value)}</span>
              </span>
            </div>
          ))}
        </div>
      )}
      <Text component="figcaption" size="sm" mt={6} c={data.total === 0 ? 'dimmed' : undefined}>
        {summary}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
      {data.all.length > 0 && (
        <NumbersTable
          label={`Show the numbers: ${words.label.toLowerCase()}`}
          tableLabel={`${words.label}, ${GROUPING_WORDS[report.groupBy]}`}
        >
          <Table fz="sm" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{REPORT_GROUPING_LABELS[report.groupBy]}</Table.Th>
                <Table.Th ta="right">{words.label}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.all.map((bar) => (
                <Table.Tr key={bar.key}>
                  <Table.Td>{bar.label}</Table.Td>
                  <Table.Td ta="right">{formatCount(bar.value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">Total (each counted once)</Table.Th>
                <Table.Td ta="right" fw={700}>
                  {formatCount(data.total)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </NumbersTable>
      )}
    </Box>
  );
}

/** The chart's numbers, folded away on screen and left out of the print (the bars carry their values). */
function NumbersTable({ label, tableLabel, children }: { label: string; tableLabel: string; children: ReactNode }) {
  return (
    <Accordion variant="default" chevronPosition="left" mt={4} className="report-no-print">
      <Accordion.Item value="numbers">
        <Accordion.Control>
          <Text size="sm">{label}</Text>
        </Accordion.Control>
        <Accordion.Panel>
          {/* A long list scrolls in its box: the box takes focus, so a keyboard can scroll it too. */}
          <Table.ScrollContainer
            minWidth={260}
            maxHeight={320}
            scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': tableLabel } }}
          >
            {children}
          </Table.ScrollContainer>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
