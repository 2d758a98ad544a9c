import { healthValidUntil } from './health-expiry';
import { computeHealthScore, HealthFacts } from './health-score';
import { SCORING_SLICE_MS, scoreInSlices } from './health-scoring';
import { DEFAULT_HEALTH_SETTINGS } from './health-settings';

const DAY = 86_400_000;
const now = new Date('2026-06-10T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

/** Organization `i`: last visited i × 9 days ago, with i overdue follow-ups and a weekly program from the second on. */
function factsOf(i: number): HealthFacts {
  return {
    knownSince: daysAgo(400),
    lastContact: { visit: daysAgo(i * 9), session: null, feedback: null, note: null },
    programCadenceDays: i > 0 ? [7] : [],
    sessions: { held: i, cancelledByStaff: i % 2, cancelledByClosure: 0 },
    feedback: { recent: { count: i, ratingSum: 4 * i }, earlier: { count: 0, ratingSum: 0 } },
    attendance: [],
    overdueFollowUps: i % 3,
    oldestOverdueAt: i % 3 > 0 ? daysAgo(2) : null,
    fit: { audienceReach: 3, missionOverlap: 2, complementaryResources: i % 5 },
    checkIn: null,
    upcoming: {
      nextVisitAt: null,
      nextNoteAt: null,
      nextDueAt: null,
      nextSessionAt: new Date(now.getTime() + (i + 1) * 3_600_000),
      oldestSessionInWindowAt: null,
      oldestRecentFeedbackAt: null,
      oldestEarlierFeedbackAt: null,
    },
  };
}

const portfolio = (count: number): Array<[string, HealthFacts]> =>
  Array.from({ length: count }, (_, i) => [`org-${i}`, factsOf(i)]);

/** A clock that moves `step` ms each time it is read. */
function steppingClock(step: number): () => number {
  let t = 0;
  return () => (t += step);
}

describe(scoreInSlices.name, () => {
  it('stores what computeHealthScore and healthValidUntil say of each organization, in order', async () => {
    const facts = portfolio(12);
    const scored = await scoreInSlices(facts, DEFAULT_HEALTH_SETTINGS, now);
    expect(scored).toEqual(
      facts.map(([organizationId, orgFacts]) => {
        const { score, band, drivers } = computeHealthScore(orgFacts, DEFAULT_HEALTH_SETTINGS, now);
        return { organizationId, score, band, drivers, validUntil: healthValidUntil(orgFacts, now) };
      }),
    );
  });

  it('lets the event loop serve others each time a slice is used up', async () => {
    let served = 0;
    const serveOthers = () => {
      served += 1;
      if (served < 100) setImmediate(serveOthers);
    };
    setImmediate(serveOthers);
    // Each organization takes half a slice: the loop gets a turn after every second one.
    await scoreInSlices(portfolio(10), DEFAULT_HEALTH_SETTINGS, now, steppingClock(SCORING_SLICE_MS / 2));
    expect(served).toBeGreaterThanOrEqual(5);
  });

  it('keeps the loop while the slice lasts', async () => {
    let served = false;
    setImmediate(() => (served = true));
    await scoreInSlices(portfolio(10), DEFAULT_HEALTH_SETTINGS, now, () => 0);
    expect(served).toBe(false);
  });
});
