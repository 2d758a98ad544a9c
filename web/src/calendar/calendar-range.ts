import { DateTime, Info } from 'luxon';
import type { CalendarView } from './calendar-search';

/**
 * The dates of the all-programs calendar. Days are calendar dates (`YYYY-MM-DD`) in the reader's
 * own time zone: a session sits on the day it starts in that zone, and a day spans that zone's
 * midnight to the next (23 or 25 hours on a DST change). Date arithmetic is done on plain dates
 * (in UTC, where every day has 24 hours); only the request's instants are taken in the zone.
 */

export type { CalendarView } from './calendar-search';

const plain = (date: string) => DateTime.fromISO(date, { zone: 'UTC' });
const iso = (date: DateTime) => date.toISODate()!;

/** The first day of the week where the reader lives: 7 (Sunday) in the US, 1 (Monday) in most of Europe. */
export function localeWeekStart(locale?: string): number {
  return Info.getStartOfWeek(locale ? { locale } : {});
}

/** The first day of the week `date` is in, weeks starting on `weekStart` (1 = Monday … 7 = Sunday). */
export function startOfWeek(date: string, weekStart: number): string {
  const day = plain(date);
  return iso(day.minus({ days: (day.weekday - weekStart + 7) % 7 }));
}

/** The seven days of the week `date` is in. */
export function weekDays(date: string, weekStart: number): string[] {
  const first = plain(startOfWeek(date, weekStart));
  return Array.from({ length: 7 }, (_, i) => iso(first.plus({ days: i })));
}

/**
 * The month `date` is in, as whole weeks: from the week holding its 1st to the week holding its
 * last day (four to six rows), so the grid has no ragged edges.
 */
export function monthWeeks(date: string, weekStart: number): string[][] {
  const first = plain(date).startOf('month');
  const last = first.endOf('month').startOf('day');
  const weeks: string[][] = [];
  for (let day = plain(startOfWeek(iso(first), weekStart)); day <= last; day = day.plus({ weeks: 1 })) {
    weeks.push(weekDays(iso(day), weekStart));
  }
  return weeks;
}

/** The weeks a view shows: the month's (with leading and trailing days) or the one week. */
export function viewWeeks(view: CalendarView, date: string, weekStart: number): string[][] {
  return view === 'month' ? monthWeeks(date, weekStart) : [weekDays(date, weekStart)];
}

/** The instants from the first day's midnight to the midnight after the last day, in `zone`: [from, to). */
export function instantRange(firstDay: string, lastDay: string, zone: string): { from: string; to: string } {
  const start = DateTime.fromISO(firstDay, { zone }).startOf('day');
  const end = DateTime.fromISO(lastDay, { zone }).plus({ days: 1 }).startOf('day');
  return { from: start.toUTC().toISO()!, to: end.toUTC().toISO()! };
}

/** What the sessions route is asked for a view: every day on screen, in the reader's zone. */
export function viewRange(view: CalendarView, date: string, weekStart: number, zone: string) {
  const weeks = viewWeeks(view, date, weekStart);
  const lastWeek = weeks[weeks.length - 1];
  return instantRange(weeks[0][0], lastWeek[lastWeek.length - 1], zone);
}

/** A month or a week later (`by` > 0) or earlier; a month later than 31 January is 28 (or 29) February. */
export function shiftDate(view: CalendarView, date: string, by: number): string {
  return iso(plain(date).plus(view === 'month' ? { months: by } : { weeks: by }));
}

/** Whether two dates are in the same period of the view (the same month, or the same week). */
export function samePeriod(view: CalendarView, a: string, b: string, weekStart: number): boolean {
  return view === 'month' ? a.slice(0, 7) === b.slice(0, 7) : startOfWeek(a, weekStart) === startOfWeek(b, weekStart);
}

/** Today in `zone`. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return iso(DateTime.fromJSDate(now, { zone }));
}

/** The day an instant falls on in `zone`. */
export function dayOf(instant: string, zone: string): string {
  return iso(DateTime.fromISO(instant, { zone }));
}

/** Items grouped by the day they start on in `zone`, each day's in the given order. */
export function byDay<T extends { startsAt: string }>(items: readonly T[], zone: string): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const item of items) {
    const day = dayOf(item.startsAt, zone);
    const list = days.get(day);
    if (list) list.push(item);
    else days.set(day, [item]);
  }
  return days;
}

const utcNoon = (date: string) => new Date(`${date}T12:00:00Z`);

/** "December 2026", or "6 – 12 December 2026" (in the reader's locale) for a week. */
export function periodLabel(view: CalendarView, date: string, weekStart: number, locale?: string): string {
  if (view === 'month') {
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcNoon(date));
  }
  const days = weekDays(date, weekStart);
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatRange(utcNoon(days[0]), utcNoon(days[6]));
}

/** "Monday, December 7" — a day as a heading or a label says it. */
export function dayLabel(date: string, locale?: string, withYear = false): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(utcNoon(date));
}

/** The weekday names in the grid's order: short ("Mon") to show, long ("Monday") to read out. */
export function weekdayNames(weekStart: number, locale?: string): { short: string; long: string }[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const day = utcNoon(iso(plain('2024-01-01').plus({ days: (weekStart - 1 + i) % 7 })));
    return {
      short: new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(day),
      long: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(day),
    };
  });
}

/** "3:30 PM" in `zone`. */
export function formatTime(instant: string, zone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone }).format(new Date(instant));
}

/** "3:30 – 5:00 PM" in `zone`. */
export function formatTimes(startsAt: string, endsAt: string, zone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone }).formatRange(
    new Date(startsAt),
    new Date(endsAt),
  );
}
