/**
 * The trend of a health score from its weekly snapshots: the change over the last four weeks
 * and a word for it.
 *
 * - Newest snapshot minus the newest one at least 27 days older (four weekly runs back, with a
 *   day's slack for a job that ran late).
 * - With less history than that, the change since the oldest snapshot, if it is at least 7
 *   days older than the newest; with less still (one snapshot, or one week), no trend: null.
 * - Rising at +5 or more, falling at −5 or less, otherwise steady: a few points either way is
 *   noise from a single rating or session.
 */
export const TREND_RULES = Object.freeze({ lookbackDays: 28, slackDays: 1, minSpanDays: 7, movedPoints: 5 });

export type TrendDirection = 'rising' | 'steady' | 'falling';

export interface HealthSnapshot {
  at: Date;
  score: number;
}

export interface HealthTrend {
  /** Score points gained (negative: lost) over the span, null without enough history. */
  change: number | null;
  direction: TrendDirection;
  /** Whole days between the two snapshots compared, null without a trend. */
  spanDays: number | null;
}

const DAY_MS = 86_400_000;

/** The trend of a score from its snapshots (any order). Pure. */
export function healthTrend(snapshots: readonly HealthSnapshot[]): HealthTrend {
  const sorted = [...snapshots].sort((a, b) => a.at.getTime() - b.at.getTime());
  const newest = sorted.at(-1);
  if (!newest) return { change: null, direction: 'steady', spanDays: null };
  const cutoff = newest.at.getTime() - (TREND_RULES.lookbackDays - TREND_RULES.slackDays) * DAY_MS;
  const base = sorted.filter((s) => s.at.getTime() <= cutoff).at(-1) ?? sorted[0];
  const spanDays = Math.floor((newest.at.getTime() - base.at.getTime()) / DAY_MS);
  if (spanDays < TREND_RULES.minSpanDays) return { change: null, direction: 'steady', spanDays: null };
  const change = newest.score - base.score;
  const direction: TrendDirection =
    change >= TREND_RULES.movedPoints ? 'rising' : change <= -TREND_RULES.movedPoints ? 'falling' : 'steady';
  return { change, direction, spanDays };
}
