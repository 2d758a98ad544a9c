import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTandem, TandemProcess } from '../setup/tandem-process';
import {
  databaseUrl,
  runId,
  TEST_AUTH_SECRET,
  TEST_REDIS_URL,
  templateDatabase,
  withAdminClient,
} from '../setup/test-env';
import { deleteRedisKeys } from '../setup/test-app';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

describe('Running Tandem as processes (e2e)', () => {
  const prefix = `tandem-test-${runId()}-processes`;
  let dataDir: string;
  let running: TandemProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-smoke-'));
  });
  afterEach(async () => {
    await running?.stop('SIGKILL');
    running = undefined;
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await deleteRedisKeys(prefix);
  });

  it('embedded default: setup, login and me work, and the data survives a restart', async () => {
    const env = {
      TANDEM_DATA_DIR: dataDir,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
    };
    running = await startTandem(env, { timeoutMs: 60_000 });
    const credentials = { email: 'maya@library.test', password: 'our first partnership' };
    const admin = { ...credentials, name: 'Maya Chen' };
    expect(
      (await json(`${running.url}/api/v1/auth/setup`, { method: 'POST', body: JSON.stringify(admin) })).status,
    ).toBe(201);
    const first = await json(`${running.url}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify(credentials) });
    expect(first.status).toBe(200);
    const me = await json(`${running.url}/api/v1/auth/me`, {
      headers: { Authorization: `Bearer ${first.body.accessToken}` },
    });
    expect(me.body).toMatchObject({ email: 'maya@library.test', role: 'admin' });
    expect(running.output()).toMatch(/embedded PostgreSQL started/);
    // Logs are JSON with request ids, and hold no personal data, passwords or tokens.
    const requestLines = running
      .output()
      .split('\n')
      .filter((line) => line.includes('"req":'));
    expect(requestLines.length).toBeGreaterThanOrEqual(3);
    for (const line of requestLines) expect(JSON.parse(line).req.id).toMatch(/^[0-9a-f-]{36}$/);
    for (const secret of [credentials.email, credentials.password, 'Maya Chen', String(first.body.accessToken)]) {
      expect(running.output()).not.toContain(secret);
    }
    expect(await running.stop()).toBe(0);

    // Restarted on the same data dir, this time without Redis: degraded, yet serving.
    running = await startTandem({ ...env, REDIS_URL: 'redis://127.0.0.1:1' }, { timeoutMs: 60_000 });
    const health = await json(`${running.url}/api/v1/health`);
    expect(health).toMatchObject({ status: 200, body: { status: 'degraded', checks: { database: { status: 'up' } } } });
    expect(
      (await json(`${running.url}/api/v1/auth/setup`, { method: 'POST', body: JSON.stringify(admin) })).status,
    ).toBe(409);
    const again = await json(`${running.url}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify(credentials) });
    expect(again.status).toBe(200);
    const meAgain = await json(`${running.url}/api/v1/auth/me`, {
      headers: { Authorization: `Bearer ${again.body.accessToken}` },
    });
    expect(meAgain.body.id).toBe(me.body.id);
    // The old access token is still valid: the generated AUTH_SECRET was kept in the data dir.
    expect(
      (await json(`${running.url}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${first.body.accessToken}` } }))
        .status,
    ).toBe(200);
    const redisLines = running
      .output()
      .split('\n')
      .filter((line) => line.includes('Redis is unreachable'));
    expect(redisLines).toHaveLength(1);
    expect(redisLines[0]).toMatch(/redis-server/);
    expect(await running.stop()).toBe(0);
  }, 150_000);

  it('TANDEM_PROCESS=worker starts, connects to Redis, schedules its jobs and stops cleanly on SIGTERM', async () => {
    const name = `tandem_e2e_${runId()}_worker`;
    await withAdminClient((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`));
    try {
      running = await startTandem(
        {
          TANDEM_PROCESS: 'worker',
          DATABASE_URL: databaseUrl(name),
          AUTH_SECRET: TEST_AUTH_SECRET,
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: prefix,
          LOG_FORMAT: 'json',
        },
        { readyLine: /recurring jobs scheduled/ },
      );
      expect(running.output()).toMatch(/Tandem worker started/);
      expect(running.output()).toMatch(/recurring jobs scheduled/);
      expect(running.output()).not.toMatch(/Nest application successfully started/);
      expect(await running.stop('SIGTERM')).toBe(0);
    } finally {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  }, 60_000);

  it.each([
    [{ PORT: 'abc' }, /^Configuration error: PORT must be an integer/],
    [{ TANDEM_PROCESS: 'api' }, /^Configuration error: DATABASE_URL is required when TANDEM_PROCESS=api/],
    [{ DATABASE_URL: 'postgres://db/tandem' }, /^Configuration error: AUTH_SECRET is required/],
    [
      { DATABASE_URL: 'postgres://db/tandem', AUTH_SECRET: 'short' },
      /^Configuration error: AUTH_SECRET must be at least 32 characters/,
    ],
    [{ REDIS_URL: 'localhost:6379' }, /^Configuration error: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL\. Fix/],
    [{ LOG_LEVEL: 'loud' }, /^Configuration error: LOG_LEVEL must be one of the following values: .* \(got "loud"\)/],
  ])('stops with one clear line for a bad configuration %j', (env, message) => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', TANDEM_DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toContain('short');
  });
});
