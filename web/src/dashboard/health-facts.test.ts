import { describe, expect, it } from 'vitest';
import { capReasonText, capText, componentFacts, shareText } from './health-facts';
import type { HealthDetails } from './types';

const day = (iso: string) => iso.slice(0, 10);
const detail = <K extends keyof HealthDetails>(
  facts: HealthDetails[K]['facts'],
  score: number | null = 50,
): HealthDetails[K] => ({ score, weight: 15, effectiveWeight: 18.8, facts }) as HealthDetails[K];

describe('componentFacts', () => {
  it('says when and how the partner was last in touch, against the cadence', () => {
    const recency = detail<'recency'>({
      lastContactAt: '2026-07-03T10:00:00Z',
      lastContactKind: 'visit',
      daysSinceContact: 150,
      cadenceDays: 30,
      cadenceFrom: 'default',
      fullMarksWithinDays: 30,
      zeroAtDays: 120,
      dormantAfterDays: 90,
    });
    expect(componentFacts('recency', recency, day)).toBe(
      'Last contact: a visit 150 days ago (2026-07-03). Full marks within 30 days (the default without a running program), none from 120 days; dormant after 90.',
    );
    const never = detail<'recency'>({
      ...recency.facts,
      lastContactAt: null,
      lastContactKind: null,
      daysSinceContact: 0,
      cadenceFrom: 'programs',
      fullMarksWithinDays: 7,
      zeroAtDays: 28,
    });
    expect(componentFacts('recency', never, day)).toBe(
      'No contact recorded; counted from when the partner was added, today. Full marks within 7 days (the pace of their programs), none from 28 days; dormant after 90.',
    );
  });

  it('counts sessions, leaving closure days out', () => {
    const facts = { windowDays: 90, scheduled: 13, held: 9, cancelledByStaff: 4, cancelledByClosure: 0 };
    expect(componentFacts('sessions', detail<'sessions'>(facts), day)).toBe(
      '9 of 13 sessions held in the last 90 days, 4 cancelled.',
    );
    expect(componentFacts('sessions', detail<'sessions'>({ ...facts, cancelledByClosure: 2 }), day)).toBe(
      '9 of 13 sessions held in the last 90 days, 4 cancelled; 2 on library closure days do not count.',
    );
    expect(
      componentFacts(
        'sessions',
        detail<'sessions'>({ ...facts, scheduled: 0, held: 0, cancelledByStaff: 0 }, null),
        day,
      ),
    ).toBe('No sessions scheduled in the last 90 days.');
  });

  it('gives ratings with their trend only when each half had enough', () => {
    const base = {
      windowDays: 180,
      count: 10,
      mean: 3.9,
      recentCount: 5,
      recentMean: 3.2,
      earlierCount: 5,
      earlierMean: 4.6,
      trend: -1.4,
    };
    expect(componentFacts('feedback', detail<'feedback'>(base), day)).toBe(
      '10 ratings in the last 180 days, 3.9 of 5 on average; the latest 90 days 3.2, the 90 before 4.6.',
    );
    expect(componentFacts('feedback', detail<'feedback'>({ ...base, count: 1, mean: 4, trend: null }), day)).toBe(
      '1 rating in the last 180 days, 4 of 5 on average.',
    );
    expect(componentFacts('feedback', detail<'feedback'>({ ...base, count: 0, mean: null }, null), day)).toBe(
      'No ratings in the last 180 days.',
    );
  });

  it('compares attendance halves with a signed percentage', () => {
    const facts = { sessionsPerHalf: 8, earlier: [], recent: [], earlierMean: 20, recentMean: 10, changePercent: -50 };
    expect(componentFacts('attendance', detail<'attendance'>(facts), day)).toBe(
      'The last 8 sessions averaged 10 people, the 8 before 20 (\u221250%).',
    );
    expect(
      componentFacts('attendance', detail<'attendance'>({ ...facts, recentMean: 12.5, changePercent: 25 }), day),
    ).toMatch(/12\.5 people, .* \(\+25%\)\.$/);
    expect(
      componentFacts(
        'attendance',
        detail<'attendance'>({ ...facts, sessionsPerHalf: 0, changePercent: null }, null),
        day,
      ),
    ).toMatch(/^Too few sessions/);
  });

  it('names overdue follow-ups, the fit and the check-in’s concerns in words', () => {
    expect(componentFacts('followUps', detail<'followUps'>({ overdue: 1, oldestOverdueDays: 3 }), day)).toBe(
      '1 follow-up overdue, the oldest by 3 days.',
    );
    expect(componentFacts('followUps', detail<'followUps'>({ overdue: 0, oldestOverdueDays: null }), day)).toBe(
      'No follow-up overdue.',
    );
    expect(componentFacts('followUps', detail<'followUps'>({ overdue: 2, oldestOverdueDays: 30 }), day)).toBe(
      '2 follow-ups overdue, the oldest by 30 days.',
    );
    expect(
      componentFacts(
        'fit',
        detail<'fit'>({ audienceReach: 5, missionOverlap: 4, complementaryResources: 4, total: 13, max: 15 }),
        day,
      ),
    ).toBe('13 of 15: audience reach 5, mission overlap 4, complementary skills & resources 4.');
    expect(
      componentFacts(
        'fit',
        detail<'fit'>({ audienceReach: 0, missionOverlap: 0, complementaryResources: 0, total: 0, max: 15 }, null),
        day,
      ),
    ).toBe('Not assessed yet.');
    const areas = {
      environment: 4.3,
      membership: 4.5,
      processAndStructure: 3,
      communication: 2.5,
      purpose: 4.8,
      resources: 2.3,
    };
    const checkIn = {
      at: '2026-11-20T09:00:00Z',
      ageDays: 10,
      stale: false,
      overall: 3.57,
      areas,
      concerns: ['communication', 'resources'],
      strengths: ['environment'],
    } as const;
    expect(
      componentFacts(
        'checkIn',
        detail<'checkIn'>({ ...checkIn, concerns: [...checkIn.concerns], strengths: [...checkIn.strengths] }),
        day,
      ),
    ).toBe('Check-in of 2026-11-20: 3.6 of 5 overall; concerns: communication, resources; strengths: environment.');
    expect(
      componentFacts('checkIn', detail<'checkIn'>({ ...checkIn, stale: true, concerns: [], strengths: [] }, null), day),
    ).toBe('The latest check-in (2026-11-20) is over a year old and no longer counts.');
    expect(
      componentFacts('checkIn', detail<'checkIn'>({ ...checkIn, at: null, concerns: [], strengths: [] }, null), day),
    ).toBe('No check-in answered yet.');
  });
});

describe('shareText', () => {
  it('gives the share after redistribution and the configured weight, or why it does not count', () => {
    expect(shareText({ score: 80, weight: 20, effectiveWeight: 26.7 })).toBe('26.7% of the score (weight 20)');
    expect(shareText({ score: 80, weight: 25, effectiveWeight: 25 })).toBe('25% of the score (weight 25)');
    expect(shareText({ score: null, weight: 15, effectiveWeight: 0 })).toBe(
      'No data: its weight 15 goes to the others',
    );
    expect(shareText({ score: 60, weight: 0, effectiveWeight: 0 })).toBe('Not counted (weight 0)');
    // Every applicable weight 0: the API weighs them equally.
    expect(shareText({ score: 60, weight: 0, effectiveWeight: 50 })).toBe('50% of the score (weight 0)');
  });
});

describe('capText', () => {
  const details = {
    recency: detail<'recency'>({
      lastContactAt: null,
      lastContactKind: null,
      daysSinceContact: 65,
      cadenceDays: 30,
      cadenceFrom: 'default',
      fullMarksWithinDays: 30,
      zeroAtDays: 120,
      dormantAfterDays: 90,
    }),
    sessions: detail<'sessions'>({
      held: 9,
      scheduled: 13,
      cancelledByStaff: 4,
      cancelledByClosure: 0,
      windowDays: 90,
    }),
    feedback: detail<'feedback'>({
      count: 2,
      mean: 1.5,
      recentMean: null,
      earlierMean: null,
      recentCount: 2,
      earlierCount: 0,
      trend: null,
      windowDays: 180,
    }),
    attendance: detail<'attendance'>({
      sessionsPerHalf: 8,
      earlier: [],
      recent: [],
      earlierMean: 20,
      recentMean: 7.8,
      changePercent: -61,
    }),
    followUps: detail<'followUps'>({ overdue: 2, oldestOverdueDays: 12 }),
    fit: detail<'fit'>({ audienceReach: 3, missionOverlap: 3, complementaryResources: 3, total: 9, max: 15 }),
    checkIn: detail<'checkIn'>({
      at: '2026-10-01T00:00:00Z',
      ageDays: 60,
      stale: false,
      overall: 2.6,
      areas: {} as HealthDetails['checkIn']['facts']['areas'],
      concerns: ['communication', 'resources'],
      strengths: [],
    }),
  };

  it('says nothing without a cap', () => {
    expect(capText(null, details)).toBeNull();
    expect(capText(undefined, details)).toBeNull();
  });

  it('names the band it is held at and why, in one light sentence', () => {
    expect(capText({ band: 'steady', reasons: ['attendance-slide'] }, details)).toBe(
      'Held at steady: attendance slid 61%.',
    );
    expect(
      capText({ band: 'at-risk', reasons: ['attendance-slide', 'unhappy-partner', 'overdue-follow-ups'] }, details),
    ).toBe('Held at risk: attendance slid 61%, feedback averages 1.5 of 5 and 2 follow-ups overdue.');
    expect(capText({ band: 'steady', reasons: [] }, details)).toBe('Held at steady by its warnings.');
  });

  it('puts each cause in words with its number', () => {
    expect(capReasonText('silence', details)).toBe('no contact in 65 days');
    expect(capReasonText('cancellations', details)).toBe('4 of 13 sessions cancelled');
    expect(capReasonText('check-in-concern', details)).toBe('the check-in raised concerns (communication, resources)');
    expect(capReasonText('no-sessions', details)).toBe('no session held in 90 days');
  });
});
