/**
 * The parts every benchmark shares: progress lines with timings, cleanup on success, failure
 * and Ctrl-C, a database of its own migrated by Tandem's migrations, Tandem started as
 * production runs it, measured load rounds with CPU accounting, and number formatting.
 * Used by directory/run.ts and sessions/run.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { backendCpu, backendCpuDelta, machineBusyMs, processCpuMs } from './cpu';
import { fetchOnce, merge, percentile, runLoad, Sample, Target } from './load';
import { freePort } from '../../src/database/free-port';
import { Child, startChild, tail } from './processes';

export const REPO = join(__dirname, '..', '..', '..', '..');
export const TANDEM_MAIN = join(REPO, 'dist', 'src', 'main.js');
export const SQL_COUNTER = join(__dirname, 'sql-counter.js');

/** A failure the user can act on: `next` says what to do. */
export class BenchError extends Error {
  constructor(
    message: string,
    readonly next: string,
  ) {
    super(message);
  }
}

/** Undo actions, run last-in first-out once, on success, failure or Ctrl-C. */
export class Cleanup {
  private readonly tasks: Array<{ label: string; run: () => Promise<void> }> = [];
  private running?: Promise<void>;

  add(label: string, run: () => Promise<void>): void {
    this.tasks.push({ label, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const task of this.tasks.reverse()) {
        try {
          await task.run();
        } catch (error) {
          console.error(`      cleanup: could not ${task.label}: ${(error as Error).message}`);
        }
      }
    })();
    return this.running;
  }
}

let step = 0;
let steps = 0;
/** How many numbered steps `header` counts to. */
export function planSteps(total: number): void {
  steps = total;
}
export function header(text: string): void {
  step += 1;
  console.log(`[${step}/${steps}] ${text}`);
}

/** Set by Ctrl-C: from then on only the cleanup reports progress. */
let interrupted = false;
export const isInterrupted = () => interrupted;

/**
 * Ctrl-C (or SIGTERM) stops the work, runs the cleanup and exits 130, printing
 * `<name> bench: INTERRUPTED`.
 */
export function cleanUpOnSignal(name: string, cleanup: Cleanup, started: number): void {
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    console.log(`\n${signal}: stopping and cleaning up`);
    void cleanup.run().finally(() => {
      console.log(`${name} bench: INTERRUPTED — nothing measured — ${seconds(started)}`);
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** One progress line per piece of work, finished with its duration. */
export async function timed<T>(label: string, work: () => Promise<T>, always = false): Promise<T> {
  const say = (text: string) => (always || !interrupted) && process.stdout.write(text);
  say(`      ${label} … `);
  const started = performance.now();
  try {
    const result = await work();
    say(`${seconds(started)}\n`);
    return result;
  } catch (error) {
    say('failed\n');
    throw error;
  }
}

/** A ratio with 2 decimals, or 3 where 2 would print the limit itself for a value beside it. */
export const ratio = (value: number, limit: number) =>
  `${value.toFixed(value.toFixed(2) === limit.toFixed(2) && value !== limit ? 3 : 2)}×`;
export const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const int = (value: number) => Math.round(value).toLocaleString('en-US');
/** host:port of a connection URL, never its password. */
export const server = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}`;
};

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  return client;
}

/** `SELECT "o"."id" AS "o_id", … 22 columns … FROM …` → readable on one line. */
export function shortSql(sql: string, width = 150): string {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  const compact = oneLine.replace(/^SELECT (.*?) FROM /, (_all, list: string) => {
    const columns = list.split(/, (?=")/).length;
    return columns > 4 ? `SELECT <${columns} columns> FROM ` : `SELECT ${list} FROM `;
  });
  return compact.length > width ? `${compact.slice(0, width - 1)}…` : compact;
}

export interface BenchSettings {
  adminUrl: string;
  redisUrl: string;
  runId: string;
  dbName: string;
  benchUrl: string;
}

/** Where the bench runs: BENCH_ADMIN_URL (or DATABASE_URL), REDIS_URL, a fresh database name. */
export function benchSettings(): BenchSettings {
  const adminUrl =
    process.env.BENCH_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const runId = randomBytes(4).toString('hex');
  const dbName = `tandem_bench_${runId}`;
  return { adminUrl, redisUrl, runId, dbName, benchUrl: databaseUrl(adminUrl, dbName) };
}

/**
 * Creates the bench's own database and runs Tandem's migrations on it with the app's own
 * data-source options; the cleanup drops it. Prints its own progress lines (no header).
 */
export async function createMigratedDatabase(settings: BenchSettings, cleanup: Cleanup): Promise<void> {
  const { adminUrl, dbName, benchUrl } = settings;
  const admin = await connect(adminUrl).catch((error: Error) => {
    throw new BenchError(
      `cannot connect to PostgreSQL at ${server(adminUrl)}: ${error.message}`,
      'Start PostgreSQL, or set BENCH_ADMIN_URL=postgres://user:password@host:5432/postgres to a server where that user may CREATE DATABASE.',
    );
  });
  const pgVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  const leftovers = (
    await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'tandem\\_bench\\_%'`)
  ).rows;
  if (leftovers.length > 0) {
    console.log(
      `      note: ${leftovers.length} database(s) left by interrupted runs (${leftovers.map((r) => r.datname).join(', ')}); ` +
        'drop them with DROP DATABASE … WITH (FORCE) once no benchmark is running',
    );
  }
  await timed(`CREATE DATABASE (PostgreSQL ${pgVersion})`, () =>
    admin.query(`CREATE DATABASE "${dbName}"`).catch((error: Error) => {
      throw new BenchError(
        `cannot create a database: ${error.message}`,
        'Use BENCH_ADMIN_URL with a user that has CREATEDB (e.g. postgres).',
      );
    }),
  );
  cleanup.add(`drop database ${dbName} (drop it by hand: DROP DATABASE "${dbName}" WITH (FORCE))`, async () => {
    await timed(`DROP DATABASE ${dbName}`, () => admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`), true);
    await admin.end();
  });
  await timed("Tandem's migrations", async () => {
    const dataSource = new DataSource(dataSourceOptions(benchUrl, 2));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
  });
}

/**
 * Tandem as production runs it: the built app, API process only, in a child process with the
 * SQL counter preloaded, in an empty working directory so that a developer's .env cannot
 * change what is measured. Resolves once /health answers; the cleanup stops it.
 */
export async function startTandem(
  settings: BenchSettings,
  cleanup: Cleanup,
  options: { poolSize: number; env?: Record<string, string>; nodeArgs?: string[] },
): Promise<{ child: Child; url: string; workDir: string }> {
  const workDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  cleanup.add(`remove ${workDir}`, async () => rmSync(workDir, { recursive: true, force: true }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await timed('ready', async () => {
    const started = startChild(
      process.execPath,
      [...(options.nodeArgs ?? []), TANDEM_MAIN],
      {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        NODE_OPTIONS: `--require "${SQL_COUNTER}"`,
        TANDEM_PROCESS: 'api',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: settings.benchUrl,
        DATABASE_POOL_SIZE: String(options.poolSize),
        AUTH_SECRET: randomBytes(48).toString('base64url'),
        REDIS_URL: settings.redisUrl,
        REDIS_PREFIX: `tandem-bench-${settings.runId}`,
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        ...options.env,
      },
      workDir,
    );
    cleanup.add('stop Tandem', () => timed('stop Tandem', () => started.stop(), true));
    await waitForHealth(started, `${url}/api/v1/health`);
    return started;
  });
  return { child, url, workDir };
}

/** Signs in through the API; resolves with the access token. */
export async function signIn(tandemUrl: string, tandem: Child, email: string, password: string): Promise<string> {
  return timed(`sign in as ${email}`, async () => {
    const response = await fetch(`${tandemUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = (await response.json()) as { accessToken?: string; detail?: string };
    if (response.status !== 200 || !body.accessToken) {
      throw new BenchError(
        `sign-in answered ${response.status}: ${body.detail ?? JSON.stringify(body)}`,
        `Check Tandem's output:\n${tail(tandem.output())}`,
      );
    }
    return body.accessToken;
  });
}

/** One measured round: the requests, and the CPU each party used meanwhile (ms; undefined if unknown). */
export interface Round {
  sample: Sample;
  serverCpu?: number;
  databaseCpu?: number;
  clientCpu: number;
  machineBusy?: number;
}

export interface Side {
  name: string;
  sample: Sample;
  median: number;
  p95: number;
  throughput: number;
  /** CPU per request, ms. */
  serverCpu?: number;
  databaseCpu?: number;
  clientCpu: number;
  /** CPUs (0..n) that other processes kept busy on average during the rounds. */
  otherCpus?: number;
}

const sum = (values: Array<number | undefined>) =>
  values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + (v as number), 0);

export function summarize(name: string, rounds: Round[]): Side {
  const sample = merge(rounds.map((r) => r.sample));
  const requests = sample.latenciesMs.length;
  const serverCpu = sum(rounds.map((r) => r.serverCpu));
  const databaseCpu = sum(rounds.map((r) => r.databaseCpu));
  const clientCpu = sum(rounds.map((r) => r.clientCpu)) as number;
  const machineBusy = sum(rounds.map((r) => r.machineBusy));
  const ours = sum([serverCpu, databaseCpu, clientCpu]);
  return {
    name,
    sample,
    median: percentile(sample.latenciesMs, 50),
    p95: percentile(sample.latenciesMs, 95),
    throughput: requests / sample.seconds,
    serverCpu: serverCpu === undefined ? undefined : serverCpu / requests,
    databaseCpu: databaseCpu === undefined ? undefined : databaseCpu / requests,
    clientCpu: clientCpu / requests,
    otherCpus:
      machineBusy === undefined || ours === undefined
        ? undefined
        : Math.max(0, machineBusy - ours) / (sample.seconds * 1000),
  };
}

/** Loads `target` for one round and notes the CPU time every party spent on it. */
export async function measureRound(
  target: Target,
  serverPid: number | undefined,
  db: Client,
  dbName: string,
  load: { concurrency: number; roundMs: number },
): Promise<Round> {
  const server0 = processCpuMs(serverPid);
  const database0 = await backendCpu(db, dbName);
  const client0 = process.cpuUsage();
  const machine0 = machineBusyMs();
  const sample = await runLoad(target, load.concurrency, load.roundMs);
  const machine1 = machineBusyMs();
  const client = process.cpuUsage(client0);
  const server1 = processCpuMs(serverPid);
  const database1 = await backendCpu(db, dbName);
  return {
    sample,
    serverCpu: server0 === undefined || server1 === undefined ? undefined : server1 - server0,
    databaseCpu: backendCpuDelta(database0, database1),
    clientCpu: (client.user + client.system) / 1000,
    machineBusy: machine0 === undefined || machine1 === undefined ? undefined : machine1 - machine0,
  };
}

export async function waitForHealth(child: Child, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new BenchError(
        `Tandem exited with code ${child.process.exitCode}:\n${tail(child.output())}`,
        'Fix what its output says; `npm run build` if dist/ is stale.',
      );
    }
    if (Date.now() > deadline) {
      throw new BenchError(
        `Tandem did not answer ${url} within ${timeoutMs / 1000} s:\n${tail(child.output())}`,
        'Check that PostgreSQL is reachable; see the output above.',
      );
    }
    const healthy = await fetch(url)
      .then((r) => r.status < 500)
      .catch(() => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function expectOk(target: Target, child: Child): Promise<void> {
  const { status, body } = await fetchOnce(target);
  if (status !== 200)
    throw new BenchError(
      `${target.name} answered ${status}: ${body.slice(0, 300)}`,
      `Its output:\n${tail(child.output())}`,
    );
}

/** Both servers must answer `path` byte for byte the same; resolves with the shared body. */
export async function sameAnswer(
  tandem: Target,
  baseline: Target,
  baselineChild: Child,
  mapperHint: string,
): Promise<string> {
  const [ours, theirs] = await Promise.all([fetchOnce(tandem), fetchOnce(baseline)]);
  if (ours.status !== 200 || theirs.status !== 200) {
    throw new BenchError(
      `status Tandem ${ours.status}, baseline ${theirs.status}`,
      `Baseline output:\n${tail(baselineChild.output())}`,
    );
  }
  if (ours.body !== theirs.body) {
    let at = 0;
    while (at < ours.body.length && ours.body[at] === theirs.body[at]) at += 1;
    throw new BenchError(
      `the answers differ at character ${at}:\n      Tandem:   …${ours.body.slice(Math.max(0, at - 60), at + 60)}…\n` +
        `      baseline: …${theirs.body.slice(Math.max(0, at - 60), at + 60)}…`,
      mapperHint,
    );
  }
  return ours.body;
}

/** The benchmark's verdict line and exit code after a run that threw. */
export async function failed(name: string, error: unknown, cleanup: Cleanup, started: number): Promise<number> {
  // After Ctrl-C the work fails because its servers are gone; the signal handler reports.
  if (interrupted) return new Promise<number>(() => undefined);
  const next =
    error instanceof BenchError ? error.next : 'This is a bug in the benchmark; the stack trace above shows where.';
  if (!(error instanceof BenchError)) console.error(error);
  console.log('\nCleaning up');
  await cleanup.run();
  console.log(`\nerror: ${(error as Error).message}\nnext: ${next}`);
  console.log(`${name} bench: ERROR — ${(error as Error).message.split('\n')[0]} — ${seconds(started)}`);
  return 2;
}

/** `main().then(exit)`, with an unexpected rejection exiting 2. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}

export { percentile, tail };
