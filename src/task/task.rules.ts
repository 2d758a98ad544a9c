import { TaskStatus } from './task.entity';

/** Due dates before this are typos, not follow-ups. */
export const EARLIEST_DUE = new Date('2000-01-01T00:00:00Z');
/** A follow-up further ahead than this is a typo too (a year of 2206). */
export const MAX_YEARS_AHEAD = 5;

/** Why `dueAt` is not plausible, or null when it is. */
export function dueAtProblem(dueAt: Date, now: Date): string | null {
  if (dueAt.getTime() < EARLIEST_DUE.getTime()) return `must not be before ${EARLIEST_DUE.toISOString().slice(0, 10)}`;
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
  if (dueAt.getTime() > latest.getTime()) return `must not be more than ${MAX_YEARS_AHEAD} years ahead`;
  return null;
}

/** When a task with this status was completed: set on becoming done, kept while done, cleared on reopening. */
export function completedAtFor(
  before: { status: TaskStatus; completedAt: Date | null } | null,
  status: TaskStatus,
  now: Date,
): Date | null {
  if (status === TaskStatus.Open) return null;
  return before?.status === TaskStatus.Done && before.completedAt ? before.completedAt : now;
}

/**
 * The list's `overdue` filter over `tasks t`, with `:now` bound to the request's clock: overdue
 * is still open with its due time passed (due exactly now is not yet overdue); not overdue is
 * everything else (done, or due now or later).
 */
export function overdueCondition(overdue: boolean): string {
  return overdue ? `(t.status = 'open' AND t.due_at < :now)` : `(t.status <> 'open' OR t.due_at >= :now)`;
}
