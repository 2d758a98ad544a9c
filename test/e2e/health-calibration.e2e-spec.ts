import { DateTime } from 'luxon';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { checkInToken } from '../../src/check-in/check-in-token';
import { HealthSnapshotService } from '../../src/partnership/health-snapshot.service';
import { createProgram } from '../factories/program.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';
import { TEST_AUTH_SECRET } from '../setup/test-env';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const dateDaysAgo = (days: number) => daysAgo(days).toISOString().slice(0, 10);

interface HealthBody {
  score: number | null;
  band: string;
  cap: { band: string; reasons: string[] } | null;
  drivers: string[];
  history: { at: string; score: number }[];
}

/**
 * ../shared/health-calibration.md: ten partnerships built through the API, each dated relative to
 * now, and the band a seasoned teen-services manager gives each, with the default settings. The
 * drivers must name what the manager would name. One test per row, so a miss says which row.
 */
describe('health calibration (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;
  const ids: Record<string, string> = {};

  const post = async (path: string, body: object, auth = staff.auth) => {
    const response = await request(t.http).post(`/api/v1${path}`).set(auth).send(body);
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const partner = async (name: string, stage = 'active', fit = 3) =>
    (
      await post('/organizations', {
        name,
        stage,
        ownerId: manager.user.id,
        fit: { audienceReach: fit, missionOverlap: fit, complementaryResources: fit },
      })
    ).id as string;
  const visit = (organizationId: string, days: number) =>
    post('/visits', { organizationId, purpose: 'relationship', visitedAt: daysAgo(days).toISOString() });
  const partnerFeedback = async (organizationId: string, ratings: number[], programId?: string) => {
    for (const rating of ratings) await post('/feedback', { source: 'partner', organizationId, programId, rating });
  };
  const followUp = (organizationId: string, daysOverdue: number) =>
    post('/tasks', { title: 'Send the spring dates', dueAt: daysAgo(daysOverdue).toISOString(), organizationId });
  /** A running program with the partner; returns its sessions that have started, oldest first. */
  const program = async (organizationId: string, startDate: string, rrule = 'FREQ=WEEKLY;BYDAY=WE') => {
    const created = await createProgram(t, staff.auth, {
      startDate,
      schedule: { rrule, timezone: 'UTC', startTime: '15:30', durationMinutes: 90 },
      partners: [{ organizationId, role: 'host' }],
    });
    const sessions: { id: string; version: number }[] = await t.dataSource.query(
      `SELECT id, version FROM program_sessions WHERE program_id = $1 AND starts_at <= now() ORDER BY starts_at`,
      [created.id],
    );
    return { id: created.id, sessions };
  };
  const session = (id: string, version: number, body: object) =>
    request(t.http)
      .patch(`/api/v1/sessions/${id}`)
      .set(staff.auth)
      .send({ ...body, version })
      .expect(200);
  /** Attendance per past session, oldest first; null cancels it. */
  const record = async (sessions: { id: string; version: number }[], attendance: (number | null)[]) => {
    expect(attendance).toHaveLength(sessions.length);
    for (const [index, s] of sessions.entries()) {
      const value = attendance[index];
      await session(s.id, s.version, value === null ? { cancelled: true } : { attendance: value });
    }
  };
  /** Row 3's partnership: a weekly drop-in for ten weeks, 11–13 every week, a visit last week, feedback 5, 4, 5. */
  const weeklyDropIn = async (name: string, attendance: (index: number, count: number) => number) => {
    const id = await partner(name, 'active', 4);
    const { id: programId, sessions } = await program(id, dateDaysAgo(70));
    expect(sessions.length).toBeGreaterThanOrEqual(9);
    await record(
      sessions,
      sessions.map((_, index) => attendance(index, sessions.length)),
    );
    await visit(id, 7);
    await partnerFeedback(id, [5, 4, 5], programId);
    return { id, programId };
  };
  const health = async (id: string): Promise<HealthBody> =>
    (await request(t.http).get(`/api/v1/organizations/${id}/health`).set(staff.auth).expect(200)).body;
  const usual = (index: number) => 11 + (index % 3);

  beforeAll(async () => {
    t = await createTestApp();
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    manager = await signedInAs(t, Role.Manager);

    ids.row1 = await partner('Row 1 — added this morning', 'active', 4);
    await request(t.http)
      .patch(`/api/v1/organizations/${ids.row1}`)
      .set(staff.auth)
      .send({ fit: { audienceReach: 4, missionOverlap: 4, complementaryResources: 3 }, version: 1 })
      .expect(200);

    ids.row2 = await partner('Row 2 — prospect met once', 'prospect', 0);
    await visit(ids.row2, 10);

    ids.row3 = (await weeklyDropIn('Row 3 — weekly drop-in', usual)).id;

    ids.row4 = await partner('Row 4 — monthly workshop', 'active', 4);
    // On the same day of each month, the last one 18 days ago (a day of the month every month has).
    let last = DateTime.utc().minus({ days: 18 });
    if (last.day > 28) last = last.minus({ days: last.day - 28 });
    const monthly = await program(
      ids.row4,
      last.minus({ months: 6 }).toISODate(),
      `FREQ=MONTHLY;BYMONTHDAY=${last.day}`,
    );
    expect(monthly.sessions.length).toBe(7);
    await record(
      monthly.sessions,
      monthly.sessions.map((_, index) => 19 + (index % 3)),
    );
    await partnerFeedback(ids.row4, [4], monthly.id);

    // The last five sessions drew 60 % of what the earlier ones did.
    ids.row5 = (
      await weeklyDropIn('Row 5 — attendance sliding', (index, count) =>
        index >= count - 5 ? Math.round(0.6 * usual(index)) : usual(index),
      )
    ).id;

    const unhappy = await partner('Row 6 — unhappy partner', 'active', 4);
    const unhappyProgram = await program(unhappy, dateDaysAgo(70));
    await record(
      unhappyProgram.sessions,
      unhappyProgram.sessions.map((_, index) => usual(index)),
    );
    await visit(unhappy, 7);
    await partnerFeedback(unhappy, [2, 1, 2], unhappyProgram.id);
    ids.row6 = unhappy;

    // Row 6 with a check-in concern on top: the owner (the manager) answers low on communication and resources.
    const concerned = await partner('Row 6b — unhappy, and says so at the check-in', 'active', 4);
    const concernedProgram = await program(concerned, dateDaysAgo(70));
    await record(
      concernedProgram.sessions,
      concernedProgram.sessions.map((_, index) => usual(index)),
    );
    await visit(concerned, 7);
    await partnerFeedback(concerned, [2, 1, 2], concernedProgram.id);
    const checkIn = await post(`/organizations/${concerned}/check-ins`, {}, manager.auth);
    const [owner] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM check_in_responses WHERE check_in_id = $1 AND respondent = 'owner'`,
      [checkIn.id],
    );
    await request(t.http)
      .post(`/api/v1/public/check-ins/${checkInToken(TEST_AUTH_SECRET, owner.id)}`)
      .send({
        answers: {
          'environment.backing': 4,
          'membership.trust': 4,
          'processAndStructure.roles': 3,
          'communication.heard': 2,
          'communication.informed': 2,
          'purpose.shared': 4,
          'resources.capacity': 2,
        },
      })
      .expect(201);
    ids.row6b = concerned;

    // Attendance down about 75 %, 3 of the last 8 sessions cancelled, feedback 2, two follow-ups
    // three weeks overdue, no visit for four months.
    ids.row7 = await partner('Row 7 — falling apart', 'active', 4);
    const fading = await program(ids.row7, dateDaysAgo(112));
    const n = fading.sessions.length;
    expect(n).toBeGreaterThanOrEqual(15);
    const cancelledAt = new Set([n - 7, n - 4, n - 2]);
    await record(
      fading.sessions,
      fading.sessions.map((_, index) => (cancelledAt.has(index) ? null : index >= n - 8 ? 5 : 20)),
    );
    await partnerFeedback(ids.row7, [2], fading.id);
    await followUp(ids.row7, 21);
    await followUp(ids.row7, 22);
    await visit(ids.row7, 120);

    ids.row8 = await partner('Row 8 — gone quiet', 'active', 4);
    await visit(ids.row8, 120);

    ids.row9 = await partner('Row 9 — visited, no program', 'active', 4);
    await visit(ids.row9, 20);
    await partnerFeedback(ids.row9, [4]);

    ids.row10 = await partner('Row 10 — paused on purpose', 'paused', 4);
    await visit(ids.row10, 100);
  });
  afterAll(async () => t.close());

  it('row 1: an active partner added this morning with a fit of 4/4/3 and nothing else is unscored', async () => {
    const body = await health(ids.row1);
    expect(body).toMatchObject({ score: null, band: 'unscored', cap: null, history: [] });
    expect(body.drivers).toEqual([expect.stringMatching(/^Not enough to go on yet/)]);
  });

  it('row 2: a prospect met once, ten days ago, is steady', async () => {
    const body = await health(ids.row2);
    expect(body.band).toBe('steady');
    expect(body.drivers).toContain('No sessions held together in the last 90 days');
  });

  it('row 3: a weekly drop-in, 11–13 every week, a visit last week and feedback 5, 4, 5 is thriving', async () => {
    const body = await health(ids.row3);
    expect(body).toMatchObject({ band: 'thriving', cap: null });
    expect(body.drivers[0]).toMatch(/^All \d+ sessions held in the last 90 days$/);
  });

  it('row 4: a monthly workshop on its cadence, last held 18 days ago with ~20, feedback 4, is thriving or steady', async () => {
    const body = await health(ids.row4);
    expect(['thriving', 'steady']).toContain(body.band);
    expect(body.drivers.join(' ')).not.toMatch(/No contact/);
  });

  it('row 5: as row 3 but the last five sessions drew 60 % of the earlier attendance is steady, and says why', async () => {
    const body = await health(ids.row5);
    expect(body.band).toBe('steady');
    expect(body.cap).toEqual({ band: 'steady', reasons: ['attendance-slide'] });
    const [, percent] = /^Attendance down (\d+)% over 5 sessions$/.exec(body.drivers[0]) ?? [];
    expect(Number(percent)).toBeGreaterThanOrEqual(35);
  });

  it('row 6: as row 3 but the partner rates the work 2, 1, 2 is steady at best; with a check-in concern, at-risk', async () => {
    const unhappy = await health(ids.row6);
    expect(unhappy.band).toBe('steady');
    expect(unhappy.drivers[0]).toBe('Feedback low: 1.7 average');

    const concerned = await health(ids.row6b);
    expect(concerned.band).toBe('at-risk');
    expect(concerned.cap?.reasons).toEqual(['unhappy-partner', 'check-in-concern']);
    expect(concerned.drivers.slice(0, 2)).toEqual([
      'Feedback low: 1.7 average',
      'Check-in concerns: communication (2.0), resources (2.0)',
    ]);
  });

  it('row 7: a slide, cancellations, an unhappy partner and overdue follow-ups is at-risk or dormant', async () => {
    const body = await health(ids.row7);
    expect(['at-risk', 'dormant']).toContain(body.band);
    const drivers = body.drivers.join(' | ');
    expect(drivers).toMatch(/Attendance down \d+%/);
    expect(drivers).toMatch(/Feedback low: 2\.0 average/);
    expect(drivers).toMatch(/2 follow-ups overdue, the oldest by 22 days/);
  });

  it('row 8: an active partner without a program, last visited 120 days ago, is dormant', async () => {
    const body = await health(ids.row8);
    expect(body.band).toBe('dormant');
    expect(body.drivers[0]).toBe('No contact in 120 days');
  });

  it('row 9: an active partner without a program, visited 20 days ago, feedback 4, is steady', async () => {
    const body = await health(ids.row9);
    expect(body.band).toBe('steady');
    expect(body.cap).toEqual({ band: 'steady', reasons: ['no-sessions'] });
  });

  it('row 10: a paused partnership is filtered out of the dashboard by stage and never newly dormant in the digest', async () => {
    const row10 = await health(ids.row10);
    expect(row10.score).not.toBeNull();
    const dashboard = async (query: string) =>
      (await request(t.http).get(`/api/v1/dashboard/health?${query}`).set(manager.auth).expect(200)).body as {
        data: { organizationId: string }[];
        total: number;
      };
    const all = await dashboard('limit=100');
    expect(all.data.map((entry) => entry.organizationId)).toContain(ids.row10);
    const working = await dashboard('limit=100&stage=prospect,exploring,active');
    expect(working.data.map((entry) => entry.organizationId)).not.toContain(ids.row10);
    expect(working.total).toBe(all.total - 1);

    const digest = (await request(t.http).get('/api/v1/dashboard/health/digest').set(manager.auth).expect(200)).body;
    // Row 8 (active, silent as long) is announced; row 10 (paused on purpose) is not.
    const announced = JSON.stringify([digest.newAtRisk, digest.bandChanges]);
    expect(announced).toContain(ids.row8);
    expect(announced).not.toContain(ids.row10);
  });

  it('scores a partnership once its first evidence arrives, and starts its history then', async () => {
    const snapshots = t.app.get(HealthSnapshotService);
    const fresh = await partner('New partner, nothing yet', 'active', 5);
    await snapshots.takeSnapshots();
    expect(await health(fresh)).toMatchObject({ score: null, band: 'unscored', history: [] });
    const before = await request(t.http).get('/api/v1/dashboard/health?band=unscored').set(manager.auth).expect(200);
    expect(before.body.data.map((entry: { organizationId: string }) => entry.organizationId)).toContain(fresh);

    await visit(fresh, 1);
    const scored = await health(fresh);
    expect(scored.score).toEqual(expect.any(Number));
    expect(scored.band).toBe('steady');
    expect(scored.history).toEqual([]);
    const after = await request(t.http).get('/api/v1/dashboard/health?band=unscored').set(manager.auth).expect(200);
    expect(after.body.data.map((entry: { organizationId: string }) => entry.organizationId)).not.toContain(fresh);

    await t.dataSource.query(`DELETE FROM health_snapshots WHERE organization_id = $1`, [fresh]);
    await snapshots.takeSnapshots();
    expect((await health(fresh)).history).toEqual([{ at: expect.any(String), score: scored.score }]);
  });
});
