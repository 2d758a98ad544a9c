import { describe, expect, it } from 'vitest';
import type { ScheduleFields } from './schedule-pattern';
import { describeRule, describeSpan, formatTimeRange, previewSchedule } from './schedule-preview';

const weekly = (
  overrides: Partial<ScheduleFields['schedule']> = {},
  dates: Partial<Omit<ScheduleFields, 'schedule'>> = {},
): ScheduleFields => ({
  schedule: {
    rrule: 'FREQ=WEEKLY;BYDAY=WE',
    timezone: 'America/Los_Angeles',
    startTime: '15:30',
    durationMinutes: 90,
    location: null,
    ...overrides,
  },
  startDate: '2025-09-03',
  endDate: null,
  ...dates,
});

const en = { locale: 'en-GB', viewerZone: 'America/Los_Angeles' };

describe('previewSchedule', () => {
  it('says what, when and the next three dates', () => {
    const preview = previewSchedule(weekly(), { ...en, now: new Date('2025-12-01T18:00:00Z') });
    expect(preview).toMatchObject({ ok: true, summary: 'Every Wednesday 15:30–17:00', more: true });
    if (!preview.ok) throw new Error('expected a preview');
    expect(preview.sentence).toBe('Every Wednesday 15:30–17:00 · next: 3 Dec, 10 Dec, 17 Dec …');
    expect(preview.sessions.map((session) => session.localDate)).toEqual(['2025-12-03', '2025-12-10', '2025-12-17']);
    // PST is UTC-8: 15:30 local is 23:30 UTC.
    expect(preview.sessions[0].startsAt.toISOString()).toBe('2025-12-03T23:30:00.000Z');
    expect(preview.sessions[0].endsAt.toISOString()).toBe('2025-12-04T01:00:00.000Z');
  });

  it('keeps 15:30 local through the DST week: the instants move by an hour, the words and the weekday do not', () => {
    // Clocks go back in Los Angeles on Sunday 1 Nov 2026.
    const preview = previewSchedule(weekly({}, { startDate: '2026-09-02' }), {
      ...en,
      now: new Date('2026-10-26T12:00:00Z'),
    });
    if (!preview.ok) throw new Error('expected a preview');
    expect(preview.sentence).toBe('Every Wednesday 15:30–17:00 · next: 28 Oct, 4 Nov, 11 Nov …');
    expect(preview.sessions.map((session) => session.startsAt.toISOString())).toEqual([
      '2026-10-28T22:30:00.000Z',
      '2026-11-04T23:30:00.000Z',
      '2026-11-11T23:30:00.000Z',
    ]);
    expect(
      preview.sessions.map((session) =>
        formatTimeRange(session.startsAt, session.endsAt, 'America/Los_Angeles', 'en-GB'),
      ),
    ).toEqual(['15:30–17:00', '15:30–17:00', '15:30–17:00']);
  });

  it('names the program’s zone for a reader elsewhere', () => {
    const preview = previewSchedule(weekly(), {
      locale: 'en-GB',
      viewerZone: 'Europe/Berlin',
      now: new Date('2025-12-01T18:00:00Z'),
    });
    expect(preview.ok && preview.sentence).toBe(
      'Every Wednesday 15:30–17:00 (America/Los Angeles time) · next: 3 Dec, 10 Dec, 17 Dec …',
    );
  });

  it('marks a session on a closure day, and a preview without closures marks none', () => {
    const thursdays = weekly(
      { rrule: 'FREQ=WEEKLY;BYDAY=TH', timezone: 'America/New_York', startTime: '16:00', durationMinutes: 60 },
      { startDate: '2025-11-06' },
    );
    const options = { locale: 'en-GB', viewerZone: 'America/New_York', now: new Date('2025-11-17T12:00:00Z') };

    const closureFree = previewSchedule(thursdays, { ...options, closures: [] });
    expect(closureFree.ok && closureFree.sentence).toBe('Every Thursday 16:00–17:00 · next: 20 Nov, 27 Nov, 4 Dec …');
    expect(closureFree.ok && closureFree.sessions.map((session) => session.closure)).toEqual([null, null, null]);

    const thanksgiving = previewSchedule(thursdays, {
      ...options,
      closures: [
        { date: '2025-11-27', name: 'Thanksgiving' },
        { date: '2025-11-26', name: 'Staff day' },
      ],
    });
    expect(thanksgiving.ok && thanksgiving.sentence).toBe(
      'Every Thursday 16:00–17:00 · next: 20 Nov, 27 Nov (closed: Thanksgiving), 4 Dec …',
    );
    expect(thanksgiving.ok && thanksgiving.sessions.map((session) => session.closure)).toEqual([
      null,
      'Thanksgiving',
      null,
    ]);
  });

  it('biweekly on two days, and the second Tuesday of every month with next year’s dates dated', () => {
    const now = new Date('2025-12-01T18:00:00Z');
    const biweekly = previewSchedule(
      weekly(
        { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', startTime: '10:00', durationMinutes: 45 },
        { startDate: '2025-12-01' },
      ),
      {
        ...en,
        now,
        count: 4,
      },
    );
    expect(biweekly.ok && biweekly.sentence).toBe(
      'Every other Monday and Thursday 10:00–10:45 · next: 1 Dec, 4 Dec, 15 Dec, 18 Dec …',
    );

    const monthly = previewSchedule(
      weekly({ rrule: 'FREQ=MONTHLY;BYDAY=2TU', startTime: '18:00' }, { startDate: '2025-12-01' }),
      { ...en, now },
    );
    expect(monthly.ok && monthly.sentence).toBe(
      'The second Tuesday of every month 18:00–19:30 · next: 9 Dec, 13 Jan 2026, 10 Feb 2026 …',
    );
  });

  it('stops at the end: no ellipsis for the last dates, and says so when none are left', () => {
    const ending = weekly({}, { endDate: '2025-12-17' });
    const last = previewSchedule(ending, { ...en, now: new Date('2025-12-01T18:00:00Z') });
    expect(last.ok && last.sentence).toBe('Every Wednesday 15:30–17:00 · next: 3 Dec, 10 Dec, 17 Dec');
    const over = previewSchedule(ending, { ...en, now: new Date('2026-01-05T18:00:00Z') });
    expect(over.ok && over.sentence).toBe('Every Wednesday 15:30–17:00 · no sessions ahead');
    const counted = previewSchedule(weekly({ rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=2' }), {
      ...en,
      now: new Date('2025-09-01T18:00:00Z'),
    });
    expect(counted.ok && counted.sentence).toBe('Every Wednesday 15:30–17:00 · next: 3 Sept, 10 Sept');
  });

  it('refuses what the server refuses, with the server’s fields and messages', () => {
    const preview = previewSchedule(weekly({ timezone: 'Mars/Olympus', durationMinutes: 0, startTime: '25:00' }), {
      ...en,
      now: new Date('2025-12-01T00:00:00Z'),
    });
    expect(preview).toEqual({
      ok: false,
      errors: [
        { field: 'schedule.timezone', message: 'must be an IANA time zone such as America/Los_Angeles' },
        { field: 'schedule.startTime', message: 'must be a 24-hour time HH:MM, such as 15:30' },
        { field: 'schedule.durationMinutes', message: 'must be a whole number of minutes from 1 to 1440' },
      ],
    });
    const never = previewSchedule(weekly({ rrule: 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30' }), {
      ...en,
      now: new Date('2025-12-01T00:00:00Z'),
    });
    expect(never).toEqual({
      ok: false,
      errors: [{ field: 'schedule.rrule', message: 'BYMONTH and BYMONTHDAY never meet on a real date' }],
    });
    const tooMany = previewSchedule(weekly({ rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=1001' }), {
      ...en,
      now: new Date('2025-12-01T00:00:00Z'),
    });
    expect(tooMany).toEqual({
      ok: false,
      errors: [{ field: 'schedule.rrule', message: 'COUNT must be at most 1000' }],
    });
  });

  it('bounds a new start date like the server does, only when asked', () => {
    const old = weekly({}, { startDate: '2015-01-07' });
    const now = new Date('2025-12-01T00:00:00Z');
    expect(previewSchedule(old, { ...en, now, checkStartDate: true })).toEqual({
      ok: false,
      errors: [{ field: 'startDate', message: 'must be within the last 5 years' }],
    });
    expect(previewSchedule(old, { ...en, now }).ok).toBe(true);
  });

  it('writes times the reader’s way (US English: 3:30 – 5:00 PM)', () => {
    const preview = previewSchedule(weekly(), {
      locale: 'en-US',
      viewerZone: 'America/Los_Angeles',
      now: new Date('2025-12-01T18:00:00Z'),
    });
    expect(preview.ok && preview.sentence.replace(/\s/g, ' ')).toBe(
      'Every Wednesday 3:30 – 5:00 PM · next: Dec 3, Dec 10, Dec 17 …',
    );
  });
});

describe('describeRule', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=WE', 'Every Wednesday'],
    ['FREQ=WEEKLY', 'Every Wednesday'], // the start date's weekday
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'Every Monday, Wednesday and Friday'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Every weekday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=SA', 'Every other Saturday'],
    ['FREQ=WEEKLY;INTERVAL=3;BYDAY=SA', 'Every 3 weeks on Saturday'],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'The last Friday of every month'],
    ['FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', 'The second Tuesday of every month'],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO', 'The first Monday of every other month'],
    ['FREQ=DAILY', 'Every day'],
    ['FREQ=DAILY;INTERVAL=3;COUNT=5', 'Every 3 days'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', 'Every month on the 15th'],
    ['rrule:freq=weekly;byday=th;', 'Every Thursday'],
    ['FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1', 'Custom schedule (FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1)'],
  ])('%s → %s', (rule, words) => {
    expect(describeRule(rule, '2025-09-03')).toBe(words);
  });
});

describe('describeSpan', () => {
  it('states the start and the end: a date, a number of sessions or none', () => {
    expect(describeSpan(weekly({}, { endDate: '2025-12-17' }), 'en-GB')).toBe('From 3 Sept 2025 until 17 Dec 2025');
    expect(describeSpan(weekly({ rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=10' }), 'en-GB')).toBe(
      'From 3 Sept 2025, 10 sessions',
    );
    expect(
      describeSpan(weekly({ rrule: 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20251105' }, { endDate: '2025-12-17' }), 'en-GB'),
    ).toBe('From 3 Sept 2025 until 5 Nov 2025');
    expect(describeSpan(weekly(), 'en-GB')).toBe('From 3 Sept 2025, no end date');
  });
});

describe('formatTimeRange', () => {
  it('says when a session ends after midnight', () => {
    expect(formatTimeRange(new Date('2025-12-03T23:00:00Z'), new Date('2025-12-04T01:00:00Z'), 'UTC', 'en-GB')).toBe(
      '23:00–01:00 (ends the next day)',
    );
  });
});
