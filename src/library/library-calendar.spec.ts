import { dueDateIn, endOfDayAfter, endOfDayIn, isoDateIn, startOfDayIn } from './library-calendar';

describe('library calendar', () => {
  const at = (iso: string) => new Date(iso);

  describe(isoDateIn.name, () => {
    it('is the date in the zone, not in UTC', () => {
      const instant = at('2026-12-07T20:00:00Z');
      expect(isoDateIn(instant, 'UTC')).toBe('2026-12-07');
      expect(isoDateIn(instant, 'Pacific/Auckland')).toBe('2026-12-08');
      expect(isoDateIn(at('2026-12-07T05:00:00Z'), 'America/Chicago')).toBe('2026-12-06');
    });
  });

  describe(endOfDayIn.name, () => {
    it("is the first instant of the next day in the zone: the library's midnight", () => {
      expect(endOfDayIn('2026-12-07', 'UTC').toISOString()).toBe('2026-12-08T00:00:00.000Z');
      // Pago Pago is UTC−11, Kiritimati UTC+14: the same date ends 25 hours apart.
      expect(endOfDayIn('2026-12-07', 'Pacific/Pago_Pago').toISOString()).toBe('2026-12-08T11:00:00.000Z');
      expect(endOfDayIn('2026-12-07', 'Pacific/Kiritimati').toISOString()).toBe('2026-12-07T10:00:00.000Z');
    });

    it('follows daylight time: Chicago on the days its clocks change, Santiago where midnight itself is skipped', () => {
      // 8 March 2026: Chicago springs forward (a 23-hour day); the 9th starts in CDT.
      expect(startOfDayIn('2026-03-08', 'America/Chicago').toISOString()).toBe('2026-03-08T06:00:00.000Z');
      expect(endOfDayIn('2026-03-08', 'America/Chicago').toISOString()).toBe('2026-03-09T05:00:00.000Z');
      // 1 November 2026: back to CST (a 25-hour day).
      expect(endOfDayIn('2026-11-01', 'America/Chicago').toISOString()).toBe('2026-11-02T06:00:00.000Z');
      // Santiago springs forward at midnight on 6 September 2026: the day starts at 01:00 (UTC−3).
      expect(startOfDayIn('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
      expect(endOfDayIn('2026-09-05', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    });

    it('reads back as the date given (dueDateIn), while a due time during the day is its own day', () => {
      for (const zone of ['UTC', 'Pacific/Auckland', 'America/Los_Angeles', 'Pacific/Kiritimati'])
        expect(dueDateIn(endOfDayIn('2026-12-07', zone), zone)).toBe('2026-12-07');
      expect(dueDateIn(at('2026-12-07T17:00:00Z'), 'UTC')).toBe('2026-12-07');
      expect(dueDateIn(at('2026-12-07T17:00:00Z'), 'Pacific/Auckland')).toBe('2026-12-08');
    });

    it('handles the ends of the years a due date may have', () => {
      expect(Number.isNaN(endOfDayIn('0000-01-01', 'UTC').getTime())).toBe(false);
      expect(endOfDayIn('9999-12-31', 'UTC').toISOString()).toBe('+010000-01-01T00:00:00.000Z');
    });
  });

  describe(endOfDayAfter.name, () => {
    it("is the end of the library day `days` after now's library day", () => {
      // 20:00 UTC on 7 December is already the 8th in Auckland (UTC+13): 7 days on is the 15th.
      const now = at('2026-12-07T20:00:00Z');
      expect(endOfDayAfter(now, 7, 'UTC').toISOString()).toBe('2026-12-15T00:00:00.000Z');
      expect(endOfDayAfter(now, 7, 'Pacific/Auckland').toISOString()).toBe('2026-12-15T11:00:00.000Z');
      expect(endOfDayAfter(now, 0, 'America/Los_Angeles').toISOString()).toBe('2026-12-08T08:00:00.000Z');
    });
  });
});
