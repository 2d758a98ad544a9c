import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** Where the e2e tests find PostgreSQL and Redis (the machine's own, started by .ci/run). */
export const TEST_PG_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_AUTH_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

export function runId(): string {
  const id = process.env.TANDEM_TEST_RUN;
  if (!id) throw new Error('TANDEM_TEST_RUN is not set: run the e2e tests through jest (globalSetup sets it)');
  return id;
}

/**
 * Where every test app of the run writes its log (info and above, JSON), for the scan at the
 * end of the run (global-teardown.ts). `TEST_LOG_FILE` names a file to use (and keep) instead.
 */
export function runLogFile(run = runId()): string {
  return process.env.TEST_LOG_FILE ?? join(tmpdir(), `tandem-e2e-${run}.log`);
}

export function templateDatabase(run = runId()): string {
  return `tandem_e2e_${run}_tpl`;
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
