import { Logger } from '@nestjs/common';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { safeError } from '../../src/common/logging/safe-error';
import { User } from '../../src/user/user.entity';
import { persistOrganization } from '../factories/directory.factory';
import { persistUser, signedInAs } from '../factories/user.factory';
import { eventually } from '../setup/eventually';
import { createTestApp, TestApp } from '../setup/test-app';
import { withAdminClient } from '../setup/test-env';

describe('Database errors (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ captureLogs: true });
  });
  afterAll(async () => t.close());

  describe('the error log', () => {
    const person = { name: 'Angela Brooks', email: 'angela.brooks@refused.example', phone: '+1 503 555 0142' };
    const PERSONAL = /angela|brooks|555 0142/i;

    it('logs a failed INSERT of a contact with its statement and SQLSTATE, never the values', async () => {
      const staff = await signedInAs(t, Role.Staff);
      const organization = await persistOrganization(t.dataSource);
      // A rule only this suite's database has, so the route's INSERT fails as an unexpected error.
      await t.dataSource.query(
        `ALTER TABLE contacts ADD CONSTRAINT ck_test_refused CHECK (email NOT LIKE '%@refused.example')`,
      );
      try {
        t.logs.length = 0;
        const response = await request(t.http)
          .post('/api/v1/contacts')
          .set(staff.auth)
          .send({ organizationId: organization.id, ...person })
          .expect(500);
        expect(response.body.code).toBe('INTERNAL_ERROR');

        const failed = t.logs
          .map((line) => JSON.parse(line) as { msg?: string; err?: Record<string, unknown> })
          .find((entry) => entry.msg === 'request failed');
        expect(failed?.err).toMatchObject({
          type: 'QueryFailedError',
          code: '23514',
          constraint: 'ck_test_refused',
          table: 'contacts',
        });
        // The create's one statement (its INSERT of the contact, with the audit event's), placeholders and all.
        expect(failed?.err?.statement).toMatch(/\bINSERT INTO contacts \(.*\) VALUES \(\$1, /);
        expect(t.logs.join('')).not.toMatch(PERSONAL);
      } finally {
        await t.dataSource.query('ALTER TABLE contacts DROP CONSTRAINT ck_test_refused');
      }
    });

    it("keeps a unique violation's key values (PostgreSQL's detail) out of the log", async () => {
      const taken = await persistUser(t.dataSource, { email: 'angela.brooks@library.test' });
      const error = await t.dataSource
        .getRepository(User)
        .insert({ ...taken, id: undefined })
        .then(
          () => undefined,
          (failure: unknown) => failure,
        );
      expect(error).toBeInstanceOf(QueryFailedError);
      // The real error holds the email twice: in its parameters and in PostgreSQL's detail.
      expect(JSON.stringify({ ...(error as object) })).toMatch(/Key \(email\)=\(angela\.brooks@library\.test\)/);

      expect(safeError(error)).toMatchObject({
        type: 'QueryFailedError',
        code: '23505',
        constraint: 'uq_users_email',
        table: 'users',
        statement: expect.stringMatching(/^INSERT INTO "users"\(.*\) VALUES \(.*\$1/),
      });
      t.logs.length = 0;
      new Logger('DatabaseErrorsTest').error({ err: error }, 'insert failed');
      new Logger('DatabaseErrorsTest').warn({ error }, 'insert failed');
      expect(t.logs).toHaveLength(2);
      expect(t.logs.join('')).not.toMatch(PERSONAL);
      expect(t.logs.join('')).toContain('"code":"23505"');
    });
  });

  describe('a connection the server closes while Tandem holds it', () => {
    it('fails that transaction with an error and logs it; the process lives on and the next request is served', async () => {
      const outcome = await t.dataSource
        .transaction(async (manager) => {
          const [{ pid }] = await manager.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
          // From another connection, as an administrator or a failover would; the notice reaches
          // this connection while it runs no statement.
          await t.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
          await new Promise((resolve) => setTimeout(resolve, 300));
          await manager.query('SELECT 1');
        })
        .then(
          () => 'committed',
          (error: Error) => error.message,
        );
      expect(outcome).not.toBe('committed');
      await eventually('the warning in the log', () =>
        t.logs.some((line) => line.includes('a database connection in use was closed by the server')),
      );
      await request(t.http).get('/api/v1/health').expect(200);
      expect(await t.dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    });
  });

  describe('while the database is unreachable', () => {
    async function allowConnections(allow: boolean): Promise<void> {
      await withAdminClient(async (client) => {
        await client.query(`ALTER DATABASE "${t.databaseName}" ALLOW_CONNECTIONS ${allow}`);
        if (!allow)
          await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
            t.databaseName,
          ]);
      });
    }

    it('answers 503 (not 401), keeps the refresh cookie and says down; the same session works again after', async () => {
      const { accessToken, refreshCookie, auth } = await signedInAs(t, Role.Staff);
      t.logs.length = 0;
      await allowConnections(false);
      try {
        const me = await request(t.http).get('/api/v1/auth/me').set(auth);
        expect(me.status).toBe(503);
        expect(me.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(me.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
        expect(Number(me.headers['retry-after'])).toBeGreaterThan(0);

        const list = await request(t.http).get('/api/v1/organizations').set(auth);
        expect([list.status, list.body.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);

        const refreshed = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie);
        expect([refreshed.status, refreshed.body.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
        expect(refreshed.headers['set-cookie']).toBeUndefined();

        const health = await request(t.http).get('/api/v1/health').expect(503);
        expect(health.body.status).toBe('down');
      } finally {
        await allowConnections(true);
      }

      await eventually(
        'the pool to reconnect (GET /auth/me answers 200)',
        async () => {
          await request(t.http).get('/api/v1/auth/me').set(auth).expect(200);
        },
        { timeoutMs: 15_000, intervalMs: 100 },
      );
      const refreshed = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(200);
      expect(refreshed.body.accessToken).toEqual(expect.any(String));
      await request(t.http).get('/api/v1/health').expect(200);
      const log = t.logs.join('');
      expect(log).toContain('database unavailable');
      expect(log).not.toContain(accessToken);
      expect(log).not.toContain(refreshCookie.split('=')[1]);
    });
  });
});
