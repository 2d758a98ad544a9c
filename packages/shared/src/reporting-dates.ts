import { DateTime } from 'luxon';
import { daysIn, type DateRange, type GoalProgress, type GoalStatus, type PeriodPreset } from './reporting';

/** The reporting periods' date arithmetic and the goals' progress rule (see reporting.ts). */

function day(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: 'utc' });
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
