import type { DataSource } from 'typeorm';

/** One demo load at a time across processes: the app's POST /demo-data and `npm run seed:demo` (pg_try_advisory_lock). */
export const DEMO_LOAD_LOCK_KEY = 727_020;

/** What `withDemoLoadLock` returns when another process holds the lock. */
export const DEMO_LOAD_LOCKED = Symbol('demo load running elsewhere');

/**
 * Runs `load` while holding the demo-load advisory lock on a connection of its own, or returns
 * DEMO_LOAD_LOCKED at once when another session holds it. The seed itself uses the pool as
 * usual (it runs many transactions, so a transaction-level lock cannot cover it).
 */
export async function withDemoLoadLock<T>(
  dataSource: DataSource,
  load: () => Promise<T>,
): Promise<T | typeof DEMO_LOAD_LOCKED> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [DEMO_LOAD_LOCK_KEY])) as {
      locked: boolean;
    }[];
    if (!locked) return DEMO_LOAD_LOCKED;
    try {
      return await load();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [DEMO_LOAD_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
