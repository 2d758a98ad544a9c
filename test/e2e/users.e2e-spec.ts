import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { Invitation } from '../../src/user/invitation.entity';
import { User } from '../../src/user/user.entity';
import { login, persistUser, SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

function invitationToken(text: string | undefined): string {
  const match = /accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(text ?? '');
  if (!match) throw new Error(`no invitation link in: ${text}`);
  return match[1];
}

describe('Users (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    t.mail.messages.length = 0;
    admin = await signedInAs(t, Role.Admin, { name: 'Maya Chen' });
  });

  describe('POST /users', () => {
    it('creates a user with a password who can sign in at once', async () => {
      const response = await request(t.http)
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ email: 'Jo@Library.test', name: 'Jo Park', role: 'staff', password: 'teen services rock' })
        .expect(201);
      expect(response.body).toMatchObject({ email: 'jo@library.test', name: 'Jo Park', role: 'staff', active: true, invitationPending: false });
      await login(t, 'jo@library.test', 'teen services rock');
      expect(t.mail.messages).toHaveLength(0);
    });

    it('without a password emails a one-time invitation link that signs the user in', async () => {
      const created = await request(t.http)
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ email: 'kim@library.test', name: 'Kim Lee', role: 'viewer' })
        .expect(201);
      expect(created.body.invitationPending).toBe(true);

      const [mail] = await t.mail.waitFor('kim@library.test');
      expect(mail.subject).toBe('Maya Chen invited you to Tandem');
      expect(mail.from?.text).toContain('tandem@library.test');
      expect(mail.text).toContain('http://tandem.test/accept-invitation?token=');
      expect(mail.html).toContain('Choose your password');
      const token = invitationToken(mail.text);
      const stored = await t.dataSource.getRepository(Invitation).findOneByOrFail({ userId: created.body.id });
      expect(stored.tokenHash).not.toContain(token);

      // Not usable to sign in before the invitation is accepted.
      await request(t.http).post('/api/v1/auth/login').send({ email: 'kim@library.test', password: '' }).expect(401);

      const accepted = await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'reading is power', name: 'Kim S. Lee' })
        .expect(200);
      expect(accepted.body).toMatchObject({ expiresIn: 900, user: { email: 'kim@library.test', name: 'Kim S. Lee', invitationPending: false } });
      expect([accepted.headers['set-cookie']].flat().join()).toMatch(/tandem_refresh=/);
      await request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${accepted.body.accessToken}`).expect(200);

      const again = await request(t.http).post('/api/v1/auth/accept-invitation').send({ token, password: 'another good phrase' }).expect(400);
      expect(again.body.code).toBe('INVITATION_INVALID');
      await login(t, 'kim@library.test', 'reading is power');
    });

    it('refuses an expired invitation', async () => {
      const created = await request(t.http).post('/api/v1/users').set(admin.auth).send({ email: 'lee@library.test', name: 'Lee', role: 'staff' }).expect(201);
      const token = invitationToken((await t.mail.waitFor('lee@library.test'))[0].text);
      await t.dataSource.getRepository(Invitation).update({ userId: created.body.id }, { expiresAt: new Date(Date.now() - 1000) });
      await request(t.http).post('/api/v1/auth/accept-invitation').send({ token, password: 'reading is power' }).expect(400);
    });

    it('a new link replaces the old one, and resets a forgotten password', async () => {
      const user = await persistUser(t.dataSource, { email: 'sam@library.test' });
      const oldSession = await login(t, user.email);
      await request(t.http).post(`/api/v1/users/${user.id}/invitation`).set(admin.auth).expect(204);
      await request(t.http).post(`/api/v1/users/${user.id}/invitation`).set(admin.auth).expect(204);
      const [first, second] = await t.mail.waitFor('sam@library.test', 2);
      await request(t.http).post('/api/v1/auth/accept-invitation').send({ token: invitationToken(first.text), password: 'reading is power' }).expect(400);
      await request(t.http).post('/api/v1/auth/accept-invitation').send({ token: invitationToken(second.text), password: 'reading is power' }).expect(200);
      await request(t.http).get('/api/v1/auth/me').set(oldSession.auth).expect(401);
      await login(t, 'sam@library.test', 'reading is power');
    });

    it('answers 503 and keeps nothing when the invitation email cannot be sent', async () => {
      t.mail.rejectNextMessages(1);
      const response = await request(t.http).post('/api/v1/users').set(admin.auth).send({ email: 'pat@library.test', name: 'Pat', role: 'staff' }).expect(503);
      expect(response.body.code).toBe('INVITATION_EMAIL_FAILED');
      expect(await t.dataSource.getRepository(User).countBy({ email: 'pat@library.test' })).toBe(0);
      expect(await t.dataSource.getRepository(Invitation).count()).toBe(0);
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
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'isAdmin', 'name', 'role', 'timezone']);
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
      const response = await request(t.http).patch(`/api/v1/users/${staff.user.id}`).set(admin.auth).send({ active: false }).expect(200);
      expect(response.body.active).toBe(false);
      await request(t.http).get('/api/v1/auth/me').set(staff.auth).expect(401);
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', staff.refreshCookie).expect(401);
    });

    it('a role change takes effect on the very next request', async () => {
      const other = await signedInAs(t, Role.Admin);
      await request(t.http).get('/api/v1/users').set(other.auth).expect(200);
      await request(t.http).patch(`/api/v1/users/${other.user.id}`).set(admin.auth).send({ role: 'viewer' }).expect(200);
      await request(t.http).get('/api/v1/users').set(other.auth).expect(403);
      const me = await request(t.http).get('/api/v1/auth/me').set(other.auth).expect(200);
      expect(me.body.role).toBe('viewer');
    });

    it('keeps at least one active admin', async () => {
      const demote = await request(t.http).patch(`/api/v1/users/${admin.user.id}`).set(admin.auth).send({ role: 'staff' }).expect(422);
      expect(demote.body.code).toBe('LAST_ADMIN');
      await request(t.http).patch(`/api/v1/users/${admin.user.id}`).set(admin.auth).send({ active: false }).expect(422);
      const second = await persistUser(t.dataSource, { role: Role.Admin });
      await request(t.http).patch(`/api/v1/users/${admin.user.id}`).set(admin.auth).send({ role: 'manager' }).expect(200);
      await request(t.http).patch(`/api/v1/users/${second.id}`).set(admin.auth).send({ role: 'staff' }).expect(403);
    });

    it('answers 409 with the current version for a stale version, changing nothing', async () => {
      const user = await persistUser(t.dataSource, { name: 'Before' });
      await request(t.http).patch(`/api/v1/users/${user.id}`).set(admin.auth).send({ name: 'First edit', version: 1 }).expect(200);
      const stale = await request(t.http).patch(`/api/v1/users/${user.id}`).set(admin.auth).send({ name: 'Second edit', version: 1 }).expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const current = await request(t.http).get(`/api/v1/users/${user.id}`).set(admin.auth).expect(200);
      expect(current.body).toMatchObject({ name: 'First edit', version: 2 });
    });

    it('answers 404 for unknown and malformed ids', async () => {
      await request(t.http).get('/api/v1/users/7d0c5d1e-93a4-4b8f-9f0e-000000000000').set(admin.auth).expect(404);
      const malformed = await request(t.http).patch('/api/v1/users/not-a-uuid').set(admin.auth).send({ name: 'x' }).expect(404);
      expect(malformed.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      await request(t.http).get("/api/v1/users/1' OR '1'='1").set(admin.auth).expect(404);
    });
  });
});
