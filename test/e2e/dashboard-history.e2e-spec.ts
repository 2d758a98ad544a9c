import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { ShiftedClock } from '../../src/common/clock/clock';
import { persistOrganization } from '../factories/directory.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY_MS = 86_400_000;
/** Wednesday 2026-11-18, noon UTC: its week starts Monday 2026-11-16. */
const NOW = new Date('2026-11-18T12:00:00.000Z');
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/**
 * GET /dashboard/health/history: the portfolio per week from the weekly snapshots, built by
 * hand here (the snapshot job itself is covered by health-snapshots.e2e-spec).
 * - Alder: thriving 90 (week of 2 Nov), steady 70 (9 Nov), thriving 84 (16 Nov).
 * - Birch: at-risk 50 on Monday 9 Nov and dormant 20 on Sunday 15 Nov (same week: the later counts), dormant 10 (16 Nov).
 * - Cedar: steady 65 (2 Nov) only.
 * - Deleted: a snapshot in the week of 9 Nov, gone with its organization.
 * - Old: a snapshot 400 days back (outside the year) and one tomorrow (after now): neither counts.
 */
describe('Portfolio history (e2e)', () => {
  let t: TestApp;
  let manager: SignedIn;
  const history = async (auth = manager.auth) =>
    (await request(t.http).get('/api/v1/dashboard/health/history').set(auth).expect(200)).body;
  const snapshot = (organizationId: string, at: Date, score: number, band: string) =>
    t.dataSource.query(
      `INSERT INTO health_snapshots (organization_id, taken_at, score, band) VALUES ($1, $2, $3, $4)`,
      [organizationId, at, score, band],
    );

  beforeAll(async () => {
    t = await createTestApp({ clock: new ShiftedClock(NOW.getTime() - Date.now()) });
    manager = await signedInAs(t, Role.Manager);
  });
  afterAll(async () => t?.close());

  it('is empty before the weekly job has run', async () => {
    expect(await history()).toEqual({ data: [] });
  });

  it('counts each organization once a week, in its latest band that week, oldest week first', async () => {
    const alder = await persistOrganization(t.dataSource, { name: 'Alder College Access' });
    const birch = await persistOrganization(t.dataSource, { name: 'Birch Youth Shelter' });
    const cedar = await persistOrganization(t.dataSource, { name: 'Cedar Internship Office' });
    const gone = await persistOrganization(t.dataSource, { name: 'Gone Partner' });
    const old = await persistOrganization(t.dataSource, { name: 'Old Partner' });
    await snapshot(alder.id, day('2026-11-02'), 90, 'thriving');
    await snapshot(alder.id, day('2026-11-09'), 70, 'steady');
    await snapshot(alder.id, day('2026-11-16'), 84, 'thriving');
    await snapshot(birch.id, day('2026-11-09'), 50, 'at-risk');
    await snapshot(birch.id, day('2026-11-15'), 20, 'dormant');
    await snapshot(birch.id, day('2026-11-16'), 10, 'dormant');
    await snapshot(cedar.id, day('2026-11-02'), 65, 'steady');
    await snapshot(gone.id, day('2026-11-10'), 40, 'at-risk');
    await snapshot(old.id, new Date(NOW.getTime() - 400 * DAY_MS), 55, 'at-risk');
    await snapshot(old.id, day('2026-11-19'), 55, 'at-risk');
    await t.dataSource.query(`DELETE FROM organizations WHERE id = $1`, [gone.id]);

    expect((await history()).data).toEqual([
      {
        weekOf: '2026-11-02',
        byBand: { thriving: 1, steady: 1, 'at-risk': 0, dormant: 0 },
        averageScore: 78,
        organizations: 2,
      },
      // Birch's Sunday snapshot (20, dormant) replaces its Monday one: (70 + 20) / 2 = 45.
      {
        weekOf: '2026-11-09',
        byBand: { thriving: 0, steady: 1, 'at-risk': 0, dormant: 1 },
        averageScore: 45,
        organizations: 2,
      },
      // (84 + 10) / 2 = 47.
      {
        weekOf: '2026-11-16',
        byBand: { thriving: 1, steady: 0, 'at-risk': 0, dormant: 1 },
        averageScore: 47,
        organizations: 2,
      },
    ]);
  });

  it('answers with the same numbers to an admin, and refuses staff, viewers and strangers', async () => {
    const admin = await signedInAs(t, Role.Admin);
    expect(await history(admin.auth)).toEqual(await history());
    for (const role of [Role.Staff, Role.Viewer]) {
      const user = await signedInAs(t, role);
      const response = await request(t.http).get('/api/v1/dashboard/health/history').set(user.auth).expect(403);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).not.toHaveProperty('data');
    }
    await request(t.http).get('/api/v1/dashboard/health/history').expect(401);
    await request(t.http)
      .get('/api/v1/dashboard/health/history')
      .set({ Authorization: 'Bearer not-a-token' })
      .expect(401);
  });

  it('keeps about a year: the latest 53 weeks', async () => {
    const weekly = await persistOrganization(t.dataSource, { name: 'Weekly Partner' });
    const base = day('2026-11-16').getTime();
    for (let week = 0; week < 60; week += 1)
      await snapshot(weekly.id, new Date(base - week * 7 * DAY_MS), 60, 'steady');
    const { data } = (await history()) as { data: { weekOf: string }[] };
    expect(data).toHaveLength(53);
    expect(data.at(-1)?.weekOf).toBe('2026-11-16');
    expect(data[0].weekOf).toBe(new Date(base - 52 * 7 * DAY_MS).toISOString().slice(0, 10));
    expect(data.map((week) => week.weekOf)).toEqual([...data.map((week) => week.weekOf)].sort());
  });
});
