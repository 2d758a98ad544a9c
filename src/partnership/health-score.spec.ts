import {
  attendanceComponent,
  bandOf,
  checkInComponent,
  computeHealthScore,
  feedbackComponent,
  fitComponent,
  followUpsComponent,
  hasEvidence,
  healthCap,
  healthCautions,
  HealthFacts,
  impliedCadence,
  isDormant,
  recencyComponent,
  sessionsComponent,
  UNSCORED_DRIVER,
} from './health-score';
import { roundHalfUp } from './health-rules';
import { DEFAULT_HEALTH_SETTINGS, HealthSettings } from './health-settings';

const DAY = 86_400_000;
const now = new Date('2026-06-10T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const noContact = { visit: null, session: null, feedback: null, note: null };
const noFeedback = { recent: { count: 0, ratingSum: 0 }, earlier: { count: 0, ratingSum: 0 } };
const feedbackOf = ([count, ratingSum]: [number, number]) => ({
  recent: { count, ratingSum },
  earlier: { count: 0, ratingSum: 0 },
});

/** An organization we know nothing about, added 10 days ago; tests state what matters to them. */
function facts(overrides: Partial<HealthFacts> = {}): HealthFacts {
  return {
    knownSince: daysAgo(10),
    lastContact: noContact,
    programCadenceDays: [],
    sessions: { held: 0, cancelledByStaff: 0, cancelledByClosure: 0 },
    feedback: noFeedback,
    attendance: [],
    overdueFollowUps: 0,
    oldestOverdueAt: null,
    fit: { audienceReach: 0, missionOverlap: 0, complementaryResources: 0 },
    checkIn: null,
    upcoming: null,
    ...overrides,
  };
}

const recencyAfter = (days: number, programCadenceDays: number[] = []) =>
  recencyComponent(
    { knownSince: daysAgo(400), lastContact: { ...noContact, visit: daysAgo(days) }, programCadenceDays },
    now,
  );

describe('health score', () => {
  describe(roundHalfUp.name, () => {
    it('rounds halves up, also when floating point lands just below the half', () => {
      expect(roundHalfUp(12.5)).toBe(13);
      expect(roundHalfUp(58.49999999999999)).toBe(59);
      expect(roundHalfUp(58.4)).toBe(58);
      expect(roundHalfUp(3.25, 1)).toBe(3.3);
      expect(roundHalfUp(4.666666, 2)).toBe(4.67);
    });
  });

  describe(impliedCadence.name, () => {
    it('takes the most frequent running program, clamped to 7–90 days, and 30 days without one', () => {
      expect(impliedCadence([30, 7])).toEqual({ cadenceDays: 7, cadenceFrom: 'programs' });
      expect(impliedCadence([3.5])).toEqual({ cadenceDays: 7, cadenceFrom: 'programs' });
      expect(impliedCadence([365])).toEqual({ cadenceDays: 90, cadenceFrom: 'programs' });
      expect(impliedCadence([14])).toEqual({ cadenceDays: 14, cadenceFrom: 'programs' });
      expect(impliedCadence([])).toEqual({ cadenceDays: 30, cadenceFrom: 'default' });
      expect(impliedCadence([0, Number.NaN])).toEqual({ cadenceDays: 30, cadenceFrom: 'default' });
    });
  });

  describe(recencyComponent.name, () => {
    it('gives full marks up to one cadence (weekly program: 7 days)', () => {
      const result = recencyAfter(7, [7]);
      expect(result.score).toBe(100);
      expect(result.facts).toEqual({
        lastContactAt: daysAgo(7).toISOString(),
        lastContactKind: 'visit',
        daysSinceContact: 7,
        cadenceDays: 7,
        cadenceFrom: 'programs',
        fullMarksWithinDays: 7,
        zeroAtDays: 28,
        dormantAfterDays: 90,
      });
    });

    it('falls in a straight line from one cadence to 0 at four (weekly: 8 → 95, 14 → 67, 27 → 5, 28 → 0)', () => {
      // 100 × (28 − d) / 21
      expect(recencyAfter(8, [7]).score).toBe(95); // 95.24
      expect(recencyAfter(14, [7]).score).toBe(67); // 66.67
      expect(recencyAfter(27, [7]).score).toBe(5); // 4.76
      expect(recencyAfter(28, [7]).score).toBe(0);
      expect(recencyAfter(200, [7]).score).toBe(0);
    });

    it('uses the 30-day default cadence without a program (30 → 100, 45 → 83, 120 → 0)', () => {
      // 100 × (120 − d) / 90
      expect(recencyAfter(30).score).toBe(100);
      expect(recencyAfter(45).score).toBe(83); // 83.33
      expect(recencyAfter(119).score).toBe(1); // 1.11
      expect(recencyAfter(120).score).toBe(0);
      expect(recencyAfter(45).facts).toMatchObject({
        cadenceDays: 30,
        cadenceFrom: 'default',
        zeroAtDays: 120,
        dormantAfterDays: 90,
      });
    });

    it('rounds a half up (8-day cadence, 29 days: 100 × 3 / 24 = 12.5 → 13)', () => {
      expect(recencyAfter(29, [8]).score).toBe(13);
    });

    it('counts whole days: 7 days and 23 hours is still 7 days', () => {
      const result = recencyComponent(
        {
          knownSince: daysAgo(400),
          lastContact: { ...noContact, note: new Date(now.getTime() - 7 * DAY - 23 * 3_600_000) },
          programCadenceDays: [7],
        },
        now,
      );
      expect(result.facts.daysSinceContact).toBe(7);
      expect(result.score).toBe(100);
    });

    it('takes the latest of visit, held session, feedback and note', () => {
      const result = recencyComponent(
        {
          knownSince: daysAgo(400),
          lastContact: { visit: daysAgo(20), session: daysAgo(3), feedback: daysAgo(10), note: null },
          programCadenceDays: [7],
        },
        now,
      );
      expect(result.facts).toMatchObject({
        lastContactKind: 'session',
        daysSinceContact: 3,
        lastContactAt: daysAgo(3).toISOString(),
      });
    });

    it('ignores a contact dated after now (a planned visit is not contact)', () => {
      const result = recencyComponent(
        {
          knownSince: daysAgo(400),
          lastContact: { ...noContact, visit: daysAgo(-2), note: daysAgo(12) },
          programCadenceDays: [],
        },
        now,
      );
      expect(result.facts).toMatchObject({ lastContactKind: 'note', daysSinceContact: 12 });
    });

    it('counts from when the organization was added when there has been no contact (50 days → 78)', () => {
      const result = recencyComponent({ knownSince: daysAgo(50), lastContact: noContact, programCadenceDays: [] }, now);
      // 100 × (120 − 50) / 90 = 77.78
      expect(result.score).toBe(78);
      expect(result.facts).toMatchObject({ lastContactAt: null, lastContactKind: null, daysSinceContact: 50 });
    });
  });

  describe(isDormant.name, () => {
    it('needs at least 90 days of silence with a weekly program (89 no, 90 yes)', () => {
      expect(isDormant(recencyAfter(89, [7]).facts)).toBe(false);
      expect(isDormant(recencyAfter(90, [7]).facts)).toBe(true);
    });

    it('needs more than three cadences: 90 days is not dormant at the 30-day default, 91 is', () => {
      expect(isDormant(recencyAfter(90).facts)).toBe(false);
      expect(isDormant(recencyAfter(91).facts)).toBe(true);
    });

    it('waits for more than 180 days with a 60-day program, even though recency is low by then', () => {
      expect(isDormant(recencyAfter(180, [60]).facts)).toBe(false);
      const at181 = recencyAfter(181, [60]);
      expect(isDormant(at181.facts)).toBe(true);
      expect(at181.score).toBe(33); // 100 × (240 − 181) / 180 = 32.78
      expect(at181.facts.dormantAfterDays).toBe(180);
    });
  });

  describe(sessionsComponent.name, () => {
    it('is held out of held plus cancelled by staff, closures not counted (7 held, 3 cancelled, 2 closed → 70)', () => {
      expect(sessionsComponent({ held: 7, cancelledByStaff: 3, cancelledByClosure: 2 })).toEqual({
        score: 70,
        facts: { windowDays: 90, scheduled: 10, held: 7, cancelledByStaff: 3, cancelledByClosure: 2 },
      });
    });

    it('rounds (2 of 3 → 67, 1 of 8 → 12.5 → 13) and reaches 0 when all were cancelled', () => {
      expect(sessionsComponent({ held: 2, cancelledByStaff: 1, cancelledByClosure: 0 }).score).toBe(67);
      expect(sessionsComponent({ held: 1, cancelledByStaff: 7, cancelledByClosure: 0 }).score).toBe(13);
      expect(sessionsComponent({ held: 0, cancelledByStaff: 2, cancelledByClosure: 0 }).score).toBe(0);
      expect(sessionsComponent({ held: 12, cancelledByStaff: 0, cancelledByClosure: 0 }).score).toBe(100);
    });

    it('is null when only closures (or nothing) fell in the window', () => {
      expect(sessionsComponent({ held: 0, cancelledByStaff: 0, cancelledByClosure: 3 }).score).toBeNull();
      expect(sessionsComponent({ held: 0, cancelledByStaff: 0, cancelledByClosure: 0 }).score).toBeNull();
    });
  });

  describe(feedbackComponent.name, () => {
    it('takes the 180-day mean and 10 points per rating point of trend (4.6 → 3.2: 72.5 − 14 = 58.5 → 59)', () => {
      const result = feedbackComponent({ recent: { count: 5, ratingSum: 16 }, earlier: { count: 5, ratingSum: 23 } });
      expect(result).toEqual({
        score: 59,
        facts: {
          windowDays: 180,
          count: 10,
          mean: 3.9,
          recentCount: 5,
          recentMean: 3.2,
          earlierCount: 5,
          earlierMean: 4.6,
          trend: -1.4,
        },
      });
    });

    it('has no trend with ratings in one half only (3 ratings, 14 in all: 4.67 → 91.67 → 92)', () => {
      const result = feedbackComponent({ recent: { count: 3, ratingSum: 14 }, earlier: { count: 0, ratingSum: 0 } });
      expect(result.score).toBe(92);
      expect(result.facts).toMatchObject({ mean: 4.67, recentMean: 4.67, earlierMean: null, trend: null });
    });

    it('needs two ratings in each half for a trend (1 recent rating of 2 vs three 5s: mean 4.25 → 81)', () => {
      const result = feedbackComponent({ recent: { count: 1, ratingSum: 2 }, earlier: { count: 3, ratingSum: 15 } });
      expect(result.score).toBe(81); // 81.25, no trend
      expect(result.facts.trend).toBeNull();
    });

    it('clamps to 100 and to 0', () => {
      // 28 / 6 = 4.67 → 91.67, +10 for 4.0 → 5.0 = 101.67
      expect(
        feedbackComponent({ recent: { count: 4, ratingSum: 20 }, earlier: { count: 2, ratingSum: 8 } }).score,
      ).toBe(100);
      // 14 / 6 = 2.33 → 33.33, −40 for 5.0 → 1.0 = −6.67
      expect(
        feedbackComponent({ recent: { count: 4, ratingSum: 4 }, earlier: { count: 2, ratingSum: 10 } }).score,
      ).toBe(0);
    });

    it('maps a mean of 1 to 0 and 5 to 100', () => {
      expect(feedbackComponent({ recent: { count: 3, ratingSum: 3 }, earlier: { count: 0, ratingSum: 0 } }).score).toBe(
        0,
      );
      expect(
        feedbackComponent({ recent: { count: 2, ratingSum: 10 }, earlier: { count: 2, ratingSum: 10 } }).score,
      ).toBe(100);
    });

    it('is null without ratings', () => {
      expect(feedbackComponent(noFeedback).score).toBeNull();
      expect(feedbackComponent(noFeedback).facts).toMatchObject({ count: 0, mean: null, trend: null });
    });
  });

  describe(attendanceComponent.name, () => {
    // The seeds' drop-in with the shelter, 18 sessions with attendance.
    const dropIn = [4, 6, 5, 7, 8, 9, 8, 10, 11, 10, 12, 11, 13, 12, 14, 13, 15, 14];
    // The seeds' tech workshop, 10 sessions with attendance.
    const techWorkshop = [31, 30, 28, 27, 24, 22, 20, 19, 17, 16];

    it('compares the last 8 with the 8 before (drop-in: 8.5 → 13, +52.9 %, 100)', () => {
      expect(attendanceComponent(dropIn)).toEqual({
        score: 100,
        facts: {
          sessionsPerHalf: 8,
          earlier: [5, 7, 8, 9, 8, 10, 11, 10],
          recent: [12, 11, 13, 12, 14, 13, 15, 14],
          earlierMean: 8.5,
          recentMean: 13,
          changePercent: 52.9,
        },
      });
    });

    it('compares halves with fewer than 16 (workshop: 5 vs 5, 28 → 18.8, −32.9 %, 100 − 65.7 = 34)', () => {
      expect(attendanceComponent(techWorkshop)).toEqual({
        score: 34,
        facts: {
          sessionsPerHalf: 5,
          earlier: [31, 30, 28, 27, 24],
          recent: [22, 20, 19, 17, 16],
          earlierMean: 28,
          recentMean: 18.8,
          changePercent: -32.9,
        },
      });
    });

    it('scores 100 + 2 × change: −10 % → 80, −12.5 % → 75, −25 % → 50, −6.25 % → 87.5 → 88, −60 % → 0', () => {
      expect(attendanceComponent([10, 10, 10, 9, 9, 9]).score).toBe(80);
      expect(attendanceComponent([8, 8, 8, 7, 7, 7]).score).toBe(75);
      expect(attendanceComponent([8, 8, 8, 6, 6, 6]).score).toBe(50);
      expect(attendanceComponent([16, 16, 16, 15, 15, 15]).score).toBe(88);
      expect(attendanceComponent([10, 10, 10, 4, 4, 4]).score).toBe(0);
    });

    it('drops the oldest of an odd count and ignores everything before the last 16', () => {
      expect(attendanceComponent([1, 10, 10, 10, 12, 12, 12]).facts).toMatchObject({
        earlier: [10, 10, 10],
        recent: [12, 12, 12],
        changePercent: 20,
      });
      const twenty = [100, 100, 100, 100, ...Array<number>(8).fill(10), ...Array<number>(8).fill(5)];
      expect(attendanceComponent(twenty).facts).toMatchObject({ earlierMean: 10, recentMean: 5, changePercent: -50 });
      expect(attendanceComponent(twenty).score).toBe(0);
    });

    it('treats any attendance after an empty start as +100 % and zeros throughout as no change', () => {
      expect(attendanceComponent([0, 0, 0, 3, 4, 5]).facts.changePercent).toBe(100);
      expect(attendanceComponent([0, 0, 0, 0, 0, 0])).toMatchObject({ score: 100, facts: { changePercent: 0 } });
    });

    it('is null with fewer than 3 sessions in each half (5 sessions)', () => {
      expect(attendanceComponent([10, 12, 9, 8, 7]).score).toBeNull();
      expect(attendanceComponent([]).score).toBeNull();
    });
  });

  describe(followUpsComponent.name, () => {
    it('takes 25 per overdue follow-up, down to 0', () => {
      expect([0, 1, 2, 3, 4, 6].map((n) => followUpsComponent(n).score)).toEqual([100, 75, 50, 25, 0, 0]);
      expect(followUpsComponent(2).facts).toEqual({ overdue: 2, oldestOverdueDays: null });
    });

    it('counts the whole days the oldest overdue one is late', () => {
      expect(followUpsComponent(2, daysAgo(21), now).facts).toEqual({ overdue: 2, oldestOverdueDays: 21 });
      expect(followUpsComponent(0, null, now).facts.oldestOverdueDays).toBeNull();
    });
  });

  describe(fitComponent.name, () => {
    it('is the three scores as a share of 15 (13 → 87, 5 → 33, 3 → 20, 15 → 100)', () => {
      expect(fitComponent({ audienceReach: 5, missionOverlap: 4, complementaryResources: 4 })).toEqual({
        score: 87,
        facts: { audienceReach: 5, missionOverlap: 4, complementaryResources: 4, total: 13, max: 15 },
      });
      expect(fitComponent({ audienceReach: 2, missionOverlap: 2, complementaryResources: 1 }).score).toBe(33);
      expect(fitComponent({ audienceReach: 1, missionOverlap: 1, complementaryResources: 1 }).score).toBe(20);
      expect(fitComponent({ audienceReach: 5, missionOverlap: 5, complementaryResources: 5 }).score).toBe(100);
    });

    it('is null when not assessed (all three 0)', () => {
      expect(fitComponent({ audienceReach: 0, missionOverlap: 0, complementaryResources: 0 }).score).toBeNull();
    });
  });

  describe(checkInComponent.name, () => {
    const areas = {
      environment: 4,
      membership: 3.5,
      processAndStructure: 3,
      communication: 2.5,
      purpose: 4.5,
      resources: 3.5,
    };

    it('averages the six areas (21 / 6 = 3.5 → 62.5 → 63) and names concerns (< 3) and strengths (≥ 4)', () => {
      expect(checkInComponent({ at: daysAgo(30), areas }, now)).toEqual({
        score: 63,
        facts: {
          at: daysAgo(30).toISOString(),
          ageDays: 30,
          stale: false,
          overall: 3.5,
          areas,
          concerns: ['communication'],
          strengths: ['environment', 'purpose'],
        },
      });
    });

    it('averages only the areas answered (communication 2, purpose 4 → 3 → 50)', () => {
      const result = checkInComponent(
        { at: daysAgo(30), areas: { communication: 2, purpose: 4, resources: null } },
        now,
      );
      expect(result.score).toBe(50);
      expect(result.facts.areas).toEqual({
        environment: null,
        membership: null,
        processAndStructure: null,
        communication: 2,
        purpose: 4,
        resources: null,
      });
    });

    it('counts a check-in of 365 days and ignores one of 366', () => {
      expect(checkInComponent({ at: daysAgo(365), areas }, now).score).toBe(63);
      const stale = checkInComponent({ at: daysAgo(366), areas }, now);
      expect(stale.score).toBeNull();
      expect(stale.facts).toMatchObject({ stale: true, ageDays: 366, overall: 3.5 });
    });

    it('is null without a check-in or without any answered area', () => {
      expect(checkInComponent(null, now).score).toBeNull();
      expect(checkInComponent({ at: daysAgo(10), areas: {} }, now).score).toBeNull();
    });
  });

  describe(bandOf.name, () => {
    it('uses the thresholds inclusively (defaults 75 / 50 / 25)', () => {
      const bands = DEFAULT_HEALTH_SETTINGS.bands;
      expect([100, 75, 74, 50, 49, 25, 24, 0].map((score) => bandOf(score, bands))).toEqual([
        'thriving',
        'thriving',
        'steady',
        'steady',
        'at-risk',
        'at-risk',
        'dormant',
        'dormant',
      ]);
    });

    it('follows changed thresholds', () => {
      expect(bandOf(70, { thriving: 70, steady: 40, atRisk: 10 })).toBe('thriving');
      expect(bandOf(9, { thriving: 70, steady: 40, atRisk: 10 })).toBe('dormant');
    });
  });

  describe(computeHealthScore.name, () => {
    it('weighs every component when all have data (Σ weight × component / 100 = 8670 / 100 → 87)', () => {
      const result = computeHealthScore(
        facts({
          lastContact: { ...noContact, session: daysAgo(2) },
          programCadenceDays: [7],
          sessions: { held: 9, cancelledByStaff: 1, cancelledByClosure: 0 }, // 90
          feedback: { recent: { count: 4, ratingSum: 18 }, earlier: { count: 4, ratingSum: 18 } }, // 4.5 → 87.5 → 88
          attendance: [10, 10, 10, 10, 10, 10, 10, 10, 9, 9, 9, 9, 9, 9, 9, 9], // −10 % → 80
          overdueFollowUps: 1, // 75
          fit: { audienceReach: 4, missionOverlap: 4, complementaryResources: 4 }, // 80
          checkIn: {
            at: daysAgo(60),
            areas: {
              environment: 4,
              membership: 4,
              processAndStructure: 4,
              communication: 4,
              purpose: 4,
              resources: 4,
            },
          }, // 75
        }),
        DEFAULT_HEALTH_SETTINGS,
        now,
      );
      expect(result.components).toEqual({
        recency: 100,
        sessions: 90,
        feedback: 88,
        attendance: 80,
        followUps: 75,
        fit: 80,
        checkIn: 75,
      });
      // 25×100 + 15×90 + 15×88 + 15×80 + 10×75 + 10×80 + 10×75 = 8670
      expect(result).toMatchObject({ score: 87, weightedScore: 87, band: 'thriving', override: null });
      expect(result.details.sessions).toMatchObject({ score: 90, weight: 15, effectiveWeight: 15 });
    });

    it('shares the weight of components without data among the others (4175 / 55 = 75.9 → 76)', () => {
      const result = computeHealthScore(
        facts({
          knownSince: daysAgo(300),
          lastContact: { ...noContact, note: daysAgo(45) }, // 83
          fit: { audienceReach: 3, missionOverlap: 3, complementaryResources: 3 }, // 60
          checkIn: {
            at: daysAgo(20),
            areas: {
              environment: 3,
              membership: 3,
              processAndStructure: 3,
              communication: 3,
              purpose: 3,
              resources: 3,
            },
          }, // 50
        }),
        DEFAULT_HEALTH_SETTINGS,
        now,
      );
      expect(result.components).toEqual({
        recency: 83,
        sessions: null,
        feedback: null,
        attendance: null,
        followUps: 100,
        fit: 60,
        checkIn: 50,
      });
      // (25×83 + 10×100 + 10×60 + 10×50) / (25 + 10 + 10 + 10) = 75.9: thriving by weight, but nothing ran together
      expect(result).toMatchObject({
        weightedScore: 76,
        score: 74,
        band: 'steady',
        override: null,
        cap: { band: 'steady', reasons: ['no-sessions'] },
      });
      // 25 / 55 = 45.45 %, 10 / 55 = 18.18 %
      expect(
        Object.fromEntries(Object.entries(result.details).map(([key, detail]) => [key, detail.effectiveWeight])),
      ).toEqual({
        recency: 45.5,
        sessions: 0,
        feedback: 0,
        attendance: 0,
        followUps: 18.2,
        fit: 18.2,
        checkIn: 18.2,
      });
      expect(result.details.feedback).toMatchObject({ score: null, weight: 15 });
    });

    it('counts applicable components equally when all their weights are 0 ((83 + 75 + 100 + 60) / 4 = 79.5 → 80)', () => {
      const onlyCheckIns: HealthSettings = {
        weights: { recency: 0, sessions: 0, feedback: 0, attendance: 0, followUps: 0, fit: 0, checkIn: 100 },
        bands: { thriving: 75, steady: 50, atRisk: 25 },
      };
      const result = computeHealthScore(
        facts({
          knownSince: daysAgo(300),
          lastContact: { ...noContact, note: daysAgo(45), visit: daysAgo(45) }, // 83
          sessions: { held: 3, cancelledByStaff: 1, cancelledByClosure: 0 }, // 75
          fit: { audienceReach: 3, missionOverlap: 3, complementaryResources: 3 }, // 60
        }),
        onlyCheckIns,
        now,
      );
      expect(result).toMatchObject({ score: 80, band: 'thriving' });
      expect(result.details.recency.effectiveWeight).toBe(25);
      expect(result.details.checkIn.effectiveWeight).toBe(0);
    });

    it('leaves out an applicable component weighted 0, and rounds a half up ((50×100 + 50×75) / 100 = 87.5 → 88)', () => {
      const halves: HealthSettings = {
        weights: { recency: 50, sessions: 0, feedback: 0, attendance: 0, followUps: 50, fit: 0, checkIn: 0 },
        bands: { thriving: 75, steady: 50, atRisk: 25 },
      };
      const result = computeHealthScore(
        facts({
          lastContact: { ...noContact, visit: daysAgo(1) }, // 100
          sessions: { held: 4, cancelledByStaff: 0, cancelledByClosure: 0 }, // weight 0
          overdueFollowUps: 1, // 75
          checkIn: { at: daysAgo(5), areas: { purpose: 5 } }, // 100, weight 0
        }),
        halves,
        now,
      );
      expect(result.components.checkIn).toBe(100);
      expect(result).toMatchObject({ score: 88, band: 'thriving', override: null });
    });

    it('makes a long-silent partner dormant whatever the rest says, score capped at 24 (weighted 4190 / 70 = 59.9 → 60)', () => {
      const result = computeHealthScore(
        facts({
          knownSince: daysAgo(500),
          lastContact: { ...noContact, visit: daysAgo(100) }, // weekly: 0, dormant from 90 days
          programCadenceDays: [7],
          feedback: { recent: { count: 0, ratingSum: 0 }, earlier: { count: 3, ratingSum: 14 } }, // 4.67 → 92
          fit: { audienceReach: 5, missionOverlap: 5, complementaryResources: 4 }, // 93
          checkIn: {
            at: daysAgo(200),
            areas: {
              environment: 4.5,
              membership: 4.5,
              processAndStructure: 4.5,
              communication: 4.5,
              purpose: 4.5,
              resources: 4.5,
            },
          }, // 88
        }),
        DEFAULT_HEALTH_SETTINGS,
        now,
      );
      // (25×0 + 15×92 + 10×100 + 10×93 + 10×88) / 70
      expect(result).toMatchObject({ weightedScore: 60, score: 24, band: 'dormant', override: 'dormant' });
      expect(result.drivers).toEqual(['No contact in 100 days']);
    });

    it('caps a dormant score at 0 when the at-risk threshold is 0', () => {
      const result = computeHealthScore(
        facts({ knownSince: daysAgo(200), lastContact: { ...noContact, visit: daysAgo(95) } }),
        { weights: DEFAULT_HEALTH_SETTINGS.weights, bands: { thriving: 60, steady: 30, atRisk: 0 } },
        now,
      );
      expect(result).toMatchObject({ score: 0, band: 'dormant', override: 'dormant' });
    });

    it('does not call a partner thriving without sessions held together (82 capped at 74, steady)', () => {
      const result = computeHealthScore(
        facts({
          knownSince: daysAgo(300),
          lastContact: { ...noContact, visit: daysAgo(45) }, // 83
          fit: { audienceReach: 3, missionOverlap: 3, complementaryResources: 3 }, // 60
        }),
        DEFAULT_HEALTH_SETTINGS,
        now,
      );
      // (25×83 + 10×100 + 10×60) / 45 = 81.67
      expect(result).toMatchObject({
        weightedScore: 82,
        score: 74,
        band: 'steady',
        cap: { band: 'steady', reasons: ['no-sessions'] },
      });
      expect(result.drivers).toEqual(['No sessions held together in the last 90 days', 'No contact in 45 days']);
    });

    it('leaves a partnership unscored until there is evidence: fit, notes and time since it was added are not', () => {
      for (const unproven of [
        facts(),
        facts({ fit: { audienceReach: 4, missionOverlap: 4, complementaryResources: 3 } }),
        facts({ knownSince: daysAgo(300), lastContact: { ...noContact, note: daysAgo(2) }, overdueFollowUps: 2 }),
        facts({ sessions: { held: 0, cancelledByStaff: 2, cancelledByClosure: 1 } }),
      ]) {
        const result = computeHealthScore(unproven, DEFAULT_HEALTH_SETTINGS, now);
        expect(result).toMatchObject({ score: null, band: 'unscored', weightedScore: null, cap: null, cautions: [] });
        expect(result.drivers).toEqual([UNSCORED_DRIVER]);
        expect(hasEvidence(unproven)).toBe(false);
      }
      for (const evidence of [
        { lastContact: { ...noContact, visit: daysAgo(10) } },
        { lastContact: { ...noContact, session: daysAgo(10) } },
        { lastContact: { ...noContact, feedback: daysAgo(10) } },
        { checkIn: { at: daysAgo(10), areas: { purpose: 4 } } },
      ]) {
        expect(computeHealthScore(facts(evidence), DEFAULT_HEALTH_SETTINGS, now).score).not.toBeNull();
      }
    });

    it('holds a silent partner at at-risk once silence passes twice its cadence (80 days without a program)', () => {
      const quiet = computeHealthScore(
        facts({ knownSince: daysAgo(300), lastContact: { ...noContact, visit: daysAgo(80) } }),
        DEFAULT_HEALTH_SETTINGS,
        now,
      );
      // recency 100 × 40 / 90 = 44.44 → 44; (25×44 + 10×100) / 35 = 60, steady by weight
      expect(quiet).toMatchObject({
        weightedScore: 60,
        score: 49,
        band: 'at-risk',
        cap: { band: 'at-risk', reasons: ['silence'] },
      });
      expect(quiet.drivers[0]).toBe('No contact in 80 days');
      const recent = computeHealthScore(
        facts({ knownSince: daysAgo(300), lastContact: { ...noContact, visit: daysAgo(60) } }),
        DEFAULT_HEALTH_SETTINGS,
        now,
      );
      expect(recent.cautions).toEqual([]);
    });
  });

  describe(healthCautions.name, () => {
    const cautionsOf = (overrides: Partial<HealthFacts>) =>
      computeHealthScore(
        facts({ lastContact: { ...noContact, session: daysAgo(3) }, programCadenceDays: [7], ...overrides }),
        DEFAULT_HEALTH_SETTINGS,
        now,
      ).cautions;

    it('finds each worry at its threshold and not below it', () => {
      expect(cautionsOf({})).toEqual([]);
      // silence: more than 2 cadences and more than 30 days
      expect(cautionsOf({ lastContact: { ...noContact, session: daysAgo(31) } })).toEqual(['silence']);
      expect(cautionsOf({ lastContact: { ...noContact, session: daysAgo(30) } })).toEqual([]);
      // cancellations: at least 2 and a quarter of those scheduled
      expect(cautionsOf({ sessions: { held: 6, cancelledByStaff: 2, cancelledByClosure: 0 } })).toEqual([
        'cancellations',
      ]);
      expect(cautionsOf({ sessions: { held: 7, cancelledByStaff: 2, cancelledByClosure: 3 } })).toEqual([]);
      expect(cautionsOf({ sessions: { held: 1, cancelledByStaff: 1, cancelledByClosure: 0 } })).toEqual([]);
      // unhappy partner: mean below 3
      expect(cautionsOf({ feedback: feedbackOf([3, 8]) })).toEqual(['unhappy-partner']);
      expect(cautionsOf({ feedback: feedbackOf([3, 9]) })).toEqual([]);
      // attendance slide: down 20 % or more
      expect(cautionsOf({ attendance: [10, 10, 10, 8, 8, 8] })).toEqual(['attendance-slide']);
      expect(cautionsOf({ attendance: [10, 10, 10, 9, 9, 8] })).toEqual([]);
      // follow-ups: one more than 14 days overdue, or three at once
      expect(cautionsOf({ overdueFollowUps: 1, oldestOverdueAt: daysAgo(15) })).toEqual(['overdue-follow-ups']);
      expect(cautionsOf({ overdueFollowUps: 2, oldestOverdueAt: daysAgo(14) })).toEqual([]);
      expect(cautionsOf({ overdueFollowUps: 3, oldestOverdueAt: daysAgo(1) })).toEqual(['overdue-follow-ups']);
      // a check-in concern: any area below 3 in a check-in still current
      expect(cautionsOf({ checkIn: { at: daysAgo(20), areas: { purpose: 4, communication: 2.5 } } })).toEqual([
        'check-in-concern',
      ]);
      expect(cautionsOf({ checkIn: { at: daysAgo(400), areas: { communication: 1 } } })).toEqual([]);
    });
  });

  describe(healthCap.name, () => {
    it('allows steady with one caution or without sessions, at-risk with two or with silence', () => {
      expect(healthCap([], 3)).toBeNull();
      expect(healthCap([], 0)).toEqual({ band: 'steady', reasons: ['no-sessions'] });
      expect(healthCap(['unhappy-partner'], 5)).toEqual({ band: 'steady', reasons: ['unhappy-partner'] });
      expect(healthCap(['unhappy-partner'], 0)).toEqual({
        band: 'steady',
        reasons: ['unhappy-partner', 'no-sessions'],
      });
      expect(healthCap(['silence'], 5)).toEqual({ band: 'at-risk', reasons: ['silence'] });
      expect(healthCap(['attendance-slide', 'check-in-concern'], 5)).toEqual({
        band: 'at-risk',
        reasons: ['attendance-slide', 'check-in-concern'],
      });
    });

    it('never raises a band: a dormant-by-score partner with one caution stays dormant', () => {
      const result = computeHealthScore(
        facts({
          lastContact: { ...noContact, session: daysAgo(3) },
          programCadenceDays: [7],
          sessions: { held: 2, cancelledByStaff: 6, cancelledByClosure: 0 }, // 25
          feedback: feedbackOf([4, 4]), // 1.0 → 0
          attendance: [20, 20, 20, 2, 2, 2], // 0
          overdueFollowUps: 4, // 0
        }),
        { weights: DEFAULT_HEALTH_SETTINGS.weights, bands: { thriving: 95, steady: 90, atRisk: 85 } },
        now,
      );
      expect(result.band).toBe('dormant');
      expect(result.cap).toBeNull();
    });
  });

  describe('whole partnerships', () => {
    it('scores the weekly drop-in with the shelter, attendance growing, as thriving (96)', () => {
      const shelter = facts({
        knownSince: daysAgo(200),
        lastContact: {
          visit: new Date(now.getTime() - 2 * 3_600_000),
          session: daysAgo(7),
          feedback: daysAgo(3),
          note: daysAgo(10),
        },
        programCadenceDays: [7],
        sessions: { held: 12, cancelledByStaff: 0, cancelledByClosure: 1 },
        // 7 ratings: 4 recent (19) and 3 earlier (13): 32 / 7 = 4.571 → 89.29, trend 4.75 − 4.33 = +0.42 → +4.17 = 93.45
        feedback: { recent: { count: 4, ratingSum: 19 }, earlier: { count: 3, ratingSum: 13 } },
        attendance: [4, 6, 5, 7, 8, 9, 8, 10, 11, 10, 12, 11, 13, 12, 14, 13, 15, 14],
        overdueFollowUps: 0,
        fit: { audienceReach: 5, missionOverlap: 4, complementaryResources: 4 },
        // 25 / 6 = 4.17 → 79.17
        checkIn: {
          at: daysAgo(40),
          areas: {
            environment: 4.5,
            membership: 4,
            processAndStructure: 3.5,
            communication: 4.5,
            purpose: 5,
            resources: 3.5,
          },
        },
      });
      const result = computeHealthScore(shelter, DEFAULT_HEALTH_SETTINGS, now);
      expect(result.components).toEqual({
        recency: 100,
        sessions: 100,
        feedback: 93,
        attendance: 100,
        followUps: 100,
        fit: 87,
        checkIn: 79,
      });
      // 2500 + 1500 + 1395 + 1500 + 1000 + 870 + 790 = 9555 → 95.55
      expect(result).toMatchObject({ score: 96, band: 'thriving', override: null });
      // Strengths by contribution: sessions 15, attendance 15, feedback 13.95, fit 8.7 (check-in 7.9 left off).
      expect(result.drivers).toEqual([
        'All 12 sessions held in the last 90 days',
        'Attendance up 53% over 8 sessions',
        'Feedback strong: 4.6 average',
        'Strong fit: 13 of 15',
      ]);
    });

    it('holds the fading tech workshop at at-risk (73 by weight) with its cautions first', () => {
      const agency = facts({
        knownSince: daysAgo(300),
        lastContact: { visit: daysAgo(40), session: daysAgo(7), feedback: daysAgo(21), note: daysAgo(60) },
        programCadenceDays: [7],
        sessions: { held: 10, cancelledByStaff: 1, cancelledByClosure: 0 }, // 10 / 11 = 90.9 → 91
        // 27 / 7 = 3.857 → 71.43, trend 3.25 − 4.67 = −1.42 → −14.17 = 57.26
        feedback: { recent: { count: 4, ratingSum: 13 }, earlier: { count: 3, ratingSum: 14 } },
        attendance: [31, 30, 28, 27, 24, 22, 20, 19, 17, 16],
        overdueFollowUps: 2,
        fit: { audienceReach: 5, missionOverlap: 5, complementaryResources: 4 },
        checkIn: {
          at: daysAgo(30),
          areas: {
            environment: 4,
            membership: 3.5,
            processAndStructure: 3,
            communication: 2.5,
            purpose: 4.5,
            resources: 3.5,
          },
        },
      });
      const result = computeHealthScore(agency, DEFAULT_HEALTH_SETTINGS, now);
      expect(result.components).toEqual({
        recency: 100,
        sessions: 91,
        feedback: 57,
        attendance: 34,
        followUps: 50,
        fit: 93,
        checkIn: 63,
      });
      // 2500 + 1365 + 855 + 510 + 500 + 930 + 630 = 7290 → 72.9, steady by weight; but attendance slid a
      // third and the partner raised a concern at the check-in: two cautions, so at-risk (49).
      expect(result).toMatchObject({
        weightedScore: 73,
        score: 49,
        band: 'at-risk',
        override: null,
        cap: { band: 'at-risk', reasons: ['attendance-slide', 'check-in-concern'] },
      });
      // The cautions first (attendance costs 9.9, the check-in 3.7), then feedback 6.45 and follow-ups 5.
      expect(result.drivers).toEqual([
        'Attendance down 33% over 5 sessions',
        'Check-in concern: communication (2.5)',
        'Feedback falling: 4.7 → 3.3',
        '2 follow-ups overdue',
      ]);
    });

    it('scores a partner not contacted in four months as dormant (weighted 46, shown as 24)', () => {
      const pantry = facts({
        knownSince: daysAgo(400),
        lastContact: { visit: daysAgo(125), session: null, feedback: daysAgo(150), note: daysAgo(130) },
        programCadenceDays: [],
        feedback: { recent: { count: 0, ratingSum: 0 }, earlier: { count: 2, ratingSum: 9 } }, // 4.5 → 87.5 → 88
        attendance: [],
        overdueFollowUps: 1,
        fit: { audienceReach: 3, missionOverlap: 3, complementaryResources: 4 }, // 10 / 15 → 67
      });
      const result = computeHealthScore(pantry, DEFAULT_HEALTH_SETTINGS, now);
      expect(result.components).toEqual({
        recency: 0,
        sessions: null,
        feedback: 88,
        attendance: null,
        followUps: 75,
        fit: 67,
        checkIn: null,
      });
      // (0 + 15×88 + 10×75 + 10×67) / 60 = 2740 / 60 = 45.67
      expect(result).toMatchObject({ weightedScore: 46, score: 24, band: 'dormant', override: 'dormant' });
      expect(result.details.recency.facts).toMatchObject({
        daysSinceContact: 125,
        lastContactKind: 'visit',
        cadenceFrom: 'default',
      });
      expect(result.drivers).toEqual(['No contact in 125 days', '1 follow-up overdue']);
    });
  });
});
