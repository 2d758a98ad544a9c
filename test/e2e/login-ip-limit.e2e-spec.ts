import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DEFAULT_PASSWORD, persistUser } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';

interface LoginAnswer {
  status: number;
  retryAfter: number;
  code?: string;
}

/**
 * Login limits as seen from several source addresses. The app listens on 127.0.0.1; requests
 * from another loopback address (127.0.0.2 …, all of 127/8 is loopback on Linux) reach it with
 * that address as `request.ip` (TRUST_PROXY is off, so X-Forwarded-For plays no part).
 * Supertest can't choose a source address, so those go through node:http with `localAddress`.
 */
describe('Login limits per account and address (e2e)', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    // The account-wide count is set low here so that a few addresses reach it; the address-wide
    // one keeps its default of 50.
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '8', TRUST_PROXY: 'false' } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => t.close());

  function loginFrom(localAddress: string, email: string, password: string): Promise<LoginAnswer> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          localAddress,
          method: 'POST',
          path: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string };
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: Number(res.headers['retry-after'] ?? 0),
              code: body.code,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ email, password }));
    });
  }

  /** `count` wrong passwords from `address`, each answered 401. */
  async function failFrom(address: string, email: string, count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      expect(await loginFrom(address, email, `wrong password ${i}`)).toMatchObject({
        status: 401,
        code: 'INVALID_CREDENTIALS',
      });
    }
  }

  it('blocks the guessing address for the account, while the owner signs in from hers', async () => {
    const maya = await persistUser(t.dataSource, { name: 'Maya Chen' });
    await failFrom('127.0.0.2', maya.email, 5);
    const attacker = await loginFrom('127.0.0.2', maya.email, DEFAULT_PASSWORD);
    expect(attacker).toMatchObject({ status: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
    expect(attacker.retryAfter).toBeGreaterThan(800);
    // Maya, on another address (127.0.0.1 via supertest), is not locked out.
    await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: maya.email, password: DEFAULT_PASSWORD })
      .expect(200);
    expect(await loginFrom('127.0.0.2', maya.email, DEFAULT_PASSWORD)).toMatchObject({ status: 429 });
  });

  it('many failures for one account only block guessing addresses sooner, never the owner’s', async () => {
    const maya = await persistUser(t.dataSource, { name: 'Maya Chen' });
    await failFrom('127.0.0.3', maya.email, 5);
    expect(await loginFrom('127.0.0.3', maya.email, DEFAULT_PASSWORD)).toMatchObject({ status: 429 });
    // With the 8th failure in all the account is under attack: an address that has already
    // failed for it is now blocked after its second failure instead of its fifth.
    await failFrom('127.0.0.4', maya.email, 3);
    expect(await loginFrom('127.0.0.4', maya.email, DEFAULT_PASSWORD)).toMatchObject({
      status: 429,
      code: 'TOO_MANY_LOGIN_ATTEMPTS',
    });
    await failFrom('127.0.0.5', maya.email, 2);
    const slowed = await loginFrom('127.0.0.5', maya.email, DEFAULT_PASSWORD);
    expect(slowed).toMatchObject({ status: 429 });
    expect(slowed.retryAfter).toBeGreaterThan(800);
    // An address that has not been guessing still gets the right password checked.
    expect(await loginFrom('127.0.0.6', maya.email, DEFAULT_PASSWORD)).toMatchObject({ status: 200 });
    await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: maya.email, password: DEFAULT_PASSWORD })
      .expect(200);
  });

  it('50+ failures from one address across accounts block neither another address nor colleagues behind it', async () => {
    const sprayed = await persistUser(t.dataSource);
    const colleague = await persistUser(t.dataSource);
    for (let i = 0; i < 51; i += 1) {
      expect(await loginFrom('127.0.0.7', `guess-${i}@library.test`, 'Summer2026!!')).toMatchObject({ status: 401 });
    }
    await failFrom('127.0.0.7', sprayed.email, 2);
    // The guessing address is slowed for the account it guessed at: 429 after its second failure.
    const guesser = await loginFrom('127.0.0.7', sprayed.email, DEFAULT_PASSWORD);
    expect(guesser).toMatchObject({ status: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
    expect(guesser.retryAfter).toBeGreaterThan(0);
    // A colleague behind the same (shared branch) address, who has not failed, signs in.
    expect(await loginFrom('127.0.0.7', colleague.email, DEFAULT_PASSWORD)).toMatchObject({ status: 200 });
    // Another address is not affected at all.
    await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: sprayed.email, password: DEFAULT_PASSWORD })
      .expect(200);
    expect(await loginFrom('127.0.0.8', sprayed.email, DEFAULT_PASSWORD)).toMatchObject({ status: 200 });
  });
});
