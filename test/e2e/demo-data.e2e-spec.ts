import { Client } from 'pg';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { DEMO_LOAD_LOCK_KEY } from '../../src/demo/demo-load-lock';
import {
  DEMO_ADMIN,
  DEMO_AUDIENCES,
  DEMO_CAPABILITIES,
  DEMO_ORGANIZATIONS,
  DEMO_USERS,
  SHELTER,
} from '../../src/demo/demo-data';
import { DEMO_PROGRAMS } from '../../src/demo/demo-outreach';
import { SEED_KINDS } from '../../src/demo/seed-demo';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';
import { databaseUrl } from '../setup/test-env';

const PATH = '/api/v1/demo-data';

describe('Demo data from the app (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    // With the worker, as `npm start` runs: the load must not depend on the worker being absent.
    t = await createTestApp({ worker: true });
  });
  afterAll(async () => t.close());

  /** Rows in every table of the schema, audit events included. */
  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const { tableName } of t.dataSource.entityMetadatas) {
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM "${tableName}"`);
      counts[tableName] = count;
    }
    return counts;
  }

  const organizationCount = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM organizations`))[0].n as number;

  describe('who may load it', () => {
    beforeAll(async () => {
      await truncateAll(t.dataSource);
    });

    it('refuses anyone signed out (401) and every role below admin (403), loading nothing', async () => {
      await request(t.http).post(PATH).expect(401);
      await request(t.http).get(PATH).expect(401);
      for (const role of [Role.Manager, Role.Staff, Role.Viewer]) {
        const someone = await signedInAs(t, role);
        const post = await request(t.http).post(PATH).set(someone.auth).expect(403);
        expect(post.headers['content-type']).toMatch(/application\/problem\+json/);
        await request(t.http).get(PATH).set(someone.auth).expect(403);
      }
      expect(await organizationCount()).toBe(0);
    });

    it('refuses a deactivated admin’s token at once', async () => {
      const former = await signedInAs(t, Role.Admin);
      await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [former.user.id]);
      await request(t.http).post(PATH).set(former.auth).expect(401);
      expect(await organizationCount()).toBe(0);
    });
  });

  describe('an admin loads it', () => {
    let first: request.Response;
    let second: request.Response;
    let afterFirst: Record<string, number>;
    let afterSecond: Record<string, number>;

    beforeAll(async () => {
      await truncateAll(t.dataSource);
      admin = await signedInAs(t, Role.Admin, { name: 'Maya Chen' });
      expect((await request(t.http).get(PATH).set(admin.auth).expect(200)).body).toEqual({
        status: 'idle',
        startedAt: null,
        finishedAt: null,
        progress: [],
        summary: null,
        error: null,
      });
      first = await request(t.http).post(PATH).set(admin.auth).expect(200);
      afterFirst = await rowCounts();
      second = await request(t.http).post(PATH).set(admin.auth).expect(200);
      afterSecond = await rowCounts();
    });

    it('answers what it created, per kind, with the summary sentence and the progress lines', () => {
      const byKind = Object.fromEntries((first.body.kinds as { kind: string }[]).map((entry) => [entry.kind, entry]));
      expect(Object.keys(byKind)).toEqual(Object.keys(SEED_KINDS));
      expect(byKind.organizations).toEqual({
        kind: 'organizations',
        label: 'organizations',
        created: DEMO_ORGANIZATIONS.length,
        unchanged: 0,
      });
      expect(byKind.staff).toEqual({ kind: 'staff', label: 'staff', created: DEMO_USERS.length, unchanged: 0 });
      expect(byKind.audiences).toMatchObject({ created: DEMO_AUDIENCES.length, unchanged: 0 });
      expect(byKind.capabilities).toMatchObject({ created: DEMO_CAPABILITIES.length, unchanged: 0 });
      expect(byKind.programs).toMatchObject({ created: DEMO_PROGRAMS.length, unchanged: 0 });
      // The admin who asked is the actor: no demo admin is made or counted.
      expect(byKind.admin).toEqual({ kind: 'admin', label: 'admins', created: 0, unchanged: 0 });
      const total = (first.body.kinds as { created: number }[]).reduce((sum, entry) => sum + entry.created, 0);
      expect(first.body).toMatchObject({ created: total, unchanged: 0 });
      expect(total).toBeGreaterThan(100);

      expect(first.body.summary).toMatch(
        new RegExp(`^Demo data loaded: ${total} records created: .*${DEMO_ORGANIZATIONS.length} organizations`),
      );
      // The app is already open: no "(Tandem at …)" as the command prints.
      expect(first.body.summary).not.toContain('Tandem at');
      expect(first.body.progress[0]).toBe('Acting as the signed-in admin');
      expect(first.body.progress).toEqual(
        expect.arrayContaining([
          `Staff: ${DEMO_USERS.length} created, 0 already there`,
          expect.stringMatching(new RegExp(`^Organizations: ${DEMO_ORGANIZATIONS.length} created, 0 already there`)),
        ]),
      );
      expect(first.body.progress.join('\n')).not.toMatch(/token/i);
    });

    it('acts as the calling admin: audited as them, no demo admin, no sign-in token', async () => {
      expect(
        await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [DEMO_ADMIN.email]),
      ).toEqual([{ n: 0 }]);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM invitations`)).toEqual([{ n: 0 }]);
      const actors = await t.dataSource.query(`SELECT DISTINCT actor_id FROM audit_events WHERE actor_id IS NOT NULL`);
      expect(actors).toEqual([{ actor_id: admin.user.id }]);
    });

    it('puts the demo partners in the directory', async () => {
      const list = await request(t.http).get('/api/v1/organizations?q=harbor').set(admin.auth).expect(200);
      expect(list.body.data.map((org: { name: string }) => org.name)).toContain(SHELTER);
      const all = await request(t.http).get('/api/v1/organizations?limit=100').set(admin.auth).expect(200);
      expect(all.body.data.map((org: { name: string }) => org.name).sort()).toEqual(
        DEMO_ORGANIZATIONS.map((org) => org.name).sort(),
      );
      expect(await organizationCount()).toBe(DEMO_ORGANIZATIONS.length);
    });

    it('adds and changes nothing the second time, and says so', () => {
      expect(second.body).toMatchObject({ created: 0, unchanged: first.body.created });
      expect(second.body.summary).toMatch(/^Demo data loaded: nothing new, \d+ records already there/);
      expect(afterSecond).toEqual(afterFirst);
    });

    it('shows the last load with its progress and summary', async () => {
      const status = await request(t.http).get(PATH).set(admin.auth).expect(200);
      expect(status.body).toEqual({
        status: 'done',
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        progress: second.body.progress,
        summary: second.body.summary,
        error: null,
      });
      expect(Date.parse(status.body.finishedAt)).toBeGreaterThanOrEqual(Date.parse(status.body.startedAt));
    });

    it('emails none of the fictional people: the demo check-in is answered on the spot, with no emails queued', async () => {
      const [checkIn] = await t.dataSource.query(
        `SELECT c.status, c.response_count FROM check_ins c JOIN organizations o ON o.id = c.organization_id WHERE o.name = $1`,
        [SHELTER],
      );
      expect(checkIn).toEqual({ status: 'closed', response_count: 2 });
      expect(
        await t.dataSource.query(`SELECT count(*)::int AS n FROM deliveries WHERE kind IN ('check-in', 'invitation')`),
      ).toEqual([{ n: 0 }]);
      // Reminders are planned for the coming sessions, none due yet.
      const [{ due }] = await t.dataSource.query(
        `SELECT count(*)::int AS due FROM deliveries WHERE status <> 'skipped' AND due_at <= now()`,
      );
      expect(due).toBe(0);
      expect(t.mail.messages).toEqual([]);
    });
  });

  describe('one load at a time', () => {
    beforeEach(async () => {
      await truncateAll(t.dataSource);
      admin = await signedInAs(t, Role.Admin);
    });

    it('answers 409 to a second load while the first runs, and the first completes', async () => {
      const [a, b] = await Promise.all([
        request(t.http).post(PATH).set(admin.auth),
        request(t.http).post(PATH).set(admin.auth),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const refused = a.status === 409 ? a : b;
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 409, code: 'DEMO_LOAD_RUNNING' });
      expect(refused.body.detail).toMatch(/being loaded right now/);
      expect(await organizationCount()).toBe(DEMO_ORGANIZATIONS.length);
    });

    it('shows the load as running, with its progress so far, while it runs', async () => {
      let answered = false;
      const load = request(t.http)
        .post(PATH)
        .set(admin.auth)
        .then((response) => {
          answered = true;
          return response;
        });
      let seen: { status: string; progress: string[] } | undefined;
      for (let i = 0; i < 400 && !seen; i += 1) {
        const status = await request(t.http).get(PATH).set(admin.auth).expect(200);
        if (status.body.status === 'running' && status.body.progress.length > 1) seen = status.body;
        // "done" before this load answered is the previous test's load: on a busy machine the first
        // polls can come before this POST has started.
        else if (status.body.status === 'done' && answered) break;
      }
      expect((await load).status).toBe(200);
      expect(seen).toBeDefined();
      expect(seen!.progress[0]).toBe('Acting as the signed-in admin');
    });

    it('answers 409 while another process loads it (the advisory lock), loading nothing, and loads once that is over', async () => {
      const other = new Client({ connectionString: databaseUrl(t.databaseName) });
      await other.connect();
      try {
        await other.query('SELECT pg_advisory_lock($1)', [DEMO_LOAD_LOCK_KEY]);
        const refused = await request(t.http).post(PATH).set(admin.auth).expect(409);
        expect(refused.body.code).toBe('DEMO_LOAD_RUNNING');
        expect(await organizationCount()).toBe(0);
        // Not a failure of this process's load: its status is as before.
        expect((await request(t.http).get(PATH).set(admin.auth).expect(200)).body.status).not.toBe('failed');
        await other.query('SELECT pg_advisory_unlock($1)', [DEMO_LOAD_LOCK_KEY]);
      } finally {
        await other.end();
      }
      await request(t.http).post(PATH).set(admin.auth).expect(200);
      expect(await organizationCount()).toBe(DEMO_ORGANIZATIONS.length);
    });

    it('has no other methods', async () => {
      await request(t.http).put(PATH).set(admin.auth).send({}).expect(404);
      await request(t.http).delete(PATH).set(admin.auth).expect(404);
      expect(await organizationCount()).toBe(0);
    });
  });
});
