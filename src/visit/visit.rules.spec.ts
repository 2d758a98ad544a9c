import { ValidationFailedError } from '../common/errors/domain-error';
import { timeWindow, visitedAtProblem } from './visit.rules';

describe('visit rules', () => {
  const now = new Date('2026-03-04T10:00:00Z');

  describe(visitedAtProblem.name, () => {
    it('accepts now, the past back to 2000, and up to a year ahead', () => {
      expect(visitedAtProblem(now, now)).toBeNull();
      expect(visitedAtProblem(new Date('2000-01-01T00:00:00Z'), now)).toBeNull();
      expect(visitedAtProblem(new Date('2027-03-04T10:00:00Z'), now)).toBeNull();
    });

    it('refuses a visit before 2000 or more than 366 days ahead', () => {
      expect(visitedAtProblem(new Date('1999-12-31T23:59:59Z'), now)).toMatch(/before 2000-01-01/);
      expect(visitedAtProblem(new Date('2027-03-05T10:00:01Z'), now)).toMatch(/366 days ahead/);
      expect(visitedAtProblem(new Date('2206-01-01T00:00:00Z'), now)).not.toBeNull();
    });
  });

  describe(timeWindow.name, () => {
    it('is open on both sides when neither bound is given', () => {
      expect(timeWindow(undefined, undefined, 'UTC')).toEqual({});
    });

    it('takes a date as the whole UTC day: from its midnight, to the next midnight exclusive', () => {
      expect(timeWindow('2026-03-01', '2026-03-31', 'UTC')).toEqual({
        from: new Date('2026-03-01T00:00:00Z'),
        before: new Date('2026-04-01T00:00:00Z'),
      });
    });

    it("takes a date as the library's day when its zone is not UTC (Chicago, and Auckland across the date line)", () => {
      expect(timeWindow('2026-03-01', '2026-03-31', 'America/Chicago')).toEqual({
        from: new Date('2026-03-01T06:00:00Z'),
        // Chicago moved to daylight time on 8 March: its midnight is then 05:00 UTC.
        before: new Date('2026-04-01T05:00:00Z'),
      });
      expect(timeWindow('2026-12-07', '2026-12-07', 'Pacific/Auckland')).toEqual({
        from: new Date('2026-12-06T11:00:00Z'),
        before: new Date('2026-12-07T11:00:00Z'),
      });
    });

    it('takes a date-time as an inclusive instant, honouring its offset', () => {
      expect(timeWindow('2026-03-01T08:00:00-08:00', '2026-03-01T17:00:00Z', 'UTC')).toEqual({
        from: new Date('2026-03-01T16:00:00Z'),
        until: new Date('2026-03-01T17:00:00Z'),
      });
    });

    it('allows a one-day window and a window of one instant', () => {
      expect(() => timeWindow('2026-03-01', '2026-03-01', 'UTC')).not.toThrow();
      expect(() => timeWindow('2026-03-01T15:00:00Z', '2026-03-01', 'UTC')).not.toThrow();
      expect(() => timeWindow('2026-03-01T15:00:00Z', '2026-03-01T15:00:00Z', 'UTC')).not.toThrow();
    });

    it('refuses from after to with a 400 naming from', () => {
      for (const [from, to] of [
        ['2026-03-02', '2026-03-01'],
        ['2026-03-02T00:00:00Z', '2026-03-01'],
        ['2026-03-01T15:00:01Z', '2026-03-01T15:00:00Z'],
      ]) {
        let thrown: unknown;
        try {
          timeWindow(from, to, 'UTC');
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(ValidationFailedError);
        expect((thrown as ValidationFailedError).errors).toEqual([{ field: 'from', message: 'must not be after to' }]);
      }
    });
  });
});
