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
