import { ValidationFailedError } from './domain-error';
import {
  compileSchedule,
  MAX_RULE_COUNT,
  MAX_SESSIONS_PER_PROGRAM,
  normalizeRrule,
  Occurrence,
  ScheduleInput,
  wallClockToInstant,
  wallClockToInstantByLuxon,
} from './schedule';

const schedule = (overrides: Partial<ScheduleInput> = {}): ScheduleInput => ({
  rrule: 'FREQ=WEEKLY;BYDAY=WE',
  timezone: 'America/Los_Angeles',
  startTime: '15:30',
  durationMinutes: 90,
  startDate: '2026-01-01',
  ...overrides,
});

const expand = (input: Partial<ScheduleInput>, from: string, to: string): Occurrence[] =>
  compileSchedule(schedule(input)).between(new Date(from), new Date(to));
const starts = (occurrences: Occurrence[]) => occurrences.map((o) => o.startsAt.toISOString());
const dates = (occurrences: Occurrence[]) => occurrences.map((o) => o.localDate);

/** The field errors compileSchedule throws, or [] when it accepts the schedule. */
function errorsOf(input: Partial<ScheduleInput>, today?: Date): { field: string; message: string }[] {
  try {
    compileSchedule(schedule(input), { today });
    return [];
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    return error.errors;
  }
}

describe('schedule', () => {
  describe('DST in America/Los_Angeles', () => {
    it('keeps a weekly 15:30 drop-in at 15:30 local across the autumn change (Nov 1 2026)', () => {
      const occurrences = expand({ startDate: '2026-10-01' }, '2026-10-20T00:00:00Z', '2026-11-12T00:00:00Z');
      // PDT is UTC-7, PST is UTC-8.
      expect(starts(occurrences)).toEqual([
        '2026-10-21T22:30:00.000Z',
        '2026-10-28T22:30:00.000Z',
        '2026-11-04T23:30:00.000Z',
        '2026-11-11T23:30:00.000Z',
      ]);
      expect(dates(occurrences)).toEqual(['2026-10-21', '2026-10-28', '2026-11-04', '2026-11-11']);
    });

    it('keeps it at 15:30 local across the spring change (Mar 8 2026)', () => {
      const occurrences = expand({}, '2026-03-01T00:00:00Z', '2026-03-15T00:00:00Z');
      expect(starts(occurrences)).toEqual(['2026-03-04T23:30:00.000Z', '2026-03-11T22:30:00.000Z']);
    });

    it('ends each session its duration in real minutes after it starts', () => {
      const [first] = expand({ durationMinutes: 90 }, '2026-03-04T00:00:00Z', '2026-03-05T00:00:00Z');
      expect(first.endsAt.toISOString()).toBe('2026-03-05T01:00:00.000Z');
    });

    it('moves a time in the spring-forward gap on by an hour (02:30 → 03:30 PDT)', () => {
      const occurrences = expand(
        { rrule: 'FREQ=DAILY', startTime: '02:30', startDate: '2026-03-07' },
        '2026-03-07T00:00:00Z',
        '2026-03-10T00:00:00Z',
      );
      expect(starts(occurrences)).toEqual([
        '2026-03-07T10:30:00.000Z',
        '2026-03-08T10:30:00.000Z',
        '2026-03-09T09:30:00.000Z',
      ]);
      expect(dates(occurrences)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    });

    it('takes the first (daylight) 01:30 when the autumn overlap repeats it', () => {
      const occurrences = expand(
        { rrule: 'FREQ=DAILY', startTime: '01:30', startDate: '2026-10-31' },
        '2026-10-31T00:00:00Z',
        '2026-11-03T00:00:00Z',
      );
      expect(starts(occurrences)).toEqual([
        '2026-10-31T08:30:00.000Z',
        '2026-11-01T08:30:00.000Z',
        '2026-11-02T09:30:00.000Z',
      ]);
    });
  });

  describe('DST in Australia/Sydney (southern hemisphere)', () => {
    const sydney = {
      rrule: 'FREQ=WEEKLY;BYDAY=SA',
      timezone: 'Australia/Sydney',
      startTime: '10:00',
      startDate: '2026-03-01',
    };

    it('keeps Saturday 10:00 across the April change back to standard time (Apr 5 2026)', () => {
      const occurrences = expand(sydney, '2026-03-30T00:00:00Z', '2026-04-12T00:00:00Z');
      // AEDT is UTC+11, AEST UTC+10; the local date is the Sydney date, a day after the UTC one.
      expect(starts(occurrences)).toEqual(['2026-04-03T23:00:00.000Z', '2026-04-11T00:00:00.000Z']);
      expect(dates(occurrences)).toEqual(['2026-04-04', '2026-04-11']);
    });

    it('keeps Saturday 10:00 across the October change to daylight time (Oct 4 2026)', () => {
      const occurrences = expand(sydney, '2026-10-01T00:00:00Z', '2026-10-10T00:00:00Z');
      expect(starts(occurrences)).toEqual(['2026-10-03T00:00:00.000Z', '2026-10-09T23:00:00.000Z']);
    });

    it('resolves the gap and the overlap the same way as in the north', () => {
      expect(wallClockToInstant(new Date('2026-10-04T02:30:00Z'), 'Australia/Sydney').toISOString()).toBe(
        '2026-10-03T16:30:00.000Z',
      );
      expect(wallClockToInstant(new Date('2026-04-05T02:30:00Z'), 'Australia/Sydney').toISOString()).toBe(
        '2026-04-04T15:30:00.000Z',
      );
    });
  });

  describe('DST in Europe/Berlin', () => {
    it('keeps Monday 18:00 across both 2026 changes (Mar 29, Oct 25)', () => {
      const berlin = {
        rrule: 'FREQ=WEEKLY;BYDAY=MO',
        timezone: 'Europe/Berlin',
        startTime: '18:00',
        startDate: '2026-03-01',
      };
      expect(starts(expand(berlin, '2026-03-23T00:00:00Z', '2026-03-31T00:00:00Z'))).toEqual([
        '2026-03-23T17:00:00.000Z',
        '2026-03-30T16:00:00.000Z',
      ]);
      expect(starts(expand(berlin, '2026-10-19T00:00:00Z', '2026-10-27T00:00:00Z'))).toEqual([
        '2026-10-19T16:00:00.000Z',
        '2026-10-26T17:00:00.000Z',
      ]);
    });
  });

  describe('month ends and positions', () => {
    const utc = { timezone: 'UTC', startTime: '12:00', startDate: '2026-01-01' };

    it('BYMONTHDAY=-1 is the last day of every month, February included', () => {
      expect(
        dates(expand({ ...utc, rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1' }, '2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z')),
      ).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
      expect(
        dates(
          expand(
            { ...utc, startDate: '2028-02-01', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1' },
            '2028-02-01T00:00:00Z',
            '2028-03-01T00:00:00Z',
          ),
        ),
      ).toEqual(['2028-02-29']);
    });

    it('BYMONTHDAY=31 skips the months without a 31st', () => {
      expect(
        dates(expand({ ...utc, rrule: 'FREQ=MONTHLY;BYMONTHDAY=31' }, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')),
      ).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31', '2026-10-31', '2026-12-31']);
    });

    it('BYDAY=FR;BYSETPOS=-1 is the last Friday of each month', () => {
      const fridays = dates(
        expand({ ...utc, rrule: 'FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1' }, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'),
      );
      expect(fridays.map((d) => Number(d.slice(8)))).toEqual([30, 27, 27, 24, 29, 26, 31, 28, 25, 30, 27, 25]);
    });

    it('the second Tuesday, written either as BYDAY=2TU or BYDAY=TU;BYSETPOS=2', () => {
      const expected = ['2026-01-13', '2026-02-10', '2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09'];
      expect(
        dates(expand({ ...utc, rrule: 'FREQ=MONTHLY;BYDAY=2TU' }, '2026-01-01T00:00:00Z', '2026-07-01T00:00:00Z')),
      ).toEqual(expected);
      expect(
        dates(
          expand({ ...utc, rrule: 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2' }, '2026-01-01T00:00:00Z', '2026-07-01T00:00:00Z'),
        ),
      ).toEqual(expected);
    });
  });

  describe('bounds', () => {
    const sept = { startDate: '2026-09-01' };
    const all = (input: Partial<ScheduleInput>) =>
      dates(expand({ ...sept, ...input }, '2026-01-01T00:00:00Z', '2027-06-01T00:00:00Z'));

    it('starts at startDate, not before, and does not count startDate unless it matches', () => {
      expect(all({ endDate: '2026-09-10' })).toEqual(['2026-09-02', '2026-09-09']);
    });

    it('includes a session on endDate', () => {
      expect(all({ endDate: '2026-09-16' })).toEqual(['2026-09-02', '2026-09-09', '2026-09-16']);
    });

    it('reads UNTIL as a local date (whole day) or a local date-time', () => {
      expect(all({ rrule: 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20260916' })).toEqual(['2026-09-02', '2026-09-09', '2026-09-16']);
      expect(all({ rrule: 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20260916T120000Z' })).toEqual(['2026-09-02', '2026-09-09']);
    });

    it('stops at the earlier of UNTIL and endDate', () => {
      expect(all({ rrule: 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20261231', endDate: '2026-09-09' })).toEqual([
        '2026-09-02',
        '2026-09-09',
      ]);
    });

    it('counts COUNT from the start even when the window begins later', () => {
      expect(all({ rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=3' })).toEqual(['2026-09-02', '2026-09-09', '2026-09-16']);
      expect(
        expand({ ...sept, rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=3' }, '2026-09-10T00:00:00Z', '2027-01-01T00:00:00Z'),
      ).toHaveLength(1);
    });

    it('treats the window as [from, to): a session starting exactly at `to` is left for the next window', () => {
      const at = '2026-09-02T22:30:00.000Z';
      expect(starts(expand(sept, '2026-09-01T00:00:00Z', at))).toEqual([]);
      expect(starts(expand(sept, at, '2026-09-03T00:00:00Z'))).toEqual([at]);
    });
  });

  describe('normalizeRrule', () => {
    it('strips an RRULE: prefix, trailing semicolons and case', () => {
      expect(normalizeRrule(' rrule:freq=weekly;byday=we; ')).toEqual({ rule: 'FREQ=WEEKLY;BYDAY=WE' });
    });
  });

  describe('validation', () => {
    const field = (errors: { field: string }[]) => errors.map((e) => e.field);

    it('accepts a plain weekly schedule', () => {
      expect(errorsOf({})).toEqual([]);
    });

    it.each([
      ['garbage', /NAME=VALUE/],
      ['FREQ=FORTNIGHTLY', /FREQ must be/],
      ['BYDAY=MO', /must have a FREQ/],
      ['FREQ=WEEKLY;BYDAY=XX', /BYDAY must list weekdays/],
      ['FREQ=WEEKLY;FOO=1', /unknown or unsupported part FOO/],
      ['FREQ=WEEKLY;INTERVAL=-2', /INTERVAL/],
      ['FREQ=WEEKLY;INTERVAL=0', /INTERVAL/],
      ['FREQ=MONTHLY;BYMONTHDAY=40', /BYMONTHDAY/],
      ['FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY/],
      ['FREQ=MONTHLY;BYMONTH=13', /BYMONTH/],
      ['FREQ=MONTHLY;BYDAY=FR;BYSETPOS=0', /BYSETPOS/],
      ['FREQ=WEEKLY;BYDAY=2TU', /position .* only with FREQ=MONTHLY/],
      ['FREQ=WEEKLY;BYDAY=WE;BYDAY=TH', /BYDAY twice/],
      ['FREQ=WEEKLY;COUNT=3;UNTIL=20261231', /COUNT or UNTIL/],
      ['FREQ=WEEKLY;UNTIL=20261301', /UNTIL must be a date/],
      ['FREQ=WEEKLY;DTSTART=20260101T000000Z', /must not contain DTSTART/],
      ['DTSTART:20260101T000000Z\nRRULE:FREQ=WEEKLY', /single RRULE/],
      ['FREQ=DAILY;BYHOUR=9,17', /BYHOUR/],
      ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', /never meet/],
      ['FREQ=DAILY;BYSETPOS=2', /BYSETPOS cannot/],
      ['', /must be an RRULE/],
    ])('refuses %j naming schedule.rrule', (rrule, message) => {
      const errors = errorsOf({ rrule });
      expect(field(errors)).toContain('schedule.rrule');
      expect(errors.map((e) => e.message).join(' | ')).toMatch(message);
    });

    it.each(['HOURLY', 'MINUTELY', 'SECONDLY'])('refuses FREQ=%s as finer than a day', (freq) => {
      expect(errorsOf({ rrule: `FREQ=${freq}` })).toEqual([
        { field: 'schedule.rrule', message: expect.stringMatching(/finer than a day/) },
      ]);
    });

    it('refuses an unknown time zone', () => {
      expect(errorsOf({ timezone: 'Mars/Olympus_Mons' })).toEqual([
        { field: 'schedule.timezone', message: expect.any(String) },
      ]);
    });

    it.each(['25:00', '3:30', '15:30:00', '15h30', ''])('refuses the start time %j', (startTime) => {
      expect(field(errorsOf({ startTime }))).toEqual(['schedule.startTime']);
    });

    it.each([0, 1441, -5, 1.5])('refuses a duration of %j minutes', (durationMinutes) => {
      expect(field(errorsOf({ durationMinutes }))).toEqual(['schedule.durationMinutes']);
    });

    it('accepts durations of 1 and 1440 minutes', () => {
      expect(errorsOf({ durationMinutes: 1 })).toEqual([]);
      expect(errorsOf({ durationMinutes: 1440 })).toEqual([]);
    });

    it('refuses impossible dates and an end date before the start date', () => {
      expect(field(errorsOf({ startDate: '2026-02-30' }))).toEqual(['startDate']);
      expect(field(errorsOf({ endDate: '2025-12-31' }))).toEqual(['endDate']);
      expect(errorsOf({ endDate: '2026-01-01' })).toEqual([
        { field: 'schedule.rrule', message: expect.stringMatching(/no session/) },
      ]);
    });

    it('refuses UNTIL before the start', () => {
      expect(errorsOf({ rrule: 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20251231' })).toEqual([
        { field: 'schedule.rrule', message: expect.stringMatching(/UNTIL must not be before/) },
      ]);
    });

    it('refuses a rule that never yields a session', () => {
      // A Monday 29 February: 2016, then not until 2044.
      expect(errorsOf({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO' })).toEqual([
        { field: 'schedule.rrule', message: expect.stringMatching(/within 5 years/) },
      ]);
    });

    it(`refuses a COUNT above ${MAX_RULE_COUNT} and a bounded schedule of more than ${MAX_SESSIONS_PER_PROGRAM} sessions`, () => {
      expect(errorsOf({ rrule: `FREQ=DAILY;COUNT=${MAX_RULE_COUNT + 1}` })).toEqual([
        { field: 'schedule.rrule', message: expect.stringMatching(/COUNT must be at most/) },
      ]);
      expect(errorsOf({ rrule: `FREQ=DAILY;COUNT=${MAX_RULE_COUNT}` })).toEqual([]);
      // Daily for three years is 1096 sessions.
      expect(errorsOf({ rrule: 'FREQ=DAILY', endDate: '2028-12-31' })).toEqual([
        { field: 'schedule.rrule', message: expect.stringMatching(/more than 1000 sessions/) },
      ]);
      expect(errorsOf({ rrule: 'FREQ=DAILY;UNTIL=20281231' })).toEqual([
        { field: 'schedule.rrule', message: expect.stringMatching(/more than 1000 sessions/) },
      ]);
      expect(errorsOf({ rrule: 'FREQ=WEEKLY', endDate: '2028-12-31' })).toEqual([]);
    });

    it('refuses a schedule ending more than 10 years after it starts', () => {
      expect(field(errorsOf({ rrule: 'FREQ=YEARLY', endDate: '2040-01-01' }))).toEqual(['endDate']);
    });

    it('bounds a new start date to five years either side of today', () => {
      const today = new Date('2026-11-26T12:00:00Z');
      expect(field(errorsOf({ startDate: '2021-11-25' }, today))).toEqual(['startDate']);
      expect(errorsOf({ startDate: '2021-11-27' }, today)).toEqual([]);
      expect(field(errorsOf({ startDate: '2031-11-27' }, today))).toEqual(['startDate']);
    });

    it('reports every invalid field at once', () => {
      expect(
        field(errorsOf({ rrule: 'FREQ=HOURLY', timezone: 'Nowhere', startTime: '99:99', durationMinutes: 0 })).sort(),
      ).toEqual(['schedule.durationMinutes', 'schedule.rrule', 'schedule.startTime', 'schedule.timezone']);
    });

    it('answers quickly for rules that would make rrule iterate for ever', () => {
      const started = Date.now();
      const refused = [
        'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO',
        'FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=5',
        'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=1000',
      ];
      for (const rrule of refused)
        expect(errorsOf({ rrule })).toEqual([
          { field: 'schedule.rrule', message: expect.stringMatching(/no session/) },
        ]);
      expect(errorsOf({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;UNTIL=20351231' })).toEqual([]);
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });
});

describe('wallClockToInstant, remembered per zone and day', () => {
  it('gives luxon’s instant for every day of two years, at the hours clocks change and others, in zones north and south, half-hour and none', () => {
    const zones = [
      'America/Los_Angeles',
      'Europe/London',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Kolkata',
      'UTC',
    ];
    const mismatches: string[] = [];
    for (const zone of zones) {
      for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2028, 0, 1); day += 86_400_000) {
        for (const minutes of [0, 30, 60, 90, 120, 150, 180, 720, 1410]) {
          const wall = new Date(day + minutes * 60_000);
          const quick = wallClockToInstant(wall, zone).toISOString();
          const luxon = wallClockToInstantByLuxon(wall, zone).toISOString();
          if (quick !== luxon) mismatches.push(`${zone} ${wall.toISOString()}: ${quick} ≠ ${luxon}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
