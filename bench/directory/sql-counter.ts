/**
 * Preloaded into the Tandem process by the directory benchmark (`node --require`); the app
 * never imports it. It counts every statement Tandem's `pg` clients send, because the usual
 * server-side counter, pg_stat_statements, needs `shared_preload_libraries` and so a server
 * restart, and PostgreSQL 15 publishes its other counters (pg_stat_database, pg_stat_user_*)
 * only up to 10 s late.
 *
 * On SIGUSR2 it writes the statements seen since the previous report as one JSON line on
 * stderr (prefixed with SQL_REPORT_PREFIX) and starts afresh, then where the process's memory
 * is at that moment (MEMORY_REPORT_PREFIX): the resident set, V8's heap by space, and buffers.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { Client } from 'pg';
import { MEMORY_REPORT_PREFIX, MemoryReport, SeenStatement, SQL_REPORT_PREFIX } from './sql-report';

let seen = new Map<string, SeenStatement>();

const originalQuery = Client.prototype.query;
// pg's query() has many overloads; the wrapper only looks at the text and passes all through.
Client.prototype.query = function countedQuery(this: Client, ...args: unknown[]): unknown {
  const [config, values] = args as [unknown, unknown];
  const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
  if (typeof text === 'string') {
    const params = Array.isArray(values) ? values : ((config as { values?: unknown[] }).values ?? []);
    const entry = seen.get(text) ?? { sql: text, values: [], calls: 0 };
    entry.calls += 1;
    entry.values = params;
    seen.set(text, entry);
  }
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof originalQuery;

process.on('SIGUSR2', () => {
  process.stderr.write(`${SQL_REPORT_PREFIX}${JSON.stringify([...seen.values()])}\n`);
  seen = new Map();
  const { rss, external, arrayBuffers } = process.memoryUsage();
  const memory: MemoryReport = {
    rss,
    external,
    arrayBuffers,
    heap: Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size])),
  };
  process.stderr.write(`${MEMORY_REPORT_PREFIX}${JSON.stringify(memory)}\n`);
});
