import { describe, expect, it } from 'vitest';
import { currentMonth, monthLabel, monthRange, monthSummary, sessionState, shiftMonth } from './calendar-month';
import type { Session } from './program-types';

const session = (overrides: Partial<Session>): Session => ({
  id: 'a',
  programId: 'p',
  startsAt: '2026-11-04T23:30:00.000Z',
  endsAt: '2026-11-05T01:00:00.000Z',
  localDate: '2026-11-04',
  cancelled: false,
  cancelReason: null,
  attendance: null,
  notes: null,
  version: 1,
  ...overrides,
});

describe('calendar month', () => {
  it('spans the month in the program’s zone, across its DST change', () => {
    // Los Angeles: PDT (UTC-7) on 1 Nov 00:00, PST (UTC-8) on 1 Dec.
    expect(monthRange('2026-11', 'America/Los_Angeles')).toEqual({
      from: '2026-11-01T07:00:00.000Z',
      to: '2026-12-01T08:00:00.000Z',
    });
    expect(monthRange('2026-12', 'Australia/Sydney')).toEqual({
      from: '2026-11-30T13:00:00.000Z',
      to: '2026-12-31T13:00:00.000Z',
    });
  });

  it('is the month of the program’s zone, not the reader’s', () => {
    // 1 Dec 03:00 UTC is still 30 Nov in Los Angeles.
    expect(currentMonth('America/Los_Angeles', new Date('2026-12-01T03:00:00Z'))).toBe('2026-11');
    expect(currentMonth('Europe/Berlin', new Date('2026-12-01T03:00:00Z'))).toBe('2026-12');
  });

  it('moves by months across years and names them', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(monthLabel('2026-12', 'en-GB')).toBe('December 2026');
  });

  it('tells closed, cancelled, held, unrecorded and upcoming sessions apart', () => {
    const now = new Date('2026-11-10T00:00:00Z');
    expect(sessionState(session({ cancelled: true, cancelReason: 'Veterans Day' }), now)).toBe('closed');
    expect(sessionState(session({ cancelled: true }), now)).toBe('cancelled');
    expect(sessionState(session({ attendance: 0 }), now)).toBe('held');
    expect(sessionState(session({}), now)).toBe('unrecorded');
    expect(sessionState(session({ startsAt: '2026-11-11T23:30:00.000Z' }), now)).toBe('upcoming');
  });

  it('sums up the month', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const month = [
      session({ attendance: 12 }),
      session({ startsAt: '2026-11-11T23:30:00.000Z', cancelled: true, cancelReason: 'Veterans Day' }),
      session({ startsAt: '2026-11-18T23:30:00.000Z' }),
      session({ startsAt: '2026-11-25T23:30:00.000Z' }),
    ];
    expect(monthSummary(month, now)).toBe('4 sessions · 1 cancelled · attendance recorded for 1 of 2 held so far');
    expect(monthSummary([], now)).toBe('No sessions this month.');
  });
});
