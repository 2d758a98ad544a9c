import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { HealthFactsService } from '../../src/partnership/health-facts.service';
import { OrganizationHealthService } from '../../src/partnership/organization-health.service';
import { createProgram } from '../factories/program.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const dateDaysAgo = (days: number) => daysAgo(days).toISOString().slice(0, 10);

interface HealthBody {
  score: number;
  band: string;
  components: Record<string, number | null>;
  details: Record<
    string,
    { score: number | null; weight: number; effectiveWeight: number; facts: Record<string, unknown> }
  >;
  drivers: string[];
  history: unknown[];
}

/**
 * Three partnerships built through the API, as a manager would see them:
 * - Alder, thriving: a weekly program for 12 weeks with steady attendance, glowing feedback, a visit last week.
 * - Birch, fading: a weekly program for 23 weeks; attendance halved over the last 8 sessions, four sessions
 *   cancelled, poor feedback, three follow-ups overdue.
 * - Cedar, dormant: a well-matched partner last visited 150 days ago, nothing since.
 */
describe(`${OrganizationHealthService.name} (e2e)`, () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  let alder: string;
  let birch: string;
  let cedar: string;

  const post = async (path: string, body: object) => {
    const response = await request(t.http).post(`/api/v1${path}`).set(staff.auth).send(body);
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const organization = async (name: string, fit: number) =>
    (
      await post('/organizations', {
        name,
        stage: 'active',
        fit: { audienceReach: fit, missionOverlap: fit, complementaryResources: fit },
      })
    ).id as string;
  /** Its held-so-far sessions, oldest first. */
  const pastSessions = (programId: string): Promise<{ id: string; version: number }[]> =>
    t.dataSource.query(
      `SELECT id, version FROM program_sessions WHERE program_id = $1 AND starts_at <= now() ORDER BY starts_at`,
      [programId],
    );
  const patchSession = (id: string, body: object) =>
    request(t.http).patch(`/api/v1/sessions/${id}`).set(staff.auth).send(body).expect(200);
  const health = async (id: string, auth = viewer.auth): Promise<HealthBody> =>
    (await request(t.http).get(`/api/v1/organizations/${id}/health`).set(auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);

    alder = await organization('Alder College Access', 5);
    const alderProgram = await createProgram(t, staff.auth, {
      startDate: dateDaysAgo(84),
      partners: [{ organizationId: alder, role: 'host' }],
    });
    for (const session of await pastSessions(alderProgram.id))
      await patchSession(session.id, { attendance: 12, version: session.version });
    for (const rating of [5, 5, 4])
      await post('/feedback', { source: 'partner', organizationId: alder, programId: alderProgram.id, rating });
    await post('/visits', { organizationId: alder, purpose: 'relationship', visitedAt: daysAgo(3).toISOString() });

    birch = await organization('Birch Youth Shelter', 2);
    const birchProgram = await createProgram(t, staff.auth, {
      startDate: dateDaysAgo(161),
      partners: [{ organizationId: birch, role: 'host' }],
    });
    const sessions = await pastSessions(birchProgram.id);
    expect(sessions.length).toBeGreaterThanOrEqual(22);
    const cancelled = new Set([9, 10, 11, 12].map((back) => sessions.length - back));
    for (const [index, session] of sessions.entries()) {
      const body = cancelled.has(index) ? { cancelled: true } : { attendance: index >= sessions.length - 8 ? 10 : 20 };
      await patchSession(session.id, { ...body, version: session.version });
    }
    // Youth feedback through the program's public link names no organization: it still counts for Birch.
    const link = await post(`/programs/${birchProgram.id}/feedback-link`, {});
    for (const rating of [1, 2]) {
      const response = await request(t.http).post(`/api/v1/public/feedback/${link.token}`).send({ rating });
      expect(response.status).toBe(201);
    }
    await post('/feedback', { source: 'partner', organizationId: birch, programId: birchProgram.id, rating: 1 });
    for (const days of [3, 10, 20])
      await post('/tasks', {
        title: 'Call back about the schedule',
        dueAt: daysAgo(days).toISOString(),
        organizationId: birch,
      });

    cedar = await organization('Cedar Internship Office', 5);
    await post('/visits', { organizationId: cedar, purpose: 'planning', visitedAt: daysAgo(150).toISOString() });
  });
  afterAll(async () => t.close());

  it('scores the steady, well-attended, well-rated partnership thriving', async () => {
    const body = await health(alder);
    expect(body).toMatchObject({
      band: 'thriving',
      components: { recency: 100, sessions: 100, attendance: 100, followUps: 100, fit: 100, checkIn: null },
      history: [],
    });
    // (5 + 5 + 4) / 3 = 4.67 → (4.67 − 1) / 4 = 91.7 → 92, and no trend with one half empty.
    expect(body.components.feedback).toBe(92);
    // (25·100 + 15·100 + 15·92 + 15·100 + 10·100 + 10·100) / 90 = 98.7 → 99
    expect(body.score).toBe(99);
    expect(body.details.checkIn.effectiveWeight).toBe(0);
    expect(body.drivers).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^All \d+ sessions held in the last 90 days$/),
        'Strong fit: 15 of 15',
      ]),
    );
  });

  it('shows the fading partnership at risk, with the attendance drop, cancellations, feedback and follow-ups as drivers', async () => {
    const body = await health(birch);
    expect(body.band).toBe('at-risk');
    expect(body.details.attendance.facts).toMatchObject({
      sessionsPerHalf: 8,
      earlierMean: 20,
      recentMean: 10,
      changePercent: -50,
    });
    expect(body.details.feedback.facts).toMatchObject({ count: 3, recentCount: 3, mean: 1.33 });
    expect(body.details.sessions.facts).toMatchObject({ cancelledByStaff: 4, cancelledByClosure: 0 });
    expect(body.components).toMatchObject({
      recency: 100,
      attendance: 0,
      feedback: 8,
      followUps: 25,
      fit: 40,
      checkIn: null,
    });
    const { held, scheduled } = body.details.sessions.facts as { held: number; scheduled: number };
    expect(scheduled).toBe(held + 4);
    const sessions = Math.round((100 * held) / scheduled);
    expect(body.components.sessions).toBe(sessions);
    expect(body.score).toBe(Math.round((25 * 100 + 15 * sessions + 15 * 8 + 15 * 0 + 10 * 25 + 10 * 40) / 90));
    // The cautions first, most costly first (weight × points lost): attendance 15·100, feedback 15·92,
    // follow-ups 10·75 (the oldest 20 days late), the cancellations 15·31 (4 of 13, a quarter or more);
    // the weak fit (10·60) costs more than the cancellations but is no caution, so it comes fifth, past the drivers shown.
    expect(body.drivers).toEqual([
      'Attendance down 50% over 8 sessions',
      'Feedback low: 1.3 average',
      '3 follow-ups overdue, the oldest by 20 days',
      '4 of the last 13 sessions cancelled',
    ]);
  });

  it('calls the partner unheard from in 150 days dormant whatever its fit', async () => {
    const body = await health(cedar);
    expect(body).toMatchObject({
      band: 'dormant',
      components: { recency: 0, sessions: null, feedback: null, attendance: null, followUps: 100, fit: 100 },
    });
    expect(body.details.recency.facts).toMatchObject({
      daysSinceContact: 150,
      lastContactKind: 'visit',
      cadenceDays: 30,
      cadenceFrom: 'default',
    });
    expect(body.score).toBeLessThan(25);
    expect(body.drivers[0]).toBe('No contact in 150 days');
  });

  it('gathers the facts of many organizations in one call, the same as one at a time', async () => {
    const facts = t.app.get(HealthFactsService);
    const now = new Date();
    const all = await facts.factsFor('all', now);
    expect([...all.keys()].sort()).toEqual([alder, birch, cedar].sort());
    for (const id of [alder, birch, cedar]) expect((await facts.factsFor([id], now)).get(id)).toEqual(all.get(id));
    expect((await facts.factsFor([], now)).size).toBe(0);
  });

  it('answers an unknown or malformed id with 404', async () => {
    for (const id of ['7d0c5d1e-93a4-4b8f-9f0e-000000000000', 'not-a-uuid']) {
      const response = await request(t.http).get(`/api/v1/organizations/${id}/health`).set(viewer.auth).expect(404);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('follows the admin settings: thresholds raised above the thriving score make it steady', async () => {
    const admin = await signedInAs(t, Role.Admin);
    await request(t.http)
      .patch('/api/v1/settings/health')
      .set(admin.auth)
      .send({ version: 1, bands: { thriving: 100 } })
      .expect(200);
    try {
      expect((await health(alder)).band).toBe('steady');
    } finally {
      await request(t.http)
        .patch('/api/v1/settings/health')
        .set(admin.auth)
        .send({ version: 2, bands: { thriving: 75 } })
        .expect(200);
    }
  });
});
