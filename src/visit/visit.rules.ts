import { isDateOnly } from '../common/dto/date-time';
import { endOfDayIn, startOfDayIn } from '../library/library-calendar';
import { FieldError, ValidationFailedError } from '../common/errors/domain-error';

/** Visits before this are typos (a year of 0202), not history a team back-fills. */
export const EARLIEST_VISIT = new Date('2000-01-01T00:00:00Z');
/** A visit can be planned ahead, but not further than this. */
export const MAX_DAYS_AHEAD = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Why `visitedAt` is not plausible, or null when it is. */
export function visitedAtProblem(visitedAt: Date, now: Date): string | null {
  if (visitedAt.getTime() < EARLIEST_VISIT.getTime())
    return `must not be before ${EARLIEST_VISIT.toISOString().slice(0, 10)}`;
  if (visitedAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS)
    return `must not be more than ${MAX_DAYS_AHEAD} days ahead`;
  return null;
}

/** A `from`/`to` filter as bounds on an instant: `from` inclusive, `to` inclusive, or (a date) the whole day. */
export interface TimeWindow {
  from?: Date;
  /** Inclusive upper bound (`to` was a date-time). */
  until?: Date;
  /** Exclusive upper bound (`to` was a date: the start of the next day in the library's zone). */
  before?: Date;
}

/**
 * Turns the validated `from`/`to` strings into bounds. A date means a day of the library's
 * calendar (`zone`): `from=2026-03-01` starts at its midnight, `to=2026-03-31` includes the whole
 * of the 31st. A window that ends before it starts is a 400 naming `from`.
 */
export function timeWindow(from: string | undefined, to: string | undefined, zone: string): TimeWindow {
  const window: TimeWindow = {};
  if (from !== undefined) window.from = isDateOnly(from) ? startOfDayIn(from, zone) : new Date(from);
  if (to !== undefined) {
    if (isDateOnly(to)) window.before = endOfDayIn(to, zone);
    else window.until = new Date(to);
  }
  const errors: FieldError[] = [];
  if (window.from && window.before && window.from.getTime() >= window.before.getTime())
    errors.push({ field: 'from', message: 'must not be after to' });
  if (window.from && window.until && window.from.getTime() > window.until.getTime())
    errors.push({ field: 'from', message: 'must not be after to' });
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return window;
}
