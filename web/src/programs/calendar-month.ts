import { DateTime } from 'luxon';
import type { Session } from './program-types';

/**
 * The calendar shows one month of the program's own zone at a time: a session belongs to the
 * month of its local date, whatever zone the reader is in.
 */

/** The month `now` is in, in `zone`: `YYYY-MM`. */
export function currentMonth(zone: string, now = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toFormat('yyyy-MM');
}

/** `YYYY-MM` moved by whole months. */
export function shiftMonth(month: string, months: number): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).plus({ months }).toFormat('yyyy-MM');
}

/** The instants the month spans in `zone`, [from, to), as the sessions route takes them. */
export function monthRange(month: string, zone: string): { from: string; to: string } {
  const start = DateTime.fromISO(`${month}-01T00:00`, { zone });
  return { from: start.toUTC().toISO()!, to: start.plus({ months: 1 }).toUTC().toISO()! };
}

/** "December 2026". */
export function monthLabel(month: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );
}

/** How a session stands, in words and for its controls. */
export type SessionState = 'closed' | 'cancelled' | 'held' | 'unrecorded' | 'upcoming';

export function sessionState(session: Session, now: Date): SessionState {
  if (session.cancelReason) return 'closed';
  if (session.cancelled) return 'cancelled';
  if (new Date(session.startsAt) > now) return 'upcoming';
  return session.attendance === null ? 'unrecorded' : 'held';
}

/** "5 sessions · 1 cancelled · attendance recorded for 2 of 3 held so far". */
export function monthSummary(sessions: readonly Session[], now: Date): string {
  if (sessions.length === 0) return 'No sessions this month.';
  const states = sessions.map((session) => sessionState(session, now));
  const off = states.filter((state) => state === 'closed' || state === 'cancelled').length;
  const past = states.filter((state) => state === 'held' || state === 'unrecorded').length;
  const recorded = states.filter((state) => state === 'held').length;
  const parts = [`${sessions.length} ${sessions.length === 1 ? 'session' : 'sessions'}`];
  if (off > 0) parts.push(`${off} cancelled`);
  if (past > 0) parts.push(`attendance recorded for ${recorded} of ${past} held so far`);
  return parts.join(' · ');
}
