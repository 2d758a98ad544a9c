import request from 'supertest';
import { resourceKey } from '../../src/auth/resource-key';
import { Role } from '../../src/auth/role.enum';
import { sha256 } from '../../src/common/crypto';
import { Invitation } from '../../src/user/invitation.entity';
import { User } from '../../src/user/user.entity';
import { DEFAULT_PASSWORD, login, persistUser, SignedIn, signedInAs } from '../factories/user.factory';
import { eventually } from '../setup/eventually';
import { SmtpSink } from '../setup/smtp-sink';
import { startTandem, TandemProcess } from '../setup/tandem-process';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';
import { databaseUrl, TEST_AUTH_SECRET, TEST_REDIS_URL } from '../setup/test-env';

function invitationToken(text: string | undefined): string {
  const match = /accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(text ?? '');
  if (!match) throw new Error(`no invitation link in: ${text}`);
  return match[1];
}

interface InvitationBody {
  status: 'scheduled' | 'sent' | 'failed' | 'skipped';
  sentAt: string | null;
  error: string | null;
  expiresAt: string;
}

/** Polls `read` (bounded) until the user's invitation email reaches `status`; returns it. */
async function waitForInvitation(
  read: () => Promise<{ invitation: InvitationBody | null }>,
  status: InvitationBody['status'],
  timeoutMs = 10_000,
): Promise<InvitationBody> {
  return eventually(
    `the invitation email to be ${status}`,
    async () => {
      const { invitation } = await read();
      if (invitation?.status !== status) throw new Error(`invitation still ${JSON.stringify(invitation)}`);
      return invitation;
    },
    { timeoutMs },
  );
}

/** Every row of these tables as JSON text, to look for what must never be stored. */
async function tableText(t: TestApp, ...tables: string[]): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await t.dataSource.query<{ row: string }[]>(`SELECT row_to_json(x)::text AS row FROM ${table} x`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

const HOUR = 3_600_000;

describe('Users (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    // Invitation emails are queued and sent by the worker, as in TANDEM_PROCESS=all.
    t = await createTestApp({ worker: true, env: { REMINDER_RECONCILE_SECONDS: '1' } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    t.mail.messages.length = 0;
    admin = await signedInAs(t, Role.Admin, { name: 'Maya Chen' });
  });

  const readUser = (id: string) => async () =>
    (await request(t.http).get(`/api/v1/users/${id}`).set(admin.auth).expect(200)).body;

  describe('POST /users', () => {
    it('creates a user with a password who can sign in at once', async () => {
      const response = await request(t.http)
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ email: 'Jo@Library.test', name: 'Jo Park', role: 'staff', password: 'teen services rock' })
        .expect(201);
      expect(response.body).toMatchObject({
        email: 'jo@library.test',
        name: 'Jo Park',
        role: 'staff',
        active: true,
        invitationPending: false,
      });
      await login(t, 'jo@library.test', 'teen services rock');
      expect(t.mail.messages).toHaveLength(0);
    });

    it('without a password queues an invitation email whose one-time link signs the user in', async () => {
      const before = Date.now();
      const created = await request(t.http)
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ email: 'kim@library.test', name: 'Kim Lee', role: 'viewer' })
        .expect(201);
      expect(created.body.invitationPending).toBe(true);
      // Queued, not sent inline: the worker may or may not have sent it by the time we read.
      expect(['scheduled', 'sent']).toContain(created.body.invitation.status);
      const expiresAt = Date.parse(created.body.invitation.expiresAt);
      expect(expiresAt).toBeGreaterThanOrEqual(before + 72 * HOUR);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 72 * HOUR);

      const [mail] = await t.mail.waitFor('kim@library.test');
      expect(mail.subject).toBe('Maya Chen invited you to Tandem');
      expect(mail.from?.text).toContain('tandem@library.test');
      expect(mail.text).toContain('http://tandem.test/accept-invitation?token=');
      expect(mail.text).toContain('expires in 72 hours');
      expect(mail.html).toContain('Choose your password');
      const token = invitationToken(mail.text);
      const stored = await t.dataSource.getRepository(Invitation).findOneByOrFail({ userId: created.body.id });
      expect(stored.tokenHash).toBe(sha256(token));

      // The email went through the delivery log, which records it as sent.
      const deliveries = await t.dataSource.query(
        `SELECT kind, invitation_id, reminder_id, recipient_user_id, recipient_key, occurrence_key, attempts FROM deliveries`,
      );
      expect(deliveries).toEqual([
        {
          kind: 'invitation',
          invitation_id: stored.id,
          reminder_id: null,
          recipient_user_id: created.body.id,
          recipient_key: `user:${created.body.id}`,
          occurrence_key: 'invitation',
          attempts: 1,
        },
      ]);
      const sent = await waitForInvitation(readUser(created.body.id), 'sent');
      expect(sent).toEqual({
        status: 'sent',
        sentAt: expect.any(String),
        error: null,
        expiresAt: created.body.invitation.expiresAt,
      });
      // Neither the token nor anything that contains it is stored.
      expect(await tableText(t, 'deliveries', 'invitations')).not.toContain(token);

      // Not usable to sign in before the invitation is accepted.
      await request(t.http).post('/api/v1/auth/login').send({ email: 'kim@library.test', password: '' }).expect(401);

      const accepted = await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'reading is power', name: 'Kim S. Lee' })
        .expect(200);
      expect(accepted.body).toMatchObject({
        expiresIn: 900,
        user: { email: 'kim@library.test', name: 'Kim S. Lee', invitationPending: false },
      });
      expect([accepted.headers['set-cookie']].flat().join()).toMatch(/tandem_refresh=/);
      await request(t.http)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${accepted.body.accessToken}`)
        .expect(200);

      const again = await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'another good phrase' })
        .expect(400);
      expect(again.body.code).toBe('INVITATION_INVALID');
      await login(t, 'kim@library.test', 'reading is power');
    });

    it('refuses an expired invitation', async () => {
      const created = await request(t.http)
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ email: 'lee@library.test', name: 'Lee', role: 'staff' })
        .expect(201);
      const token = invitationToken((await t.mail.waitFor('lee@library.test'))[0].text);
      await t.dataSource
        .getRepository(Invitation)
        .update({ userId: created.body.id }, { expiresAt: new Date(Date.now() - 1000) });
      await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'reading is power' })
        .expect(400);
    });

    it('a new link replaces the old one, and resets a forgotten password', async () => {
      const user = await persistUser(t.dataSource, { email: 'sam@library.test' });
      const oldSession = await login(t, user.email);
      const first = await request(t.http).post(`/api/v1/users/${user.id}/invitation`).set(admin.auth).expect(200);
      expect(first.body).toMatchObject({ id: user.id, invitationPending: false });
      expect(['scheduled', 'sent']).toContain(first.body.invitation.status);
      const [firstMail] = await t.mail.waitFor('sam@library.test');
      await request(t.http).post(`/api/v1/users/${user.id}/invitation`).set(admin.auth).expect(200);
      const [, secondMail] = await t.mail.waitFor('sam@library.test', 2);
      const firstToken = invitationToken(firstMail.text);
      expect(invitationToken(secondMail.text)).not.toBe(firstToken);
      const old = await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token: firstToken, password: 'reading is power' })
        .expect(400);
      expect(old.body.code).toBe('INVITATION_INVALID');
      await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token: invitationToken(secondMail.text), password: 'reading is power' })
        .expect(200);
      await request(t.http).get('/api/v1/auth/me').set(oldSession.auth).expect(401);
      await login(t, 'sam@library.test', 'reading is power');
    });

    it('refuses to send a link to a deactivated user (422), queueing nothing', async () => {
      const user = await persistUser(t.dataSource, { active: false });
      const response = await request(t.http).post(`/api/v1/users/${user.id}/invitation`).set(admin.auth).expect(422);
      expect(response.body.code).toBe('USER_INACTIVE');
      expect(await t.dataSource.query('SELECT id FROM deliveries')).toEqual([]);
      expect(await t.dataSource.getRepository(Invitation).count()).toBe(0);
    });

    it('keeps the user when the mail server refuses the invitation, shows why, and a new link then works', async () => {
      t.mail.rejectNextMessages(1);
      const created = await request(t.http)
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ email: 'pat@library.test', name: 'Pat', role: 'staff' })
        .expect(201);
      expect(await t.dataSource.getRepository(User).countBy({ email: 'pat@library.test' })).toBe(1);

      const failed = await waitForInvitation(readUser(created.body.id), 'failed');
      expect(failed.sentAt).toBeNull();
      expect(failed.error).toMatch(/550/);
      expect(failed.error).toMatch(/permanent/);
      expect(failed.error).not.toContain('@');
      expect(t.mail.to('pat@library.test')).toHaveLength(0);
      const [row] = await t.dataSource.query(`SELECT status, attempts, last_error FROM deliveries`);
      expect(row).toMatchObject({ status: 'failed', attempts: 1 });
      expect(row.last_error).not.toContain('pat@library.test');
      // The list shows it too (fetched for the whole page at once).
      const list = await request(t.http).get('/api/v1/users?sort=name').set(admin.auth).expect(200);
      expect(
        list.body.data.map((u: { name: string; invitation: InvitationBody | null }) => [
          u.name,
          u.invitation?.status ?? null,
        ]),
      ).toEqual([
        ['Maya Chen', null],
        ['Pat', 'failed'],
      ]);

      const resent = await request(t.http)
        .post(`/api/v1/users/${created.body.id}/invitation`)
        .set(admin.auth)
        .expect(200);
      expect(['scheduled', 'sent']).toContain(resent.body.invitation.status);
      const [mail] = await t.mail.waitFor('pat@library.test');
      await waitForInvitation(readUser(created.body.id), 'sent');
      await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token: invitationToken(mail.text), password: 'reading is power' })
        .expect(200);
      await login(t, 'pat@library.test', 'reading is power');
    });

    it('answers 409 for an email already in use, whatever its case', async () => {
      await persistUser(t.dataSource, { email: 'dup@library.test' });
      const response = await request(t.http)
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ email: 'DUP@library.test', name: 'Dup', role: 'staff', password: 'teen services rock' })
        .expect(409);
      expect(response.body.code).toBe('USER_EMAIL_TAKEN');
    });

    it('rejects bad input with the fields named', async () => {
      const response = await request(t.http)
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ email: 'not-an-email', name: '', role: 'owner', isAdmin: true, timezone: 'Mars/Olympus' })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'email',
        'isAdmin',
        'name',
        'role',
        'timezone',
      ]);
      expect(await t.dataSource.getRepository(User).count()).toBe(1);
    });
  });

  describe('GET /users', () => {
    it('lists users with totals, filters and sorting', async () => {
      await persistUser(t.dataSource, { name: 'Bea', role: Role.Viewer });
      await persistUser(t.dataSource, { name: 'Abe', role: Role.Viewer, active: false });
      const all = await request(t.http).get('/api/v1/users?sort=name').set(admin.auth).expect(200);
      expect(all.body.meta).toEqual({ total: 3, limit: 25, offset: 0 });
      expect(all.body.data.map((u: { name: string }) => u.name)).toEqual(['Abe', 'Bea', 'Maya Chen']);
      const viewers = await request(t.http).get('/api/v1/users?role=viewer&active=true').set(admin.auth).expect(200);
      expect(viewers.body.data.map((u: { name: string }) => u.name)).toEqual(['Bea']);
      const page = await request(t.http).get('/api/v1/users?sort=-name&limit=1&offset=1').set(admin.auth).expect(200);
      expect(page.body).toMatchObject({ data: [{ name: 'Bea' }], meta: { total: 3, limit: 1, offset: 1 } });
      expect(page.body.data[0]).not.toHaveProperty('passwordHash');
    });

    it('refuses a limit over 100, a negative offset and an unknown sort', async () => {
      for (const query of ['limit=101', 'limit=-1', 'offset=-5', 'sort=password', 'limit=abc']) {
        const response = await request(t.http).get(`/api/v1/users?${query}`).set(admin.auth).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('PATCH /users/:id', () => {
    it('deactivating a user stops their access token on the very next request', async () => {
      const staff = await signedInAs(t, Role.Staff);
      await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(200);
      const response = await request(t.http)
        .patch(`/api/v1/users/${staff.user.id}`)
        .set(admin.auth)
        .send({ active: false })
        .expect(200);
      expect(response.body.active).toBe(false);
      await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(401);
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', staff.refreshCookie).expect(401);
    });

    it('reactivating a user does not revive their old sessions; a new sign-in works', async () => {
      const staff = await signedInAs(t, Role.Staff);
      await request(t.http).patch(`/api/v1/users/${staff.user.id}`).set(admin.auth).send({ active: false }).expect(200);
      await request(t.http).patch(`/api/v1/users/${staff.user.id}`).set(admin.auth).send({ active: true }).expect(200);
      await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(401);
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', staff.refreshCookie).expect(401);
      const again = await login(t, staff.user.email);
      await request(t.http).get('/api/v1/auth/me').set(again.auth).expect(200);
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', again.refreshCookie).expect(200);
    });

    it('keeps the sessions of a user whose update leaves them active (active: null or true is no change)', async () => {
      const staff = await signedInAs(t, Role.Staff);
      await request(t.http)
        .patch(`/api/v1/users/${staff.user.id}`)
        .set(admin.auth)
        .send({ name: 'Renamed Staff', active: null })
        .expect(200);
      await request(t.http).patch(`/api/v1/users/${staff.user.id}`).set(admin.auth).send({ active: true }).expect(200);
      const me = await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(200);
      expect(me.body).toMatchObject({ name: 'Renamed Staff', active: true });
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', staff.refreshCookie).expect(200);
    });

    it('a role change takes effect on the very next request', async () => {
      const other = await signedInAs(t, Role.Admin);
      await request(t.http).get('/api/v1/users').set(other.auth).expect(200);
      await request(t.http)
        .patch(`/api/v1/users/${other.user.id}`)
        .set(admin.auth)
        .send({ role: 'viewer' })
        .expect(200);
      await request(t.http).get('/api/v1/users').set(other.auth).expect(403);
      const me = await request(t.http).get('/api/v1/auth/me').set(other.auth).expect(200);
      expect(me.body.role).toBe('viewer');
    });

    it('keeps at least one active admin', async () => {
      const demote = await request(t.http)
        .patch(`/api/v1/users/${admin.user.id}`)
        .set(admin.auth)
        .send({ role: 'staff' })
        .expect(422);
      expect(demote.body.code).toBe('LAST_ADMIN');
      await request(t.http).patch(`/api/v1/users/${admin.user.id}`).set(admin.auth).send({ active: false }).expect(422);
      const second = await persistUser(t.dataSource, { role: Role.Admin });
      await request(t.http)
        .patch(`/api/v1/users/${admin.user.id}`)
        .set(admin.auth)
        .send({ role: 'manager' })
        .expect(200);
      await request(t.http).patch(`/api/v1/users/${second.id}`).set(admin.auth).send({ role: 'staff' }).expect(403);
    });

    it('answers 409 with the current version for a stale version, changing nothing', async () => {
      const user = await persistUser(t.dataSource, { name: 'Before' });
      await request(t.http)
        .patch(`/api/v1/users/${user.id}`)
        .set(admin.auth)
        .send({ name: 'First edit', version: 1 })
        .expect(200);
      const stale = await request(t.http)
        .patch(`/api/v1/users/${user.id}`)
        .set(admin.auth)
        .send({ name: 'Second edit', version: 1 })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const current = await request(t.http).get(`/api/v1/users/${user.id}`).set(admin.auth).expect(200);
      expect(current.body).toMatchObject({ name: 'First edit', version: 2 });
    });

    it('answers 404 for unknown and malformed ids', async () => {
      await request(t.http).get('/api/v1/users/7d0c5d1e-93a4-4b8f-9f0e-000000000000').set(admin.auth).expect(404);
      const malformed = await request(t.http)
        .patch('/api/v1/users/not-a-uuid')
        .set(admin.auth)
        .send({ name: 'x' })
        .expect(404);
      expect(malformed.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      await request(t.http).get("/api/v1/users/1' OR '1'='1").set(admin.auth).expect(404);
    });
  });

  describe('POST /users/:id/invitation-link', () => {
    const issue = (id: string, auth = admin.auth) =>
      request(t.http).post(`/api/v1/users/${id}/invitation-link`).set(auth);

    it('hands the admin a fresh one-time link; the emailed one stops working; audited without the token', async () => {
      t.mail.rejectNextMessages(1);
      const created = await request(t.http)
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ email: 'lee@library.test', name: 'Lee', role: 'staff' })
        .expect(201);
      await waitForInvitation(readUser(created.body.id), 'failed');
      // The token of the refused email: derived as the worker does.
      const [first] = await t.dataSource.query(`SELECT id FROM invitations WHERE user_id = $1`, [created.body.id]);
      const oldToken = resourceKey(TEST_AUTH_SECRET, 'invitation:v1', first.id);

      const before = Date.now();
      const response = await issue(created.body.id).expect(200);
      expect(Object.keys(response.body).sort()).toEqual(['expiresAt', 'url']);
      // A secret: never kept by a cache.
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body.url).toMatch(/^http:\/\/tandem\.test\/accept-invitation\?token=[A-Za-z0-9_-]+$/);
      const expiresIn = new Date(response.body.expiresAt).getTime() - before;
      expect(expiresIn).toBeGreaterThan(HOUR);
      // No email for it.
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM deliveries`)).toEqual([{ n: 1 }]);

      const stale = await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token: oldToken, password: 'reading is power' })
        .expect(400);
      expect(stale.body.code).toBe('INVITATION_INVALID');

      const audit = await t.dataSource.query(
        `SELECT actor_id, action, entity_id, changes FROM audit_events WHERE entity_type = 'invitation'`,
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor_id: admin.user.id,
        action: 'create',
        changes: expect.objectContaining({ userId: { before: null, after: created.body.id } }),
      });
      const token = invitationToken(response.body.url);
      expect(JSON.stringify(audit)).not.toContain(token);
      expect(await tableText(t, 'invitations', 'audit_events', 'deliveries')).not.toContain(token);

      await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'reading is power' })
        .expect(200);
      await login(t, 'lee@library.test', 'reading is power');
      // Used: a second link is no longer needed.
      const again = await issue(created.body.id).expect(409);
      expect(again.body).toMatchObject({ status: 409, code: 'USER_ALREADY_ACTIVE' });
    });

    it('a second link replaces the first', async () => {
      const user = await persistUser(t.dataSource, { email: 'kim@library.test', passwordHash: null });
      const first = invitationToken((await issue(user.id).expect(200)).body.url);
      const second = invitationToken((await issue(user.id).expect(200)).body.url);
      expect(second).not.toBe(first);
      await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token: first, password: 'reading is power' })
        .expect(400);
      await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token: second, password: 'reading is power' })
        .expect(200);
    });

    it('is for admins only: others get 403 and nothing changes', async () => {
      const user = await persistUser(t.dataSource, { passwordHash: null });
      for (const role of [Role.Manager, Role.Staff, Role.Viewer]) {
        const other = await signedInAs(t, role);
        const response = await issue(user.id, other.auth).expect(403);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      await request(t.http).post(`/api/v1/users/${user.id}/invitation-link`).expect(401);
      expect(await t.dataSource.getRepository(Invitation).count()).toBe(0);
    });

    it('answers 404 for unknown and malformed ids, 409 for an active user, 422 for a deactivated one', async () => {
      for (const id of ['7d0c5d1e-93a4-4b8f-9f0e-000000000000', 'not-a-uuid']) {
        const response = await issue(id).expect(404);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      const active = await persistUser(t.dataSource, {});
      expect((await issue(active.id).expect(409)).body.code).toBe('USER_ALREADY_ACTIVE');
      const inactive = await persistUser(t.dataSource, { active: false, passwordHash: null });
      expect((await issue(inactive.id).expect(422)).body.code).toBe('USER_INACTIVE');
      expect(await t.dataSource.getRepository(Invitation).count()).toBe(0);
      expect(await t.dataSource.query(`SELECT id FROM audit_events WHERE entity_type = 'invitation'`)).toEqual([]);
    });
  });
});

/**
 * Invitations queued while no worker runs, then one worker starting: real processes (the built
 * app), so their logs can be read. Nothing can be sent before the worker starts, which makes the
 * outcome of a replaced link and of a deactivated user deterministic.
 */
describe('Invitation emails through the worker process (e2e)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let api: TandemProcess | undefined;
  let worker: TandemProcess | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    sink = new SmtpSink();
  });
  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await api?.stop('SIGKILL');
    await sink.stop();
    await t.close();
  });

  it('skips the email of a link replaced or a user deactivated before it went out, sends the rest once, and logs no token', async () => {
    const env = {
      DATABASE_URL: databaseUrl(t.databaseName),
      AUTH_SECRET: TEST_AUTH_SECRET,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: t.redisPrefix,
      SMTP_URL: await sink.start(),
      MAIL_FROM: 'Tandem <tandem@library.test>',
      PUBLIC_URL: 'http://tandem.test',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
    };
    const admin = await persistUser(t.dataSource, { role: Role.Admin, name: 'Maya Chen' });
    api = await startTandem({ ...env, TANDEM_PROCESS: 'api' });
    const http = () => request(api!.url);
    const signedIn = await http()
      .post('/api/v1/auth/login')
      .send({ email: admin.email, password: DEFAULT_PASSWORD })
      .expect(200);
    const auth = { Authorization: `Bearer ${signedIn.body.accessToken}` };

    const kim = await http()
      .post('/api/v1/users')
      .set(auth)
      .send({ email: 'kim@library.test', name: 'Kim Lee', role: 'staff' })
      .expect(201);
    expect(kim.body.invitation).toMatchObject({ status: 'scheduled', sentAt: null, error: null });
    const [firstInvitation] = await t.dataSource.getRepository(Invitation).findBy({ userId: kim.body.id });
    const resent = await http().post(`/api/v1/users/${kim.body.id}/invitation`).set(auth).expect(200);
    expect(resent.body.invitation).toMatchObject({ status: 'scheduled' });
    const lee = await http()
      .post('/api/v1/users')
      .set(auth)
      .send({ email: 'lee@library.test', name: 'Lee Park', role: 'viewer' })
      .expect(201);
    await http().patch(`/api/v1/users/${lee.body.id}`).set(auth).send({ active: false }).expect(200);
    const queued = await t.dataSource.query<{ status: string }[]>(
      `SELECT status FROM deliveries WHERE kind = 'invitation'`,
    );
    expect(queued.map((row) => row.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);

    worker = await startTandem({ ...env, TANDEM_PROCESS: 'worker' }, { readyLine: /Tandem worker started/ });
    const [mail] = await sink.waitFor('kim@library.test', 1, 20_000);
    await eventually(
      'no delivery left scheduled or sending',
      async () =>
        (await t.dataSource.query<unknown[]>(`SELECT id FROM deliveries WHERE status IN ('scheduled', 'sending')`))
          .length === 0,
      { timeoutMs: 20_000 },
    );
    const outcomes = await t.dataSource.query(
      `SELECT d.recipient_user_id AS "userId", d.status, d.skip_reason AS "skipReason", i.revoked_at IS NOT NULL AS revoked
       FROM deliveries d JOIN invitations i ON i.id = d.invitation_id ORDER BY i.created_at, i.revoked_at NULLS LAST`,
    );
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { userId: kim.body.id, status: 'skipped', skipReason: 'invitation-spent', revoked: true },
        { userId: kim.body.id, status: 'sent', skipReason: null, revoked: false },
        { userId: lee.body.id, status: 'skipped', skipReason: 'recipient-inactive', revoked: false },
      ]),
    );
    expect(outcomes).toHaveLength(3);
    // Only the current link went out, once; the replaced one does not work.
    expect(sink.messages).toHaveLength(1);
    const token = invitationToken(mail.text);
    const oldToken = resourceKey(TEST_AUTH_SECRET, 'invitation:v1', firstInvitation.id);
    expect(token).not.toBe(oldToken);
    await http()
      .post('/api/v1/auth/accept-invitation')
      .send({ token: oldToken, password: 'reading is power' })
      .expect(400);
    await http().post('/api/v1/auth/accept-invitation').send({ token, password: 'reading is power' }).expect(200);

    const kimNow = await http().get(`/api/v1/users/${kim.body.id}`).set(auth).expect(200);
    expect(kimNow.body.invitation).toMatchObject({ status: 'sent', error: null });
    const leeNow = await http().get(`/api/v1/users/${lee.body.id}`).set(auth).expect(200);
    expect(leeNow.body.invitation).toMatchObject({
      status: 'skipped',
      sentAt: null,
      error: "The recipient's user account is deactivated.",
    });

    expect(await tableText(t, 'deliveries', 'invitations')).not.toContain(token);
    expect(await worker.stop()).toBe(0);
    expect(await api.stop()).toBe(0);
    const logs = `${api.output()}\n${worker.output()}`;
    worker = api = undefined;
    expect(logs).toContain('invitation queued');
    expect(logs).toContain('deliveries processed');
    for (const secret of [
      token,
      oldToken,
      'kim@library.test',
      'lee@library.test',
      'Kim Lee',
      'Lee Park',
      'Maya Chen',
    ]) {
      expect(logs).not.toContain(secret);
    }
  }, 90_000);
});
