import {
  addDays,
  daysIn,
  goalProgress,
  GoalMetric,
  GoalProgress,
  isIsoDate,
  MAX_PERIOD_DAYS,
  type DateRange,
  type FieldError,
} from '@tandem/shared';
import type { ReportMeasures } from '../report/report-measures';

/** The report's counts a goal can aim at. */
export type CountMeasure = keyof Pick<
  ReportMeasures,
  'attendance' | 'peopleReached' | 'invitationsHandedOut' | 'sessionsHeld' | 'feedbackCount'
>;

/** The measure of the outreach report each goal metric reads (active partners is not a report measure). */
export const METRIC_MEASURE: Record<Exclude<GoalMetric, 'active-partners'>, CountMeasure> = {
  attendance: 'attendance',
  'people-reached': 'peopleReached',
  invitations: 'invitationsHandedOut',
  'sessions-held': 'sessionsHeld',
  'feedback-count': 'feedbackCount',
};

export type GoalScopeType = 'library' | 'audience' | 'program' | 'organization';

export interface GoalScopeIds {
  audienceId: string | null;
  programId: string | null;
  organizationId: string | null;
}

export interface GoalPeriod {
  from: string;
  to: string;
}

/** What a goal counts in: the one scope id set, or the whole library. */
export function scopeOf(goal: GoalScopeIds): { type: GoalScopeType; id: string | null } {
  if (goal.audienceId) return { type: 'audience', id: goal.audienceId };
  if (goal.programId) return { type: 'program', id: goal.programId };
  if (goal.organizationId) return { type: 'organization', id: goal.organizationId };
  return { type: 'library', id: null };
}

/** 400 field errors for a goal that names more than one scope (every one set is named). */
export function scopeProblems(goal: GoalScopeIds): FieldError[] {
  const set = (['audienceId', 'programId', 'organizationId'] as const).filter((field) => goal[field]);
  if (set.length <= 1) return [];
  return set.map((field) => ({
    field,
    message: 'a goal has at most one scope: give only one of audienceId, programId, organizationId (null the others)',
  }));
}

/** The earliest and latest years a goal's dates may fall in (a year 0002 or 20260 is a typo). */
export const GOAL_YEARS = Object.freeze({ earliest: 2000, latest: 2100 });

/** A real calendar date (YYYY-MM-DD) within GOAL_YEARS. */
export function isGoalDate(value: unknown): value is string {
  if (!isIsoDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= GOAL_YEARS.earliest && year <= GOAL_YEARS.latest;
}

/** 400 field errors for a period that ends before it starts or spans more than MAX_PERIOD_DAYS. */
export function periodProblems(period: GoalPeriod): FieldError[] {
  if (period.to < period.from) return [{ field: 'to', message: 'must not be before from' }];
  if (daysIn(period) > MAX_PERIOD_DAYS)
    return [{ field: 'to', message: `the period must not span more than ${MAX_PERIOD_DAYS} days` }];
  return [];
}

/**
 * The dates whose facts count towards the goal as of `day`: from its first day to `day` or its
 * last, whichever comes first; null before it starts (nothing counts yet).
 */
export function measuredRange(goal: GoalPeriod, day: string): DateRange | null {
  if (day < goal.from) return null;
  return { from: goal.from, to: day < goal.to ? day : goal.to };
}

/**
 * The library day whose stages count for an active-partners goal as of `day`: null while the
 * period runs and `day` is today (the stages as they are now), else the period's last day or
 * `day`, whichever comes first (the stages as they were at that day's end).
 */
export function activePartnersDay(goal: GoalPeriod, day: string, today: string): string | null {
  if (day >= goal.to) return goal.to;
  return day === today ? null : day;
}

/** Where a goal is in time on `today`. */
export function goalTense(goal: GoalPeriod, today: string): 'current' | 'future' | 'past' {
  if (today < goal.from) return 'future';
  if (today > goal.to) return 'past';
  return 'current';
}

/** The list's order of goals with their progress on `today`. */
export interface OrderedGoal extends GoalPeriod {
  id: string;
  title: string;
  progress: Pick<GoalProgress, 'onTrack'>;
}

const TENSE_ORDER = { current: 0, future: 1, past: 2 } as const;

/**
 * Current goals first — off track before on track, then the soonest to end — then future ones
 * (soonest to start), then past ones (the latest ended first); ties by title, then id.
 */
export function goalOrder(today: string): (a: OrderedGoal, b: OrderedGoal) => number {
  return (a, b) => {
    const tenseA = goalTense(a, today);
    const tenseB = goalTense(b, today);
    if (tenseA !== tenseB) return TENSE_ORDER[tenseA] - TENSE_ORDER[tenseB];
    const byTime =
      tenseA === 'current'
        ? Number(a.progress.onTrack) - Number(b.progress.onTrack) || a.to.localeCompare(b.to)
        : tenseA === 'future'
          ? a.from.localeCompare(b.from) || a.to.localeCompare(b.to)
          : b.to.localeCompare(a.to) || b.from.localeCompare(a.from);
    return byTime || a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}

/** The day a week before `today`, the digest's "last week". */
export function weekBefore(today: string): string {
  return addDays(today, -7);
}

/**
 * Whether a goal off track on `today` fell off track in the last week: on `weekBefore(today)` it
 * was on track by the same rule, with the value measured as of then (a goal not started then
 * was on track, nothing being expected of it).
 */
export function fellOffTrack(goal: { target: number } & GoalPeriod, valueThen: number, today: string): boolean {
  return goalProgress(goal, valueThen, weekBefore(today)).onTrack;
}
