/*
 * The calendar's URL, `?view=week&date=2026-12-07`. Kept apart from the screen (and from luxon)
 * so the router checks an address without loading the calendar's chunk.
 */

export type CalendarView = 'month' | 'week';
export const CALENDAR_VIEWS: readonly CalendarView[] = ['month', 'week'];

/** Both optional: the month view, and today. */
export interface CalendarSearch {
  view?: CalendarView;
  date?: string;
}

/** A real date `YYYY-MM-DD` between the years 1900 and 9999. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** The valid parameters of the calendar's URL (the router hands over every parameter, valid or not). */
export function parseCalendarSearch(raw: Record<string, unknown>): CalendarSearch {
  const search: CalendarSearch = {};
  if (CALENDAR_VIEWS.includes(raw.view as CalendarView)) search.view = raw.view as CalendarView;
  if (isCalendarDate(raw.date)) search.date = raw.date;
  return search;
}
