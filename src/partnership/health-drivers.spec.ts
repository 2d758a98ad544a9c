import { healthDrivers, MAX_DRIVERS } from './health-drivers';
import { computeHealthScore, HealthFacts } from './health-score';
import {
  DEFAULT_HEALTH_SETTINGS,
  HEALTH_COMPONENTS,
  HealthBand,
  HealthComponent,
  HealthSettings,
} from './health-settings';

const DAY = 86_400_000;
const now = new Date('2026-06-10T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const noContact = { visit: null, session: null, feedback: null, note: null };
const feedbackOf = (recent: [number, number], earlier: [number, number] = [0, 0]) => ({
  recent: { count: recent[0], ratingSum: recent[1] },
  earlier: { count: earlier[0], ratingSum: earlier[1] },
});

/** Added 10 days ago, nothing else known: no component is a problem or a strength. */
function facts(overrides: Partial<HealthFacts> = {}): HealthFacts {
  return {
    knownSince: daysAgo(10),
    lastContact: noContact,
    programCadenceDays: [],
    sessions: { held: 0, cancelledByStaff: 0, cancelledByClosure: 0 },
    feedback: feedbackOf([0, 0]),
    attendance: [],
    overdueFollowUps: 0,
    oldestOverdueAt: null,
    fit: { audienceReach: 0, missionOverlap: 0, complementaryResources: 0 },
    checkIn: null,
    upcoming: null,
    ...overrides,
  };
}

/** The drivers of one component alone: it carries all the weight, the band is as given. */
function driversOf(component: HealthComponent, overrides: Partial<HealthFacts>, band: HealthBand = 'steady'): string[] {
  const { details } = computeHealthScore(facts(overrides), DEFAULT_HEALTH_SETTINGS, now);
  const shares = Object.fromEntries(HEALTH_COMPONENTS.map((key) => [key, key === component ? 100 : 0])) as Record<
    HealthComponent,
    number
  >;
  return healthDrivers({ band, override: null, details, shares });
}

const scoreOf = (overrides: Partial<HealthFacts>, settings: HealthSettings = DEFAULT_HEALTH_SETTINGS) =>
  computeHealthScore(facts(overrides), settings, now);

describe(healthDrivers.name, () => {
  describe('recency', () => {
    it('names the days without contact once past the cadence (31 days at the 30-day default)', () => {
      expect(driversOf('recency', { lastContact: { ...noContact, note: daysAgo(45) } })).toEqual([
        'No contact in 45 days',
      ]);
      expect(driversOf('recency', { lastContact: { ...noContact, note: daysAgo(31) } })).toEqual([
        'No contact in 31 days',
      ]);
      expect(driversOf('recency', { lastContact: { ...noContact, note: daysAgo(30) } })).toEqual([]);
    });

    it('says when there has never been contact', () => {
      expect(driversOf('recency', { knownSince: daysAgo(50) })).toEqual(['No contact since it was added 50 days ago']);
    });
  });

  describe('sessions', () => {
    it('counts staff cancellations among the sessions scheduled', () => {
      expect(driversOf('sessions', { sessions: { held: 7, cancelledByStaff: 3, cancelledByClosure: 2 } })).toEqual([
        '3 of the last 10 sessions cancelled',
      ]);
      expect(driversOf('sessions', { sessions: { held: 0, cancelledByStaff: 1, cancelledByClosure: 0 } })).toEqual([
        'The only session in the last 90 days was cancelled',
      ]);
    });

    it('praises at least 4 sessions all held, and says nothing about closures', () => {
      expect(driversOf('sessions', { sessions: { held: 4, cancelledByStaff: 0, cancelledByClosure: 2 } })).toEqual([
        'All 4 sessions held in the last 90 days',
      ]);
      expect(driversOf('sessions', { sessions: { held: 3, cancelledByStaff: 0, cancelledByClosure: 0 } })).toEqual([]);
      expect(driversOf('sessions', { sessions: { held: 0, cancelledByStaff: 0, cancelledByClosure: 3 } })).toEqual([]);
    });
  });

  describe('feedback', () => {
    it('reports a fall of half a point or more', () => {
      expect(driversOf('feedback', { feedback: feedbackOf([5, 16], [5, 23]) })).toEqual([
        'Feedback falling: 4.6 → 3.2',
      ]);
      expect(driversOf('feedback', { feedback: feedbackOf([2, 8], [2, 9]) })).toEqual(['Feedback falling: 4.5 → 4.0']);
      // 4.6 → 4.2 is −0.4, and a mean of 4.4 is neither low nor strong
      expect(driversOf('feedback', { feedback: feedbackOf([5, 21], [5, 23]) })).toEqual([]);
    });

    it('reports a mean below 3.5 when there is no fall', () => {
      expect(driversOf('feedback', { feedback: feedbackOf([3, 10]) })).toEqual(['Feedback low: 3.3 average']);
      expect(driversOf('feedback', { feedback: feedbackOf([2, 7]) })).toEqual([]);
    });

    it('praises a rise of half a point or more, else a mean of 4.5 or more', () => {
      expect(driversOf('feedback', { feedback: feedbackOf([5, 23], [5, 19]) })).toEqual(['Feedback rising: 3.8 → 4.6']);
      expect(driversOf('feedback', { feedback: feedbackOf([2, 9]) })).toEqual(['Feedback strong: 4.5 average']);
      expect(driversOf('feedback', { feedback: feedbackOf([5, 22]) })).toEqual([]);
    });
  });

  describe('attendance', () => {
    it('reports a drop of 10 % or more over the sessions compared', () => {
      expect(driversOf('attendance', { attendance: [31, 30, 28, 27, 24, 22, 20, 19, 17, 16] })).toEqual([
        'Attendance down 33% over 5 sessions',
      ]);
      expect(driversOf('attendance', { attendance: [10, 10, 10, 9, 9, 9] })).toEqual([
        'Attendance down 10% over 3 sessions',
      ]);
      expect(driversOf('attendance', { attendance: [11, 11, 11, 10, 10, 10] })).toEqual([]); // −9.1 %
    });

    it('praises growth of 10 % or more', () => {
      expect(
        driversOf('attendance', { attendance: [4, 6, 5, 7, 8, 9, 8, 10, 11, 10, 12, 11, 13, 12, 14, 13, 15, 14] }),
      ).toEqual(['Attendance up 53% over 8 sessions']);
      expect(driversOf('attendance', { attendance: [10, 10, 10, 11, 11, 11] })).toEqual([
        'Attendance up 10% over 3 sessions',
      ]);
      expect(driversOf('attendance', { attendance: [11, 11, 11, 12, 12, 12] })).toEqual([]); // +9.1 %
    });
  });

  describe('follow-ups', () => {
    it('counts overdue follow-ups', () => {
      expect(driversOf('followUps', { overdueFollowUps: 1 })).toEqual(['1 follow-up overdue']);
      expect(driversOf('followUps', { overdueFollowUps: 2 })).toEqual(['2 follow-ups overdue']);
      expect(driversOf('followUps', { overdueFollowUps: 0 })).toEqual([]);
    });
  });

  describe('fit', () => {
    it('reports a fit below 50 and praises one of 80 or more', () => {
      expect(driversOf('fit', { fit: { audienceReach: 3, missionOverlap: 2, complementaryResources: 2 } })).toEqual([
        'Weak fit: 7 of 15',
      ]); // 47
      expect(driversOf('fit', { fit: { audienceReach: 3, missionOverlap: 3, complementaryResources: 2 } })).toEqual([]); // 53
      expect(driversOf('fit', { fit: { audienceReach: 4, missionOverlap: 4, complementaryResources: 4 } })).toEqual([
        'Strong fit: 12 of 15',
      ]); // 80
      expect(driversOf('fit', { fit: { audienceReach: 4, missionOverlap: 4, complementaryResources: 3 } })).toEqual([]); // 73
    });
  });

  describe('check-in', () => {
    const areas = {
      environment: 3.5,
      membership: 3.5,
      processAndStructure: 3.5,
      communication: 3.5,
      purpose: 3.5,
      resources: 3.5,
    };
    const checkIn = (changes: Partial<typeof areas>, age = 30) => ({
      checkIn: { at: daysAgo(age), areas: { ...areas, ...changes } },
    });

    it('names areas below 3, worst first', () => {
      expect(driversOf('checkIn', checkIn({ communication: 2.5 }))).toEqual(['Check-in concern: communication (2.5)']);
      expect(driversOf('checkIn', checkIn({ communication: 2.5, resources: 2 }))).toEqual([
        'Check-in concerns: resources (2.0), communication (2.5)',
      ]);
      expect(driversOf('checkIn', checkIn({ processAndStructure: 2.75 }))).toEqual([
        'Check-in concern: process and structure (2.8)',
      ]);
      expect(driversOf('checkIn', checkIn({ communication: 3 }))).toEqual([]);
    });

    it('praises the best two areas of 4 or more', () => {
      expect(driversOf('checkIn', checkIn({ purpose: 4.5 }))).toEqual(['Check-in strength: purpose (4.5)']);
      expect(driversOf('checkIn', checkIn({ purpose: 4.5, environment: 4, membership: 4 }))).toEqual([
        'Check-in strengths: purpose (4.5), environment (4.0)',
      ]);
      expect(driversOf('checkIn', checkIn({ purpose: 3.99 }))).toEqual([]);
    });

    it('says nothing about a check-in more than a year old', () => {
      expect(driversOf('checkIn', checkIn({ communication: 1.5 }, 366))).toEqual([]);
    });
  });

  describe('order and selection', () => {
    it('puts the cautions first, then orders problems by the points they cost, and keeps at most four', () => {
      const result = scoreOf({
        lastContact: { ...noContact, visit: daysAgo(20) }, // weekly: 100 × 8 / 21 → 38
        programCadenceDays: [7],
        sessions: { held: 2, cancelledByStaff: 2, cancelledByClosure: 0 }, // 50
        feedback: feedbackOf([3, 6]), // 2.0 → 25
        attendance: [10, 10, 10, 12, 12, 12], // +20 % → 100
        overdueFollowUps: 3, // 25
        fit: { audienceReach: 2, missionOverlap: 2, complementaryResources: 2 }, // 40
      });
      // (25×38 + 15×50 + 15×25 + 15×100 + 10×25 + 10×40) / 90 = 4225 / 90 = 46.9
      expect(result).toMatchObject({ score: 47, band: 'at-risk' });
      // Costs in points: recency 27.8 × 0.62 = 17.2, feedback 16.7 × 0.75 = 12.5, sessions 16.7 × 0.5 = 8.3,
      // follow-ups 11.1 × 0.75 = 8.3 (a tie: component order), fit 11.1 × 0.6 = 6.7 (fifth: left off).
      // Feedback, cancellations and follow-ups are cautions (an unhappy partner, half the sessions
      // cancelled, three overdue), so they come before the costlier silence of 20 days.
      expect(result.cautions).toEqual(['cancellations', 'unhappy-partner', 'overdue-follow-ups']);
      expect(result.drivers).toEqual([
        'Feedback low: 2.0 average',
        '2 of the last 4 sessions cancelled',
        '3 follow-ups overdue',
        'No contact in 20 days',
      ]);
      expect(result.drivers).toHaveLength(MAX_DRIVERS);
    });

    it('adds strengths after the problems for a steady partner, not for an at-risk one', () => {
      const base = {
        lastContact: { ...noContact, visit: daysAgo(20) }, // 38
        programCadenceDays: [7],
        sessions: { held: 1, cancelledByStaff: 3, cancelledByClosure: 0 }, // 25
        attendance: [10, 10, 10, 12, 12, 12], // 100
      };
      // (25×38 + 15×25 + 15×100 + 10×0) / 65 = 2825 / 65 = 43.5
      const atRisk = scoreOf({ ...base, overdueFollowUps: 4 });
      expect(atRisk).toMatchObject({ score: 43, band: 'at-risk' });
      expect(atRisk.drivers).toEqual([
        '3 of the last 4 sessions cancelled',
        '4 follow-ups overdue',
        'No contact in 20 days',
      ]);
      // (25×38 + 15×25 + 15×100 + 10×100) / 65 = 3825 / 65 = 58.8
      const steady = scoreOf({ ...base, overdueFollowUps: 0 });
      expect(steady).toMatchObject({ score: 59, band: 'steady' });
      expect(steady.drivers).toEqual([
        '3 of the last 4 sessions cancelled',
        'No contact in 20 days',
        'Attendance up 20% over 3 sessions',
      ]);
    });

    it('leaves out a problem whose component weighs nothing', () => {
      const overdue = {
        lastContact: { ...noContact, visit: daysAgo(2) },
        programCadenceDays: [7],
        sessions: { held: 4, cancelledByStaff: 0, cancelledByClosure: 0 },
        overdueFollowUps: 2, // 50
      };
      // (25×100 + 15×100 + 10×50) / 50 = 90; the follow-ups cost 20 × 0.5 = 10 points
      expect(scoreOf(overdue).drivers).toEqual(['2 follow-ups overdue', 'All 4 sessions held in the last 90 days']);
      const followUpsIgnored: HealthSettings = {
        weights: { recency: 35, sessions: 15, feedback: 15, attendance: 15, followUps: 0, fit: 10, checkIn: 10 },
        bands: DEFAULT_HEALTH_SETTINGS.bands,
      };
      const result = scoreOf(overdue, followUpsIgnored);
      expect(result).toMatchObject({ score: 100, components: { followUps: 50 } });
      expect(result.drivers).toEqual(['All 4 sessions held in the last 90 days']);
    });

    it('puts a dormant partner’s silence first, even when it costs less or weighs nothing', () => {
      const { details } = scoreOf({
        lastContact: { ...noContact, visit: daysAgo(100) },
        programCadenceDays: [7],
        overdueFollowUps: 3,
      });
      const shares = { recency: 1, sessions: 0, feedback: 0, attendance: 0, followUps: 99, fit: 0, checkIn: 0 };
      // recency costs 1 × 100 / 100 = 1 point, the follow-ups 99 × 75 / 100 = 74.25
      expect(healthDrivers({ band: 'dormant', override: 'dormant', details, shares })).toEqual([
        'No contact in 100 days',
        '3 follow-ups overdue',
      ]);
      expect(healthDrivers({ band: 'at-risk', override: null, details, shares })).toEqual([
        '3 follow-ups overdue',
        'No contact in 100 days',
      ]);

      const recencyUnweighted: HealthSettings = {
        weights: { recency: 0, sessions: 25, feedback: 15, attendance: 15, followUps: 25, fit: 10, checkIn: 10 },
        bands: DEFAULT_HEALTH_SETTINGS.bands,
      };
      const silent = scoreOf(
        { knownSince: daysAgo(300), lastContact: { ...noContact, visit: daysAgo(100) }, programCadenceDays: [7] },
        recencyUnweighted,
      );
      expect(silent).toMatchObject({ band: 'dormant', override: 'dormant', drivers: ['No contact in 100 days'] });
    });

    it('gives no strengths to a dormant partner', () => {
      const result = scoreOf({
        lastContact: { ...noContact, visit: daysAgo(100) },
        programCadenceDays: [7],
        fit: { audienceReach: 5, missionOverlap: 5, complementaryResources: 5 },
      });
      expect(result.band).toBe('dormant');
      expect(result.drivers).toEqual(['No contact in 100 days']);
    });
  });
});
