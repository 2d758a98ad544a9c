/**
 * Preloaded into Tandem's worker by the reminders bench (`node --require`); the app never
 * imports it. It counts and times every statement the worker's `pg` clients send (from the
 * call to the answer, so it includes waiting behind another query on the same connection but
 * not waiting for a pool connection), and with BENCH_CPU_PROFILE=1 it samples the worker's CPU
 * with the V8 profiler.
 *
 * On SIGUSR2 it writes what it saw since the previous signal as one JSON line on stderr
 * (prefixed with PROBE_PREFIX): the statements, and the path of the CPU profile of that span
 * (written into BENCH_PROFILE_DIR). Then it starts afresh.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { PROBE_PREFIX, ProbeReport, TimedStatement } from './probe-report';

let seen = new Map<string, TimedStatement>();

const originalQuery = Client.prototype.query;
Client.prototype.query = function timedQuery(this: Client, ...args: unknown[]): unknown {
  const config = args[0];
  const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  const t0 = performance.now();
  const map = seen;
  const record = () => {
    const entry = map.get(text) ?? { sql: text, calls: 0, ms: 0 };
    entry.calls += 1;
    entry.ms += performance.now() - t0;
    map.set(text, entry);
  };
  const callback = args[args.length - 1];
  if (typeof callback === 'function') {
    args[args.length - 1] = function (this: unknown, ...results: unknown[]) {
      record();
      return (callback as (...a: unknown[]) => unknown).apply(this, results);
    };
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  }
  const result = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === 'function')
    (result as Promise<unknown>).then(record, record);
  return result;
} as typeof originalQuery;

const profileDir = process.env.BENCH_CPU_PROFILE === '1' ? process.env.BENCH_PROFILE_DIR : undefined;
let session: Session | undefined;
let profiles = 0;

function post<T>(method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

async function startProfile(): Promise<void> {
  if (!profileDir) return;
  if (!session) {
    session = new Session();
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
  }
  await post('Profiler.start');
}

async function stopProfile(): Promise<string | undefined> {
  if (!session) return undefined;
  const { profile } = await post<{ profile: object }>('Profiler.stop');
  profiles += 1;
  const path = join(profileDir!, `worker-${profiles}.cpuprofile`);
  writeFileSync(path, JSON.stringify(profile));
  return path;
}

process.on('SIGUSR2', () => {
  const statements = [...seen.values()];
  seen = new Map();
  void (async () => {
    const profile = await stopProfile().catch(() => undefined);
    await startProfile().catch(() => undefined);
    const report: ProbeReport = { statements, profile };
    process.stderr.write(`${PROBE_PREFIX}${JSON.stringify(report)}\n`);
  })();
});
