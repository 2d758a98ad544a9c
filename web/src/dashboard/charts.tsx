import { Accordion, Box, ColorSwatch, Group, Table, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { BAND_LABELS, type HealthBand } from '../api/types';
import {
  bandBars,
  chartBands,
  DEFAULT_PADDING,
  formatDay,
  formatShortDay,
  portfolioTrendSummary,
  scoreHistorySummary,
  scoreLine,
} from './chart-data';
import type { HealthHistoryPoint, PortfolioWeek } from './types';

/**
 * The two trend charts, drawn as plain SVG at the width they are given (a chart library was
 * not worth its weight here: @mantine/charts pins an older @mantine/core, and Recharts alone
 * brings Redux and d3 for two small charts). Each is a figure whose caption sums it up in
 * words and whose numbers are one click away in a table, so the picture itself is decoration
 * for screen readers (aria-hidden) and colour is never the only cue.
 */

const CHART_HEIGHT = 160;
const AXIS_TEXT = { fontSize: 12, fill: 'var(--mantine-color-gray-7)' } as const;

/** Band fills with at least 3:1 contrast on white (WCAG 1.4.11), in the badges' hues. */
export const BAND_FILL: Record<HealthBand, string> = {
  thriving: 'var(--mantine-color-green-8)',
  steady: 'var(--mantine-color-blue-6)',
  'at-risk': 'var(--mantine-color-orange-7)',
  dormant: 'var(--mantine-color-red-9)',
  // Neutral grey: not a verdict. gray-6 is 3.3:1 on white.
  unscored: 'var(--mantine-color-gray-6)',
};

function NumbersTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Accordion variant="default" chevronPosition="left" mt={4}>
      <Accordion.Item value="numbers">
        <Accordion.Control>
          <Text size="sm">{label}</Text>
        </Accordion.Control>
        <Accordion.Panel>
          <Table.ScrollContainer minWidth={280} maxHeight={320}>
            {children}
          </Table.ScrollContainer>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

/** An organization's weekly health score, oldest at the left, 0–100. */
export function ScoreHistoryChart({ history }: { history: readonly HealthHistoryPoint[] }) {
  const { ref, width } = useElementSize();
  const box = { width, height: CHART_HEIGHT, padding: DEFAULT_PADDING };
  const line = scoreLine(history, box);
  const summary = scoreHistorySummary(history);
  const first = line.points[0];
  const last = line.points.at(-1);

  return (
    <Box component="figure" m={0}>
      {history.length > 0 && (
        <div ref={ref} data-testid="score-history-chart">
          {width > 0 && (
            <svg width={width} height={CHART_HEIGHT} aria-hidden="true" focusable="false">
              {line.gridlines.map((grid) => (
                <g key={grid.value}>
                  <line
                    x1={DEFAULT_PADDING.left}
                    x2={width - DEFAULT_PADDING.right}
                    y1={grid.y}
                    y2={grid.y}
                    stroke="var(--mantine-color-gray-3)"
                  />
                  <text x={DEFAULT_PADDING.left - 6} y={grid.y + 4} textAnchor="end" {...AXIS_TEXT}>
                    {grid.value}
                  </text>
                </g>
              ))}
              <path
                d={line.path}
                fill="none"
                stroke="var(--mantine-color-cyan-9)"
                strokeWidth={2}
                strokeLinejoin="round"
              />
              {line.points.map((point) => (
                <circle
                  key={point.at}
                  cx={point.x}
                  cy={point.y}
                  r={point === last ? 4.5 : 3}
                  fill="var(--mantine-color-cyan-9)"
                />
              ))}
              {first && (
                <text x={DEFAULT_PADDING.left} y={CHART_HEIGHT - 6} textAnchor="start" {...AXIS_TEXT}>
                  {formatShortDay(first.at)}
                </text>
              )}
              {last && last !== first && (
                <text x={width - DEFAULT_PADDING.right} y={CHART_HEIGHT - 6} textAnchor="end" {...AXIS_TEXT}>
                  {formatShortDay(last.at)}
                </text>
              )}
            </svg>
          )}
        </div>
      )}
      <Text component="figcaption" size="sm" c={history.length === 0 ? 'dimmed' : undefined}>
        {summary}
      </Text>
      {history.length > 0 && (
        <NumbersTable label="Show the weekly scores">
          <Table fz="sm" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Week</Table.Th>
                <Table.Th ta="right">Score</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...history].reverse().map((point) => (
                <Table.Tr key={point.at}>
                  <Table.Td>{formatDay(point.at)}</Table.Td>
                  <Table.Td ta="right">{point.score}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </NumbersTable>
      )}
    </Box>
  );
}

/** The portfolio's weekly band counts as stacked bars, with a legend worst band first. */
export function PortfolioTrendChart({ weeks }: { weeks: readonly PortfolioWeek[] }) {
  const { ref, width } = useElementSize();
  const box = { width, height: CHART_HEIGHT, padding: DEFAULT_PADDING };
  const chart = bandBars(weeks, box);
  const bands = chartBands(weeks);
  const summary = portfolioTrendSummary(weeks);
  const first = chart.bars[0];
  const last = chart.bars.at(-1);

  return (
    <Box component="figure" m={0}>
      {weeks.length > 0 && (
        <>
          <Group gap="md" mb={4} aria-hidden="true">
            {bands.map((band) => (
              <Group key={band} gap={6} wrap="nowrap">
                <ColorSwatch color={BAND_FILL[band]} size={12} radius={2} withShadow={false} />
                <Text size="xs">{BAND_LABELS[band]}</Text>
              </Group>
            ))}
          </Group>
          <div ref={ref} data-testid="portfolio-trend-chart">
            {width > 0 && (
              <svg width={width} height={CHART_HEIGHT} aria-hidden="true" focusable="false">
                {chart.ticks.map((tick) => (
                  <g key={tick.value}>
                    <line
                      x1={DEFAULT_PADDING.left}
                      x2={width - DEFAULT_PADDING.right}
                      y1={tick.y}
                      y2={tick.y}
                      stroke="var(--mantine-color-gray-3)"
                    />
                    <text x={DEFAULT_PADDING.left - 6} y={tick.y + 4} textAnchor="end" {...AXIS_TEXT}>
                      {tick.value}
                    </text>
                  </g>
                ))}
                {chart.bars.map((bar) => (
                  <g key={bar.weekOf}>
                    {bar.segments.map((segment) => (
                      <rect
                        key={segment.band}
                        x={bar.x}
                        y={segment.y}
                        width={bar.width}
                        height={segment.height}
                        fill={BAND_FILL[segment.band]}
                      />
                    ))}
                  </g>
                ))}
                {first && (
                  <text x={first.x} y={CHART_HEIGHT - 6} textAnchor="start" {...AXIS_TEXT}>
                    {formatShortDay(first.weekOf)}
                  </text>
                )}
                {last && last !== first && (
                  <text x={last.x + last.width} y={CHART_HEIGHT - 6} textAnchor="end" {...AXIS_TEXT}>
                    {formatShortDay(last.weekOf)}
                  </text>
                )}
              </svg>
            )}
          </div>
        </>
      )}
      <Text component="figcaption" size="sm" c={weeks.length === 0 ? 'dimmed' : undefined}>
        {summary}
      </Text>
      {weeks.length > 0 && (
        <NumbersTable label="Show the weekly counts">
          <Table fz="sm" verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Week of</Table.Th>
                {bands.map((band) => (
                  <Table.Th key={band} ta="right">
                    {BAND_LABELS[band]}
                  </Table.Th>
                ))}
                <Table.Th ta="right">Mean score</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...weeks].reverse().map((week) => (
                <Table.Tr key={week.weekOf}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(week.weekOf)}</Table.Td>
                  {bands.map((band) => (
                    <Table.Td key={band} ta="right">
                      {week.byBand[band] ?? 0}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{week.averageScore}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </NumbersTable>
      )}
    </Box>
  );
}
