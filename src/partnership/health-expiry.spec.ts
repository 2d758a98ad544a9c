import { healthValidUntil } from './health-expiry';
import { HealthFacts, UpcomingFacts } from './health-score';

const HOUR = 3_600_000;
const now = new Date('2026-06-10T12:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
const none: UpcomingFacts = {
  nextVisitAt: null,
  nextNoteAt: null,
  nextDueAt: null,
  nextSessionAt: null,
  oldestSessionInWindowAt: null,
  oldestRecentFeedbackAt: null,
  oldestEarlierFeedbackAt: null,
};

/** Last contact a visit 10 days and 5 hours ago: the day count next changes in 19 hours. */
function facts(overrides: Partial<HealthFacts> = {}, upcoming: Partial<UpcomingFacts> = {}): HealthFacts {
  return {
    knownSince: at(-400 * 24),
    lastContact: { visit: at(-(10 * 24 + 5)), session: null, feedback: null, note: null },
    programCadenceDays: [],
    sessions: { held: 0, cancelledByStaff: 0, cancelledByClosure: 0 },
    feedback: { recent: { count: 0, ratingSum: 0 }, earlier: { count: 0, ratingSum: 0 } },
    attendance: [],
    overdueFollowUps: 0,
    oldestOverdueAt: null,
    fit: { audienceReach: 0, missionOverlap: 0, complementaryResources: 0 },
    checkIn: null,
    ...overrides,
    upcoming: { ...none, ...upcoming },
  };
}

describe(healthValidUntil.name, () => {
  it('runs to the next whole day since the last contact when nothing else is coming', () => {
    expect(healthValidUntil(facts(), now)).toEqual(at(19));
  });

  it('counts from the day it was added when there has been no contact', () => {
    const added = facts({
      knownSince: at(-(3 * 24 + 2)),
      lastContact: { visit: null, session: null, feedback: null, note: null },
    });
    expect(healthValidUntil(added, now)).toEqual(at(22));
  });

  it.each<[string, Partial<UpcomingFacts>, Date]>([
    ['a planned visit becomes contact when it is due', { nextVisitAt: at(3) }, at(3)],
    ['a note dated later counts from its time', { nextNoteAt: at(4) }, at(4)],
    ['a follow-up is overdue just after its due time', { nextDueAt: at(2) }, new Date(at(2).getTime() + 1)],
    ['a session counts once it has started', { nextSessionAt: at(1) }, at(1)],
    ['a session leaves the 90-day window', { oldestSessionInWindowAt: at(-(90 * 24 - 6)) }, at(6)],
    ['a rating moves from the recent half to the earlier one', { oldestRecentFeedbackAt: at(-(90 * 24 - 7)) }, at(7)],
    ['a rating leaves the earlier half', { oldestEarlierFeedbackAt: at(-(180 * 24 - 8)) }, at(8)],
  ])('stops when %s', (_, upcoming, expected) => {
    expect(healthValidUntil(facts({}, upcoming), now)).toEqual(expected);
  });

  it('stops when a check-in goes stale (older than 365 whole days)', () => {
    const checkIn = { at: at(-(366 * 24 - 9)), areas: { purpose: 4 } };
    expect(healthValidUntil(facts({ checkIn }), now)).toEqual(at(9));
  });

  it('stops at the next whole day the oldest overdue follow-up has been late', () => {
    const late = facts({ overdueFollowUps: 2, oldestOverdueAt: at(-(4 * 24 + 21)) });
    expect(healthValidUntil(late, now)).toEqual(at(3));
  });

  it('takes the earliest of all, and ignores instants already past', () => {
    const many = facts({}, { nextVisitAt: at(10), nextSessionAt: at(5), oldestSessionInWindowAt: at(-(91 * 24)) });
    expect(healthValidUntil(many, now)).toEqual(at(5));
  });

  it('is now itself when the upcoming facts are unknown (recompute at the next look)', () => {
    expect(healthValidUntil({ ...facts(), upcoming: null }, now)).toEqual(now);
  });
});
