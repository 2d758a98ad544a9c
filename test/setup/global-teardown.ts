import Redis from 'ioredis';
import { runId, TEST_REDIS_URL, withAdminClient } from './test-env';

/** Drops every database and Redis key this run made, even those of a crashed suite. */
export default async function globalTeardown(): Promise<void> {
  const run = runId();
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
