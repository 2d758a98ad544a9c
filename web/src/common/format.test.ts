import { afterEach, describe, expect, it } from 'vitest';
import {
  browserZone,
  dateIn,
  displayZone,
  dueDate,
  formatDate,
  formatDateTime,
  formatDue,
  fromZonedInputValue,
  setDisplayZone,
  startOfDayAfter,
  toZonedInputValue,
  zoneHint,
} from './format';

// The test process runs in UTC; the library is elsewhere.
afterEach(() => setDisplayZone(undefined));

describe("dates and times in the library's zone", () => {
  it("formats in the reader's own zone until the library's is set, then in the library's", () => {
    const instant = '2026-12-07T20:00:00.000Z';
    expect(displayZone()).toBe(browserZone());
    expect(formatDate(instant)).toBe('Dec 7, 2026');
    setDisplayZone('Pacific/Auckland'); // UTC+13 in December: already the 8th
    expect(displayZone()).toBe('Pacific/Auckland');
    expect(formatDate(instant)).toBe('Dec 8, 2026');
    expect(formatDateTime(instant)).toBe('Dec 8, 2026, 9:00 AM');
    setDisplayZone('America/Los_Angeles');
    expect(formatDateTime(instant)).toBe('Dec 7, 2026, 12:00 PM');
  });

  it("ignores a zone the browser does not know, keeping the reader's own", () => {
    setDisplayZone('Mars/Olympus_Mons');
    expect(displayZone()).toBe(browserZone());
    expect(zoneHint()).toBeNull();
  });

  it('reads and writes datetime-local values in the library zone, across daylight time', () => {
    setDisplayZone('America/Los_Angeles');
    expect(fromZonedInputValue('2026-12-07T09:00').toISOString()).toBe('2026-12-07T17:00:00.000Z');
    expect(toZonedInputValue(new Date('2026-12-07T17:00:00Z'))).toBe('2026-12-07T09:00');
    // 8 March 2026: Los Angeles is on daylight time (UTC−7) from 02:00.
    expect(fromZonedInputValue('2026-03-08T09:00').toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(Number.isNaN(fromZonedInputValue('').getTime())).toBe(true);
    expect(Number.isNaN(fromZonedInputValue('2026-02-30T09:00').getTime())).toBe(true);
    setDisplayZone('Pacific/Auckland');
    expect(toZonedInputValue(new Date('2026-12-07T20:00:00Z'))).toBe('2026-12-08T09:00');
  });

  it('names the day an instant falls on and the start of later days in the library zone', () => {
    setDisplayZone('Pacific/Auckland');
    expect(dateIn(new Date('2026-12-07T20:00:00Z'))).toBe('2026-12-08');
    expect(startOfDayAfter(new Date('2026-12-07T20:00:00Z'), 1).toISOString()).toBe('2026-12-08T11:00:00.000Z');
  });

  it('shows a date-only due date (the next library midnight) as the date given, and other due times with their time', () => {
    setDisplayZone('America/Los_Angeles');
    // Due by the end of 7 December in Los Angeles: stored as 8 December 00:00 PST.
    expect(dueDate('2026-12-08T08:00:00.000Z')).toBe('2026-12-07');
    expect(formatDue('2026-12-08T08:00:00.000Z')).toBe('Dec 7, 2026');
    expect(dueDate('2026-12-07T17:00:00.000Z')).toBe('2026-12-07');
    expect(formatDue('2026-12-07T17:00:00.000Z')).toBe('Dec 7, 2026, 9:00 AM');
    // The same instant is an ordinary time in Auckland.
    setDisplayZone('Pacific/Auckland');
    expect(formatDue('2026-12-08T08:00:00.000Z')).toBe('Dec 8, 2026, 9:00 PM');
  });

  it("hints that times are the library's only when its zone is not the reader's", () => {
    expect(zoneHint()).toBeNull();
    setDisplayZone('America/Chicago');
    expect(zoneHint()).toBe('Times are Chicago time');
    setDisplayZone('America/Los_Angeles');
    expect(zoneHint()).toBe('Times are Los Angeles time');
    setDisplayZone(browserZone());
    expect(zoneHint()).toBeNull();
  });
});
