import { MAX_PERIOD_DAYS } from '@tandem/shared';
import {
  activePartnersDay,
  fellOffTrack,
  goalOrder,
  goalTense,
  isGoalDate,
  measuredRange,
  METRIC_MEASURE,
  OrderedGoal,
  periodProblems,
  scopeOf,
  scopeProblems,
  weekBefore,
} from './goal.rules';

const none = { audienceId: null, programId: null, organizationId: null };
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('goal rules', () => {
  describe(scopeOf.name, () => {
    it('is the library without a scope id, else the one set', () => {
      expect(scopeOf(none)).toEqual({ type: 'library', id: null });
      expect(scopeOf({ ...none, audienceId: A })).toEqual({ type: 'audience', id: A });
      expect(scopeOf({ ...none, programId: A })).toEqual({ type: 'program', id: A });
      expect(scopeOf({ ...none, organizationId: A })).toEqual({ type: 'organization', id: A });
    });
  });

  describe(scopeProblems.name, () => {
    it('accepts no scope or one', () => {
      expect(scopeProblems(none)).toEqual([]);
      expect(scopeProblems({ ...none, programId: A })).toEqual([]);
    });

    it('names every scope field set when there are two or more', () => {
      expect(scopeProblems({ audienceId: A, programId: B, organizationId: null }).map((e) => e.field)).toEqual([
        'audienceId',
        'programId',
      ]);
      expect(scopeProblems({ audienceId: A, programId: A, organizationId: B })).toHaveLength(3);
    });
  });

  describe(isGoalDate.name, () => {
    it('takes real dates from 2000 to 2100', () => {
      expect(isGoalDate('2026-07-01')).toBe(true);
      expect(isGoalDate('2028-02-29')).toBe(true);
      expect(isGoalDate('2000-01-01')).toBe(true);
      expect(isGoalDate('2100-12-31')).toBe(true);
    });

    it('refuses impossible dates, other shapes, other types and far years', () => {
      for (const value of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-7-1', '2026-07-01T00:00:00Z', '', 20260701])
        expect(isGoalDate(value)).toBe(false);
      expect(isGoalDate('1999-12-31')).toBe(false);
      expect(isGoalDate('2101-01-01')).toBe(false);
    });
  });

  describe(periodProblems.name, () => {
    it('accepts a one-day period and one of exactly the longest span', () => {
      expect(periodProblems({ from: '2026-07-01', to: '2026-07-01' })).toEqual([]);
      // 2026-07-01 + 3659 days, both ends included: MAX_PERIOD_DAYS days.
      expect(MAX_PERIOD_DAYS).toBe(3660);
      expect(periodProblems({ from: '2026-07-01', to: '2036-07-07' })).toEqual([]);
    });

    it('refuses a period ending before it starts, or longer than the longest span', () => {
      expect(periodProblems({ from: '2026-07-02', to: '2026-07-01' })).toEqual([
        { field: 'to', message: 'must not be before from' },
      ]);
      expect(periodProblems({ from: '2026-07-01', to: '2036-07-08' })[0].field).toBe('to');
    });
  });

  describe(measuredRange.name, () => {
    const goal = { from: '2026-07-01', to: '2027-06-30' };

    it('is nothing before the period starts', () => {
      expect(measuredRange(goal, '2026-06-30')).toBeNull();
    });

    it('runs from the first day to the day asked while the period runs, first day included', () => {
      expect(measuredRange(goal, '2026-07-01')).toEqual({ from: '2026-07-01', to: '2026-07-01' });
      expect(measuredRange(goal, '2026-12-07')).toEqual({ from: '2026-07-01', to: '2026-12-07' });
    });

    it('is the whole period once it has ended', () => {
      expect(measuredRange(goal, '2027-06-30')).toEqual(goal);
      expect(measuredRange(goal, '2028-01-01')).toEqual(goal);
    });
  });

  describe(activePartnersDay.name, () => {
    const goal = { from: '2026-07-01', to: '2026-12-31' };

    it('counts the stages now while the period runs (or has not started) and the day is today', () => {
      expect(activePartnersDay(goal, '2026-12-07', '2026-12-07')).toBeNull();
      expect(activePartnersDay(goal, '2026-06-01', '2026-06-01')).toBeNull();
    });

    it("counts the stages at the period's end once it has ended, and at a past day's end before that", () => {
      expect(activePartnersDay(goal, '2027-03-01', '2027-03-01')).toBe('2026-12-31');
      expect(activePartnersDay(goal, '2026-12-31', '2026-12-31')).toBe('2026-12-31');
      expect(activePartnersDay(goal, '2026-11-30', '2026-12-07')).toBe('2026-11-30');
      expect(activePartnersDay(goal, '2027-01-02', '2027-01-09')).toBe('2026-12-31');
    });
  });

  describe(goalTense.name, () => {
    it('is current from the first day to the last, both included', () => {
      const goal = { from: '2026-07-01', to: '2026-07-31' };
      expect(goalTense(goal, '2026-06-30')).toBe('future');
      expect(goalTense(goal, '2026-07-01')).toBe('current');
      expect(goalTense(goal, '2026-07-31')).toBe('current');
      expect(goalTense(goal, '2026-08-01')).toBe('past');
    });
  });

  describe(goalOrder.name, () => {
    const today = '2026-12-07';
    const goal = (id: string, from: string, to: string, onTrack = true, title = 'Goal'): OrderedGoal => ({
      id,
      title,
      from,
      to,
      progress: { onTrack },
    });

    it('puts current goals first (off track first, then soonest to end), then future (soonest first), then past (latest first)', () => {
      const goals = [
        goal('past-old', '2025-01-01', '2025-06-30'),
        goal('future-late', '2027-07-01', '2027-12-31'),
        goal('current-on-soon', '2026-12-01', '2026-12-31'),
        goal('past-recent', '2026-07-01', '2026-11-30'),
        goal('current-off-late', '2026-07-01', '2027-06-30', false),
        goal('future-soon', '2027-01-01', '2027-03-31'),
        goal('current-off-soon', '2026-12-01', '2026-12-20', false),
        goal('current-on-late', '2026-07-01', '2027-06-30'),
      ];
      expect(goals.sort(goalOrder(today)).map((g) => g.id)).toEqual([
        'current-off-soon',
        'current-off-late',
        'current-on-soon',
        'current-on-late',
        'future-soon',
        'future-late',
        'past-recent',
        'past-old',
      ]);
    });

    it('breaks ties by title, then id', () => {
      const goals = [
        goal('b', '2026-12-01', '2026-12-31', true, 'Same'),
        goal('c', '2026-12-01', '2026-12-31', true, 'Alpha'),
        goal('a', '2026-12-01', '2026-12-31', true, 'Same'),
      ];
      expect(goals.sort(goalOrder(today)).map((g) => g.id)).toEqual(['c', 'a', 'b']);
    });
  });

  describe(fellOffTrack.name, () => {
    // 31 days, target 310: 10 a day expected.
    const goal = { target: 310, from: '2026-12-01', to: '2026-12-31' };

    it('is true when the value a week ago met the even pace of then', () => {
      // 2026-12-03 is day 3: 30 expected.
      expect(weekBefore('2026-12-10')).toBe('2026-12-03');
      expect(fellOffTrack(goal, 30, '2026-12-10')).toBe(true);
    });

    it('is false when it was already behind a week ago', () => {
      expect(fellOffTrack(goal, 29, '2026-12-10')).toBe(false);
    });

    it('is true for a goal that had not started a week ago (nothing was expected of it)', () => {
      expect(fellOffTrack(goal, 0, '2026-12-05')).toBe(true);
    });
  });

  it('maps every goal metric but active partners to a measure of the report', () => {
    expect(METRIC_MEASURE).toEqual({
      attendance: 'attendance',
      'people-reached': 'peopleReached',
      invitations: 'invitationsHandedOut',
      'sessions-held': 'sessionsHeld',
      'feedback-count': 'feedbackCount',
    });
  });
});
