import { GOAL_METRIC_LABELS, type GoalMetric } from '@tandem/shared';
import type { Goal, GoalScope, GoalStatus } from './goal-types';

/** What each status is called on a badge: the words carry it, the colour only repeats it. */
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'off-track': 'Off track',
  met: 'Met',
  missed: 'Missed',
};

/** Colours of the badge and the bar (text contrast is the badge's job: the word is in the body colour). */
export const GOAL_STATUS_COLORS: Record<GoalStatus, string> = {
  'not-started': 'gray',
  'on-track': 'green',
  'off-track': 'red',
  met: 'teal',
  missed: 'orange',
};

/** A whole number as people read it: "1,200". */
export function formatNumber(value: number): string {
  return value.toLocaleString('en');
}

/** "412 of 600 attendees at sessions". */
export function valueOfTarget(value: number, target: number, metric: GoalMetric): string {
  return `${formatNumber(value)} of ${formatNumber(target)} ${GOAL_METRIC_LABELS[metric]}`;
}

/** A metric as a menu choice: "Attendees at sessions". */
export function metricChoice(metric: GoalMetric): string {
  const label = GOAL_METRIC_LABELS[metric];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/** A calendar date as "Jul 1, 2026" (the date as written, whatever the reader's zone). */
export function formatGoalDate(date: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(noon(date));
}

/** The goal's two days, both included: "Jul 1, 2026 – Jun 30, 2027". */
export function goalPeriodText(from: string, to: string, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return from === to ? format.format(noon(from)) : format.formatRange(noon(from), noon(to));
}

/** Where a goal stands in time on the library's today. */
export type GoalTiming = 'upcoming' | 'current' | 'past';

export function goalTiming(goal: Pick<Goal, 'from' | 'to'>, today: string): GoalTiming {
  if (today < goal.from) return 'upcoming';
  if (today > goal.to) return 'past';
  return 'current';
}

/**
 * How far along the goal is, in words, for the bar's accessible text:
 * "412 of 600, expected 380 by now"; before it starts "0 of 600, starts Jul 1, 2027";
 * once over "650 of 600, ended Jun 30, 2027".
 */
export function progressText(goal: Pick<Goal, 'target' | 'from' | 'to' | 'asOf' | 'progress'>): string {
  const done = `${formatNumber(goal.progress.value)} of ${formatNumber(goal.target)}`;
  switch (goalTiming(goal, goal.asOf)) {
    case 'upcoming':
      return `${done}, starts ${formatGoalDate(goal.from)}`;
    case 'past':
      return `${done}, ended ${formatGoalDate(goal.to)}`;
    default:
      return `${done}, expected ${formatNumber(goal.progress.expectedByNow)} by now`;
  }
}

/** What the goal counts in, as a short phrase: "Whole library", or the audience, program or partner named. */
export function scopeName(scope: GoalScope): string {
  if (scope.type === 'library') return 'Whole library';
  return scope.name ?? SCOPE_FALLBACK[scope.type];
}

const SCOPE_FALLBACK: Record<Exclude<GoalScope['type'], 'library'>, string> = {
  audience: 'An audience',
  program: 'A program',
  organization: 'A partner',
};

/** The word before a scope's name: "Audience", "Program", "Partner". */
export const SCOPE_TYPE_LABELS: Record<GoalScope['type'], string> = {
  library: 'Library',
  audience: 'Audience',
  program: 'Program',
  organization: 'Partner',
};

/** The bar's filled share, 0–100 (a passed goal fills it). */
export function filledPercent(ratio: number): number {
  return Math.max(0, Math.min(100, Math.round(ratio * 1000) / 10));
}

/** Where the expected-by-now tick sits, 0–100 of the bar; null when no tick is drawn (not started, or over). */
export function expectedPercent(goal: Pick<Goal, 'target' | 'from' | 'to' | 'asOf' | 'progress'>): number | null {
  if (goalTiming(goal, goal.asOf) !== 'current') return null;
  return Math.max(0, Math.min(100, Math.round((goal.progress.expectedByNow / goal.target) * 1000) / 10));
}

/** Goals split by where they stand in time on the library's today, each in the list's own order. */
export function groupGoals(goals: readonly Goal[]): Record<GoalTiming, Goal[]> {
  const groups: Record<GoalTiming, Goal[]> = { current: [], upcoming: [], past: [] };
  for (const goal of goals) groups[goalTiming(goal, goal.asOf)].push(goal);
  return groups;
}

/** Whether a goal's period shares at least one day with `from`–`to`. */
export function overlaps(goal: Pick<Goal, 'from' | 'to'>, from: string, to: string): boolean {
  return goal.from <= to && goal.to >= from;
}
