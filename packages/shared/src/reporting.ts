/**
 * What the outreach report and the work-plan goals share between the server and the web app:
 * the periods a report can be asked for, the ways it groups, the goals' measures, and how a
 * goal's progress is judged (the date arithmetic, with luxon, is in reporting-dates.ts, so that
 * screens that only name periods do not load it). Dates are ISO calendar dates (`2026-07-01`) in the library's own
 * calendar; a period's `from` and `to` are both included.
 */

export interface DateRange {
  /** First day, included. */
  from: string;
  /** Last day, included. */
  to: string;
}

export const PERIOD_PRESETS = [
  'this-month',
  'last-month',
  'this-quarter',
  'last-quarter',
  'this-year',
  'last-year',
  'this-fiscal-year',
  'last-fiscal-year',
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_PRESET_LABELS: Record<PeriodPreset, string> = {
  'this-month': 'This month',
  'last-month': 'Last month',
  'this-quarter': 'This quarter',
  'last-quarter': 'Last quarter',
  'this-year': 'This year',
  'last-year': 'Last year',
  'this-fiscal-year': 'This fiscal year',
  'last-fiscal-year': 'Last fiscal year',
};

export function isPeriodPreset(value: unknown): value is PeriodPreset {
  return typeof value === 'string' && (PERIOD_PRESETS as readonly string[]).includes(value);
}

/** July: the fiscal year most US public libraries keep (a library setting). */
export const DEFAULT_FISCAL_YEAR_START_MONTH = 7;

/** The longest period a report or a goal may span: ten years (a bigger one is a typo, or a probe). */
export const MAX_PERIOD_DAYS = 3660;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written as YYYY-MM-DD (not 2026-02-30; years from 100). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const [year, month, date] = value.split('-').map(Number);
  const utc = new Date(Date.UTC(year, month - 1, date));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === date;
}

const utcDay = (iso: string): number => {
  const [year, month, date] = iso.split('-').map(Number);
  return Date.UTC(year, month - 1, date);
};

/** Days in the period, both ends included. */
export function daysIn(range: DateRange): number {
  return Math.round((utcDay(range.to) - utcDay(range.from)) / 86_400_000) + 1;
}

export const REPORT_GROUPINGS = ['partner', 'audience', 'program', 'month', 'staff'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

export const REPORT_GROUPING_LABELS: Record<ReportGrouping, string> = {
  partner: 'Partner',
  audience: 'Audience',
  program: 'Program',
  month: 'Month',
  staff: 'Staff member',
};

/** The four Project Outcome questions, in the order PLA asks them. */
export const OUTCOME_KEYS = ['knowledge', 'confidence', 'application', 'awareness'] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

export const OUTCOME_LABELS: Record<OutcomeKey, string> = {
  knowledge: 'Learned something new',
  confidence: 'Feel more confident',
  application: 'Will use what they learned',
  awareness: 'Know more about the library',
};

export const GOAL_METRICS = [
  'attendance',
  'people-reached',
  'invitations',
  'sessions-held',
  'active-partners',
  'feedback-count',
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/** What a goal counts, as a phrase after its number ("600 attendees at sessions"). */
export const GOAL_METRIC_LABELS: Record<GoalMetric, string> = {
  attendance: 'attendees at sessions',
  'people-reached': 'people reached on visits',
  invitations: 'invitations handed out',
  'sessions-held': 'sessions held',
  'active-partners': 'active partners',
  'feedback-count': 'feedback responses',
};

/** The largest target a goal may set. */
export const MAX_GOAL_TARGET = 1_000_000;

export type GoalStatus = 'not-started' | 'on-track' | 'off-track' | 'met' | 'missed';

export interface GoalProgress {
  /** Where the goal stands: the measure over the period so far (for active partners, how many are active now or at its end). */
  value: number;
  /** value ÷ target (above 1 when passed), to 3 decimals. */
  ratio: number;
  /** What an even pace would have reached by today: target × the share of the period gone, rounded down. */
  expectedByNow: number;
  /** Reached what an even pace expects by now (for a finished period: reached the target). */
  onTrack: boolean;
  status: GoalStatus;
}
