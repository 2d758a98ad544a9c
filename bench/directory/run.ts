/**
 * Directory benchmark: Tandem's organization search against a minimal `node:http` + `pg`
 * server running the same SQL on the same data. See bench/README.md for how to run and read
 * it. Run with `npm run bench:directory`; never part of `npm test`.
 *
 * Exit code: 0 every target met, 1 a target missed, 2 the benchmark could not run.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PasswordService } from '../../src/auth/password.service';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { backendCpu, backendCpuDelta, machineBusyMs, processCpuMs } from './cpu';
import { fetchOnce, merge, percentile, runLoad, Sample, Target } from './load';
import { Child, freePort, startChild, tail } from './processes';
import { seed, SEARCH_WORD } from './seed';
import { parseSqlReport, SeenStatement, SQL_REPORT_PREFIX } from './sql-report';

// Targets from the issue.
const MAX_MEDIAN_RATIO = 2;
const MIN_THROUGHPUT_RATIO = 0.5;
const MAX_STATEMENTS_PER_REQUEST = 2;

// Load shape: sized for a 2-core machine and a run of about a minute and a half.
const CONCURRENCY = 8;
const WARMUP_MS = 2_000;
/** Measured time per server, split into alternating rounds so drift hits both sides alike. */
const ROUNDS = 5;
const ROUND_MS = 2_000;
const COUNTED_REQUESTS = 100;
const POOL_SIZE = 10;

const REPO = join(__dirname, '..', '..', '..', '..');
const TANDEM_MAIN = join(REPO, 'dist', 'src', 'main.js');
const BASELINE_MAIN = join(__dirname, 'baseline-server.js');
const SQL_COUNTER = join(__dirname, 'sql-counter.js');
const STEPS = 7;

/** A failure the user can act on: `next` says what to do. */
class BenchError extends Error {
  constructor(
    message: string,
    readonly next: string,
  ) {
    super(message);
  }
}

/** Undo actions, run last-in first-out once, on success, failure or Ctrl-C. */
class Cleanup {
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
function header(text: string): void {
  step += 1;
  console.log(`[${step}/${STEPS}] ${text}`);
}

/** Set by Ctrl-C: from then on only the cleanup reports progress. */
let interrupted = false;

/** One progress line per piece of work, finished with its duration. */
async function timed<T>(label: string, work: () => Promise<T>, always = false): Promise<T> {
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
const ratio = (value: number, limit: number) => `${value.toFixed(value.toFixed(2) === limit.toFixed(2) && value !== limit ? 3 : 2)}×`;
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const int = (value: number) => Math.round(value).toLocaleString('en-US');
/** host:port of a connection URL, never its password. */
const server = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}`;
};

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  return client;
}

/** `SELECT "o"."id" AS "o_id", … 22 columns … FROM …` → readable on one line. */
function shortSql(sql: string, width = 150): string {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  const compact = oneLine.replace(/^SELECT (.*?) FROM /, (_all, list: string) => {
    const columns = list.split(/, (?=")/).length;
    return columns > 4 ? `SELECT <${columns} columns> FROM ` : `SELECT ${list} FROM `;
  });
  return compact.length > width ? `${compact.slice(0, width - 1)}…` : compact;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** One measured round: the requests, and the CPU each party used meanwhile (ms; undefined if unknown). */
interface Round {
  sample: Sample;
  serverCpu?: number;
  databaseCpu?: number;
  clientCpu: number;
  machineBusy?: number;
}

interface Side {
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

const sum = (values: Array<number | undefined>) => (values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + (v as number), 0));

function summarize(name: string, rounds: Round[]): Side {
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
    otherCpus: machineBusy === undefined || ours === undefined ? undefined : Math.max(0, machineBusy - ours) / (sample.seconds * 1000),
  };
}

/** Loads `target` for one round and notes the CPU time every party spent on it. */
async function measureRound(target: Target, serverPid: number | undefined, db: Client, dbName: string): Promise<Round> {
  const server0 = processCpuMs(serverPid);
  const database0 = await backendCpu(db, dbName);
  const client0 = process.cpuUsage();
  const machine0 = machineBusyMs();
  const sample = await runLoad(target, CONCURRENCY, ROUND_MS);
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

async function main(): Promise<number> {
  const started = performance.now();
  const adminUrl = process.env.BENCH_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const runId = randomBytes(4).toString('hex');
  const dbName = `tandem_bench_${runId}`;
  const benchUrl = databaseUrl(adminUrl, dbName);
  const cleanup = new Cleanup();
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    console.log(`\n${signal}: stopping and cleaning up`);
    void cleanup.run().finally(() => {
      console.log(`directory bench: INTERRUPTED — nothing measured — ${seconds(started)}`);
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    if (!existsSync(TANDEM_MAIN)) {
      throw new BenchError(`${TANDEM_MAIN} does not exist`, 'Run `npm run bench:directory`, which builds Tandem first (or `npm run build`).');
    }
    console.log(`Directory benchmark — ${cpus().length} CPUs, Node ${process.version}, ${CONCURRENCY} concurrent clients`);

    // 1. A database of our own, migrated by Tandem's own migrations.
    header(`database ${dbName} on ${server(adminUrl)}`);
    const admin = await connect(adminUrl).catch((error: Error) => {
      throw new BenchError(
        `cannot connect to PostgreSQL at ${server(adminUrl)}: ${error.message}`,
        'Start PostgreSQL, or set BENCH_ADMIN_URL=postgres://user:password@host:5432/postgres to a server where that user may CREATE DATABASE.',
      );
    });
    const pgVersion = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    const leftovers = (await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'tandem\\_bench\\_%'`)).rows;
    if (leftovers.length > 0) {
      console.log(
        `      note: ${leftovers.length} database(s) left by interrupted runs (${leftovers.map((r) => r.datname).join(', ')}); ` +
          'drop them with DROP DATABASE … WITH (FORCE) once no benchmark is running',
      );
    }
    await timed(`CREATE DATABASE (PostgreSQL ${pgVersion})`, () =>
      admin.query(`CREATE DATABASE "${dbName}"`).catch((error: Error) => {
        throw new BenchError(`cannot create a database: ${error.message}`, 'Use BENCH_ADMIN_URL with a user that has CREATEDB (e.g. postgres).');
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

    // 2. Data, and an admin to sign in as.
    header('seed');
    const db = await connect(benchUrl);
    cleanup.add('close the seeding connection', () => db.end());
    const seeded = await seed(db, timed);
    const share = (100 * seeded.mentioningWord) / seeded.organizations;
    console.log(`      "${SEARCH_WORD}" appears in ${int(seeded.mentioningWord)} organizations (${share.toFixed(1)} %)`);
    const email = 'bench-admin@tandem.test';
    const password = randomBytes(18).toString('base64url');
    await timed('admin user (argon2id)', async () => {
      const hash = await new PasswordService().hash(password);
      await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Bench Admin', 'admin', $2)`, [email, hash]);
    });

    // 3. Tandem as production runs it: the built app, API process only, in a child process.
    header('start Tandem (node dist/src/main.js, TANDEM_PROCESS=api)');
    const workDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
    cleanup.add(`remove ${workDir}`, async () => rmSync(workDir, { recursive: true, force: true }));
    const port = await freePort();
    const tandemUrl = `http://127.0.0.1:${port}`;
    const tandem = await timed('ready', async () => {
      // The working directory is empty so a developer's .env cannot change what is measured.
      const child = startChild(
        process.execPath,
        [TANDEM_MAIN],
        {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          NODE_OPTIONS: `--require "${SQL_COUNTER}"`,
          TANDEM_PROCESS: 'api',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATABASE_URL: benchUrl,
          DATABASE_POOL_SIZE: String(POOL_SIZE),
          AUTH_SECRET: randomBytes(48).toString('base64url'),
          REDIS_URL: redisUrl,
          REDIS_PREFIX: `tandem-bench-${runId}`,
          LOG_LEVEL: 'warn',
          LOG_FORMAT: 'json',
        },
        workDir,
      );
      cleanup.add('stop Tandem', () => timed('stop Tandem', () => child.stop(), true));
      await waitForHealth(child, `${tandemUrl}/api/v1/health`);
      return child;
    });
    const token = await timed(`sign in as ${email}`, async () => {
      const response = await fetch(`${tandemUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const body = (await response.json()) as { accessToken?: string; detail?: string };
      if (response.status !== 200 || !body.accessToken) {
        throw new BenchError(`sign-in answered ${response.status}: ${body.detail ?? JSON.stringify(body)}`, `Check Tandem's output:\n${tail(tandem.output())}`);
      }
      return body.accessToken;
    });

    const path =
      `/api/v1/organizations?q=${encodeURIComponent(SEARCH_WORD)}&stage=active` +
      `&audienceId=${seeded.audienceId}&sort=-updatedAt&limit=25`;
    const tandemTarget: Target = { name: 'Tandem', url: `${tandemUrl}${path}`, headers: { Authorization: `Bearer ${token}` } };

    // 4. Statements per request, counted inside Tandem's process; also yields the list SQL.
    header(`statements per request (${COUNTED_REQUESTS} requests, one at a time)`);
    const report = async (): Promise<SeenStatement[]> => {
      tandem.process.kill('SIGUSR2');
      return parseSqlReport(await tandem.nextLine(SQL_REPORT_PREFIX, 5_000));
    };
    const statements = await timed(`GET ${path}`, async () => {
      for (let i = 0; i < 10; i += 1) await expectOk(tandemTarget, tandem);
      await report(); // forget the warm-up (and the sign-in)
      for (let i = 0; i < COUNTED_REQUESTS; i += 1) await expectOk(tandemTarget, tandem);
      return report();
    });
    const totalCalls = statements.reduce((sum, s) => sum + s.calls, 0);
    const perRequest = totalCalls / COUNTED_REQUESTS;
    const listStatement = statements.find((s) => /\bFROM "organizations"/.test(s.sql));
    if (!listStatement) {
      throw new BenchError("no statement on organizations was seen in Tandem's process", 'The list query changed shape; see bench/directory/sql-counter.ts.');
    }
    for (const s of statements) {
      const role = s === listStatement ? 'the list' : /"auth_sessions"/.test(s.sql) ? 'the JWT strategy loading user and session' : 'other';
      console.log(`      ${(s.calls / COUNTED_REQUESTS).toFixed(2)} × (${role}) ${shortSql(s.sql, 110)}`);
    }

    // 5. The baseline, replaying that SQL; both must answer byte for byte the same.
    header('start the baseline (node:http + pg, same SQL) and compare answers');
    const baseline = await timed('ready', async () => {
      const child = startChild(
        process.execPath,
        [BASELINE_MAIN],
        {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          BENCH_DATABASE_URL: benchUrl,
          BENCH_LIST_SQL: listStatement.sql,
          BENCH_POOL_SIZE: String(POOL_SIZE),
        },
        workDir,
      );
      cleanup.add('stop the baseline', () => child.stop());
      const line = await child.nextLine('{"port":', 15_000).catch((error: Error) => {
        throw new BenchError(`the baseline did not start (${error.message})`, `Its output:\n${tail(child.output())}`);
      });
      return { child, url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}` };
    });
    const baselineTarget: Target = { name: 'baseline', url: `${baseline.url}${path}`, headers: {} };
    const total = await timed('same JSON from both', async () => {
      const [ours, theirs] = await Promise.all([fetchOnce(tandemTarget), fetchOnce(baselineTarget)]);
      if (ours.status !== 200 || theirs.status !== 200) {
        throw new BenchError(`status Tandem ${ours.status}, baseline ${theirs.status}`, `Baseline output:\n${tail(baseline.child.output())}`);
      }
      if (ours.body !== theirs.body) {
        let at = 0;
        while (at < ours.body.length && ours.body[at] === theirs.body[at]) at += 1;
        throw new BenchError(
          `the answers differ at character ${at}:\n      Tandem:   …${ours.body.slice(Math.max(0, at - 60), at + 60)}…\n` +
            `      baseline: …${theirs.body.slice(Math.max(0, at - 60), at + 60)}…`,
          'The baseline runs Tandem\'s own SQL, so its row mapping (bench/directory/baseline-server.ts) no longer matches src/organization/organization.mapper.ts; bring it in line.',
        );
      }
      const page = JSON.parse(ours.body) as { data: unknown[]; meta: { total: number } };
      if (page.data.length === 0) throw new BenchError('the benchmark query matches nothing', 'Check the seed in bench/directory/seed.ts.');
      return page.meta.total;
    });
    console.log(`      ${int(total)} organizations match; the page holds ${Math.min(total, 25)} (${int(Buffer.byteLength((await fetchOnce(baselineTarget)).body))} bytes)`);

    // 6. The plan of the list SQL, with the parameters Tandem bound.
    header('EXPLAIN (ANALYZE, BUFFERS) of the list SQL');
    const explainSql = `EXPLAIN (ANALYZE, BUFFERS) ${listStatement.sql}`;
    const planText = (await db.query<{ 'QUERY PLAN': string }>(explainSql, listStatement.values)).rows.map((r) => r['QUERY PLAN']);
    const planJson = (await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${listStatement.sql}`, listStatement.values))
      .rows[0]['QUERY PLAN'][0].Plan;
    console.log(`      SQL: ${shortSql(listStatement.sql, 400)}`);
    console.log(`      parameters: ${JSON.stringify(listStatement.values)}`);
    for (const line of planText) console.log(`      ${line}`);
    const nodes = planNodes(planJson);
    const seqScan = nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'organizations');
    // An index only counts when the query's conditions drive it (Index Cond), not an index
    // walked end to end for its order with everything filtered afterwards.
    const indexes = nodes
      .filter((n) => /Index/.test(n['Node Type']) && n['Index Name']?.startsWith('ix_organizations_') && n['Index Cond'])
      .map((n) => n['Index Name'] as string);
    const indexPass = !seqScan && indexes.length > 0;

    // 7. Load: warm-up, then alternating measured rounds.
    header(`load: ${CONCURRENCY} clients, ${WARMUP_MS / 1000} s warm-up, then ${ROUNDS} × ${ROUND_MS / 1000} s per server, alternating`);
    const rounds: Record<'baseline' | 'Tandem', Round[]> = { baseline: [], Tandem: [] };
    const pids = { baseline: baseline.child.process.pid, Tandem: tandem.process.pid };
    for (const target of [baselineTarget, tandemTarget]) await timed(`warm-up ${target.name}`, () => runLoad(target, CONCURRENCY, WARMUP_MS));
    for (let round = 1; round <= ROUNDS; round += 1) {
      const line: string[] = [];
      for (const target of [baselineTarget, tandemTarget]) {
        const name = target.name as 'baseline' | 'Tandem';
        const measured = await measureRound(target, pids[name], db, dbName);
        rounds[name].push(measured);
        const { latenciesMs, seconds: took } = measured.sample;
        line.push(`${name} ${int(latenciesMs.length / took)} req/s, median ${ms(percentile(latenciesMs, 50))}`);
      }
      console.log(`      round ${round}/${ROUNDS}: ${line.join('; ')}`);
    }
    const base = summarize('baseline', rounds.baseline);
    const ours = summarize('Tandem', rounds.Tandem);
    for (const side of [base, ours]) {
      if (side.sample.errors > 0) {
        throw new BenchError(`${side.name} failed ${side.sample.errors} requests (first: ${side.sample.firstError})`, 'See the error above; a loaded machine or a crashed server are the usual causes.');
      }
    }

    const medianRatio = ours.median / base.median;
    const throughputRatio = ours.throughput / base.throughput;
    const checks = [
      { name: `median ${ratio(medianRatio, MAX_MEDIAN_RATIO)} baseline (≤ ${MAX_MEDIAN_RATIO}×)`, pass: medianRatio <= MAX_MEDIAN_RATIO },
      { name: `throughput ${ratio(throughputRatio, MIN_THROUGHPUT_RATIO)} baseline (≥ ${MIN_THROUGHPUT_RATIO}×)`, pass: throughputRatio >= MIN_THROUGHPUT_RATIO },
      { name: `${Number(perRequest.toFixed(2))} statements/request (≤ ${MAX_STATEMENTS_PER_REQUEST})`, pass: perRequest <= MAX_STATEMENTS_PER_REQUEST },
      { name: indexPass ? `index scan (${[...new Set(indexes)].join(', ')})` : 'no index scan on organizations', pass: indexPass },
    ];
    const mark = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
    const row = (label: string, b: string, t: string, ratio: string, target: string) =>
      `  ${label.padEnd(18)}${b.padStart(12)}${t.padStart(12)}${ratio.padStart(9)}   ${target}`;

    console.log('\nResults');
    console.log(row('', 'baseline', 'Tandem', 'ratio', 'target'));
    console.log(row('median latency', ms(base.median), ms(ours.median), ratio(medianRatio, MAX_MEDIAN_RATIO), `≤ ${MAX_MEDIAN_RATIO}×   ${mark(checks[0].pass)}`));
    console.log(row('p95 latency', ms(base.p95), ms(ours.p95), `${(ours.p95 / base.p95).toFixed(2)}×`, ''));
    console.log(row('throughput', `${int(base.throughput)}/s`, `${int(ours.throughput)}/s`, ratio(throughputRatio, MIN_THROUGHPUT_RATIO), `≥ ${MIN_THROUGHPUT_RATIO}×  ${mark(checks[1].pass)}`));
    console.log(row('requests', int(base.sample.latenciesMs.length), int(ours.sample.latenciesMs.length), '', ''));
    const cpu = (value: number | undefined) => (value === undefined ? 'n/a' : ms(value));
    console.log(row('CPU per request:', '', '', '', ''));
    console.log(row('  server process', cpu(base.serverCpu), cpu(ours.serverCpu), '', ''));
    console.log(row('  PostgreSQL', cpu(base.databaseCpu), cpu(ours.databaseCpu), '', ''));
    console.log(row('  load generator', cpu(base.clientCpu), cpu(ours.clientCpu), '', ''));
    const other = Math.max(base.otherCpus ?? 0, ours.otherCpus ?? 0);
    if (other > 0.25) {
      console.log(`  note: other processes kept ${other.toFixed(2)} of ${cpus().length} CPUs busy during the rounds; the figures are skewed — rerun on a quiet machine`);
    }
    console.log(`  statements per request: ${Number(perRequest.toFixed(2))}   target ≤ ${MAX_STATEMENTS_PER_REQUEST}   ${mark(checks[2].pass)}`);
    console.log(`  list query plan: ${indexPass ? `index scan on ${[...new Set(indexes)].join(', ')}` : 'no index scan (see the plan above)'}   ${mark(checks[3].pass)}`);

    console.log('\nCleaning up');
    await cleanup.run();
    const failed = checks.filter((c) => !c.pass);
    console.log(
      `directory bench: ${failed.length === 0 ? 'PASS' : `FAIL (${failed.length} of ${checks.length})`} — ` +
        `${checks.map((c) => `${c.pass ? '' : '✗ '}${c.name}`).join(', ')} — ${seconds(started)}`,
    );
    return failed.length === 0 ? 0 : 1;
  } catch (error) {
    // After Ctrl-C the work fails because its servers are gone; the signal handler reports.
    if (interrupted) return new Promise<number>(() => undefined);
    const next = error instanceof BenchError ? error.next : 'This is a bug in the benchmark; the stack trace above shows where.';
    if (!(error instanceof BenchError)) console.error(error);
    console.log('\nCleaning up');
    await cleanup.run();
    console.log(`\nerror: ${(error as Error).message}\nnext: ${next}`);
    console.log(`directory bench: ERROR — ${(error as Error).message.split('\n')[0]} — ${seconds(started)}`);
    return 2;
  }
}

async function waitForHealth(child: Child, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null) {
      throw new BenchError(`Tandem exited with code ${child.process.exitCode}:\n${tail(child.output())}`, 'Fix what its output says; `npm run build` if dist/ is stale.');
    }
    if (Date.now() > deadline) {
      throw new BenchError(`Tandem did not answer ${url} within ${timeoutMs / 1000} s:\n${tail(child.output())}`, 'Check that PostgreSQL is reachable; see the output above.');
    }
    const healthy = await fetch(url)
      .then((r) => r.status < 500)
      .catch(() => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function expectOk(target: Target, child: Child): Promise<void> {
  const { status, body } = await fetchOnce(target);
  if (status !== 200) throw new BenchError(`${target.name} answered ${status}: ${body.slice(0, 300)}`, `Its output:\n${tail(child.output())}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
