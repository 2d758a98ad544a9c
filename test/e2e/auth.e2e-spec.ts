import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import request from 'supertest';
import { AuthSession } from '../../src/sign-in/auth-session.entity';
import { RefreshToken } from '../../src/sign-in/refresh-token.entity';
import { Role } from '../../src/auth/role.enum';
import { ShiftedClock } from '../../src/common/clock/clock';
import { User } from '../../src/user/user.entity';
import { DEFAULT_PASSWORD, login, persistUser, refreshCookieFrom, signedInAs } from '../factories/user.factory';
import { startTandem } from '../setup/tandem-process';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';
import { databaseUrl, TEST_AUTH_SECRET, TEST_REDIS_URL } from '../setup/test-env';

/** REFRESH_GRACE_SECONDS's default. */
const GRACE_MS = 10_000;

describe('Auth (e2e)', () => {
  let t: TestApp;
  const clock = new ShiftedClock(0);

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    clock.offsetMs = 0;
    await truncateAll(t.dataSource);
  });

  describe('POST /auth/setup', () => {
    const admin = { email: 'Admin@Library.test', password: 'our first partnership', name: 'Maya Chen' };

    it('creates the first admin while no user exists', async () => {
      const response = await request(t.http).post('/api/v1/auth/setup').send(admin).expect(201);
      expect(response.body.user).toMatchObject({
        email: 'admin@library.test',
        name: 'Maya Chen',
        role: 'admin',
        active: true,
      });
      expect(response.body.user).not.toHaveProperty('passwordHash');
      const stored = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'admin@library.test' });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    });

    it('says without a token whether setup is open: until the first user exists, and never again', async () => {
      expect((await request(t.http).get('/api/v1/auth/setup').expect(200)).body).toEqual({ open: true });
      await request(t.http).post('/api/v1/auth/setup').send(admin).expect(201);
      expect((await request(t.http).get('/api/v1/auth/setup').expect(200)).body).toEqual({ open: false });
    });

    it('answers 409 once any user exists', async () => {
      await persistUser(t.dataSource, { role: Role.Viewer });
      const response = await request(t.http).post('/api/v1/auth/setup').send(admin).expect(409);
      expect(response.body.code).toBe('SETUP_ALREADY_DONE');
      expect(await t.dataSource.getRepository(User).count()).toBe(1);
    });

    it('creates exactly one admin when called twice at the same moment', async () => {
      const [a, b] = await Promise.all([
        request(t.http).post('/api/v1/auth/setup').send(admin),
        request(t.http)
          .post('/api/v1/auth/setup')
          .send({ ...admin, email: 'other@library.test' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect(await t.dataSource.getRepository(User).count()).toBe(1);
    });

    it('refuses a common password and says which field', async () => {
      const response = await request(t.http)
        .post('/api/v1/auth/setup')
        .send({ ...admin, password: 'qwerty123456' })
        .expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'WEAK_PASSWORD', errors: [{ field: 'password' }] });
      expect(await t.dataSource.getRepository(User).count()).toBe(0);
    });

    it('refuses a password shorter than 12 characters', async () => {
      const response = await request(t.http)
        .post('/api/v1/auth/setup')
        .send({ ...admin, password: 'short pass' })
        .expect(400);
      expect(response.body.errors[0]).toEqual({ field: 'password', message: 'must be at least 12 characters' });
    });
  });

  describe('POST /auth/login and GET /auth/me', () => {
    it('signs in, sets an httpOnly refresh cookie, and me returns the user', async () => {
      const user = await persistUser(t.dataSource, { role: Role.Staff, email: 'ana@library.test' });
      const response = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: 'ANA@library.test', password: DEFAULT_PASSWORD })
        .expect(200);
      expect(response.body).toMatchObject({ expiresIn: 900, user: { id: user.id, role: 'staff' } });
      const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('tandem_refresh='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
      const me = await request(t.http)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      expect(me.body).toMatchObject({ id: user.id, email: 'ana@library.test', timezone: 'America/Los_Angeles' });
    });

    it('answers 401 for a wrong password, an unknown email and an inactive user alike', async () => {
      const user = await persistUser(t.dataSource);
      const inactive = await persistUser(t.dataSource, { active: false });
      for (const body of [
        { email: user.email, password: 'not the right password' },
        { email: 'nobody@library.test', password: DEFAULT_PASSWORD },
        { email: inactive.email, password: DEFAULT_PASSWORD },
      ]) {
        const response = await request(t.http).post('/api/v1/auth/login').send(body).expect(401);
        expect(response.body.code).toBe('INVALID_CREDENTIALS');
      }
    });

    it('validates the body before checking credentials', async () => {
      const response = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: 'a@b.c', password: 'x', admin: true })
        .expect(400);
      expect(response.body.errors).toEqual([{ field: 'admin', message: 'is not an allowed field' }]);
    });

    it('answers 401 without a token, with a malformed one and with one signed by another key', async () => {
      await request(t.http).get('/api/v1/auth/me').expect(401);
      await request(t.http).get('/api/v1/auth/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
      const forged =
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJzaWQiOiIxIn0.3yJm3Wf8W2zKp2K0kq4mX4y1mYc9oQx8r3QJ3v2m7dE';
      const response = await request(t.http)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${forged}`)
        .expect(401);
      expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    });

    it('answers 401 for a token signed with the real key but without exp, without iat, or older than its lifetime', async () => {
      const { accessToken } = await signedInAs(t, Role.Viewer);
      const real = new JwtService({ secret: TEST_AUTH_SECRET, signOptions: { algorithm: 'HS256' } });
      const { sub, sid, iat, exp } = real.decode<{ sub: string; sid: string; iat: number; exp: number }>(accessToken);
      expect(exp - iat).toBe(900);
      const me = (token: string) => request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
      const now = Math.floor(Date.now() / 1000);
      const forged = {
        withoutExp: real.sign({ sub, sid }),
        withoutIat: real.sign({ sub, sid, exp }, { noTimestamp: true }),
        aDayOldWithAFarExp: real.sign({ sub, sid, iat: now - 86_400, exp: now + 86_400 }),
      };
      for (const [kind, token] of Object.entries(forged)) {
        const response = await me(token);
        expect({ kind, status: response.status, code: response.body.code }).toEqual({
          kind,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
      // The same claims with exp and iat, as Tandem signs them, are accepted.
      await me(real.sign({ sub, sid }, { expiresIn: 60 })).expect(200);
    });
  });

  describe('login rate limit', () => {
    it('answers 429 with Retry-After after too many failures for one account from one address, even with the right password', async () => {
      const user = await persistUser(t.dataSource);
      for (let i = 0; i < 5; i += 1) {
        await request(t.http)
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: 'wrong password here' })
          .expect(401);
      }
      const blocked = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: DEFAULT_PASSWORD })
        .expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
      expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      // Another account from the same address is not blocked by this account's failures (other
      // addresses are not either: test/e2e/login-ip-limit).
      const other = await persistUser(t.dataSource);
      await login(t, other.email);
    });

    it('holds across API processes because the counts live in Redis', async () => {
      const user = await persistUser(t.dataSource);
      const second = await startTandem({
        TANDEM_PROCESS: 'api',
        DATABASE_URL: databaseUrl(t.databaseName),
        AUTH_SECRET: TEST_AUTH_SECRET,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: t.redisPrefix,
        LOG_LEVEL: 'warn',
      });
      try {
        const attempt = (i: number) =>
          i % 2 === 0
            ? request(t.http)
                .post('/api/v1/auth/login')
                .send({ email: user.email, password: `wrong password ${i}` })
            : fetch(`${second.url}/api/v1/auth/login`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ email: user.email, password: `wrong password ${i}` }),
              });
        for (let i = 0; i < 5; i += 1) expect((await attempt(i)).status).toBe(401);
        const blocked = await fetch(`${second.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: user.email, password: DEFAULT_PASSWORD }),
        });
        expect(blocked.status).toBe(429);
        expect(blocked.headers.get('content-type')).toMatch(/application\/problem\+json/);
      } finally {
        await second.stop();
      }
    });
  });

  describe('POST /auth/refresh', () => {
    it('issues a new access token and rotates the cookie', async () => {
      const { refreshCookie } = await signedInAs(t, Role.Viewer);
      const response = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(200);
      expect(response.body.accessToken).toEqual(expect.any(String));
      expect(response.body.expiresIn).toBe(900);
      const rotated = refreshCookieFrom(response.headers['set-cookie']);
      expect(rotated).not.toBe(refreshCookie);
      await request(t.http)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', rotated).expect(200);
    });

    it('stores only hashes of refresh tokens', async () => {
      const { refreshCookie } = await signedInAs(t, Role.Viewer);
      const raw = refreshCookie.split('=')[1];
      const tokens = await t.dataSource.getRepository(RefreshToken).find();
      expect(tokens).toHaveLength(1);
      expect(tokens[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(tokens[0].tokenHash).not.toContain(raw);
    });

    it('revokes the whole token family when a rotated token is presented again after the grace window', async () => {
      const { refreshCookie, auth } = await signedInAs(t, Role.Staff);
      const first = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(200);
      const newest = refreshCookieFrom(first.headers['set-cookie']);

      clock.offsetMs = GRACE_MS + 1000;
      const reuse = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');

      // The legitimate newest token and every access token of the family are dead too.
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', newest).expect(401);
      await request(t.http).get('/api/v1/auth/me').set(auth).expect(401);
      await request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(401);
      const [session] = await t.dataSource.getRepository(AuthSession).find();
      expect(session.revokedReason).toBe('reuse-detected');
    });

    it('answers six tabs refreshing at once with one cookie alike, and the session lives on', async () => {
      const { refreshCookie } = await signedInAs(t, Role.Staff);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie)),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      // Every tab got the same successor: the family is still one chain of tokens.
      const cookies = new Set(results.map((r) => refreshCookieFrom(r.headers['set-cookie'])));
      expect(cookies.size).toBe(1);
      const [latest] = cookies;
      expect(latest).not.toBe(refreshCookie);
      for (const r of results) {
        await request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${r.body.accessToken}`).expect(200);
      }
      const next = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', latest).expect(200);
      expect(await t.dataSource.getRepository(RefreshToken).count()).toBe(3);

      // After the window the first cookie is reuse again: the whole family ends.
      clock.offsetMs = GRACE_MS + 1000;
      const reuse = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
      await request(t.http)
        .post('/api/v1/auth/refresh')
        .set('Cookie', refreshCookieFrom(next.headers['set-cookie']))
        .expect(401);
      await request(t.http).get('/api/v1/auth/me').set('Authorization', `Bearer ${next.body.accessToken}`).expect(401);
      const [session] = await t.dataSource.getRepository(AuthSession).find();
      expect(session.revokedReason).toBe('reuse-detected');
    });

    it('answers a late tab within the window with the chain’s current cookie when another tab has moved on', async () => {
      const { refreshCookie } = await signedInAs(t, Role.Staff);
      const first = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(200);
      const second = await request(t.http)
        .post('/api/v1/auth/refresh')
        .set('Cookie', refreshCookieFrom(first.headers['set-cookie']))
        .expect(200);
      const current = refreshCookieFrom(second.headers['set-cookie']);
      const late = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(200);
      expect(refreshCookieFrom(late.headers['set-cookie'])).toBe(current);
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', current).expect(200);
    });

    it('does not answer a rotated token within the window once the session has ended', async () => {
      const { refreshCookie } = await signedInAs(t, Role.Staff);
      const first = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(200);
      await request(t.http)
        .post('/api/v1/auth/logout')
        .set('Authorization', `Bearer ${first.body.accessToken}`)
        .expect(204);
      const again = await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(401);
      expect(again.body.code).toBe('INVALID_REFRESH_TOKEN');
    });

    it('answers 401 without a cookie or with an unknown one', async () => {
      await request(t.http).post('/api/v1/auth/refresh').expect(401);
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', 'tandem_refresh=forged-token-value').expect(401);
    });

    it('refuses to refresh for a deactivated user', async () => {
      const { user, refreshCookie } = await signedInAs(t, Role.Staff);
      await t.dataSource.getRepository(User).update({ id: user.id }, { active: false });
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(401);
    });
  });

  describe('POST /auth/logout', () => {
    it('revokes the session: the refresh token and the access token stop working', async () => {
      const { auth, refreshCookie } = await signedInAs(t, Role.Viewer);
      const response = await request(t.http)
        .post('/api/v1/auth/logout')
        .set(auth)
        .set('Cookie', refreshCookie)
        .expect(204);
      expect([response.headers['set-cookie']].flat().join()).toMatch(/tandem_refresh=;/);
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', refreshCookie).expect(401);
      await request(t.http).get('/api/v1/auth/me').set(auth).expect(401);
    });

    it('leaves the user’s other sessions alone', async () => {
      const { user, auth } = await signedInAs(t, Role.Viewer);
      const other = await login(t, user.email);
      await request(t.http).post('/api/v1/auth/logout').set(auth).expect(204);
      await request(t.http).get('/api/v1/auth/me').set(other.auth).expect(200);
    });
  });

  describe('POST /auth/password', () => {
    it('changes the password and signs out the other sessions, keeping this one', async () => {
      const { user, auth } = await signedInAs(t, Role.Staff);
      const other = await login(t, user.email);
      await request(t.http)
        .post('/api/v1/auth/password')
        .set(auth)
        .send({ currentPassword: DEFAULT_PASSWORD, newPassword: 'a brand new passphrase' })
        .expect(204);
      await request(t.http).get('/api/v1/auth/me').set(auth).expect(200);
      await request(t.http).get('/api/v1/auth/me').set(other.auth).expect(401);
      await request(t.http).post('/api/v1/auth/refresh').set('Cookie', other.refreshCookie).expect(401);
      await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: DEFAULT_PASSWORD })
        .expect(401);
      await login(t, user.email, 'a brand new passphrase');
    });

    it('refuses a wrong current password and a weak new one, changing nothing', async () => {
      const { user, auth } = await signedInAs(t, Role.Staff);
      const wrong = await request(t.http)
        .post('/api/v1/auth/password')
        .set(auth)
        .send({ currentPassword: 'not my password', newPassword: 'a brand new passphrase' })
        .expect(400);
      expect(wrong.body.code).toBe('WRONG_CURRENT_PASSWORD');
      const weak = await request(t.http)
        .post('/api/v1/auth/password')
        .set(auth)
        .send({ currentPassword: DEFAULT_PASSWORD, newPassword: 'password1234' })
        .expect(400);
      expect(weak.body.errors).toEqual([{ field: 'newPassword', message: expect.stringMatching(/common/) }]);
      await login(t, user.email);
    });
  });
});

// On an app of its own at the production cost: the suite above runs at PASSWORD_HASH_COST=test, below this weak hash.
describe('Auth at the standard password cost (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { PASSWORD_HASH_COST: 'standard' } });
  });
  afterAll(async () => t.close());

  it('upgrades a hash made with older argon2 parameters on login', async () => {
    const weak = await argon2.hash(DEFAULT_PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 4096,
      timeCost: 1,
      parallelism: 1,
    });
    const user = await persistUser(t.dataSource, { passwordHash: weak });
    await login(t, user.email);
    const stored = await t.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    expect(stored.passwordHash).not.toBe(weak);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$(?=[^$]*m=19456)(?=[^$]*t=2)(?=[^$]*p=1)/);
    await login(t, user.email);
  });
});
