import type { HealthBand } from '../api/types';
import type { AudienceCoverage, HealthTrend } from './types';

/** Worst first, as the dashboard reads: the bands that need a manager come before the rest. */
export const BANDS_WORST_FIRST = ['dormant', 'at-risk', 'steady', 'thriving'] as const satisfies readonly HealthBand[];

/** The scored bands worst first, then the partners not scored yet (no evidence): the portfolio's order. */
export const EVERY_BAND = [...BANDS_WORST_FIRST, 'unscored'] as const satisfies readonly HealthBand[];

/** A real minus sign: screen readers say "minus", and it lines up with the plus. */
const MINUS = '\u2212';

export interface TrendView {
  /** ↑, ↓ or →; decoration only (aria-hidden), the label says the same in words. */
  arrow: '↑' | '↓' | '→';
  /** "+12", "−8", "±0". */
  change: string;
  /** The whole trend in words, for the table cell and screen readers: "Up 12 points in 4 weeks". */
  label: string;
  /** "in 4 weeks": the span, for a second line under the number. */
  span: string;
  direction: HealthTrend['direction'];
}

/** "4 weeks", "1 week", "10 days": the span between the two snapshots compared. */
export function spanText(spanDays: number): string {
  if (spanDays >= 7 && Math.abs(spanDays - 7 * Math.round(spanDays / 7)) <= 1) {
    const weeks = Math.round(spanDays / 7);
    return `${weeks} ${weeks === 1 ? 'week' : 'weeks'}`;
  }
  return `${spanDays} ${spanDays === 1 ? 'day' : 'days'}`;
}

export function signedChange(change: number): string {
  if (change > 0) return `+${change}`;
  if (change < 0) return `${MINUS}${Math.abs(change)}`;
  return '±0';
}

/**
 * The trend of a score for people: null (no two weekly snapshots a week apart yet) reads as
 * "no trend yet". The arrow follows the API's direction (which ignores a few points of noise),
 * so a change of +3 is "steady" with an arrow to the right, and the number still shows.
 */
export function formatTrend(trend: HealthTrend | null): TrendView | null {
  if (!trend || trend.change === null || trend.spanDays === null) return null;
  const points = Math.abs(trend.change);
  const span = spanText(trend.spanDays);
  const unit = points === 1 ? 'point' : 'points';
  const arrow = trend.direction === 'rising' ? '↑' : trend.direction === 'falling' ? '↓' : '→';
  const label =
    trend.direction === 'steady'
      ? trend.change === 0
        ? `Steady: no change in ${span}`
        : `Steady: ${trend.change > 0 ? 'up' : 'down'} ${points} ${unit} in ${span}`
      : `${trend.direction === 'rising' ? 'Up' : 'Down'} ${points} ${unit} in ${span}`;
  return { arrow, change: signedChange(trend.change), label, span: `in ${span}`, direction: trend.direction };
}

export const PRIORITY_LABELS: Record<number, string> = { 1: 'High priority', 2: 'Medium priority', 3: 'Low priority' };

export type CoverageStatus = 'gap' | 'uncovered' | 'thin' | 'covered';

export interface CoverageRow extends AudienceCoverage {
  status: CoverageStatus;
  /** True for a high-priority audience no active partner serves: the dashboard's loudest line. */
  highlight: boolean;
  /** "No active partner", "1 active partner", "4 active partners". */
  partnersText: string;
}

/**
 * Audience coverage for the dashboard: uncovered high-priority audiences first (whatever order
 * the API answered in), then by priority, fewest active partners and name. A high-priority
 * audience with no active partner is a `gap` and highlighted; other uncovered ones are
 * `uncovered`, one partner is `thin` (one partnership ending would leave it uncovered).
 */
export function coverageRows(coverage: readonly AudienceCoverage[]): CoverageRow[] {
  const isGap = (row: AudienceCoverage) => row.priority === 1 && row.activePartners === 0;
  return [...coverage]
    .sort(
      (a, b) =>
        Number(isGap(b)) - Number(isGap(a)) ||
        a.priority - b.priority ||
        a.activePartners - b.activePartners ||
        a.name.localeCompare(b.name),
    )
    .map((row) => {
      const status: CoverageStatus = isGap(row)
        ? 'gap'
        : row.activePartners === 0
          ? 'uncovered'
          : row.activePartners === 1
            ? 'thin'
            : 'covered';
      const partnersText =
        row.activePartners === 0
          ? 'No active partner'
          : `${row.activePartners} active ${row.activePartners === 1 ? 'partner' : 'partners'}`;
      return { ...row, status, highlight: status === 'gap', partnersText };
    });
}

/** "2 high-priority audiences have no active partner" — the line above the coverage list, or null. */
export function coverageAlert(rows: readonly CoverageRow[]): string | null {
  const gaps = rows.filter((row) => row.highlight).length;
  if (gaps === 0) return null;
  return gaps === 1
    ? '1 high-priority audience has no active partner.'
    : `${gaps} high-priority audiences have no active partner.`;
}
