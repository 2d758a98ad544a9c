import request from 'supertest';
import { createTestApp, TestApp } from '../setup/test-app';

describe('GET /api/v1/health', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('is ok when the database and Redis answer', async () => {
    t = await createTestApp();
    const response = await request(t.http).get('/api/v1/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is degraded, and still 200, when Redis is unreachable', async () => {
    t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    const response = await request(t.http).get('/api/v1/health').expect(200);
    expect(response.body.status).toBe('degraded');
    expect(response.body.checks.database).toEqual({ status: 'up' });
    expect(response.body.checks.redis.status).toBe('down');
  });

  it('is down with 503 when the database is gone', async () => {
    t = await createTestApp();
    await t.dataSource.destroy();
    const response = await request(t.http).get('/api/v1/health').expect(503);
    expect(response.body.status).toBe('down');
    expect(response.body.checks.database.status).toBe('down');
    await t.dataSource.initialize();
  });
});

describe('HTTP hardening (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('allows cross-origin calls from PUBLIC_URL only, with credentials', async () => {
    const allowed = await request(t.http)
      .options('/api/v1/auth/login')
      .set('Origin', 'http://tandem.test')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://tandem.test');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const other = await request(t.http)
      .options('/api/v1/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    // A fixed origin: the browser refuses the response for any other page.
    expect(other.headers['access-control-allow-origin']).toBe('http://tandem.test');
  });

  it('sends security headers and no X-Powered-By', async () => {
    const response = await request(t.http).get('/api/v1/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers every API request with Cache-Control: no-store, errors included', async () => {
    const answers = await Promise.all([
      request(t.http).get('/api/v1/health'),
      request(t.http).get('/api/v1/auth/me'),
      request(t.http).get('/api/v1/no-such-route'),
      request(t.http).post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email":'),
      request(t.http).get('/api/docs-json'),
      request(t.http).get('/feedback/not-a-real-token'),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 404, 400, 200, 404]);
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
    // The web app's own files keep their caching (web-app.ts); nothing outside the server's paths gets no-store.
    const page = await request(t.http).get('/organizations').set('Accept', 'text/html');
    expect(page.headers['cache-control']).not.toBe('no-store');
  });

  it('keeps a well-formed X-Request-Id from a proxy and echoes it in problem details', async () => {
    const response = await request(t.http).get('/api/v1/auth/me').set('X-Request-Id', 'proxy-req-12345');
    expect(response.status).toBe(401);
    expect(response.headers['x-request-id']).toBe('proxy-req-12345');
    expect(response.body.requestId).toBe('proxy-req-12345');
  });
});
