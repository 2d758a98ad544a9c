import request from 'supertest';
import { DEFAULT_PASSWORD, persistUser } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';

describe('Login limit per IP address (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_IP: '3' } });
  });
  afterAll(async () => t.close());

  it('blocks an address after too many failures across accounts, even for a right password', async () => {
    const user = await persistUser(t.dataSource);
    for (const email of ['a@library.test', 'b@library.test', 'c@library.test']) {
      await request(t.http).post('/api/v1/auth/login').send({ email, password: 'wrong password here' }).expect(401);
    }
    const response = await request(t.http).post('/api/v1/auth/login').send({ email: user.email, password: DEFAULT_PASSWORD });
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body).toMatchObject({ status: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
  });
});
