import { describe, expect, it } from 'vitest';
import {
  byDay,
  dayLabel,
  dayOf,
  instantRange,
  localeWeekStart,
  monthWeeks,
  periodLabel,
  samePeriod,
  shiftDate,
  startOfWeek,
  todayIn,
  viewRange,
  weekDays,
  weekdayNames,
} from './calendar-range';
import { parseCalendarSearch } from './calendar-search';

const SUNDAY = 7;
const MONDAY = 1;

describe('calendar range', () => {
  describe('the URL', () => {
    it('keeps a known view and a real date, and drops anything else', () => {
      expect(parseCalendarSearch({ view: 'week', date: '2026-12-07' })).toEqual({ view: 'week', date: '2026-12-07' });
      expect(parseCalendarSearch({ view: 'month' })).toEqual({ view: 'month' });
      expect(parseCalendarSearch({ view: 'year', date: '2026-02-30' })).toEqual({});
      expect(parseCalendarSearch({ date: '2026-12-7' })).toEqual({});
      expect(parseCalendarSearch({ date: '0001-01-01' })).toEqual({});
      expect(parseCalendarSearch({ date: 20261207 })).toEqual({});
      expect(parseCalendarSearch({ date: ['2026-12-07'] })).toEqual({});
      expect(parseCalendarSearch({ date: '2028-02-29' })).toEqual({ date: '2028-02-29' });
    });
  });

  describe('month grid', () => {
    it('lays December 2026 out in whole weeks from Sunday, with November’s last days and January’s first', () => {
      const weeks = monthWeeks('2026-12-07', SUNDAY);
      expect(weeks).toHaveLength(5);
      expect(weeks[0]).toEqual([
        '2026-11-29',
        '2026-11-30',
        '2026-12-01',
        '2026-12-02',
        '2026-12-03',
        '2026-12-04',
        '2026-12-05',
      ]);
      expect(weeks[4]).toEqual([
        '2026-12-27',
        '2026-12-28',
        '2026-12-29',
        '2026-12-30',
        '2026-12-31',
        '2027-01-01',
        '2027-01-02',
      ]);
      expect(weeks.every((week) => week.length === 7)).toBe(true);
    });

    it('starts weeks on Monday where the reader’s week does', () => {
      const weeks = monthWeeks('2026-12-31', MONDAY);
      expect(weeks[0][0]).toBe('2026-11-30');
      expect(weeks[weeks.length - 1][6]).toBe('2027-01-03');
      expect(weeks).toHaveLength(5);
    });

    it('needs six rows for a month that starts late in the week, four for a February that fits', () => {
      // August 2026 starts on a Saturday and has 31 days.
      expect(monthWeeks('2026-08-15', SUNDAY)).toHaveLength(6);
      // February 2026 starts on a Sunday and has 28 days.
      expect(monthWeeks('2026-02-01', SUNDAY)).toHaveLength(4);
      expect(monthWeeks('2026-02-01', SUNDAY)[0][0]).toBe('2026-02-01');
    });

    it('asks for every day on screen, midnight to midnight in the reader’s zone', () => {
      expect(viewRange('month', '2026-12-07', SUNDAY, 'America/Chicago')).toEqual({
        from: '2026-11-29T06:00:00.000Z',
        to: '2027-01-03T06:00:00.000Z',
      });
      expect(viewRange('month', '2026-12-07', MONDAY, 'Europe/Berlin')).toEqual({
        from: '2026-11-29T23:00:00.000Z',
        to: '2027-01-03T23:00:00.000Z',
      });
    });

    it('never asks for more than the server’s 62 days, whatever the month and zone', () => {
      for (let month = 1; month <= 12; month += 1) {
        for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Santiago', 'Australia/Lord_Howe']) {
          const { from, to } = viewRange('month', `2026-${String(month).padStart(2, '0')}-15`, SUNDAY, zone);
          const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
          expect(days).toBeGreaterThanOrEqual(28);
          expect(days).toBeLessThanOrEqual(43);
        }
      }
    });
  });

  describe('week', () => {
    it('is the seven days from the week’s first day', () => {
      expect(weekDays('2026-12-07', SUNDAY)).toEqual([
        '2026-12-06',
        '2026-12-07',
        '2026-12-08',
        '2026-12-09',
        '2026-12-10',
        '2026-12-11',
        '2026-12-12',
      ]);
      expect(startOfWeek('2026-12-06', MONDAY)).toBe('2026-11-30');
      expect(startOfWeek('2026-12-06', SUNDAY)).toBe('2026-12-06');
      expect(weekDays('2026-12-31', MONDAY)[6]).toBe('2027-01-03');
    });

    it('spans 169 hours in the week the clocks go back, and 167 in the week they go forward', () => {
      // Los Angeles leaves daylight saving time on Sunday 1 November 2026 and starts it on 8 March 2026.
      const autumn = viewRange('week', '2026-11-04', SUNDAY, 'America/Los_Angeles');
      expect(autumn).toEqual({ from: '2026-11-01T07:00:00.000Z', to: '2026-11-08T08:00:00.000Z' });
      expect((Date.parse(autumn.to) - Date.parse(autumn.from)) / 3_600_000).toBe(169);
      const spring = viewRange('week', '2026-03-10', SUNDAY, 'America/Los_Angeles');
      expect(spring).toEqual({ from: '2026-03-08T08:00:00.000Z', to: '2026-03-15T07:00:00.000Z' });
      expect((Date.parse(spring.to) - Date.parse(spring.from)) / 3_600_000).toBe(167);
    });

    it('puts a session on the day it starts in the reader’s zone, on both sides of the change', () => {
      const sessions = [
        { id: 'before', startsAt: '2026-10-28T22:30:00.000Z' }, // Wed 15:30 PDT
        { id: 'after', startsAt: '2026-11-04T23:30:00.000Z' }, // Wed 15:30 PST
        { id: 'late', startsAt: '2026-11-05T07:30:00.000Z' }, // Wed 23:30 PST, Thursday in UTC
      ];
      const days = byDay(sessions, 'America/Los_Angeles');
      expect([...days.keys()]).toEqual(['2026-10-28', '2026-11-04']);
      expect(days.get('2026-11-04')!.map((s) => s.id)).toEqual(['after', 'late']);
      expect(dayOf('2026-11-05T07:30:00.000Z', 'Europe/Berlin')).toBe('2026-11-05');
    });
  });

  describe('moving about', () => {
    it('moves by months, keeping the day where it can', () => {
      expect(shiftDate('month', '2026-12-07', 1)).toBe('2027-01-07');
      expect(shiftDate('month', '2026-01-31', 1)).toBe('2026-02-28');
      expect(shiftDate('month', '2026-03-31', -1)).toBe('2026-02-28');
    });

    it('moves by weeks across the year', () => {
      expect(shiftDate('week', '2026-12-28', 1)).toBe('2027-01-04');
      expect(shiftDate('week', '2026-01-02', -1)).toBe('2025-12-26');
    });

    it('knows when two dates show the same month or week', () => {
      expect(samePeriod('month', '2026-12-01', '2026-12-31', SUNDAY)).toBe(true);
      expect(samePeriod('month', '2026-12-31', '2027-01-01', SUNDAY)).toBe(false);
      expect(samePeriod('week', '2026-12-06', '2026-12-12', SUNDAY)).toBe(true);
      expect(samePeriod('week', '2026-12-06', '2026-12-12', MONDAY)).toBe(false);
    });

    it('reads today in the reader’s zone', () => {
      // 03:00 UTC on 1 December is still 30 November in Chicago.
      expect(todayIn('America/Chicago', new Date('2026-12-01T03:00:00Z'))).toBe('2026-11-30');
      expect(todayIn('Europe/Berlin', new Date('2026-12-01T03:00:00Z'))).toBe('2026-12-01');
    });
  });

  describe('words', () => {
    it('names the month, the week and the day', () => {
      // Intl puts thin spaces around a range's dash.
      const spaced = (text: string) => text.replace(/\s/g, ' ');
      expect(periodLabel('month', '2026-12-07', SUNDAY, 'en-US')).toBe('December 2026');
      expect(spaced(periodLabel('week', '2026-12-07', SUNDAY, 'en-US'))).toBe('December 6 – 12, 2026');
      expect(spaced(periodLabel('week', '2026-12-31', SUNDAY, 'en-GB'))).toBe('27 December 2026 – 2 January 2027');
      expect(dayLabel('2026-12-07', 'en-US')).toBe('Monday, December 7');
      expect(dayLabel('2026-12-07', 'en-US', true)).toBe('Monday, December 7, 2026');
    });

    it('lists the weekdays from the week’s first day', () => {
      expect(weekdayNames(SUNDAY, 'en-US').map((d) => d.short)).toEqual([
        'Sun',
        'Mon',
        'Tue',
        'Wed',
        'Thu',
        'Fri',
        'Sat',
      ]);
      expect(weekdayNames(MONDAY, 'en-GB')[6].long).toBe('Sunday');
      expect(localeWeekStart('en-US')).toBe(SUNDAY);
      expect(localeWeekStart('de-DE')).toBe(MONDAY);
    });

    it('gives the instants of a single day, 25 hours on the autumn change', () => {
      const { from, to } = instantRange('2026-11-01', '2026-11-01', 'America/Los_Angeles');
      expect((Date.parse(to) - Date.parse(from)) / 3_600_000).toBe(25);
    });
  });
});
