import { describe, expect, it } from 'vitest';
import {
  buildRrule,
  buildSchedule,
  emptyScheduleValues,
  formValuesFor,
  recognizeRule,
  scheduleChanged,
  weekdayOf,
  type ScheduleFields,
} from './schedule-pattern';

const stored = (rrule: string, endDate: string | null = null): ScheduleFields => ({
  schedule: { rrule, timezone: 'America/Chicago', startTime: '16:00', durationMinutes: 60, location: 'Teen room' },
  startDate: '2026-09-02',
  endDate,
});

describe('schedule patterns', () => {
  it('builds the RRULE of each pattern', () => {
    const base = emptyScheduleValues('America/Chicago', '2026-09-02');
    expect(buildRrule({ ...base, days: ['WE'] })).toBe('FREQ=WEEKLY;BYDAY=WE');
    // Days in calendar order whatever order they were ticked in.
    expect(buildRrule({ ...base, frequency: 'biweekly', days: ['TH', 'MO'] })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
    );
    expect(buildRrule({ ...base, frequency: 'monthly', position: -1, monthDay: 'FR' })).toBe('FREQ=MONTHLY;BYDAY=-1FR');
    expect(buildRrule({ ...base, end: 'count', count: '10' })).toBe('FREQ=WEEKLY;BYDAY=WE;COUNT=10');
    expect(buildRrule({ ...base, frequency: 'custom', customRrule: '  FREQ=MONTHLY;BYMONTHDAY=15 ' })).toBe(
      'FREQ=MONTHLY;BYMONTHDAY=15',
    );
  });

  it('sends an end date as the program’s endDate, and none unless "on a date" is chosen', () => {
    const base = emptyScheduleValues('America/Chicago', '2026-09-02');
    expect(buildSchedule({ ...base, end: 'date', endDate: '2026-12-16' }).endDate).toBe('2026-12-16');
    expect(buildSchedule({ ...base, end: 'never', endDate: '2026-12-16' }).endDate).toBeNull();
    expect(buildSchedule({ ...base, location: '   ' }).schedule.location).toBeNull();
  });

  it('reads a stored rule back into the pattern it came from', () => {
    expect(formValuesFor(stored('FREQ=WEEKLY;BYDAY=MO,WE'))).toMatchObject({
      frequency: 'weekly',
      days: ['MO', 'WE'],
      end: 'never',
      location: 'Teen room',
    });
    expect(formValuesFor(stored('FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=8'))).toMatchObject({
      frequency: 'biweekly',
      days: ['TH'],
      end: 'count',
      count: '8',
    });
    expect(formValuesFor(stored('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', '2027-06-01'))).toMatchObject({
      frequency: 'monthly',
      position: 2,
      monthDay: 'TU',
      end: 'date',
      endDate: '2027-06-01',
    });
    // No BYDAY: the start date's weekday (2 Sept 2026 is a Wednesday).
    expect(formValuesFor(stored('FREQ=WEEKLY'))).toMatchObject({ frequency: 'weekly', days: ['WE'] });
  });

  it('keeps any other rule as a custom RRULE, unchanged on save', () => {
    for (const rule of [
      'FREQ=MONTHLY;BYMONTHDAY=15',
      'FREQ=WEEKLY;INTERVAL=3;BYDAY=SA',
      'FREQ=DAILY',
      'FREQ=WEEKLY;BYDAY=WE;UNTIL=20261231',
      'FREQ=MONTHLY;BYDAY=5FR',
    ]) {
      const values = formValuesFor(stored(rule));
      expect(values.frequency).toBe('custom');
      expect(buildSchedule(values)).toEqual(stored(rule));
    }
    // Both COUNT and an end date: shown as they are rather than dropping one.
    expect(formValuesFor(stored('FREQ=WEEKLY;BYDAY=WE;COUNT=5', '2026-12-01')).frequency).toBe('custom');
  });

  it('round-trips every pattern without a change the server would see', () => {
    for (const rule of [
      'FREQ=WEEKLY;BYDAY=WE',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=12',
      'FREQ=MONTHLY;BYDAY=-1FR',
      'FREQ=MONTHLY;BYDAY=3SA;COUNT=4',
    ]) {
      expect(scheduleChanged(buildSchedule(formValuesFor(stored(rule))), stored(rule))).toBe(false);
    }
    expect(
      scheduleChanged(
        buildSchedule({ ...formValuesFor(stored('FREQ=WEEKLY;BYDAY=WE')), startTime: '16:30' }),
        stored('FREQ=WEEKLY;BYDAY=WE'),
      ),
    ).toBe(true);
  });

  it('recognizes only what it can show', () => {
    expect(recognizeRule('FREQ=WEEKLY;BYDAY=WE,WE', '2026-09-02')).toBeNull();
    expect(recognizeRule('FREQ=WEEKLY;BYDAY=2WE', '2026-09-02')).toBeNull();
    expect(recognizeRule('FREQ=MONTHLY;BYDAY=2TU,4TU', '2026-09-02')).toBeNull();
    expect(recognizeRule('not a rule', '2026-09-02')).toBeNull();
    expect(weekdayOf('2026-09-06')).toBe('SU');
    expect(weekdayOf('2026-13-01')).toBeNull();
  });
});
