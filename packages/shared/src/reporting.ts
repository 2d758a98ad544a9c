import { DateTime } from 'luxon';

/**
 * What the outreach report and the work-plan goals share between the server and the web app:
 * the periods a report can be asked for, the ways it groups, the goals' measures, and how a
 * goal's progress is judged. Dates are ISO calendar dates (`2026-07-01`) in the library's own
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

function day(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
}

/** A real calendar date written as YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && day(value).isValid;
}

const iso = (date: DateTime): string => date.toISODate() as string;

/**
 * The dates a preset means on `today` (the library's today): quarters are calendar quarters,
 * the fiscal year starts on the first of `fiscalYearStartMonth` (1–12; 1 makes it the calendar year).
 */
export function presetRange(preset: PeriodPreset, today: string, fiscalYearStartMonth: number): DateRange {
  const now = day(today);
  const span = (start: DateTime, unit: 'month' | 'quarter' | 'year', length = 1): DateRange => ({
    from: iso(start),
    to: iso(start.plus(unit === 'quarter' ? { months: 3 * length } : { [`${unit}s`]: length }).minus({ days: 1 })),
  });
  switch (preset) {
    case 'this-month':
      return span(now.startOf('month'), 'month');
    case 'last-month':
      return span(now.startOf('month').minus({ months: 1 }), 'month');
    case 'this-quarter':
      return span(now.startOf('quarter'), 'quarter');
    case 'last-quarter':
      return span(now.startOf('quarter').minus({ months: 3 }), 'quarter');
    case 'this-year':
      return span(now.startOf('year'), 'year');
    case 'last-year':
      return span(now.startOf('year').minus({ years: 1 }), 'year');
    case 'this-fiscal-year':
      return span(fiscalYearStart(now, fiscalYearStartMonth), 'year');
    case 'last-fiscal-year':
      return span(fiscalYearStart(now, fiscalYearStartMonth).minus({ years: 1 }), 'year');
  }
}

function fiscalYearStart(now: DateTime, startMonth: number): DateTime {
  const start = now.set({ month: startMonth, day: 1 }).startOf('day');
  return start > now ? start.minus({ years: 1 }) : start;
}

/**
 * How people name a fiscal year: by the calendar year it ends in ("FY2027" for July 2026 – June
 * 2027), the usual US public-sector convention; a fiscal year starting in January is its year.
 */
export function fiscalYearName(range: DateRange): string {
  return `FY${day(range.to).year}`;
}

/** Days in the period, both ends included. */
export function daysIn(range: DateRange): number {
  return Math.round(day(range.to).diff(day(range.from), 'days').days) + 1;
}

/** The share of the period gone by the end of `today` (0 before it starts, 1 from its last day). */
export function elapsedShare(range: DateRange, today: string): number {
  if (today < range.from) return 0;
  if (today >= range.to) return 1;
  return (Math.round(day(today).diff(day(range.from), 'days').days) + 1) / daysIn(range);
}

/** `YYYY-MM-DD` shifted by whole days. */
export function addDays(date: string, days: number): string {
  return iso(day(date).plus({ days }));
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

/**
 * A goal's progress on the library's `today`. Before the period starts it is on track with
 * nothing expected; during it, on track when at least the even pace's whole number; after its
 * last day, met or missed.
 */
export function goalProgress(
  goal: { target: number; from: string; to: string },
  value: number,
  today: string,
): GoalProgress {
  const share = elapsedShare(goal, today);
  const expectedByNow = Math.floor(goal.target * share);
  const ratio = Math.round((value / goal.target) * 1000) / 1000;
  const ended = today > goal.to;
  const onTrack = value >= (ended ? goal.target : expectedByNow);
  const status: GoalStatus =
    today < goal.from
      ? 'not-started'
      : ended
        ? onTrack
          ? 'met'
          : 'missed'
        : value >= goal.target
          ? 'met'
          : onTrack
            ? 'on-track'
            : 'off-track';
  return { value, ratio, expectedByNow, onTrack, status };
}
