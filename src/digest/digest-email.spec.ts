import type { DigestContent } from './digest.rules';
import { bandCounts, digestMail, digestSubject, formatWeekOf } from './digest-email';

const URL = 'https://tandem.library.org';

const busy: DigestContent = {
  weekOf: '2026-11-30',
  byBand: { thriving: 4, steady: 7, 'at-risk': 2, dormant: 1, unscored: 3 },
  bandChanges: [
    { organizationId: 'b1', name: 'Birch Youth Shelter', from: 'steady', to: 'at-risk', score: 38 },
    { organizationId: 'c1', name: 'Cedar & Sons <Internships>', from: 'at-risk', to: 'steady', score: 61 },
  ],
  newAtRisk: [
    {
      organizationId: 'b1',
      name: 'Birch Youth Shelter',
      band: 'at-risk',
      score: 38,
      drivers: ['Attendance down 50% over 8 sessions', '3 follow-ups overdue'],
    },
  ],
  uncoveredAudiences: [{ audienceId: 'a1', name: 'Adults learning English', priority: 1 }],
  topIntroductions: [
    {
      providerId: 'p1',
      providerName: 'Next Step College Access',
      seekerId: 's1',
      seekerName: 'City Youth Opportunity Program',
      explanation:
        'Next Step College Access offers College application coaching, which City Youth Opportunity Program looks for.',
      strength: 84,
    },
  ],
};

const quiet: DigestContent = {
  weekOf: '2026-12-07',
  byBand: { thriving: 1, steady: 0, 'at-risk': 0, dormant: 0, unscored: 0 },
  bandChanges: [],
  newAtRisk: [],
  uncoveredAudiences: [],
  topIntroductions: [],
};

describe('digestMail', () => {
  it('formats the week as a date people read', () => {
    expect(formatWeekOf('2026-11-30')).toBe('30 Nov 2026');
    expect(formatWeekOf('2027-03-01')).toBe('1 Mar 2027');
  });

  it('says in the subject how many partners newly need attention', () => {
    expect(digestSubject(busy)).toBe('Partnership health — week of 30 Nov 2026: 1 needs attention');
    const two = { ...busy, newAtRisk: [...busy.newAtRisk, { ...busy.newAtRisk[0], organizationId: 'x' }] };
    expect(digestSubject(two)).toBe('Partnership health — week of 30 Nov 2026: 2 need attention');
    expect(digestSubject({ ...busy, newAtRisk: [] })).toBe(
      'Partnership health — week of 30 Nov 2026: 2 bands changed, none newly at risk',
    );
    expect(digestSubject(quiet)).toBe('Partnership health — week of 7 Dec 2026: a quiet week');
  });

  it('writes the sections in order, each partner with its link and the at-risk ones with their drivers', () => {
    const { text } = digestMail({ recipientName: 'Morgan', content: busy, publicUrl: URL });
    const order = [
      'Bands that changed',
      'New at-risk partners',
      'Priority audiences with no active partner',
      'Suggested introductions',
      'Open the dashboard',
    ];
    const positions = order.map((heading) => text.indexOf(heading));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(text).toContain('Hello Morgan,');
    expect(text).toContain('Partners now: 4 thriving, 7 steady, 2 at-risk, 1 dormant, 3 not scored yet.');
    expect(text).toContain(`- Birch Youth Shelter: steady → at-risk (score 38) ${URL}/organizations/b1`);
    expect(text).toContain(
      `- Birch Youth Shelter: at-risk, score 38 ${URL}/organizations/b1\n    · Attendance down 50% over 8 sessions\n    · 3 follow-ups overdue`,
    );
    expect(text).toContain('- Adults learning English (priority 1)');
    expect(text).toContain('1. Introduce Next Step College Access to City Youth Opportunity Program (strength 84)');
    expect(text).toContain(`${URL}/organizations/p1`);
    expect(text).toContain(`${URL}/organizations/s1`);
    expect(text).toContain(`Open the dashboard: ${URL}/dashboard`);
    expect(text).not.toContain('quiet week');
  });

  it('escapes names in the HTML and links every partner', () => {
    const { html } = digestMail({ recipientName: 'Morgan <script>', content: busy, publicUrl: URL });
    expect(html).toContain('Hello Morgan &lt;script&gt;,');
    expect(html).toContain(`<a href="${URL}/organizations/c1">Cedar &amp; Sons &lt;Internships&gt;</a>`);
    expect(html).not.toContain('<Internships>');
    expect(html).toContain('<li style="margin-bottom:6px">Attendance down 50% over 8 sessions</li>');
    expect(html).toContain(`<a href="${URL}/organizations/p1">Next Step College Access</a>`);
    expect(html).toContain(`href="${URL}/dashboard"`);
  });

  it('counts partners not scored yet only when there are some, and reads a digest stored before they existed', () => {
    expect(bandCounts(busy.byBand)).toBe('4 thriving, 7 steady, 2 at-risk, 1 dormant, 3 not scored yet');
    expect(bandCounts(quiet.byBand)).toBe('1 thriving, 0 steady, 0 at-risk, 0 dormant');
    const { unscored: _unscored, ...stored } = busy.byBand;
    expect(bandCounts(stored as DigestContent['byBand'])).toBe('4 thriving, 7 steady, 2 at-risk, 1 dormant');
    const { text, html } = digestMail({ recipientName: 'Morgan', content: quiet, publicUrl: URL });
    expect(text).toContain('Partners now: 1 thriving, 0 steady, 0 at-risk, 0 dormant.');
    expect(html).not.toContain('not scored');
  });

  it('says plainly when the week was quiet, and what each empty section means', () => {
    const { subject, text, html } = digestMail({ recipientName: 'Morgan', content: quiet, publicUrl: URL });
    expect(subject).toMatch(/a quiet week$/);
    expect(text).toContain('A quiet week: no partner changed band and none newly needs attention.');
    expect(text).toContain('No partner changed band since last week.');
    expect(text).toContain('No partner newly at-risk or dormant.');
    expect(text).toContain('Every audience has at least one active partner.');
    expect(text).toContain('No introductions to suggest this week.');
    expect(html).toContain('A quiet week');
    expect(text).not.toContain('/organizations/');
  });

  describe('goals off track', () => {
    const withGoals: DigestContent = {
      ...quiet,
      goalsOffTrack: [
        {
          goalId: 'g1',
          title: 'Teen attendance <fall>',
          metric: 'attendance',
          target: 600,
          from: '2026-07-01',
          to: '2027-06-30',
          scope: { type: 'audience', id: 'a1', name: 'Teens & young adults' },
          value: 120,
          expectedByNow: 250,
          newlyOffTrack: true,
        },
        {
          goalId: 'g2',
          title: 'Invitations',
          metric: 'invitations',
          target: 1000,
          from: '2026-07-01',
          to: '2027-06-30',
          scope: { type: 'library', id: null, name: null },
          value: 300,
          expectedByNow: 430,
          newlyOffTrack: false,
        },
      ],
    };

    it('says in the subject how many goals fell off track this week, a quiet week for partners too', () => {
      expect(digestSubject(withGoals)).toBe('Partnership health — week of 7 Dec 2026: 1 goal fell off track');
      expect(digestSubject({ ...busy, goalsOffTrack: withGoals.goalsOffTrack })).toBe(
        'Partnership health — week of 30 Nov 2026: 1 needs attention, 1 goal fell off track',
      );
      expect(digestSubject({ ...busy, newAtRisk: [], goalsOffTrack: withGoals.goalsOffTrack })).toBe(
        'Partnership health — week of 30 Nov 2026: 2 bands changed, none newly at risk; 1 goal fell off track',
      );
      // Off track for weeks already: no news for the subject.
      const old = withGoals.goalsOffTrack!.map((goal) => ({ ...goal, newlyOffTrack: false }));
      expect(digestSubject({ ...quiet, goalsOffTrack: old })).toBe(
        'Partnership health — week of 7 Dec 2026: a quiet week',
      );
    });

    it('names each goal off track after the introductions, with its numbers, marking those that fell off this week', () => {
      const { text } = digestMail({ recipientName: 'Morgan', content: withGoals, publicUrl: URL });
      expect(text.indexOf('Goals off track')).toBeGreaterThan(text.indexOf('Suggested introductions'));
      expect(text.indexOf('Goals off track')).toBeLessThan(text.indexOf('Open the dashboard'));
      expect(text).toContain(
        '- Teen attendance <fall> — Teens & young adults: 120 of 600 attendees at sessions (250 expected by now) — fell off track this week',
      );
      expect(text).toContain('- Invitations: 300 of 1000 invitations handed out (430 expected by now)\n');
      expect(text).toContain(`See the goals: ${URL}/goals`);
    });

    it('escapes goal titles in the HTML and links the goals page', () => {
      const { html } = digestMail({ recipientName: 'Morgan', content: withGoals, publicUrl: URL });
      expect(html).toContain(`<a href="${URL}/goals">Teen attendance &lt;fall&gt; — Teens &amp; young adults</a>`);
      expect(html).not.toContain('<fall>');
      expect(html).toContain('<strong> — fell off track this week</strong>');
    });

    it('says every goal is on track when none is off track, and reads a digest stored before goals existed', () => {
      const { text } = digestMail({
        recipientName: 'Morgan',
        content: { ...quiet, goalsOffTrack: [] },
        publicUrl: URL,
      });
      expect(text).toContain('Goals off track\nEvery current goal is on track.');
      expect(text).not.toContain('See the goals');
      expect(digestMail({ recipientName: 'Morgan', content: quiet, publicUrl: URL }).text).toContain(
        'Every current goal is on track.',
      );
    });
  });
});
