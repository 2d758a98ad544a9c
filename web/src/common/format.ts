import { DateTime } from 'luxon';

/**
 * The zone dates and times are shown and entered in: the library's (its settings' `timezone`,
 * set by the app shell once they load: useLibraryDisplayZone in library/library-queries.ts), else the reader's own. Due
 * dates, "today" and "overdue" are the library's, so a colleague reading from another zone sees
 * the same day as the library does.
 */
let zone: string | undefined;
let dateFormat: Intl.DateTimeFormat;
let dateTimeFormat: Intl.DateTimeFormat;

/** The reader's own zone, as the browser says. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Shows and reads times in `timezone` from now on (undefined: the reader's own zone). */
export function setDisplayZone(timezone: string | undefined): void {
  const next = timezone && DateTime.local().setZone(timezone).isValid ? timezone : undefined;
  if (next === zone && dateFormat) return;
  zone = next;
  dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: zone });
  dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
}
setDisplayZone(undefined);

/** The zone times are shown in (an IANA name). */
export function displayZone(): string {
  return zone ?? browserZone();
}

/** "3 Dec 2026" in the reader's own locale, in the display zone. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** The calendar date ("2026-12-07") `instant` falls on in the display zone. */
export function dateIn(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: displayZone() }).toISODate()!;
}

/** The first instant of the day `days` days after `instant`'s day, in the display zone (daylight time handled). */
export function startOfDayAfter(instant: Date, days: number): Date {
  return DateTime.fromJSDate(instant, { zone: displayZone() }).plus({ days }).startOf('day').toJSDate();
}

/**
 * The date ("2026-12-07") a due time is due by, in the display zone: the day of its last moment
 * before it, so a task due "by the end of 7 December" (the API stores the next midnight) is the
 * 7th's, as one due at 17:00 on the 7th is (src/library/library-calendar.ts dueDateIn).
 */
export function dueDate(iso: string): string {
  return dateIn(new Date(Date.parse(iso) - 1));
}

/** A due time for reading: "Dec 7, 2026" for the end of a day (a midnight in the display zone), else with its time. */
export function formatDue(iso: string): string {
  const at = DateTime.fromISO(iso, { zone: displayZone() });
  if (at.isValid && at.equals(at.startOf('day'))) return formatDate(at.minus({ days: 1 }).set({ hour: 12 }).toISO());
  return formatDateTime(iso);
}

/** An instant as a datetime-local input wants it, "2026-03-04T15:30", in the display zone. */
export function toZonedInputValue(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: displayZone() }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A datetime-local input's value ("2026-03-04T15:30") read in the display zone; an invalid Date when it is not one. */
export function fromZonedInputValue(value: string): Date {
  return DateTime.fromISO(value, { zone: displayZone() }).toJSDate();
}

/** "Chicago time", "UTC": how a hint names a zone. */
export function zoneName(timezone: string): string {
  const city = timezone.split('/').pop() ?? timezone;
  return timezone === 'UTC' || timezone === 'Etc/UTC' ? 'UTC' : `${city.replaceAll('_', ' ')} time`;
}

/** "Times are Chicago time" when the library's zone is not the reader's, else null: nothing to point out. */
export function zoneHint(): string | null {
  return zone && zone !== browserZone() ? `Times are ${zoneName(zone)}` : null;
}
