import { BAND_LABELS, type HealthBand } from '../api/types';
import type { HealthHistoryPoint, PortfolioWeek } from './types';

/**
 * The geometry and words of the two trend charts, kept apart from React so they can be tested:
 * an organization's weekly score (a line over 0–100) and the portfolio's weekly band counts
 * (stacked bars). Charts are drawn in pixels of the width they get, so text never shrinks.
 */

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels. */
  padding: { top: number; right: number; bottom: number; left: number };
}

export const DEFAULT_PADDING = { top: 8, right: 12, bottom: 24, left: 32 } as const;

/** Snapshots are taken at 00:00 UTC and weeks start on a UTC Monday: shown as that UTC day. */
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "16 Nov 2026" for a UTC day, given as a date (2026-11-16) or the midnight of one. */
export function formatDay(iso: string): string {
  return dayFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

export function formatShortDay(iso: string): string {
  return shortDayFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

function plotArea(box: ChartBox) {
  const left = box.padding.left;
  const top = box.padding.top;
  const width = Math.max(0, box.width - box.padding.left - box.padding.right);
  const height = Math.max(0, box.height - box.padding.top - box.padding.bottom);
  return { left, top, width, height, bottom: top + height, right: left + width };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export interface LinePoint {
  x: number;
  y: number;
  at: string;
  score: number;
}

export interface ScoreLine {
  points: LinePoint[];
  /** The SVG path through the points ("M x y L x y …"), empty without points. */
  path: string;
  /** Horizontal grid lines at 0, 50 and 100 with their y. */
  gridlines: { value: number; y: number }[];
}

/**
 * An organization's weekly scores as a line: x by date (first snapshot at the left edge, the
 * latest at the right; one snapshot in the middle), y from 0 at the bottom to 100 at the top.
 * Points in any order are drawn oldest first.
 */
export function scoreLine(history: readonly HealthHistoryPoint[], box: ChartBox): ScoreLine {
  const area = plotArea(box);
  const yOf = (score: number) => round1(area.bottom - (Math.min(100, Math.max(0, score)) / 100) * area.height);
  const gridlines = [0, 50, 100].map((value) => ({ value, y: yOf(value) }));
  const sorted = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (sorted.length === 0) return { points: [], path: '', gridlines };
  const first = Date.parse(sorted[0].at);
  const span = Date.parse(sorted[sorted.length - 1].at) - first;
  const points = sorted.map((point) => ({
    x: round1(
      span === 0 ? area.left + area.width / 2 : area.left + ((Date.parse(point.at) - first) / span) * area.width,
    ),
    y: yOf(point.score),
    at: point.at,
    score: point.score,
  }));
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' ');
  return { points, path, gridlines };
}

/**
 * Bottom to top in a bar: the partners not scored yet (grey, when a week counts any), the healthy
 * base, the trouble on top where it catches the eye.
 */
export const STACK_ORDER = [
  'unscored',
  'thriving',
  'steady',
  'at-risk',
  'dormant',
] as const satisfies readonly HealthBand[];

/**
 * The bands a portfolio chart shows, worst first: the four scored ones, and `unscored` only when
 * some week counts a partner in it (weekly snapshots start with the evidence, so usually none).
 */
export function chartBands(weeks: readonly PortfolioWeek[]): HealthBand[] {
  const scored: HealthBand[] = ['dormant', 'at-risk', 'steady', 'thriving'];
  return weeks.some((week) => (week.byBand.unscored ?? 0) > 0) ? [...scored, 'unscored'] : scored;
}

export interface BarSegment {
  band: HealthBand;
  count: number;
  y: number;
  height: number;
}

export interface Bar {
  weekOf: string;
  x: number;
  width: number;
  total: number;
  segments: BarSegment[];
}

export interface BandBars {
  bars: Bar[];
  /** The count the top of the plot stands for (at least 1). */
  max: number;
  /** Labelled y values: 0, the middle (when a whole number apart from both ends) and the top. */
  ticks: { value: number; y: number }[];
}

/**
 * The portfolio's weekly band counts as stacked bars, one per week, oldest at the left. Bars
 * share the plot's width with a gap of a third of a bar; the y scale runs from 0 to the
 * largest week. Bands with no organization that week get no segment.
 */
export function bandBars(weeks: readonly PortfolioWeek[], box: ChartBox): BandBars {
  const area = plotArea(box);
  const totals = weeks.map((week) => STACK_ORDER.reduce((sum, band) => sum + (week.byBand[band] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const scale = (count: number) => (count / max) * area.height;
  const yOf = (value: number) => round1(area.bottom - scale(value));
  const middle = max / 2;
  const ticks = [0, ...(Number.isInteger(middle) && middle > 0 && middle < max ? [middle] : []), max].map((value) => ({
    value,
    y: yOf(value),
  }));
  const slot = weeks.length > 0 ? area.width / weeks.length : 0;
  const width = round1(slot * 0.75);
  const bars = weeks.map((week, index) => {
    let base = area.bottom;
    const segments: BarSegment[] = [];
    for (const band of STACK_ORDER) {
      const count = week.byBand[band] ?? 0;
      if (count === 0) continue;
      const height = scale(count);
      base -= height;
      segments.push({ band, count, y: round1(base), height: round1(height) });
    }
    return {
      weekOf: week.weekOf,
      x: round1(area.left + slot * index + (slot - width) / 2),
      width,
      total: totals[index],
      segments,
    };
  });
  return { bars, max, ticks };
}

/** The line chart in one sentence, for its text alternative. */
export function scoreHistorySummary(history: readonly HealthHistoryPoint[]): string {
  if (history.length === 0) return 'No weekly scores yet: the first is taken in the week after the partner is added.';
  const sorted = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (sorted.length === 1) return `One weekly score so far: ${first.score} on ${formatDay(first.at)}.`;
  const scores = sorted.map((point) => point.score);
  return (
    `${sorted.length} weekly scores from ${formatDay(first.at)} to ${formatDay(last.at)}: ` +
    `${first.score} at first, ${last.score} now; lowest ${Math.min(...scores)}, highest ${Math.max(...scores)}.`
  );
}

/** The bar chart in one sentence: each band and the mean score, first week against the latest. */
export function portfolioTrendSummary(weeks: readonly PortfolioWeek[]): string {
  if (weeks.length === 0) return 'No weekly snapshots yet: the chart fills in as the weekly job runs.';
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  const count = (week: PortfolioWeek, band: HealthBand) => week.byBand[band] ?? 0;
  const bands = chartBands(weeks)
    .map(
      (band) =>
        `${BAND_LABELS[band].toLowerCase()} ${weeks.length === 1 ? count(last, band) : `${count(first, band)} → ${count(last, band)}`}`,
    )
    .join(', ');
  if (weeks.length === 1)
    return `One weekly snapshot, week of ${formatDay(last.weekOf)}: ${bands}; mean score ${last.averageScore}.`;
  return `${weeks.length} weeks, week of ${formatDay(first.weekOf)} to week of ${formatDay(last.weekOf)}: ${bands}; mean score ${first.averageScore} → ${last.averageScore}.`;
}
