/**
 * Sessions benchmark: what Tandem costs on top of plain `rrule` and plain SQL for (1) turning
 * a year of 1,000 programs' schedules into session rows and (2) reading a program's year of
 * sessions under load. See bench/README.md for how to run and read it. Run with
 * `npm run bench:sessions`; never part of `npm test`.
 *
 * Targets (issue 20): the year read within 1.5× the bare server's median, materializing within
 * 1.3× of bare rrule + one INSERT; and the correctness checks (both sides produce the same rows
 * and the same JSON).
 *
 * Exit code: 0 every target met and every check passed, 1 one missed, 2 the benchmark could not run.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PasswordService } from '../../src/auth/password.service';
import { Closure } from '../../src/closure/closure.entity';
import { ClosureService } from '../../src/closure/closure.service';
import { Clock } from '../../src/common/clock/clock';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { ProgramSession } from '../../src/program/program-session.entity';
import { Program } from '../../src/program/program.entity';
import { ProgramService } from '../../src/program/program.service';
import { backendCpu, backendCpuDelta } from '../directory/cpu';
import {
  BenchError,
  benchSettings,
  Cleanup,
  cleanUpOnSignal,
  connect,
  createMigratedDatabase,
  expectOk,
  failed,
  header,
  int,
  measureRound,
  ms,
  planSteps,
  Round,
  runMain,
  sameAnswer,
  seconds,
  server,
  shortSql,
  signIn,
  startTandem,
  summarize,
  TANDEM_MAIN,
  timed,
} from '../directory/harness';
import { percentile, runLoad, Target } from '../directory/load';
import { startChild, tail } from '../directory/processes';
import { parseSqlReport, SeenStatement, SQL_REPORT_PREFIX } from '../directory/sql-report';
import { BenchRow, reportRows } from '../summary';
import {
  bareExpansion,
  bareMaterialize,
  BenchSchedule,
  benchSchedules,
  closureDates,
  HORIZON_DAYS,
  PROGRAMS,
  resetSessions,
  sessionDigest,
  SessionDigest,
  seedPrograms,
} from './programs';

// Materialization: alternating rounds, the median round reported.
// Issue 20's targets: reading a year of a program within 1.5× bare, materializing within 1.3× of
// rrule + one INSERT.
const MAX_READ_RATIO = 1.5;
const MAX_MATERIALIZE_RATIO = 1.3;
const MATERIALIZE_ROUNDS = 3;
const POST_CLIENTS = 4;
// Read load: as the directory bench.
const CONCURRENCY = 8;
const WARMUP_MS = 2_000;
const ROUNDS = 5;
const ROUND_MS = 2_000;
const COUNTED_REQUESTS = 100;
const POOL_SIZE = 10;

const BASELINE_MAIN = join(__dirname, 'baseline-server.js');
const DAY_MS = 86_400_000;
const API_SUFFIX = ' (API)';
planSteps(8);

const secs = (value: number) => `${(value / 1000).toFixed(2)} s`;
const times = (value: number) => `${value.toFixed(2)}×`;

/** Wall time and CPU of one materialization (ms). */
interface Timing {
  ms: number;
  /** This process: the expansion, or for POST only the HTTP client (so not shown). */
  nodeCpu?: number;
  databaseCpu?: number;
}

async function measured<T>(
  probe: Client,
  dbName: string,
  work: () => Promise<T>,
): Promise<{ result: T; timing: Timing }> {
  const database0 = await backendCpu(probe, dbName);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const database1 = await backendCpu(probe, dbName);
  return {
    result,
    timing: {
      ms: elapsed,
      nodeCpu: (cpu.user + cpu.system) / 1000,
      databaseCpu: backendCpuDelta(database0, database1),
    },
  };
}

function medianTiming(timings: Timing[]): Timing {
  const sorted = [...timings].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** POSTs every body with `clients` concurrent keep-alive clients; resolves with the created ids. */
async function postAll(url: string, token: string, bodies: readonly object[], clients: number): Promise<string[]> {
  const ids: string[] = new Array<string>(bodies.length);
  let next = 0;
  const client = async () => {
    while (next < bodies.length) {
      const index = next++;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(bodies[index]),
      });
      const body = (await response.json()) as { id?: string; detail?: string };
      if (response.status !== 201 || !body.id) {
        throw new BenchError(
          `POST /api/v1/programs answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`,
          "See Tandem's answer above.",
        );
      }
      ids[index] = body.id;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return ids;
}

function postBody(schedule: BenchSchedule, partnerId: string) {
  return {
    name: `${schedule.name}${API_SUFFIX}`,
    status: 'running',
    partners: [{ organizationId: partnerId, role: 'host' }],
    schedule: {
      rrule: schedule.rrule,
      timezone: schedule.timezone,
      startTime: schedule.startTime,
      durationMinutes: schedule.durationMinutes,
      location: 'Central Library, Teen Room',
    },
    startDate: schedule.startDate,
  };
}

/** Sessions starting before `until`, by program name without the API suffix: seeded vs POSTed. */
async function digestsByOrigin(db: Client, until: Date): Promise<{ seeded: SessionDigest; posted: SessionDigest }> {
  const { rows } = await db.query<{ api: boolean; sessions: string; closed: string; md5: string }>(
    `SELECT p.name LIKE '%' || $2 AS api, count(*) AS sessions, count(s.closure_id) AS closed,
            md5(string_agg(concat_ws('|', replace(p.name, $2, ''), s.starts_at, s.ends_at, s.local_date, s.closure_id), ','
                           ORDER BY replace(p.name, $2, ''), s.starts_at)) AS md5
     FROM program_sessions s JOIN programs p ON p.id = s.program_id
     WHERE s.starts_at < $1
     GROUP BY 1`,
    [until, API_SUFFIX],
  );
  const pick = (api: boolean): SessionDigest => {
    const row = rows.find((r) => r.api === api);
    return { sessions: Number(row?.sessions ?? 0), closed: Number(row?.closed ?? 0), md5: row?.md5 ?? '' };
  };
  return { seeded: pick(false), posted: pick(true) };
}

async function main(): Promise<number> {
  const started = performance.now();
  const settings = benchSettings();
  const { adminUrl, dbName, benchUrl } = settings;
  const cleanup = new Cleanup();
  cleanUpOnSignal('sessions', cleanup, started);
  // The in-process ProgramService logs through Nest's Logger; keep its info lines out of the report.
  Logger.overrideLogger(['warn', 'error']);

  try {
    if (!existsSync(TANDEM_MAIN)) {
      throw new BenchError(
        `${TANDEM_MAIN} does not exist`,
        'Run `npm run bench:sessions`, which builds Tandem first (or `npm run build`).',
      );
    }
    console.log(
      `Sessions benchmark — ${cpus().length} CPUs, Node ${process.version}, ${PROGRAMS} programs, ${CONCURRENCY} concurrent readers`,
    );

    // 1. A database of our own, migrated by Tandem's own migrations.
    header(`database ${dbName} on ${server(adminUrl)}`);
    await createMigratedDatabase(settings, cleanup);

    // 2. Programs without sessions, closures, partners, and an admin to sign in as.
    header('seed');
    const db = await connect(benchUrl);
    cleanup.add('close the seeding connection', () => db.end());
    const probe = await connect(benchUrl);
    cleanup.add('close the CPU probe connection', () => probe.end());
    // Fixed for the whole run: the materialization horizon is now + SESSION_HORIZON_DAYS.
    const now = new Date();
    const horizon = new Date(now.getTime() + HORIZON_DAYS * DAY_MS);
    const schedules = benchSchedules(now);
    const closures = closureDates(now);
    const programIds = await timed(
      `${int(PROGRAMS)} programs, ${closures.length} closure days, 50 partner organizations (set-based)`,
      () => seedPrograms(db, schedules, closures),
    );
    const kinds = new Map<string, number>();
    for (const s of schedules) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
    console.log(`      mix: ${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')}`);
    console.log(`      zones: ${[...new Set(schedules.map((s) => s.timezone))].join(', ')}`);
    console.log(
      `      every schedule starts ${schedules[0].startDate}; the session window ends ${horizon.toISOString().slice(0, 16)}Z ` +
        `(now + ${HORIZON_DAYS} days): one year of sessions each`,
    );
    const email = 'bench-admin@tandem.test';
    const password = randomBytes(18).toString('base64url');
    await timed('admin user (argon2id)', async () => {
      const hash = await new PasswordService({ passwordHashCost: 'standard' }).hash(password);
      await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Bench Admin', 'admin', $2)`, [
        email,
        hash,
      ]);
    });
    await timed('VACUUM (ANALYZE)', () => db.query('VACUUM (ANALYZE)'));

    // 3. Materialization, three ways, alternating; every database round starts from no sessions.
    header(`materialize a year of sessions for ${int(PROGRAMS)} programs: ${MATERIALIZE_ROUNDS} rounds, alternating`);
    const dataSource = new DataSource(dataSourceOptions(benchUrl, POOL_SIZE));
    await timed(`Tandem's data source (pool of ${POOL_SIZE}) and ProgramService, in this process`, () =>
      dataSource.initialize(),
    );
    cleanup.add("close Tandem's data source", () => dataSource.destroy());
    // extendSessionWindows() uses only these (ClosureService for the closure days of new
    // sessions, read in the caller's transaction); the rest of the services is not reached.
    const unused = undefined as never;
    const closureService = new ClosureService(dataSource.getRepository(Closure), dataSource, unused, unused, unused);
    const programService = new ProgramService(
      dataSource.getRepository(Program),
      dataSource.getRepository(ProgramSession),
      dataSource,
      { sessionHorizonDays: HORIZON_DAYS },
      unused,
      unused,
      unused,
      new Clock(),
      unused,
      unused,
      closureService,
      unused,
    );
    const timings: Record<'bare' | 'baseline' | 'tandem', Timing[]> = { bare: [], baseline: [], tandem: [] };
    const counts = {
      bare: new Set<number>(),
      baseline: new Set<number>(),
      tandemCreated: new Set<number>(),
      tandemPrograms: new Set<number>(),
    };
    const digests: Record<'baseline' | 'tandem', SessionDigest[]> = { baseline: [], tandem: [] };
    for (let round = 1; round <= MATERIALIZE_ROUNDS; round += 1) {
      const bare = await measured(probe, dbName, async () => bareExpansion(schedules, horizon));
      timings.bare.push(bare.timing);
      counts.bare.add(bare.result);

      await resetSessions(db);
      const baseline = await measured(probe, dbName, () => bareMaterialize(db, horizon));
      timings.baseline.push(baseline.timing);
      counts.baseline.add(baseline.result);
      digests.baseline.push(await sessionDigest(db));

      await resetSessions(db);
      const tandem = await measured(probe, dbName, () => programService.extendSessionWindows(now));
      timings.tandem.push(tandem.timing);
      counts.tandemCreated.add(tandem.result.sessionsCreated);
      counts.tandemPrograms.add(tandem.result.programs);
      digests.tandem.push(await sessionDigest(db));

      console.log(
        `      round ${round}/${MATERIALIZE_ROUNDS}: bare rrule ${secs(bare.timing.ms)}; bare + INSERT ${secs(baseline.timing.ms)}; ` +
          `Tandem extendSessionWindows() ${secs(tandem.timing.ms)} (${int(tandem.result.sessionsCreated)} sessions)`,
      );
    }
    const reference = digests.tandem[0];
    const sameRows = [...digests.baseline, ...digests.tandem].every(
      (d) => d.md5 === reference.md5 && d.sessions === reference.sessions,
    );
    const sameCount =
      counts.bare.size === 1 &&
      counts.bare.has(reference.sessions) &&
      counts.tandemCreated.size === 1 &&
      counts.tandemCreated.has(reference.sessions);
    const allPrograms = counts.tandemPrograms.size === 1 && counts.tandemPrograms.has(PROGRAMS);
    console.log(
      `      ${int(reference.sessions)} sessions (${int(reference.closed)} on closure days); ` +
        `Tandem and the baseline wrote ${sameRows ? 'the same rows (same digest of program, start, end, local date, closure)' : 'DIFFERENT rows'}`,
    );
    await timed('ANALYZE program_sessions', () => db.query('ANALYZE program_sessions'));

    // 4. Tandem as production runs it, for the API's side.
    header('start Tandem (node dist/src/main.js, TANDEM_PROCESS=api)');
    const {
      child: tandem,
      url: tandemUrl,
      workDir,
    } = await startTandem(settings, cleanup, {
      poolSize: POOL_SIZE,
      env: { SESSION_HORIZON_DAYS: String(HORIZON_DAYS) },
    });
    const token = await signIn(tandemUrl, tandem, email, password);
    const report = async (): Promise<SeenStatement[]> => {
      tandem.process.kill('SIGUSR2');
      return parseSqlReport(await tandem.nextLine(SQL_REPORT_PREFIX, 5_000));
    };
    const perCall = (statements: SeenStatement[], calls: number) =>
      statements.reduce((sum, s) => sum + s.calls, 0) / calls;

    // 5. The same 1,000 schedules created through the API, each materializing its own year.
    header(`POST /api/v1/programs × ${int(PROGRAMS)} (the same schedules, ${POST_CLIENTS} concurrent clients)`);
    const partners = (await db.query<{ id: string }>('SELECT id FROM organizations ORDER BY name')).rows.map(
      (r) => r.id,
    );
    const bodies = schedules.map((s, i) => postBody(s, partners[i % partners.length]));
    await report(); // forget the sign-in
    const post = await timed(`${int(PROGRAMS)} programs`, () =>
      measured(probe, dbName, () => postAll(`${tandemUrl}/api/v1/programs`, token, bodies, POST_CLIENTS)),
    );
    const postStatements = await report();
    const postPerRequest = perCall(postStatements, PROGRAMS);
    const byOrigin = await digestsByOrigin(db, horizon);
    const postedSessions = Number(
      (
        await db.query<{ n: string }>('SELECT count(*) AS n FROM program_sessions WHERE program_id = ANY($1::uuid[])', [
          post.result,
        ])
      ).rows[0].n,
    );
    const samePosted = byOrigin.posted.md5 === byOrigin.seeded.md5 && byOrigin.posted.sessions === reference.sessions;
    console.log(
      `      ${int(postedSessions)} sessions created; up to the bench's horizon they are ${samePosted ? 'the same' : 'NOT the same'} as extendSessionWindows() wrote ` +
        `(${int(byOrigin.posted.sessions)} vs ${int(byOrigin.seeded.sessions)})`,
    );
    console.log(`      ${Number(postPerRequest.toFixed(2))} statements per POST:`);
    for (const s of postStatements.sort((a, b) => b.calls - a.calls)) {
      console.log(`        ${(s.calls / PROGRAMS).toFixed(2)} × ${shortSql(s.sql, 110)}`);
    }
    await timed('VACUUM (ANALYZE)', () => db.query('VACUUM (ANALYZE) program_sessions, programs, program_partners'));

    // 6. The read: a weekly program's year of sessions; statements counted inside Tandem.
    const target = { id: programIds[0], schedule: schedules[0] };
    const from = new Date(`${target.schedule.startDate}T00:00:00.000Z`);
    const to = new Date(from.getTime() + 365 * DAY_MS);
    const path = `/api/v1/programs/${target.id}/sessions?from=${from.toISOString()}&to=${to.toISOString()}`;
    const tandemTarget: Target = {
      name: 'Tandem',
      url: `${tandemUrl}${path}`,
      headers: { Authorization: `Bearer ${token}` },
    };
    header(`statements per request (${COUNTED_REQUESTS} requests, one at a time)`);
    console.log(`      program: ${target.schedule.rrule} at ${target.schedule.startTime} ${target.schedule.timezone}`);
    const statements = await timed(`GET ${path.replace(target.id, ':id')}`, async () => {
      for (let i = 0; i < 10; i += 1) await expectOk(tandemTarget, tandem);
      await report(); // forget the warm-up
      for (let i = 0; i < COUNTED_REQUESTS; i += 1) await expectOk(tandemTarget, tandem);
      return report();
    });
    const perRequest = perCall(statements, COUNTED_REQUESTS);
    const sessionsStatement = statements.find((s) => /\bJOIN program_sessions s\b/.test(s.sql));
    if (!sessionsStatement) {
      throw new BenchError(
        "no statement on program_sessions was seen in Tandem's process",
        'The sessions query changed shape; see bench/sessions/baseline-server.ts.',
      );
    }
    for (const s of statements) {
      const role =
        s === sessionsStatement
          ? 'the sessions'
          : /\bauth_sessions\b/.test(s.sql)
            ? 'the JWT strategy loading user and session'
            : 'other';
      console.log(`      ${(s.calls / COUNTED_REQUESTS).toFixed(2)} × (${role}) ${shortSql(s.sql, 110)}`);
    }

    // 7. The baseline, replaying the sessions SQL; both must answer byte for byte the same.
    header('start the baseline (node:http + pg, same SQL) and compare answers');
    const baseline = await timed('ready', async () => {
      const child = startChild(
        process.execPath,
        [BASELINE_MAIN],
        {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          BENCH_DATABASE_URL: benchUrl,
          BENCH_SESSIONS_SQL: sessionsStatement.sql,
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
    const answer = await timed('same JSON from both', async () => {
      const body = await sameAnswer(
        tandemTarget,
        baselineTarget,
        baseline.child,
        "The baseline runs Tandem's own SQL, so its row mapping (bench/sessions/baseline-server.ts) no longer matches src/program/program.mapper.ts; bring it in line.",
      );
      const list = JSON.parse(body) as { data: Array<{ cancelled: boolean }> };
      if (list.data.length === 0)
        throw new BenchError(
          'the program has no sessions in the year',
          'Check the seed in bench/sessions/programs.ts.',
        );
      return {
        sessions: list.data.length,
        cancelled: list.data.filter((s) => s.cancelled).length,
        bytes: Buffer.byteLength(body),
      };
    });
    console.log(
      `      ${answer.sessions} sessions in the year, ${answer.cancelled} cancelled by closures (${int(answer.bytes)} bytes)`,
    );

    // 8. Load: warm-up, then alternating measured rounds.
    header(
      `load: ${CONCURRENCY} clients, ${WARMUP_MS / 1000} s warm-up, then ${ROUNDS} × ${ROUND_MS / 1000} s per server, alternating`,
    );
    const rounds: Record<'baseline' | 'Tandem', Round[]> = { baseline: [], Tandem: [] };
    const pids = { baseline: baseline.child.process.pid, Tandem: tandem.process.pid };
    for (const t of [baselineTarget, tandemTarget])
      await timed(`warm-up ${t.name}`, () => runLoad(t, CONCURRENCY, WARMUP_MS));
    for (let round = 1; round <= ROUNDS; round += 1) {
      const line: string[] = [];
      for (const t of [baselineTarget, tandemTarget]) {
        const name = t.name as 'baseline' | 'Tandem';
        const result = await measureRound(t, pids[name], db, dbName, { concurrency: CONCURRENCY, roundMs: ROUND_MS });
        rounds[name].push(result);
        const { latenciesMs, seconds: took } = result.sample;
        line.push(`${name} ${int(latenciesMs.length / took)} req/s, median ${ms(percentile(latenciesMs, 50))}`);
      }
      console.log(`      round ${round}/${ROUNDS}: ${line.join('; ')}`);
    }
    const base = summarize('baseline', rounds.baseline);
    const ours = summarize('Tandem', rounds.Tandem);
    for (const side of [base, ours]) {
      if (side.sample.errors > 0) {
        throw new BenchError(
          `${side.name} failed ${side.sample.errors} requests (first: ${side.sample.firstError})`,
          'See the error above; a loaded machine or a crashed server are the usual causes.',
        );
      }
    }

    // Results.
    const bare = medianTiming(timings.bare);
    const plain = medianTiming(timings.baseline);
    const theirs = medianTiming(timings.tandem);
    const sessions = reference.sessions;
    const cpu = (value: number | undefined) => (value === undefined ? 'n/a' : secs(value));
    const mRow = (label: string, t: Timing, count: number, r1: string, r2: string) =>
      `  ${label.padEnd(34)}${secs(t.ms).padStart(9)}${int((PROGRAMS * 1000) / t.ms).padStart(10)}${int((count * 1000) / t.ms).padStart(11)}` +
      `${r1.padStart(9)}${r2.padStart(10)}${cpu(t.nodeCpu).padStart(9)}${cpu(t.databaseCpu).padStart(9)}`;
    console.log(
      `\nResults — materializing a year of sessions: ${int(PROGRAMS)} programs, ${int(sessions)} sessions (median of ${MATERIALIZE_ROUNDS} rounds)`,
    );
    console.log(
      `  ${''.padEnd(34)}${'time'.padStart(9)}${'progr./s'.padStart(10)}${'sessions/s'.padStart(11)}${'÷ bare'.padStart(9)}${'÷ +INSERT'.padStart(10)}${'node CPU'.padStart(9)}${'PG CPU'.padStart(9)}`,
    );
    console.log(mRow('bare rrule.between (no DB)', bare, sessions, '1.00×', ''));
    console.log(mRow('bare rrule + luxon + 1 INSERT', plain, sessions, times(plain.ms / bare.ms), '1.00×'));
    console.log(
      mRow('Tandem extendSessionWindows()', theirs, sessions, times(theirs.ms / bare.ms), times(theirs.ms / plain.ms)),
    );
    console.log(
      mRow(
        `Tandem POST /programs ×${int(PROGRAMS)} (${POST_CLIENTS} cl.)`,
        { ...post.timing, nodeCpu: undefined },
        postedSessions,
        times(post.timing.ms / bare.ms),
        times(post.timing.ms / plain.ms),
      ),
    );
    console.log(
      `  (node CPU: this process — the expansion; for POST it is only the HTTP client. PG CPU: the bench database's backends.)`,
    );
    console.log(`  statements per POST: ${Number(postPerRequest.toFixed(2))}   info`);

    const medianRatio = ours.median / base.median;
    const throughputRatio = ours.throughput / base.throughput;
    const row = (label: string, b: string, t: string, r: string, note: string) =>
      `  ${label.padEnd(18)}${b.padStart(12)}${t.padStart(12)}${r.padStart(9)}   ${note}`;
    console.log(
      `\nResults — GET a year of one program's sessions (${answer.sessions} sessions, ${int(answer.bytes)} bytes)`,
    );
    console.log(row('', 'baseline', 'Tandem', 'ratio', ''));
    console.log(row('median latency', ms(base.median), ms(ours.median), times(medianRatio), 'info'));
    console.log(row('p95 latency', ms(base.p95), ms(ours.p95), times(ours.p95 / base.p95), 'info'));
    console.log(
      row('throughput', `${int(base.throughput)}/s`, `${int(ours.throughput)}/s`, times(throughputRatio), 'info'),
    );
    console.log(row('requests', int(base.sample.latenciesMs.length), int(ours.sample.latenciesMs.length), '', ''));
    const cpuMs = (value: number | undefined) => (value === undefined ? 'n/a' : ms(value));
    console.log(row('CPU per request:', '', '', '', ''));
    console.log(row('  server process', cpuMs(base.serverCpu), cpuMs(ours.serverCpu), '', ''));
    console.log(row('  PostgreSQL', cpuMs(base.databaseCpu), cpuMs(ours.databaseCpu), '', ''));
    console.log(row('  load generator', cpuMs(base.clientCpu), cpuMs(ours.clientCpu), '', ''));
    const other = Math.max(base.otherCpus ?? 0, ours.otherCpus ?? 0);
    if (other > 0.25) {
      console.log(
        `  note: other processes kept ${other.toFixed(2)} of ${cpus().length} CPUs busy during the rounds; the figures are skewed — rerun on a quiet machine`,
      );
    }
    console.log(`  statements per request: Tandem ${Number(perRequest.toFixed(2))}, baseline 1   info`);

    const checks = [
      { name: 'same session rows as the baseline', pass: sameRows },
      {
        name: 'bare rrule, baseline and Tandem count the same sessions',
        pass: sameCount && counts.baseline.size === 1 && counts.baseline.has(sessions),
      },
      { name: `extendSessionWindows() covered all ${int(PROGRAMS)} programs`, pass: allPrograms },
      { name: 'POST /programs made the same sessions', pass: samePosted },
    ];
    console.log('');
    for (const check of checks) console.log(`  ${check.name.padEnd(60)}${check.pass ? 'PASS' : 'FAIL'}`);
    // Issue 20's targets; the checks above are correctness, each a row too.
    const rows: BenchRow[] = [
      {
        path: `GET /programs/:id/sessions (a year, ${answer.sessions} sessions), median`,
        tandem: ms(ours.median),
        limit: `bare ${ms(base.median)}`,
        ratio: times(medianRatio),
        target: `≤ ${MAX_READ_RATIO}×`,
        pass: medianRatio <= MAX_READ_RATIO,
      },
      {
        path: `materialize a year of ${int(PROGRAMS)} programs (${int(sessions)} sessions)`,
        tandem: secs(theirs.ms),
        limit: `rrule + 1 INSERT ${secs(plain.ms)}`,
        ratio: times(theirs.ms / plain.ms),
        target: `≤ ${MAX_MATERIALIZE_RATIO}×`,
        pass: theirs.ms / plain.ms <= MAX_MATERIALIZE_RATIO,
      },
      ...checks.map((check) => ({
        path: check.name,
        tandem: '',
        limit: '',
        ratio: '',
        target: 'holds',
        pass: check.pass,
      })),
    ];
    reportRows('sessions', rows);

    console.log('\nCleaning up');
    await cleanup.run();
    const failedChecks = rows.filter((c) => !c.pass).map((row) => ({ name: row.path }));
    console.log(
      `sessions bench: ${failedChecks.length === 0 ? 'PASS' : `FAIL (${failedChecks.length} of ${rows.length}: ${failedChecks.map((c) => c.name).join(', ')})`} — ` +
        `materialize ${int(sessions)} sessions: Tandem ${secs(theirs.ms)} = ${times(theirs.ms / bare.ms)} bare rrule, ${times(theirs.ms / plain.ms)} bare + INSERT; ` +
        `via POST ${secs(post.timing.ms)}; GET a year: median ${times(medianRatio)}, throughput ${times(throughputRatio)} baseline, ` +
        `${Number(perRequest.toFixed(2))} statements/request — ${seconds(started)}`,
    );
    return failedChecks.length === 0 ? 0 : 1;
  } catch (error) {
    return failed('sessions', error, cleanup, started);
  }
}

runMain(main);
