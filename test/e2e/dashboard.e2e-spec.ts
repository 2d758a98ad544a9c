import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { ShiftedClock } from '../../src/common/clock/clock';
import { DashboardService } from '../../src/partnership/dashboard.service';
import { createProgram } from '../factories/program.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const dateDaysAgo = (days: number) => daysAgo(days).toISOString().slice(0, 10);

interface DashboardBody {
  data: {
    organizationId: string;
    name: string;
    stage: string;
    score: number | null;
    band: string;
    drivers: string[];
    trend: unknown;
  }[];
  total: number;
  summary: { byBand: Record<string, number>; byStage: Record<string, number> };
  audienceCoverage: { audienceId: string; name: string; priority: number; activePartners: number }[];
  upcomingSessions: { total: number; data: { id: string; programId: string; programName: string; startsAt: string }[] };
  overdueTasks: {
    total: number;
    data: { id: string; title: string; dueAt: string; assigneeId: string; organizationId: string | null }[];
  };
  introductions: {
    total: number;
    data: {
      id: string;
      providerId: string;
      seekerId: string;
      capabilityId: string;
      strength: number;
      explanation: string;
    }[];
  };
}

/**
 * The manager's dashboard over a portfolio built through the API:
 * - Alder, thriving: weekly program for 12 weeks, steady attendance, glowing feedback, a visit last week; serves Teens.
 * - Birch, fading: weekly program for 23 weeks, attendance halved, four cancellations, poor feedback, three follow-ups overdue.
 * - Cedar, dormant: visited 150 days ago, nothing since.
 * - Dogwood, ended: left out of the portfolio but counted by stage; serves Adults learning English (ended does not cover it).
 * - Elm, a prospect with nothing yet: in the portfolio, at most steady.
 */
describe(`${DashboardService.name} (e2e)`, () => {
  let t: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;
  let alder: string;
  let birch: string;
  let cedar: string;
  let dogwood: string;
  let elm: string;
  let alderProgram: string;
  let birchProgram: string;
  let cancelledUpcoming: string;
  const audiences: Record<string, string> = {};

  const post = async (path: string, body: object, auth = staff.auth) => {
    const response = await request(t.http).post(`/api/v1${path}`).set(auth).send(body);
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const organization = async (name: string, fit: number, stage = 'active', audienceIds: string[] = []) =>
    (
      await post('/organizations', {
        name,
        stage,
        audienceIds,
        fit: { audienceReach: fit, missionOverlap: fit, complementaryResources: fit },
      })
    ).id as string;
  const sessionsOf = (programId: string, when: 'past' | 'future'): Promise<{ id: string; version: number }[]> =>
    t.dataSource.query(
      `SELECT id, version FROM program_sessions WHERE program_id = $1 AND ${when === 'past' ? 'starts_at <= now()' : 'starts_at > now()'} ORDER BY starts_at`,
      [programId],
    );
  const patchSession = (id: string, body: object) =>
    request(t.http).patch(`/api/v1/sessions/${id}`).set(staff.auth).send(body).expect(200);
  const dashboard = async (): Promise<DashboardBody> =>
    (await request(t.http).get('/api/v1/dashboard/health').set(manager.auth).expect(200)).body;

  const clock = new ShiftedClock(0);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    manager = await signedInAs(t, Role.Manager);

    for (const [name, priority] of [
      ['Teens', 1],
      ['Adults learning English', 1],
      ['Seniors', 2],
      ['Families', 3],
    ] as const) {
      audiences[name] = (await post('/audiences', { name, priority }, manager.auth)).id;
    }

    alder = await organization('Alder College Access', 5, 'active', [audiences.Teens, audiences.Families]);
    alderProgram = (
      await createProgram(t, staff.auth, {
        startDate: dateDaysAgo(84),
        partners: [{ organizationId: alder, role: 'host' }],
      })
    ).id;
    for (const session of await sessionsOf(alderProgram, 'past'))
      await patchSession(session.id, { attendance: 12, version: session.version });
    for (const rating of [5, 5, 4])
      await post('/feedback', { source: 'partner', organizationId: alder, programId: alderProgram, rating });
    await post('/visits', { organizationId: alder, purpose: 'relationship', visitedAt: daysAgo(3).toISOString() });

    birch = await organization('Birch Youth Shelter', 2, 'active', [audiences.Teens]);
    birchProgram = (
      await createProgram(t, staff.auth, {
        startDate: dateDaysAgo(161),
        partners: [{ organizationId: birch, role: 'host' }],
      })
    ).id;
    const sessions = await sessionsOf(birchProgram, 'past');
    const cancelled = new Set([9, 10, 11, 12].map((back) => sessions.length - back));
    for (const [index, session] of sessions.entries()) {
      const body = cancelled.has(index) ? { cancelled: true } : { attendance: index >= sessions.length - 8 ? 10 : 20 };
      await patchSession(session.id, { ...body, version: session.version });
    }
    for (const rating of [1, 2, 1])
      await post('/feedback', { source: 'partner', organizationId: birch, programId: birchProgram, rating });
    for (const days of [10, 3, 20])
      await post('/tasks', {
        title: `Call back (${days} days late)`,
        dueAt: daysAgo(days).toISOString(),
        organizationId: birch,
      });
    // Not overdue: due tomorrow, and one done.
    await post('/tasks', {
      title: 'Send the schedule',
      dueAt: new Date(Date.now() + DAY_MS).toISOString(),
      organizationId: birch,
    });
    const done = await post('/tasks', {
      title: 'Already done',
      dueAt: daysAgo(30).toISOString(),
      organizationId: birch,
    });
    await request(t.http)
      .patch(`/api/v1/tasks/${done.id}`)
      .set(staff.auth)
      .send({ status: 'done', version: done.version })
      .expect(200);
    // Birch's next session is cancelled: it is not upcoming.
    const [next] = await sessionsOf(birchProgram, 'future');
    cancelledUpcoming = next.id;
    await patchSession(next.id, { cancelled: true, version: next.version });

    cedar = await organization('Cedar Internship Office', 5, 'active', [audiences.Seniors]);
    await post('/visits', { organizationId: cedar, purpose: 'planning', visitedAt: daysAgo(150).toISOString() });

    dogwood = await organization('Dogwood Literacy Circle', 3, 'ended', [audiences['Adults learning English']]);
    elm = await organization('Elm Neighbourhood House', 0, 'prospect');
  });
  afterAll(async () => t.close());

  it('ranks the dormant and fading partnerships before the thriving one and the unscored last, each with its drivers, and leaves out the ended one', async () => {
    const body = await dashboard();
    const ids = body.data.map((row) => row.organizationId);
    expect(ids).toEqual([cedar, birch, alder, elm]);
    expect(ids).not.toContain(dogwood);
    expect(body.total).toBe(4);
    const scores = body.data.map((row) => row.score);
    expect(scores.slice(0, 3)).toEqual([...scores.slice(0, 3)].sort((a, b) => (a as number) - (b as number)));
    expect(scores[3]).toBeNull();

    const byId = new Map(body.data.map((row) => [row.organizationId, row]));
    expect(byId.get(cedar)).toMatchObject({
      name: 'Cedar Internship Office',
      stage: 'active',
      band: 'dormant',
      trend: null,
    });
    expect(byId.get(cedar)?.drivers[0]).toBe('No contact in 150 days');
    expect(byId.get(birch)).toMatchObject({ band: 'at-risk', trend: null });
    expect(byId.get(birch)?.drivers).toEqual(
      expect.arrayContaining(['Attendance down 50% over 8 sessions', '3 follow-ups overdue, the oldest by 20 days']),
    );
    expect(byId.get(alder)).toMatchObject({ band: 'thriving', score: 99, trend: null });
    // A prospect with nothing recorded: no evidence, no score.
    expect(byId.get(elm)).toMatchObject({ stage: 'prospect', band: 'unscored', score: null });
    expect(byId.get(elm)?.drivers).toEqual([expect.stringMatching(/^Not enough to go on yet/)]);
  });

  it('matches the score of each organization with its own health page', async () => {
    const body = await dashboard();
    for (const row of body.data) {
      const health = (
        await request(t.http).get(`/api/v1/organizations/${row.organizationId}/health`).set(manager.auth).expect(200)
      ).body;
      expect({ score: row.score, band: row.band, drivers: row.drivers }).toEqual({
        score: health.score,
        band: health.band,
        drivers: health.drivers,
      });
    }
  });

  it('counts the portfolio by band and every organization by stage, with every key present', async () => {
    const { summary } = await dashboard();
    expect(summary.byBand).toEqual({ thriving: 1, steady: 0, 'at-risk': 1, dormant: 1, unscored: 1 });
    expect(summary.byStage).toEqual({ prospect: 1, exploring: 0, active: 3, paused: 0, ended: 1 });
  });

  it('puts the uncovered priority-1 audience first in the coverage', async () => {
    const { audienceCoverage } = await dashboard();
    expect(audienceCoverage).toEqual([
      {
        audienceId: audiences['Adults learning English'],
        name: 'Adults learning English',
        priority: 1,
        activePartners: 0,
      },
      { audienceId: audiences.Teens, name: 'Teens', priority: 1, activePartners: 2 },
      { audienceId: audiences.Seniors, name: 'Seniors', priority: 2, activePartners: 1 },
      { audienceId: audiences.Families, name: 'Families', priority: 3, activePartners: 1 },
    ]);
  });

  it('lists the sessions of the next 14 days that will take place, soonest first', async () => {
    const { upcomingSessions } = await dashboard();
    // Two weekly programs, two weeks ahead: two sessions each, less Birch's cancelled one.
    expect(upcomingSessions.total).toBe(3);
    expect(upcomingSessions.data).toHaveLength(3);
    expect(upcomingSessions.data.map((s) => s.id)).not.toContain(cancelledUpcoming);
    expect(upcomingSessions.data.filter((s) => s.programId === alderProgram)).toHaveLength(2);
    expect(upcomingSessions.data.filter((s) => s.programId === birchProgram)).toHaveLength(1);
    const starts = upcomingSessions.data.map((s) => Date.parse(s.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const start of starts) {
      expect(start).toBeGreaterThan(Date.now() - 60_000);
      expect(start).toBeLessThanOrEqual(Date.now() + 14 * DAY_MS);
    }
    expect(upcomingSessions.data[0].programName).toMatch(/^Weekly drop-in/);
  });

  it('lists the open tasks past due, oldest first, without the done or not-yet-due ones', async () => {
    const { overdueTasks } = await dashboard();
    expect(overdueTasks.total).toBe(3);
    expect(overdueTasks.data.map((task) => task.title)).toEqual([
      'Call back (20 days late)',
      'Call back (10 days late)',
      'Call back (3 days late)',
    ]);
    for (const task of overdueTasks.data)
      expect(task).toMatchObject({ organizationId: birch, assigneeId: staff.user.id });
  });

  it("agrees with the task list's overdue filter on a shifted clock (one clock for both)", async () => {
    clock.offsetMs = -5 * DAY_MS;
    try {
      const { overdueTasks } = await dashboard();
      const listed = (
        await request(t.http).get('/api/v1/tasks').query({ overdue: 'true' }).set(manager.auth).expect(200)
      ).body;
      const late = ['Call back (20 days late)', 'Call back (10 days late)'];
      expect(overdueTasks.data.map((task) => task.title)).toEqual(late);
      expect(listed.data.map((task: { title: string }) => task.title)).toEqual(late);
      expect(listed.meta.total).toBe(overdueTasks.total);
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('reads the portfolio with set-based statements, not one query per organization', async () => {
    await dashboard();
    const spy = jest.spyOn(t.dataSource, 'query');
    const statements = async () => {
      spy.mockClear();
      await dashboard();
      return spy.mock.calls.length;
    };
    const added: string[] = [];
    try {
      const settled = await statements();
      for (let i = 0; i < 12; i++) {
        const id = await organization(`Partner ${i}`, 3, 'active');
        await post('/visits', { organizationId: id, purpose: 'relationship', visitedAt: daysAgo(i + 1).toISOString() });
        added.push(id);
      }
      // The look finds stored scores stale, so the twelve new ones are scored in one go — the change
      // log, a sequence number, the facts (5), one upsert, one delete — and the look reads again (10);
      // and the directory changed, so the ranking thread is handed it again (1).
      expect(await statements()).toBe(settled + 10 + 1);
      // Then nothing is left to do, whatever the size of the portfolio.
      expect(await statements()).toBe(settled);
    } finally {
      spy.mockRestore();
      await t.dataSource.query(`DELETE FROM organizations WHERE id = ANY($1::uuid[])`, [added]);
    }
  });

  it('pages and filters the portfolio, counting the whole of it in the summary', async () => {
    const page = async (query: string) =>
      (await request(t.http).get(`/api/v1/dashboard/health?${query}`).set(manager.auth).expect(200)).body as {
        data: { organizationId: string }[];
        total: number;
        summary: { byBand: Record<string, number> };
      };
    const ids = (body: { data: { organizationId: string }[] }) => body.data.map((row) => row.organizationId);
    const first = await page('limit=2');
    expect({ ids: ids(first), total: first.total }).toEqual({ ids: [cedar, birch], total: 4 });
    const second = await page('limit=2&offset=2');
    expect({ ids: ids(second), total: second.total }).toEqual({ ids: [alder, elm], total: 4 });
    const past = await page('limit=2&offset=10');
    expect({ ids: ids(past), total: past.total }).toEqual({ ids: [], total: 4 });

    expect(ids(await page('band=at-risk,dormant'))).toEqual([cedar, birch]);
    expect(ids(await page('band=unscored'))).toEqual([elm]);
    expect(ids(await page('stage=prospect'))).toEqual([elm]);
    expect(ids(await page('stage=active&band=thriving'))).toEqual([alder]);
    const filtered = await page('band=thriving');
    expect(filtered.total).toBe(1);
    expect(filtered.summary.byBand).toEqual({ thriving: 1, steady: 0, 'at-risk': 1, dormant: 1, unscored: 1 });

    // "My partners": Birch becomes the manager's.
    const { version } = (await request(t.http).get(`/api/v1/organizations/${birch}`).set(manager.auth).expect(200))
      .body;
    await request(t.http)
      .patch(`/api/v1/organizations/${birch}`)
      .set(manager.auth)
      .send({ ownerId: manager.user.id, version })
      .expect(200);
    const mine = await page(`ownerId=${manager.user.id}`);
    expect({ ids: ids(mine), total: mine.total }).toEqual({ ids: [birch], total: 1 });
    const theirs = await page(`ownerId=${staff.user.id}&limit=1&offset=3`);
    expect({ ids: ids(theirs), total: theirs.total }).toEqual({ ids: [], total: 0 });

    for (const bad of [
      'limit=0',
      'limit=101',
      'limit=ten',
      'offset=-1',
      'band=great',
      'band=thriving,great',
      'stage=ended',
      'stage=',
      'ownerId=not-a-uuid',
      'band[x]=1',
      'unknown=1',
    ]) {
      const response = await request(t.http).get(`/api/v1/dashboard/health?${bad}`).set(manager.auth);
      expect({ bad, status: response.status, type: response.type }).toEqual({
        bad,
        status: 400,
        type: 'application/problem+json',
      });
    }
  });

  it('names the introductions to make first: the three strongest of GET /matches, dismissed ones hidden', async () => {
    expect((await dashboard()).introductions).toEqual({ total: 0, data: [] });
    const tutoring = (await post('/capabilities', { name: 'Homework help' }, manager.auth)).id;
    const mentoring = (await post('/capabilities', { name: 'Mentoring' }, manager.auth)).id;
    const patchOrg = async (id: string, body: object) => {
      const { version } = (await request(t.http).get(`/api/v1/organizations/${id}`).set(staff.auth).expect(200)).body;
      await request(t.http)
        .patch(`/api/v1/organizations/${id}`)
        .set(staff.auth)
        .send({ ...body, version })
        .expect(200);
    };
    await patchOrg(alder, { capabilityIds: [tutoring, mentoring] });
    await patchOrg(birch, { seeksCapabilityIds: [tutoring, mentoring] });
    await patchOrg(cedar, { seeksCapabilityIds: [tutoring], capabilityIds: [mentoring] });
    await patchOrg(elm, { capabilityIds: [mentoring] });

    const matches = (await request(t.http).get('/api/v1/matches').query({ limit: 100 }).set(staff.auth).expect(200))
      .body;
    expect(matches.meta.total).toBeGreaterThan(3);
    const { introductions } = await dashboard();
    expect(introductions.total).toBe(matches.meta.total);
    expect(introductions.data).toEqual(matches.data.slice(0, 3));
    // Alder offers both things the fading Birch shelter looks for and serves Teens: the one to make first.
    expect(introductions.data[0]).toMatchObject({ providerId: alder, seekerId: birch });
    expect(introductions.data[0].explanation).toContain('Alder College Access offers');

    await request(t.http).post(`/api/v1/matches/${introductions.data[0].id}/dismiss`).set(staff.auth).expect(204);
    const after = (await dashboard()).introductions;
    expect(after.total).toBe(matches.meta.total - 1);
    expect(after.data.map((m) => m.id)).toEqual(matches.data.slice(1, 4).map((m: { id: string }) => m.id));
  });

  it('ranks the suggestions again only when something they are ranked from changed', async () => {
    const spy = jest.spyOn(t.dataSource, 'query');
    const rankings = async () => {
      spy.mockClear();
      const body = await dashboard();
      return {
        ranked: spy.mock.calls.filter(([sql]) => /seeks_capability_ids/.test(String(sql))).length,
        first: body.introductions.data[0]?.id ?? null,
      };
    };
    try {
      const before = await rankings();
      expect(await rankings()).toEqual({ ranked: 0, first: before.first });
      // A rename is a change to the directory: ranked again (and still the same strongest).
      const { version } = (await request(t.http).get(`/api/v1/organizations/${alder}`).set(manager.auth).expect(200))
        .body;
      await request(t.http)
        .patch(`/api/v1/organizations/${alder}`)
        .set(manager.auth)
        .send({ name: 'Alder College Access Program', version })
        .expect(200);
      expect(await rankings()).toEqual({ ranked: 1, first: before.first });
      expect((await rankings()).ranked).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('is for managers and admins only', async () => {
    const viewer = await signedInAs(t, Role.Viewer);
    const admin = await signedInAs(t, Role.Admin);
    for (const auth of [staff.auth, viewer.auth]) {
      const response = await request(t.http).get('/api/v1/dashboard/health').set(auth).expect(403);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
    await request(t.http).get('/api/v1/dashboard/health').expect(401);
    await request(t.http).get('/api/v1/dashboard/health').set(admin.auth).expect(200);
    await request(t.http).get('/api/v1/dashboard/health').set(manager.auth).expect(200);
  });
});
