/**
 * Reports benchmark: the outreach report (`GET /api/v1/reports/outreach`) for a year grouped by
 * partner, over the dashboard bench's data (5,000 organizations, about 500,000 rows), against
 * its own SQL statements run directly on a `pg` Pool. See bench/README.md for how to run and read
 * it. Run with `npm run bench:reports`; never part of `npm test`.
 *
 * Targets (issue 19): a year grouped by partner answers within 1.5× of its own SQL run directly,
 * and a report request runs a fixed, small number of statements whatever the size (checked on a
 * second database of a tenth of the organizations). Also printed, for information: the other
 * groupings, a report scoped to one partner and the CSV route.
 *
 * BENCH_SCALE (default 1) scales the directory, for development: 0.1 seeds 500 organizations
 * (and 50 for the small database). BENCH_RUNS (default 10) sets the measured requests per side.
 *
 * Exit code: 0 every target met and every check passed, 1 one missed, 2 the benchmark could not run.
 */
import 'reflect-metadata';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import { PasswordService } from '../../src/auth/password.service';
import { redisOptionsFromUrl } from '../../src/redis/redis.connection';
import { backendCpu, backendCpuDelta, machineBusyMs, processCpuMs } from '../directory/cpu';
import {
  BenchError,
  BenchSettings,
  benchSettings,
  Cleanup,
  cleanUpOnSignal,
  connect,
  createMigratedDatabase,
  databaseUrl,
  failed,
  header,
  int,
  ms,
  planSteps,
  ratio,
  runMain,
  seconds,
  server,
  shortSql,
  signIn,
  startTandem,
  TANDEM_MAIN,
  tail,
  timed,
} from '../directory/harness';
import { percentile } from '../directory/load';
import type { Child } from '../directory/processes';
import { parseSqlReport, SeenStatement, SQL_REPORT_PREFIX } from '../directory/sql-report';
import { ORGANIZATIONS, PROGRAMS, seed, SEEDED_TABLES, SeedSize } from '../dashboard/seed';
import { checkRows, reportRows } from '../summary';

// Targets from issue 19.
const MAX_RATIO = 1.5;
/**
 * Statements per report request: the JWT strategy's two lookups (the session, the user; at once),
 * the library settings, the report's one statement.
 */
const MAX_STATEMENTS = 4;

/** Same pool size for Tandem (DATABASE_POOL_SIZE) and the direct runs. */
const POOL_SIZE = 10;
const WARMUP = 3;
/** Measured requests per side, one at a time, alternating Tandem and direct so drift hits both alike. */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 10) || 10);
/** Runs per side for the information-only requests (other groupings, the CSV). */
const INFO_RUNS = 5;
/** The directory's size relative to the dashboard bench's (development: BENCH_SCALE=0.1). */
const SCALE = Math.min(1, Math.max(0.01, Number(process.env.BENCH_SCALE ?? 1) || 1));
/** The small database, for the statement count: a tenth of the organizations and programs. */
const SMALL = 0.1;
const REQUEST_TIMEOUT_MS = 180_000;
const OTHER_GROUPINGS = ['audience', 'program', 'month', 'staff'] as const;

/** Who went on each visit: whoever recorded it and, on a third of the visits, the next staff member too. */
const VISIT_STAFF_SQL = `
WITH u AS (SELECT array_agg(id ORDER BY email) AS ids, count(*)::int AS n FROM users WHERE email LIKE 'staff%')
INSERT INTO visit_staff (visit_id, user_id)
SELECT v.id, v.created_by_id FROM visits v WHERE v.created_by_id IS NOT NULL
UNION ALL
SELECT v.id, u.ids[1 + (array_position(u.ids, v.created_by_id) % u.n)]
FROM visits v, u
WHERE v.created_by_id IS NOT NULL AND get_byte(uuid_send(v.id), 15) % 3 = 0`;

planSteps(8);

function sized(scale: number): SeedSize {
  return {
    organizations: Math.max(20, Math.round(ORGANIZATIONS * scale)),
    programs: Math.max(3, Math.round(PROGRAMS * scale)),
  };
}

interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** One GET, timed from the request to the last byte of the body. */
function timedGet(url: string, token: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = get(url, { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - t0,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
  });
}

async function expect200(url: string, token: string, agent: Agent, tandem: Child): Promise<Answer> {
  const answer = await timedGet(url, token, agent);
  if (answer.status !== 200) {
    throw new BenchError(
      `GET ${new URL(url).pathname}${new URL(url).search} answered ${answer.status}: ${answer.body.slice(0, 300)}`,
      `Tandem's output:\n${tail(tandem.output())}`,
    );
  }
  return answer;
}

const stats = (values: number[]) => ({ median: percentile(values, 50), p95: percentile(values, 95) });

interface ReportBody {
  from: string;
  to: string;
  groupBy: string;
  rows: { key: string | null; label: string; visits: number }[];
  totals: {
    visits: number;
    sessionsHeld: number;
    sessionsCancelled: number;
    sessionsUpcoming: number;
    feedbackCount: number;
  };
}

/** What a statement is for, from its text (for the report only). */
function roleOf(sql: string): string {
  if (/\bauth_sessions\b/.test(sql)) return 'JWT strategy: user and session';
  if (/FROM "users" "User"/.test(sql)) return 'JWT strategy: user';
  if (/"settings"/i.test(sql)) return 'library settings';
  if (/facts AS MATERIALIZED/.test(sql)) return 'the report (outreachMeasureRows)';
  return 'other';
}

const isAuth = (s: SeenStatement) => roleOf(s.sql).startsWith('JWT strategy');
const callsOf = (statements: SeenStatement[]) => statements.reduce((sum, s) => sum + s.calls, 0);

/** The year asked for: the 365 days to today (UTC dates), all inside the seeded two years of history. */
function lastYear(): { from: string; to: string } {
  const day = 86_400_000;
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { from: iso(today - 364 * day), to: iso(today) };
}

/** Deletes the Redis keys under `prefix` (Tandem's sign-in throttling and the like); quiet without Redis. */
async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis({
    ...redisOptionsFromUrl(redisUrl),
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // No Redis: Tandem served without it, so there is nothing to delete.
  } finally {
    redis.disconnect();
  }
}

/** A seeded database with Tandem started on it and a signed-in manager. */
interface Site {
  db: Client;
  tandem: Child;
  tandemUrl: string;
  token: string;
  agent: Agent;
  total: number;
  /** The statements seen since the previous call (SIGUSR2 to the SQL counter). */
  report(): Promise<SeenStatement[]>;
}

/**
 * Creates and migrates the database of `settings`, seeds it at `size`, starts Tandem on it and
 * signs in; `steps` starts a numbered step before the seed and before Tandem.
 */
async function prepare(settings: BenchSettings, cleanup: Cleanup, size: SeedSize, steps = false): Promise<Site> {
  await createMigratedDatabase(settings, cleanup);
  if (steps) header("seed: the dashboard bench's data (set-based SQL)");
  const db = await connect(settings.benchUrl);
  cleanup.add('close the seeding connection', () => db.end());
  const seeded = await seed(db, timed, size);
  // The dashboard's seed names no visit staff (the dashboard never reads them); the staff grouping does.
  const visitStaff = await timed('visit staff (who recorded it; a colleague too on a third of visits)', async () => {
    const { rowCount } = await db.query(VISIT_STAFF_SQL);
    await db.query('VACUUM (ANALYZE) visit_staff');
    return rowCount ?? 0;
  });
  console.log(`      rows: ${SEEDED_TABLES.map((table) => `${table} ${int(seeded.counts[table])}`).join(', ')}`);
  console.log(`      visit_staff ${int(visitStaff)}; ${int(seeded.total + visitStaff)} rows in all`);
  const email = 'bench-manager@library.test';
  const password = randomBytes(18).toString('base64url');
  await timed('manager user (argon2id)', async () => {
    const hash = await new PasswordService({ passwordHashCost: 'standard' }).hash(password);
    await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Bench Manager', 'manager', $2)`, [
      email,
      hash,
    ]);
  });
  if (steps) header('start Tandem (node dist/src/main.js, TANDEM_PROCESS=api)');
  const { child: tandem, url: tandemUrl } = await startTandem(settings, cleanup, { poolSize: POOL_SIZE });
  const token = await signIn(tandemUrl, tandem, email, password);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  cleanup.add('close the HTTP agent', async () => agent.destroy());
  return {
    db,
    tandem,
    tandemUrl,
    token,
    agent,
    total: seeded.total + visitStaff,
    async report() {
      tandem.process.kill('SIGUSR2');
      return parseSqlReport(await tandem.nextLine(SQL_REPORT_PREFIX, 5_000));
    },
  };
}

/** The statements of one request to `url` after `warmup` unrecorded ones, and its answer. */
async function recordOne(
  site: Site,
  url: string,
  warmup: number,
): Promise<{ statements: SeenStatement[]; answer: Answer }> {
  for (let i = 0; i < warmup; i += 1) await expect200(url, site.token, site.agent, site.tandem);
  await site.report(); // forget the warm-up and the sign-in
  const answer = await expect200(url, site.token, site.agent, site.tandem);
  return { statements: await site.report(), answer };
}

async function main(): Promise<number> {
  const started = performance.now();
  const settings = benchSettings();
  const { adminUrl, dbName, benchUrl, redisUrl, runId } = settings;
  const cleanup = new Cleanup();
  cleanUpOnSignal('reports', cleanup, started);
  const full = sized(SCALE);
  const small = sized(SCALE * SMALL);
  const year = lastYear();
  const query = (groupBy: string, extra = '') => `from=${year.from}&to=${year.to}&groupBy=${groupBy}${extra}`;

  try {
    if (!existsSync(TANDEM_MAIN)) {
      throw new BenchError(
        `${TANDEM_MAIN} does not exist`,
        'Run `npm run bench:reports`, which builds Tandem first (or `npm run build`).',
      );
    }
    console.log(
      `Reports benchmark — ${cpus().length} CPUs, Node ${process.version}, ${int(full.organizations)} organizations` +
        `${SCALE === 1 ? '' : ` (BENCH_SCALE=${SCALE})`}, a year ${year.from} … ${year.to}, one request at a time`,
    );
    // Tandem's keys (sign-in throttling and the like) live under their own prefix; removed at the end.
    const redisPrefix = `tandem-bench-${runId}`;
    cleanup.add(`delete the bench's Redis keys (${redisPrefix}*)`, () => deleteRedisKeys(redisUrl, redisPrefix));

    // 1. The statement count at a tenth of the size, first, on a database of its own that is gone
    //    before the full-size one is made (its own cleanup, run early; on failure with the rest).
    const smallName = `${dbName}_small`;
    header(
      `statements at a tenth of the size: database ${smallName} on ${server(adminUrl)}, ${int(small.organizations)} organizations`,
    );
    const smallCleanup = new Cleanup();
    cleanup.add('clean up the small database', () => smallCleanup.run());
    const smallSite = await prepare(
      { ...settings, dbName: smallName, benchUrl: databaseUrl(adminUrl, smallName) },
      smallCleanup,
      small,
    );
    const smallRecorded = await timed(
      `GET /api/v1/reports/outreach?${query('partner')} (1 warm-up, then 1 recorded)`,
      () => recordOne(smallSite, `${smallSite.tandemUrl}/api/v1/reports/outreach?${query('partner')}`, 1),
    );
    const smallBody = JSON.parse(smallRecorded.answer.body) as ReportBody;
    const smallCalls = callsOf(smallRecorded.statements);
    for (const s of smallRecorded.statements)
      console.log(`      ${s.calls} × ${roleOf(s.sql).padEnd(36)} ${shortSql(s.sql, 100)}`);
    console.log(
      `      statements per report request: ${smallCalls}; ${int(smallBody.rows.length)} rows, ${ms(smallRecorded.answer.ms)}`,
    );
    await smallCleanup.run();

    // 2. The full-size database, migrated by Tandem's own migrations.
    header(`database ${dbName} on ${server(adminUrl)}`);
    // 3–4. The dashboard bench's data, and a manager to sign in as; then Tandem as production runs it.
    const site = await prepare(settings, cleanup, full, true);
    const { db, tandem, tandemUrl, token, agent } = site;
    const reportUrl = (groupBy: string, extra = '') => `${tandemUrl}/api/v1/reports/outreach?${query(groupBy, extra)}`;
    const partnerUrl = reportUrl('partner');

    // 5. The statements of one report request, recorded inside Tandem's process (text and parameters).
    header('the SQL of one report request (a year by partner), recorded in Tandem');
    const { statements, answer } = await timed(
      `GET /api/v1/reports/outreach?${query('partner')} (${WARMUP} warm-up, then 1 recorded)`,
      () => recordOne(site, partnerUrl, WARMUP),
    );
    const body = JSON.parse(answer.body) as ReportBody;
    const totalCalls = callsOf(statements);
    const own = statements.filter((s) => !isAuth(s));
    const ownCalls = callsOf(own);
    const reportSql = own.find((s) => roleOf(s.sql) === 'the report (outreachMeasureRows)');
    for (const s of statements) console.log(`      ${s.calls} × ${roleOf(s.sql).padEnd(36)} ${shortSql(s.sql, 100)}`);
    console.log(
      `      statements per report request: ${totalCalls} (${ownCalls} the report's own + ${totalCalls - ownCalls} for authentication)`,
    );
    console.log(
      `      answer: ${int(body.rows.length)} rows (partners) and the totals, ${int(Buffer.byteLength(answer.body))} bytes`,
    );
    if (!reportSql) {
      throw new BenchError(
        "the report's statement was not among the recorded ones",
        `Recorded: ${statements.map((s) => shortSql(s.sql, 80)).join(' | ')}; update roleOf() in bench/reports/run.ts if the SQL changed.`,
      );
    }

    // 6. Tandem over HTTP against the same statements run directly, alternating.
    header(
      `GET /api/v1/reports/outreach (a year by partner) vs its ${ownCalls} statements run directly (${WARMUP} warm-up, then ${RUNS} each, alternating)`,
    );
    const pool = new Pool({ connectionString: benchUrl, max: POOL_SIZE });
    pool.on('error', () => undefined);
    cleanup.add('close the direct pool', () => pool.end());
    // As the service issues them: one after another (the settings, then the report).
    const direct = async (sqls: SeenStatement[]): Promise<{ ms: number; rows: number }> => {
      const t0 = performance.now();
      let rows = 0;
      for (const s of sqls) rows = (await pool.query(s.sql, s.values)).rowCount ?? 0;
      return { ms: performance.now() - t0, rows };
    };
    const times = { tandem: [] as number[], direct: [] as number[] };
    const cpu = { tandemProcess: 0, tandemDatabase: 0, directDatabase: 0, machine: 0, wall: 0, ours: 0 };
    let cpuKnown = true;
    await timed('warm-up', async () => {
      for (let i = 0; i < WARMUP; i += 1) {
        await expect200(partnerUrl, token, agent, tandem);
        await direct(own);
      }
    });
    let directRows = 0;
    await timed('measured runs', async () => {
      for (let i = 0; i < RUNS; i += 1) {
        const p0 = processCpuMs(tandem.process.pid);
        const d0 = await backendCpu(db, dbName);
        const m0 = machineBusyMs();
        const w0 = performance.now();
        times.tandem.push((await expect200(partnerUrl, token, agent, tandem)).ms);
        const w1 = performance.now();
        const m1 = machineBusyMs();
        const p1 = processCpuMs(tandem.process.pid);
        const d1 = await backendCpu(db, dbName);
        const m2 = machineBusyMs();
        const w2 = performance.now();
        const run = await direct(own);
        times.direct.push(run.ms);
        directRows = run.rows;
        const w3 = performance.now();
        const m3 = machineBusyMs();
        const d2 = await backendCpu(db, dbName);
        const tandemDb = backendCpuDelta(d0, d1);
        const directDb = backendCpuDelta(d1, d2);
        if (
          p0 === undefined ||
          p1 === undefined ||
          tandemDb === undefined ||
          directDb === undefined ||
          m0 === undefined ||
          m1 === undefined ||
          m2 === undefined ||
          m3 === undefined
        ) {
          cpuKnown = false;
          continue;
        }
        cpu.tandemProcess += p1 - p0;
        cpu.tandemDatabase += tandemDb;
        cpu.directDatabase += directDb;
        cpu.machine += m1 - m0 + (m3 - m2);
        cpu.wall += w1 - w0 + (w3 - w2);
        cpu.ours += p1 - p0 + tandemDb + directDb;
      }
    });
    // Where the database's time goes: the report's statement under EXPLAIN ANALYZE, once.
    const plan = await timed("EXPLAIN (ANALYZE, BUFFERS) of the report's statement", async () => {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${reportSql.sql}`,
        reportSql.values,
      );
      const lines = rows.map((r) => r['QUERY PLAN']);
      const find = (label: string) => lines.find((l) => l.startsWith(label))?.replace(/^[^:]+:\s*/, '') ?? '?';
      const spills = lines.filter((l) => /Disk:|external merge/.test(l)).length;
      return { planning: find('Planning Time'), execution: find('Execution Time'), spills };
    });
    console.log(
      `      planning ${plan.planning}, execution ${plan.execution}${plan.spills > 0 ? `, ${plan.spills} node(s) spilled to disk` : ''}`,
    );

    // 7. For information: the other groupings, a report scoped to one partner, the CSV.
    header('for information: the other groupings, one partner, the CSV');
    const info: { name: string; tandem: number; direct: number; rows: number; calls: number }[] = [];
    const measureInfo = async (name: string, url: string) => {
      const recorded = await recordOne(site, url, 1);
      const sqls = recorded.statements.filter((s) => !isAuth(s));
      const tandemRuns: number[] = [];
      const directRuns: number[] = [];
      for (let i = 0; i < INFO_RUNS; i += 1) {
        tandemRuns.push((await expect200(url, token, agent, tandem)).ms);
        directRuns.push((await direct(sqls)).ms);
      }
      await site.report(); // forget the measured runs
      const parsed = JSON.parse(recorded.answer.body) as ReportBody;
      info.push({
        name,
        tandem: percentile(tandemRuns, 50),
        direct: percentile(directRuns, 50),
        rows: parsed.rows.length,
        calls: callsOf(recorded.statements),
      });
    };
    for (const groupBy of OTHER_GROUPINGS) {
      await timed(`a year by ${groupBy} (1 warm-up, then ${INFO_RUNS} each, alternating)`, () =>
        measureInfo(`by ${groupBy}`, reportUrl(groupBy)),
      );
    }
    const busiest = [...body.rows].filter((r) => r.key !== null).sort((a, b) => b.visits - a.visits)[0];
    if (busiest?.key) {
      await timed(`a year by program for the partner with the most visits (1 warm-up, then ${INFO_RUNS} each)`, () =>
        measureInfo('one partner, by program', reportUrl('program', `&organizationId=${busiest.key}`)),
      );
    }
    const csv = await timed(
      `GET /api/v1/reports/outreach.csv (a year by partner; 1 warm-up, ${INFO_RUNS} runs)`,
      async () => {
        const url = `${tandemUrl}/api/v1/reports/outreach.csv?${query('partner')}`;
        const first = await expect200(url, token, agent, tandem);
        const runs: number[] = [];
        for (let i = 0; i < INFO_RUNS; i += 1) runs.push((await expect200(url, token, agent, tandem)).ms);
        await site.report();
        return {
          median: percentile(runs, 50),
          bytes: Buffer.byteLength(first.body),
          lines: first.body.split('\r\n').length - 1,
        };
      },
    );

    // 8. The bench's own count of the facts in the period, to check the totals.
    header("the report's totals against the bench's own count of the period's facts");
    const [start, end] = reportSql.values as [string, string];
    const counted = await timed('count visits, sessions and feedback in the period', async () => {
      const { rows } = await db.query<{ visits: number; sessions: number; feedback: number }>(
        `SELECT (SELECT count(*)::int FROM visits WHERE visited_at >= $1 AND visited_at < $2) AS visits,
                (SELECT count(*)::int FROM program_sessions WHERE starts_at >= $1 AND starts_at < $2) AS sessions,
                (SELECT count(*)::int FROM feedback WHERE created_at >= $1 AND created_at < $2) AS feedback`,
        [start, end],
      );
      return rows[0];
    });
    const sessions = body.totals.sessionsHeld + body.totals.sessionsCancelled + body.totals.sessionsUpcoming;
    console.log(
      `      visits ${int(counted.visits)} (report ${int(body.totals.visits)}), sessions ${int(counted.sessions)} (report ${int(sessions)}), ` +
        `feedback ${int(counted.feedback)} (report ${int(body.totals.feedbackCount)})`,
    );

    // Results.
    const t = stats(times.tandem);
    const d = stats(times.direct);
    const medianRatio = t.median / d.median;
    const pass = medianRatio <= MAX_RATIO;
    const row = (label: string, a: string, b: string, r: string, note: string) =>
      `  ${label.padEnd(26)}${a.padStart(12)}${b.padStart(12)}${r.padStart(9)}   ${note}`;
    console.log(
      `\nResults — GET /api/v1/reports/outreach, ${year.from} … ${year.to} by partner: ${int(body.rows.length)} rows (${int(Buffer.byteLength(answer.body))} bytes), ${RUNS} runs each`,
    );
    console.log(row('', 'direct SQL', 'Tandem', 'ratio', 'target'));
    console.log(
      row(
        'median',
        ms(d.median),
        ms(t.median),
        ratio(medianRatio, MAX_RATIO),
        `≤ ${MAX_RATIO}×   ${pass ? 'PASS' : 'FAIL'}`,
      ),
    );
    console.log(row('p95', ms(d.p95), ms(t.p95), ratio(t.p95 / d.p95, MAX_RATIO), ''));
    console.log(
      `  direct SQL: the ${ownCalls} statements Tandem sent (library settings, then the report), with its parameters, one after another on a pg Pool of ${POOL_SIZE}; ${int(directRows)} rows`,
    );
    console.log(
      `  the report's statement under EXPLAIN ANALYZE: planning ${plan.planning}, execution ${plan.execution}`,
    );
    if (cpuKnown) {
      console.log(
        `  CPU per request: Tandem process ${ms(cpu.tandemProcess / RUNS)}, PostgreSQL ${ms(cpu.tandemDatabase / RUNS)} (direct: ${ms(cpu.directDatabase / RUNS)})`,
      );
      const others = Math.max(0, cpu.machine - cpu.ours) / cpu.wall;
      if (others > 0.25)
        console.log(
          `  note: other processes kept ${others.toFixed(2)} of ${cpus().length} CPUs busy during the runs; rerun on a quiet machine for steadier figures`,
        );
    }
    const sameCount = smallCalls === totalCalls;
    const fixed =
      sameCount &&
      totalCalls <= MAX_STATEMENTS &&
      statements.every((s) => s.calls === 1) &&
      smallRecorded.statements.every((s) => s.calls === 1) &&
      info.every((i) => i.calls === totalCalls);
    console.log(
      `  statements per request: ${totalCalls} at ${int(full.organizations)} organizations, ${smallCalls} at ${int(small.organizations)}; ` +
        `by grouping ${info.map((i) => i.calls).join(', ')}   ≤ ${MAX_STATEMENTS}, the same   ${fixed ? 'PASS' : 'FAIL'}`,
    );

    console.log('\nFor information (no target)');
    for (const i of info) {
      console.log(
        `  ${i.name.padEnd(26)} Tandem ${ms(i.tandem).padStart(9)}, direct ${ms(i.direct).padStart(9)}, ${ratio(i.tandem / i.direct, MAX_RATIO).padStart(6)}, ${int(i.rows).padStart(6)} rows, ${i.calls} statements`,
      );
    }
    console.log(
      `  ${'CSV, by partner'.padEnd(26)} Tandem ${ms(csv.median).padStart(9)}, ${int(csv.lines)} lines, ${int(csv.bytes)} bytes (vs the JSON route ${ms(t.median)})`,
    );

    const checks = [
      {
        name: `a year by partner within ${MAX_RATIO}× of its SQL run directly (${ratio(medianRatio, MAX_RATIO)})`,
        pass,
      },
      {
        name: `statements per request fixed and small (${totalCalls} at ${int(full.organizations)} organizations, ${smallCalls} at ${int(small.organizations)}; ≤ ${MAX_STATEMENTS})`,
        pass: fixed,
      },
      {
        name: `besides authentication, the library settings and the report's one statement (${ownCalls})`,
        pass: own.length === 2 && own.every((s) => s.calls === 1 && roleOf(s.sql) !== 'other'),
      },
      {
        name: `a row per partner with a fact (${int(body.rows.length)} rows; ${int(smallBody.rows.length)} at the small size)`,
        pass: body.rows.length > smallBody.rows.length && smallBody.rows.length > 0,
      },
      {
        name: `totals are the period's facts, each once (visits ${int(body.totals.visits)}, sessions ${int(sessions)}, feedback ${int(body.totals.feedbackCount)})`,
        pass:
          body.totals.visits === counted.visits &&
          sessions === counted.sessions &&
          body.totals.feedbackCount === counted.feedback &&
          counted.visits > 0 &&
          counted.sessions > 0 &&
          counted.feedback > 0,
      },
    ];
    console.log('');
    for (const check of checks) console.log(`  ${check.name.padEnd(96)}${check.pass ? 'PASS' : 'FAIL'}`);

    reportRows('reports', checkRows(checks));

    console.log('\nCleaning up');
    await cleanup.run();
    const failedChecks = checks.filter((c) => !c.pass);
    console.log(
      `reports bench: ${failedChecks.length === 0 ? 'PASS' : `FAIL (${failedChecks.length} of ${checks.length})`} — ` +
        `${int(full.organizations)} organizations, ${int(site.total)} rows: a year by partner (${int(body.rows.length)} rows) median ${ms(t.median)} vs its ${ownCalls} statements direct ${ms(d.median)} = ` +
        `${ratio(medianRatio, MAX_RATIO)} (≤ ${MAX_RATIO}×); ${totalCalls} statements/request (${smallCalls} at ${int(small.organizations)} organizations); ` +
        `${info.map((i) => `${i.name} ${ms(i.tandem)}`).join(', ')}; CSV ${ms(csv.median)} — ${seconds(started)}`,
    );
    return failedChecks.length === 0 ? 0 : 1;
  } catch (error) {
    return failed('reports', error, cleanup, started);
  }
}

runMain(main);
