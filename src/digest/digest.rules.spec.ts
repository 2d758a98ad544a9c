import { OrganizationStage } from '../organization/organization-stage';
import { JobName, RECURRING_JOBS } from '../queue/queue.constants';
import {
  catchUpDecision,
  composeDigest,
  DIGEST_SCHEDULE,
  digestDueAt,
  DigestGoalInput,
  DigestInput,
  DigestIntroduction,
  DigestOrganizationInput,
  isQuietWeek,
  weekOf,
} from './digest.rules';

const { Active, Ended, Exploring, Prospect, Paused } = OrganizationStage;

/** Ids are the names, so the expectations read as the data. */
function org(name: string, overrides: Partial<DigestOrganizationInput> = {}): DigestOrganizationInput {
  return {
    organizationId: name.toLowerCase(),
    name,
    stage: Active,
    score: 80,
    band: 'thriving',
    drivers: [],
    previousBand: 'thriving',
    ...overrides,
  };
}

function intro(provider: string, seeker: string, strength: number): DigestIntroduction {
  return {
    providerId: provider.toLowerCase(),
    providerName: provider,
    seekerId: seeker.toLowerCase(),
    seekerName: seeker,
    explanation: `${provider} offers what ${seeker} looks for.`,
    strength,
  };
}

function digest(input: Partial<DigestInput>) {
  return composeDigest({
    weekOf: '2026-11-30',
    organizations: [],
    audiences: [],
    introductions: [],
    goals: [],
    ...input,
  });
}

/** A current goal, on track unless said otherwise; ids are the titles. */
function goal(title: string, overrides: Partial<DigestGoalInput> = {}): DigestGoalInput {
  return {
    goalId: title.toLowerCase(),
    title,
    metric: 'attendance',
    target: 600,
    from: '2026-07-01',
    to: '2027-06-30',
    scope: { type: 'library', id: null, name: null },
    progress: { value: 300, ratio: 0.5, expectedByNow: 250, onTrack: true, status: 'on-track' },
    onTrackWeekBefore: true,
    ...overrides,
  };
}

const behind = (value: number, expectedByNow: number) => ({
  value,
  ratio: Math.round((value / 600) * 1000) / 1000,
  expectedByNow,
  onTrack: false,
  status: 'off-track' as const,
});

describe('composeDigest', () => {
  describe('goalsOffTrack', () => {
    it('lists only current goals off track, with value, expected, period and scope', () => {
      const audience = { type: 'audience' as const, id: 'teens', name: 'Teens' };
      const content = digest({
        goals: [
          goal('On pace'),
          goal('Met early', {
            progress: { value: 700, ratio: 1.167, expectedByNow: 250, onTrack: true, status: 'met' },
          }),
          goal('Behind', { metric: 'people-reached', scope: audience, progress: behind(100, 250) }),
        ],
      });
      expect(content.goalsOffTrack).toEqual([
        {
          goalId: 'behind',
          title: 'Behind',
          metric: 'people-reached',
          target: 600,
          from: '2026-07-01',
          to: '2027-06-30',
          scope: audience,
          value: 100,
          expectedByNow: 250,
          newlyOffTrack: true,
        },
      ]);
    });

    it('marks the ones on track a week ago as newly off track and lists them first, then the furthest behind', () => {
      const content = digest({
        goals: [
          goal('Old news, far behind', { progress: behind(10, 250), onTrackWeekBefore: false }),
          goal('Old news, a little behind', { progress: behind(240, 250), onTrackWeekBefore: false }),
          goal('Slipped', { progress: behind(200, 250), onTrackWeekBefore: true }),
          goal('Slipped further', { progress: behind(100, 250), onTrackWeekBefore: true }),
        ],
      });
      expect(content.goalsOffTrack!.map((g) => [g.title, g.newlyOffTrack])).toEqual([
        ['Slipped further', true],
        ['Slipped', true],
        ['Old news, far behind', false],
        ['Old news, a little behind', false],
      ]);
    });

    it('is empty when every goal is on track (or there are none)', () => {
      expect(digest({ goals: [goal('On pace')] }).goalsOffTrack).toEqual([]);
      expect(digest({}).goalsOffTrack).toEqual([]);
    });
  });

  describe('bandChanges', () => {
    it('lists each organization whose band differs from last week, either way, with both bands and the score now', () => {
      const content = digest({
        organizations: [
          org('Alder', { score: 90, band: 'thriving', previousBand: 'thriving' }),
          org('Birch', { score: 40, band: 'at-risk', previousBand: 'steady' }),
          org('Cedar', { score: 60, band: 'steady', previousBand: 'at-risk' }),
        ],
      });
      expect(content.bandChanges).toEqual([
        { organizationId: 'birch', name: 'Birch', from: 'steady', to: 'at-risk', score: 40 },
        { organizationId: 'cedar', name: 'Cedar', from: 'at-risk', to: 'steady', score: 60 },
      ]);
    });

    it('does not count an organization with no snapshot last week as a change', () => {
      const content = digest({ organizations: [org('Elm', { band: 'steady', score: 70, previousBand: null })] });
      expect(content.bandChanges).toEqual([]);
    });

    it('puts the worst first: lowest score, then name, then id', () => {
      const content = digest({
        organizations: [
          org('Maple', { score: 55, band: 'steady', previousBand: 'thriving' }),
          org('Hazel', { score: 10, band: 'dormant', previousBand: 'at-risk' }),
          org('Willow', { organizationId: 'w2', score: 30, band: 'at-risk', previousBand: 'steady' }),
          org('Willow', { organizationId: 'w1', score: 30, band: 'at-risk', previousBand: 'steady' }),
          org('Aspen', { score: 30, band: 'at-risk', previousBand: 'thriving' }),
        ],
      });
      expect(content.bandChanges.map((change) => change.organizationId)).toEqual([
        'hazel',
        'aspen',
        'w1',
        'w2',
        'maple',
      ]);
    });
  });

  describe('newAtRisk', () => {
    it('names partners that fell from thriving or steady to at-risk or dormant, with their drivers', () => {
      const content = digest({
        organizations: [
          org('Birch', {
            score: 40,
            band: 'at-risk',
            previousBand: 'steady',
            drivers: ['Attendance down 50% over 8 sessions', '3 follow-ups overdue'],
          }),
          org('Cedar', { score: 20, band: 'dormant', previousBand: 'thriving', drivers: ['No contact in 150 days'] }),
        ],
      });
      expect(content.newAtRisk).toEqual([
        { organizationId: 'cedar', name: 'Cedar', band: 'dormant', score: 20, drivers: ['No contact in 150 days'] },
        {
          organizationId: 'birch',
          name: 'Birch',
          band: 'at-risk',
          score: 40,
          drivers: ['Attendance down 50% over 8 sessions', '3 follow-ups overdue'],
        },
      ]);
    });

    it('includes an organization new to the digest that is already at-risk or dormant', () => {
      const content = digest({
        organizations: [
          org('Fir', { score: 30, band: 'at-risk', previousBand: null, drivers: ['No contact in 60 days'] }),
          org('Elm', { score: 70, band: 'steady', previousBand: null }),
        ],
      });
      expect(content.newAtRisk.map((row) => row.organizationId)).toEqual(['fir']);
    });

    it('leaves out partners that were already at-risk or dormant last week, even when they moved between the two', () => {
      const content = digest({
        organizations: [
          org('Hazel', { score: 30, band: 'at-risk', previousBand: 'at-risk' }),
          org('Holly', { score: 10, band: 'dormant', previousBand: 'at-risk' }),
          org('Ivy', { score: 40, band: 'at-risk', previousBand: 'dormant' }),
        ],
      });
      expect(content.newAtRisk).toEqual([]);
      expect(content.bandChanges.map((change) => change.organizationId)).toEqual(['holly', 'ivy']);
    });

    it('copies the drivers rather than sharing the input array', () => {
      const drivers = ['2 follow-ups overdue'];
      const content = digest({
        organizations: [org('Birch', { band: 'at-risk', score: 40, previousBand: 'steady', drivers })],
      });
      drivers.push('later');
      expect(content.newAtRisk[0].drivers).toEqual(['2 follow-ups overdue']);
    });
  });

  describe('ended organizations', () => {
    it('are left out of the changes, the new at-risk list and the counts', () => {
      const content = digest({
        organizations: [
          org('Dogwood', {
            stage: Ended,
            score: 5,
            band: 'dormant',
            previousBand: 'thriving',
            drivers: ['No contact in 200 days'],
          }),
          org('Elm', { stage: Prospect, score: 70, band: 'steady', previousBand: 'steady' }),
          org('Pine', { stage: Exploring, score: 40, band: 'at-risk', previousBand: 'steady' }),
        ],
      });
      expect(content.bandChanges.map((change) => change.organizationId)).toEqual(['pine']);
      expect(content.newAtRisk.map((row) => row.organizationId)).toEqual(['pine']);
      expect(content.byBand).toEqual({ thriving: 0, steady: 1, 'at-risk': 1, dormant: 0, unscored: 0 });
    });
  });

  describe('paused partnerships (calibration row 10)', () => {
    it('are never announced as newly at-risk or dormant, whatever their band was last week', () => {
      const content = digest({
        organizations: [
          org('Pine', {
            stage: Paused,
            score: 12,
            band: 'dormant',
            previousBand: 'steady',
            drivers: ['No contact in 100 days'],
          }),
          org('Poplar', { stage: Paused, score: 35, band: 'at-risk', previousBand: 'thriving' }),
          org('Plum', { stage: Paused, score: 10, band: 'dormant', previousBand: null }),
          org('Pear', { stage: Paused, score: 20, band: 'dormant', previousBand: 'unscored' }),
          org('Birch', { stage: Active, score: 12, band: 'dormant', previousBand: 'steady' }),
        ],
      });
      expect(content.newAtRisk.map((row) => row.organizationId)).toEqual(['birch']);
    });

    it('are not listed as a band change for the worse, into dormant, at-risk or any lower band', () => {
      const content = digest({
        organizations: [
          org('Pine', { stage: Paused, score: 12, band: 'dormant', previousBand: 'steady' }),
          org('Poplar', { stage: Paused, score: 20, band: 'dormant', previousBand: 'at-risk' }),
          org('Plum', { stage: Paused, score: 60, band: 'steady', previousBand: 'thriving' }),
          org('Birch', { stage: Active, score: 12, band: 'dormant', previousBand: 'steady' }),
        ],
      });
      expect(content.bandChanges.map((change) => change.organizationId)).toEqual(['birch']);
      expect(
        isQuietWeek(
          digest({
            organizations: [org('Pine', { stage: Paused, score: 12, band: 'dormant', previousBand: 'steady' })],
          }),
        ),
      ).toBe(true);
    });

    it('are listed when their band rose, and counted in byBand as any other', () => {
      const content = digest({
        organizations: [
          org('Pine', { stage: Paused, score: 40, band: 'at-risk', previousBand: 'dormant' }),
          org('Plum', { stage: Paused, score: 12, band: 'dormant', previousBand: 'dormant' }),
        ],
      });
      expect(content.bandChanges).toEqual([
        { organizationId: 'pine', name: 'Pine', from: 'dormant', to: 'at-risk', score: 40 },
      ]);
      expect(content.newAtRisk).toEqual([]);
      expect(content.byBand).toEqual({ thriving: 0, steady: 0, 'at-risk': 1, dormant: 1, unscored: 0 });
    });
  });

  describe('unscored partnerships (no evidence yet, score null)', () => {
    it('are counted under unscored, and never listed as a band change, neither getting a score nor losing it', () => {
      const content = digest({
        organizations: [
          org('Alder', { score: null, band: 'unscored', previousBand: null }),
          org('Birch', { score: null, band: 'unscored', previousBand: 'unscored' }),
          org('Cedar', { score: 80, band: 'thriving', previousBand: 'unscored' }),
          org('Elm', { score: 60, band: 'steady', previousBand: 'unscored' }),
          org('Fir', { score: null, band: 'unscored', previousBand: 'steady' }),
        ],
      });
      expect(content.bandChanges).toEqual([]);
      expect(content.newAtRisk).toEqual([]);
      expect(content.byBand).toEqual({ thriving: 1, steady: 1, 'at-risk': 0, dormant: 0, unscored: 3 });
      expect(isQuietWeek(content)).toBe(true);
    });

    it('are never at risk; one whose first score is at-risk or dormant is newly at risk, as a new partner would be', () => {
      const content = digest({
        organizations: [
          org('Alder', { score: null, band: 'unscored', previousBand: 'thriving', drivers: [] }),
          org('Hazel', { score: 18, band: 'dormant', previousBand: 'unscored', drivers: ['No contact in 130 days'] }),
        ],
      });
      expect(content.newAtRisk).toEqual([
        { organizationId: 'hazel', name: 'Hazel', band: 'dormant', score: 18, drivers: ['No contact in 130 days'] },
      ]);
      expect(content.bandChanges).toEqual([]);
    });

    it('sort after every scored partner without upsetting the order of the scored ones', () => {
      const content = digest({
        organizations: [
          org('Aspen', { score: null, band: 'unscored', previousBand: 'steady' }),
          org('Maple', { score: 55, band: 'steady', previousBand: 'thriving' }),
          org('Hazel', { score: 10, band: 'dormant', previousBand: 'at-risk' }),
        ],
      });
      expect(content.bandChanges.map((change) => change.organizationId)).toEqual(['hazel', 'maple']);
    });
  });

  describe('byBand', () => {
    it('counts every organization by its band now, with every band present', () => {
      expect(digest({}).byBand).toEqual({ thriving: 0, steady: 0, 'at-risk': 0, dormant: 0, unscored: 0 });
      const content = digest({
        organizations: [
          org('A', { band: 'thriving' }),
          org('B', { band: 'thriving' }),
          org('C', { band: 'dormant', score: 5, previousBand: 'dormant' }),
        ],
      });
      expect(content.byBand).toEqual({ thriving: 2, steady: 0, 'at-risk': 0, dormant: 1, unscored: 0 });
    });
  });

  describe('uncoveredAudiences', () => {
    it('lists audiences with no active partner, highest priority first, then by name', () => {
      const content = digest({
        audiences: [
          { audienceId: 'families', name: 'Families', priority: 3, activePartners: 0 },
          { audienceId: 'teens', name: 'Teens', priority: 1, activePartners: 2 },
          { audienceId: 'seniors', name: 'Seniors', priority: 2, activePartners: 0 },
          { audienceId: 'esl', name: 'Adults learning English', priority: 1, activePartners: 0 },
          { audienceId: 'veterans', name: 'Veterans', priority: 1, activePartners: 0 },
        ],
      });
      expect(content.uncoveredAudiences).toEqual([
        { audienceId: 'esl', name: 'Adults learning English', priority: 1 },
        { audienceId: 'veterans', name: 'Veterans', priority: 1 },
        { audienceId: 'seniors', name: 'Seniors', priority: 2 },
        { audienceId: 'families', name: 'Families', priority: 3 },
      ]);
    });

    it('is empty when every audience has an active partner', () => {
      expect(
        digest({ audiences: [{ audienceId: 'teens', name: 'Teens', priority: 1, activePartners: 1 }] })
          .uncoveredAudiences,
      ).toEqual([]);
    });
  });

  describe('topIntroductions', () => {
    it('keeps only the first three of the ranking, in its order, with names, explanation and strength', () => {
      const ranked = [
        intro('Oak', 'Birch', 90),
        intro('Alder', 'Cedar', 80),
        intro('Cedar', 'Oak', 70),
        intro('Birch', 'Alder', 60),
        intro('Elm', 'Oak', 50),
      ];
      const content = digest({ introductions: ranked });
      expect(content.topIntroductions).toEqual(ranked.slice(0, 3));
    });

    it('keeps fewer when fewer are suggested', () => {
      expect(digest({ introductions: [intro('Oak', 'Birch', 90)] }).topIntroductions).toHaveLength(1);
      expect(digest({}).topIntroductions).toEqual([]);
    });

    it('keeps only the fields the email shows', () => {
      const extra = { ...intro('Oak', 'Birch', 90), id: 'm1', factors: { need: 40 } } as DigestIntroduction;
      expect(Object.keys(digest({ introductions: [extra] }).topIntroductions[0]).sort()).toEqual(
        ['explanation', 'providerId', 'providerName', 'seekerId', 'seekerName', 'strength'].sort(),
      );
    });
  });

  it('carries the week it is for', () => {
    expect(digest({ weekOf: '2027-03-08' }).weekOf).toBe('2027-03-08');
  });
});

describe('isQuietWeek', () => {
  it('is quiet only without band changes and without new at-risk partners', () => {
    expect(isQuietWeek(digest({ organizations: [org('Alder')] }))).toBe(true);
    expect(
      isQuietWeek(digest({ organizations: [org('Cedar', { band: 'steady', score: 60, previousBand: 'thriving' })] })),
    ).toBe(false);
    expect(
      isQuietWeek(digest({ organizations: [org('Fir', { band: 'at-risk', score: 30, previousBand: null })] })),
    ).toBe(false);
  });
});

describe('weekOf', () => {
  it.each([
    ['2026-11-30T00:00:00.000Z', '2026-11-30'], // a Monday, at its first instant
    ['2026-12-02T15:00:00.000Z', '2026-11-30'], // Wednesday
    ['2026-12-06T23:59:59.999Z', '2026-11-30'], // Sunday, last instant
    ['2026-12-07T00:00:00.000Z', '2026-12-07'], // the next Monday
    ['2027-01-01T12:00:00.000Z', '2026-12-28'], // across the year end
    ['2028-03-01T08:00:00.000Z', '2028-02-28'], // across a leap day
  ])('puts %s in the week of Monday %s (UTC)', (now, monday) => {
    expect(weekOf(new Date(now))).toBe(monday);
  });

  it.each([
    // Monday 07:00 in Sydney is Sunday 20:00 UTC: still that Monday's digest.
    ['2026-11-29T20:00:00.000Z', 'Australia/Sydney', '2026-11-30'],
    // Monday 07:00 in Chicago is 13:00 UTC.
    ['2026-11-30T13:00:00.000Z', 'America/Chicago', '2026-11-30'],
    // Sunday 23:00 in Chicago is already Monday in UTC: still the week before there.
    ['2026-12-07T05:00:00.000Z', 'America/Chicago', '2026-11-30'],
  ])('puts %s in the week of the Monday in %s (%s)', (now, zone, monday) => {
    expect(weekOf(new Date(now), zone)).toBe(monday);
  });
});

describe('digestDueAt', () => {
  it('is the Monday 07:00 of the week, in the digest zone', () => {
    expect(digestDueAt(new Date('2026-12-02T15:00:00.000Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    // Chicago in winter (UTC-6): Monday 07:00 is 13:00 UTC; its Sunday evening is still the week before.
    expect(digestDueAt(new Date('2026-12-02T15:00:00.000Z'), 'America/Chicago').toISOString()).toBe(
      '2026-11-30T13:00:00.000Z',
    );
    expect(digestDueAt(new Date('2026-12-07T05:00:00.000Z'), 'America/Chicago').toISOString()).toBe(
      '2026-11-30T13:00:00.000Z',
    );
    // Sydney in summer (UTC+11): Monday 07:00 is Sunday 20:00 UTC.
    expect(digestDueAt(new Date('2026-11-30T01:00:00.000Z'), 'Australia/Sydney').toISOString()).toBe(
      '2026-11-29T20:00:00.000Z',
    );
    // Chicago the week clocks went forward (8 Mar 2026): Monday 07:00 is CDT, 12:00 UTC.
    expect(digestDueAt(new Date('2026-03-10T12:00:00.000Z'), 'America/Chicago').toISOString()).toBe(
      '2026-03-09T12:00:00.000Z',
    );
  });

  it('is the time the worker cron sends it', () => {
    const cron = RECURRING_JOBS.find((job) => job.name === JobName.SendHealthDigest);
    expect(cron).toMatchObject({ pattern: `0 ${DIGEST_SCHEDULE.hour} * * ${DIGEST_SCHEDULE.weekday}` });
  });
});

describe('catchUpDecision', () => {
  const ZONE = 'America/Chicago';
  // Monday 30 Nov 2026 07:00 in Chicago is 13:00 UTC.
  const due = new Date('2026-11-30T13:00:00.000Z');
  const at = (ms: number) => new Date(due.getTime() + ms);
  const HOUR = 3_600_000;

  it('sends this week when its Monday 07:00 has passed, nothing is stored for it, and an earlier week was sent', () => {
    expect(catchUpDecision(due, ZONE, '2026-11-23')).toEqual({ action: 'send', weekOf: '2026-11-30' });
    expect(catchUpDecision(at(26 * HOUR), ZONE, '2026-11-23')).toEqual({ action: 'send', weekOf: '2026-11-30' });
    // Sunday 23:59 in Chicago, the end of the week.
    expect(catchUpDecision(at(6 * 24 * HOUR + 17 * HOUR - 60_000), ZONE, '2026-11-23')).toEqual({
      action: 'send',
      weekOf: '2026-11-30',
    });
  });

  it('sends only the current week after a week or more down, never the missed ones', () => {
    expect(catchUpDecision(at(8 * 24 * HOUR), ZONE, '2026-11-23')).toEqual({ action: 'send', weekOf: '2026-12-07' });
    expect(catchUpDecision(at(30 * 24 * HOUR), ZONE, '2026-11-23')).toEqual({ action: 'send', weekOf: '2026-12-28' });
  });

  it('waits for the cron before Monday 07:00, even with last week missed', () => {
    expect(catchUpDecision(at(-1), ZONE, '2026-11-16')).toEqual({
      action: 'skip',
      weekOf: '2026-11-30',
      reason: 'not-due',
    });
    // Monday 01:00 UTC is still Sunday in Chicago: last week, whose digest was stored.
    expect(catchUpDecision(new Date('2026-11-30T01:00:00.000Z'), ZONE, '2026-11-23')).toEqual({
      action: 'skip',
      weekOf: '2026-11-23',
      reason: 'already-stored',
    });
  });

  it('sends nothing once this week is stored (by the cron, another worker or an earlier catch-up)', () => {
    expect(catchUpDecision(at(HOUR), ZONE, '2026-11-30')).toEqual({
      action: 'skip',
      weekOf: '2026-11-30',
      reason: 'already-stored',
    });
    expect(catchUpDecision(at(HOUR), ZONE, '2026-12-07')).toMatchObject({ action: 'skip', reason: 'already-stored' });
  });

  it('leaves an installation that never sent a digest to the cron', () => {
    expect(catchUpDecision(at(HOUR), ZONE, null)).toEqual({
      action: 'skip',
      weekOf: '2026-11-30',
      reason: 'never-sent',
    });
  });
});
