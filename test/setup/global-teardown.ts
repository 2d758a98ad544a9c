import { existsSync, rmSync } from 'node:fs';
import Redis from 'ioredis';
import { scanLog } from './log-scan';
import { runId, runLogFile, TEST_REDIS_URL, withAdminClient } from './test-env';

/**
 * Drops every database and Redis key this run made, even those of a crashed suite. Then reads
 * the log every test app wrote (test-app.ts) and fails the run if it holds an email address, a
 * phone number or a token: whatever a test did, none may reach the log.
 */
export default async function globalTeardown(): Promise<void> {
  const run = runId();
  try {
    await dropRunData(run);
  } finally {
    await checkRunLog(run);
  }
}

async function checkRunLog(run: string): Promise<void> {
  const file = runLogFile(run);
  // A second project's teardown in the same run finds it checked and gone.
  if (!existsSync(file)) return;
  const { lines, findings } = await scanLog(file);
  if (findings.length > 0) {
    const shown = findings
      .slice(0, 20)
      .map((finding) => `  line ${finding.line} (${finding.kind} "${finding.match}"): ${finding.text}`);
    throw new Error(
      `The app's log holds personal data or tokens in ${findings.length} of ${lines} lines (kept in ${file}):\n${shown.join('\n')}${findings.length > 20 ? '\n  …' : ''}`,
    );
  }
  process.stdout.write(
    `\nlog scan: ${lines} lines the test apps logged hold no email address, phone number or token\n`,
  );
  if (!process.env.TEST_LOG_FILE) rmSync(file, { force: true });
}

async function dropRunData(run: string): Promise<void> {
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `tandem_e2e_${run}_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
  const redis = new Redis(TEST_REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `tandem-test-${run}*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
