/**
 * Creates benchmark: what Tandem adds on top of the database when it records a visit (and an
 * organization, a contact, a task), next to a bare `node:http` + `pg` server that runs the same
 * INSERTs — the row, its join rows or stage change, the audit event — in one transaction. See
 * bench/README.md for how to run and read it. Run with `npm run bench:creates`; never part of
 * `npm test`.
 *
 * Exit code: 0 every target met, 1 a target missed, 2 the benchmark could not run.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { PasswordService } from '../../src/auth/password.service';
import {
  BenchError,
  benchSettings,
  Cleanup,
  cleanUpOnSignal,
  connect,
  createMigratedDatabase,
  failed,
  header,
  int,
  measureRound,
  ms,
  planSteps,
  ratio,
  Round,
  runMain,
  seconds,
  server,
  shortSql,
  Side,
  signIn,
  SQL_COUNTER,
  startTandem,
  summarize,
  TANDEM_MAIN,
  timed,
} from '../directory/harness';
import { fetchOnce, percentile, runLoad, Target } from '../directory/load';
import { Child, startChild, tail } from '../directory/processes';
import { parseSqlReport, SeenStatement, SQL_REPORT_PREFIX } from '../directory/sql-report';
import { BenchRow, reportRows, times } from '../summary';

// Targets from the issue.
const MAX_MEDIAN_RATIO = 1.5;

// Load shape: as the other benches, sized for a 2-core machine and about two minutes in all.
const CONCURRENCY = 8;
const WARMUP_MS = 1_500;
const ROUND_MS = 2_000;
const COUNTED_REQUESTS = 50;
const POOL_SIZE = 10;
const ORGANIZATIONS = 300;
const USERS = 300;

const BASELINE_MAIN = join(__dirname, 'baseline-server.js');
planSteps(6);

type Sides = 'baseline' | 'Tandem';

/** One create route, as both servers serve it. */
interface Route {
  path: string;
  table: string;
  /** Alternating measured rounds per server (the visit, the issue's case, gets the most). */
  rounds: number;
  /** The request body of the n-th request (bodies differ only where a create must: a unique name). */
  body: (n: number) => object;
  /** Response fields, audit change keys and row columns that differ between any two creates besides ids and times. */
  volatile: { fields: string[]; columns: string[] };
  /** What else one create writes, as one JSON value for the entity id $1. */
  related?: string;
}

interface Seeded {
  organizationIds: string[];
  actorId: string;
}

function routes(seeded: Seeded, runId: string): Route[] {
  const org = (n: number) => seeded.organizationIds[n % seeded.organizationIds.length];
  const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  return [
    {
      // As the web app's "Log a visit" sends it.
      path: '/api/v1/visits',
      table: 'visits',
      rounds: 5,
      body: (n) => ({
        organizationId: org(n),
        purpose: 'invitations',
        staffIds: [seeded.actorId],
        contactIds: [],
        invitationsHandedOut: 25,
        peopleReached: 12,
        notes: 'They want Spanish flyers',
      }),
      volatile: { fields: ['visitedAt'], columns: ['visited_at'] },
      related: `SELECT json_build_object(
                  'staff', (SELECT json_agg(user_id ORDER BY user_id) FROM visit_staff WHERE visit_id = $1),
                  'contacts', (SELECT json_agg(contact_id ORDER BY contact_id) FROM visit_contacts WHERE visit_id = $1)) AS related`,
    },
    {
      path: '/api/v1/organizations',
      table: 'organizations',
      rounds: 3,
      body: (n) => ({
        name: `Bench Partner ${runId} ${n}`,
        type: 'Youth shelter',
        website: 'https://shelter.example.org',
        stage: 'exploring',
        tags: ['youth', 'drop-in'],
      }),
      volatile: { fields: ['name'], columns: ['name'] },
      related: `SELECT json_agg(json_build_object('from', from_stage, 'to', to_stage, 'reason', reason, 'by', changed_by_id)) AS related
                FROM organization_stage_changes WHERE organization_id = $1`,
    },
    {
      path: '/api/v1/contacts',
      table: 'contacts',
      rounds: 3,
      body: (n) => ({
        organizationId: org(n),
        name: 'Dana Whitfield',
        title: 'Case manager',
        email: 'dana@shelter.example.org',
        phone: '+1 555 0100',
      }),
      volatile: { fields: [], columns: [] },
    },
    {
      path: '/api/v1/tasks',
      table: 'tasks',
      rounds: 3,
      body: (n) => ({ title: 'Send the shelter the spring schedule', dueAt, organizationId: org(n) }),
      volatile: { fields: [], columns: [] },
    },
  ];
}

/** 300 organizations and 300 active staff, set-based. */
async function seed(db: Client): Promise<string[]> {
  await db.query(
    `INSERT INTO organizations (name, type, stage)
     SELECT 'Partner ' || g, (ARRAY['Youth shelter', 'School', 'Food bank'])[1 + g % 3], 'active'
     FROM generate_series(1, $1) AS g`,
    [ORGANIZATIONS],
  );
  await db.query(
    `INSERT INTO users (email, name, role) SELECT 'staff-' || g || '@library.test', 'Staff ' || g, 'staff' FROM generate_series(1, $1) AS g`,
    [USERS],
  );
  return (await db.query<{ id: string }>('SELECT id FROM organizations ORDER BY name')).rows.map((r) => r.id);
}

/** The statements a process sent since its last report (sql-counter.ts, preloaded into both servers). */
async function statementsOf(child: Child): Promise<SeenStatement[]> {
  child.process.kill('SIGUSR2');
  return parseSqlReport(await child.nextLine(SQL_REPORT_PREFIX, 5_000));
}

/** A POST of `body` that must answer 201; resolves with the parsed answer. */
async function create(target: Target, body: object, child: Child): Promise<Record<string, unknown>> {
  const { status, body: answer } = await fetchOnce({ ...target, body: () => JSON.stringify(body) });
  if (status !== 201) {
    throw new BenchError(
      `${target.name} answered POST ${new URL(target.url).pathname} with ${status}: ${answer.slice(0, 300)}`,
      `Its output:\n${tail(child.output())}`,
    );
  }
  return JSON.parse(answer) as Record<string, unknown>;
}

/** The answer and everything one create wrote, without what differs between any two creates. */
async function written(db: Client, route: Route, answer: Record<string, unknown>): Promise<string> {
  const id = answer.id as string;
  const response = { ...answer };
  for (const field of ['id', 'createdAt', 'updatedAt', ...route.volatile.fields]) delete response[field];
  const columns = ['id', 'created_at', 'updated_at', ...route.volatile.columns];
  const row = await db.query(`SELECT to_jsonb(t) - $2::text[] AS row FROM ${route.table} t WHERE id = $1`, [
    id,
    columns,
  ]);
  const related = route.related ? (await db.query(route.related, [id])).rows[0]?.related : null;
  const audit = await db.query(
    `SELECT actor_id, entity_type, action, changes - $2::text[] AS changes FROM audit_events WHERE entity_id = $1`,
    [id, route.volatile.fields],
  );
  return JSON.stringify({
    response,
    row: row.rows[0]?.row,
    related,
    audit: audit.rows,
  });
}

/** Where two JSON texts first differ, with some context. */
function firstDifference(ours: string, theirs: string): string {
  let at = 0;
  while (at < ours.length && ours[at] === theirs[at]) at += 1;
  return (
    `at character ${at}:\n      Tandem:   …${ours.slice(Math.max(0, at - 80), at + 80)}…\n` +
    `      baseline: …${theirs.slice(Math.max(0, at - 80), at + 80)}…`
  );
}

/** What role a statement of Tandem's plays, for the listing. */
function role(sql: string): string {
  if (/\bauth_sessions\b/.test(sql)) return 'authentication: the user and the session';
  if (/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(sql)) return 'transaction';
  if (/^INSERT INTO "?audit_events/i.test(sql)) return 'the audit event';
  if (/^WITH .*INSERT INTO "?audit_events/is.test(sql)) return 'the write with its audit event';
  if (/^(INSERT|UPDATE|DELETE|WITH)/i.test(sql)) return 'write';
  return 'read';
}

interface RouteResult {
  route: Route;
  base: Side;
  ours: Side;
  statements: Record<Sides, number>;
}

const perRequest = (statements: SeenStatement[], requests: number) =>
  statements.reduce((sum, s) => sum + s.calls, 0) / requests;

async function main(): Promise<number> {
  const started = performance.now();
  const settings = benchSettings();
  const { adminUrl, dbName, benchUrl, runId } = settings;
  const cleanup = new Cleanup();
  cleanUpOnSignal('creates', cleanup, started);

  try {
    if (!existsSync(TANDEM_MAIN)) {
      throw new BenchError(
        `${TANDEM_MAIN} does not exist`,
        'Run `npm run bench:creates`, which builds Tandem first (or `npm run build`).',
      );
    }
    console.log(
      `Creates benchmark — ${cpus().length} CPUs, Node ${process.version}, ${CONCURRENCY} concurrent clients`,
    );

    // 1. A database of our own, migrated by Tandem's own migrations.
    header(`database ${dbName} on ${server(adminUrl)}`);
    await createMigratedDatabase(settings, cleanup);

    // 2. Partners to record visits at, colleagues, and the staff member who signs in.
    header('seed');
    const db = await connect(benchUrl);
    cleanup.add('close the seeding connection', () => db.end());
    const organizationIds = await timed(`${int(ORGANIZATIONS)} organizations, ${int(USERS)} staff (set-based)`, () =>
      seed(db),
    );
    const email = 'bench-staff@library.test';
    const password = randomBytes(18).toString('base64url');
    const actorId = await timed('the signed-in staff member (argon2id)', async () => {
      const hash = await new PasswordService({ passwordHashCost: 'standard' }).hash(password);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Bench Staff', 'staff', $2) RETURNING id`,
        [email, hash],
      );
      return rows[0].id;
    });
    await timed('VACUUM (ANALYZE)', () => db.query('VACUUM (ANALYZE)'));
    const list = routes({ organizationIds, actorId }, runId);

    // 3. Both servers, each with the SQL counter preloaded.
    header('start Tandem (node dist/src/main.js, TANDEM_PROCESS=api) and the baseline (node:http + pg)');
    const { child: tandem, url: tandemUrl, workDir } = await startTandem(settings, cleanup, { poolSize: POOL_SIZE });
    const token = await signIn(tandemUrl, tandem, email, password);
    const baseline = await timed('baseline ready', async () => {
      const child = startChild(
        process.execPath,
        [BASELINE_MAIN],
        {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          NODE_OPTIONS: `--require "${SQL_COUNTER}"`,
          BENCH_DATABASE_URL: benchUrl,
          BENCH_ACTOR_ID: actorId,
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
    const children: Record<Sides, Child> = { baseline: baseline.child, Tandem: tandem };

    // Each request's body is the next of one sequence shared by both sides, so names stay unique.
    let next = 0;
    const targets = (route: Route): Record<Sides, Target> => {
      const common = { body: () => JSON.stringify(route.body(next++)), status: 201 };
      return {
        baseline: { name: 'baseline', url: `${baseline.url}${route.path}`, headers: {}, ...common },
        Tandem: {
          name: 'Tandem',
          url: `${tandemUrl}${route.path}`,
          headers: { Authorization: `Bearer ${token}` },
          ...common,
        },
      };
    };

    // 4. Statements per create, counted inside each process; and both must write the same.
    header(`statements per create (${COUNTED_REQUESTS} requests one at a time) and what each create writes`);
    const statements = new Map<Route, Record<Sides, number>>();
    for (const route of list) {
      const target = targets(route);
      const counted = {} as Record<Sides, SeenStatement[]>;
      await timed(`POST ${route.path}`, async () => {
        for (const side of ['baseline', 'Tandem'] as const) {
          for (let i = 0; i < 10; i += 1) await create(target[side], route.body(next++), children[side]);
          await statementsOf(children[side]); // forget the warm-up (and the sign-in)
          for (let i = 0; i < COUNTED_REQUESTS; i += 1) await create(target[side], route.body(next++), children[side]);
          counted[side] = await statementsOf(children[side]);
        }
      });
      // Two bodies a round of partners apart: the same partner, different names.
      const [ours, theirs] = [
        await written(db, route, await create(target.Tandem, route.body(next), tandem)),
        await written(db, route, await create(target.baseline, route.body(next + ORGANIZATIONS), baseline.child)),
      ];
      next += ORGANIZATIONS + 1;
      if (ours !== theirs) {
        throw new BenchError(
          `Tandem and the baseline wrote or answered differently for POST ${route.path}, ${firstDifference(ours, theirs)}`,
          "The baseline mirrors Tandem's create (bench/creates/baseline-server.ts); bring it in line with the service and mapper.",
        );
      }
      const count = {
        baseline: perRequest(counted.baseline, COUNTED_REQUESTS),
        Tandem: perRequest(counted.Tandem, COUNTED_REQUESTS),
      };
      statements.set(route, count);
      console.log(
        `      the same row, related rows, audit event and answer from both; statements: Tandem ${Number(count.Tandem.toFixed(2))}, baseline ${Number(count.baseline.toFixed(2))}`,
      );
      for (const s of counted.Tandem) {
        console.log(`        ${(s.calls / COUNTED_REQUESTS).toFixed(2)} × (${role(s.sql)}) ${shortSql(s.sql, 100)}`);
      }
    }

    // 5. Load: per route a warm-up for each server, then alternating measured rounds.
    header(
      `load: ${CONCURRENCY} clients; per route ${WARMUP_MS / 1000} s warm-up, then rounds of ${ROUND_MS / 1000} s per server, alternating`,
    );
    const pids: Record<Sides, number | undefined> = {
      baseline: baseline.child.process.pid,
      Tandem: tandem.process.pid,
    };
    const results: RouteResult[] = [];
    for (const route of list) {
      const target = targets(route);
      for (const side of ['baseline', 'Tandem'] as const)
        await timed(`${route.path}: warm-up ${side}`, () => runLoad(target[side], CONCURRENCY, WARMUP_MS));
      const rounds: Record<Sides, Round[]> = { baseline: [], Tandem: [] };
      for (let round = 1; round <= route.rounds; round += 1) {
        const line: string[] = [];
        for (const side of ['baseline', 'Tandem'] as const) {
          const measured = await measureRound(target[side], pids[side], db, dbName, {
            concurrency: CONCURRENCY,
            roundMs: ROUND_MS,
          });
          rounds[side].push(measured);
          const { latenciesMs, seconds: took } = measured.sample;
          line.push(`${side} ${int(latenciesMs.length / took)} req/s, median ${ms(percentile(latenciesMs, 50))}`);
        }
        console.log(`      round ${round}/${route.rounds}: ${line.join('; ')}`);
      }
      const base = summarize('baseline', rounds.baseline);
      const ours = summarize('Tandem', rounds.Tandem);
      for (const side of [base, ours]) {
        if (side.sample.errors > 0) {
          throw new BenchError(
            `${side.name} failed ${side.sample.errors} POST ${route.path} (first: ${side.sample.firstError})`,
            'See the error above; a loaded machine or a crashed server are the usual causes.',
          );
        }
      }
      results.push({ route, base, ours, statements: statements.get(route)! });
    }

    // 6. Results.
    header('results');
    const rows: BenchRow[] = [];
    const cpuMs = (value: number | undefined) => (value === undefined ? 'n/a' : ms(value));
    const line = (label: string, b: string, t: string, r: string, note = '') =>
      console.log(`  ${label.padEnd(24)}${b.padStart(12)}${t.padStart(12)}${r.padStart(9)}   ${note}`.trimEnd());
    let other = 0;
    for (const { route, base, ours, statements: count } of results) {
      const medianRatio = ours.median / base.median;
      const medianPass = medianRatio <= MAX_MEDIAN_RATIO;
      const statementsPass = count.Tandem <= count.baseline;
      console.log(`\nPOST ${route.path} — ${route.rounds} × ${ROUND_MS / 1000} s per server, ${CONCURRENCY} clients`);
      line('', 'baseline', 'Tandem', 'ratio');
      line(
        'median latency',
        ms(base.median),
        ms(ours.median),
        ratio(medianRatio, MAX_MEDIAN_RATIO),
        `≤ ${MAX_MEDIAN_RATIO}×   ${medianPass ? 'PASS' : 'FAIL'}`,
      );
      line('p95 latency', ms(base.p95), ms(ours.p95), ratio(ours.p95 / base.p95, MAX_MEDIAN_RATIO));
      line(
        'throughput',
        `${int(base.throughput)}/s`,
        `${int(ours.throughput)}/s`,
        ratio(ours.throughput / base.throughput, 1),
      );
      line('requests', int(base.sample.latenciesMs.length), int(ours.sample.latenciesMs.length), '');
      line('CPU per request:', '', '', '');
      line('  server process', cpuMs(base.serverCpu), cpuMs(ours.serverCpu), '');
      line('  PostgreSQL', cpuMs(base.databaseCpu), cpuMs(ours.databaseCpu), '');
      line('  load generator', cpuMs(base.clientCpu), cpuMs(ours.clientCpu), '');
      line(
        'statements per request',
        String(Number(count.baseline.toFixed(2))),
        String(Number(count.Tandem.toFixed(2))),
        '',
        `≤ bare   ${statementsPass ? 'PASS' : 'FAIL'}`,
      );
      other = Math.max(other, base.otherCpus ?? 0, ours.otherCpus ?? 0);
      rows.push(
        {
          path: `POST ${route.path}`,
          tandem: `p50 ${ms(ours.median)}`,
          limit: `bare ${ms(base.median)}`,
          ratio: times(ours.median, base.median),
          target: `≤ ${MAX_MEDIAN_RATIO}×`,
          pass: medianPass,
        },
        {
          path: `POST ${route.path}, SQL statements per request`,
          tandem: String(Number(count.Tandem.toFixed(2))),
          limit: `bare ${Number(count.baseline.toFixed(2))}`,
          ratio: times(count.Tandem, count.baseline),
          target: '≤ bare',
          pass: statementsPass,
        },
      );
    }
    if (other > 0.25) {
      console.log(
        `\n  note: other processes kept up to ${other.toFixed(2)} of ${cpus().length} CPUs busy during the rounds; the figures are skewed — rerun on a quiet machine`,
      );
    }

    console.log('\nCleaning up');
    await cleanup.run();
    reportRows('creates', rows);
    const missed = rows.filter((row) => !row.pass);
    console.log(
      `creates bench: ${missed.length === 0 ? 'PASS' : `FAIL (${missed.length} of ${rows.length})`} — ` +
        results
          .map(
            ({ route, base, ours, statements: count }) =>
              `${route.path.replace('/api/v1/', '')} ${times(ours.median, base.median)} (${Number(count.Tandem.toFixed(2))} vs ${Number(count.baseline.toFixed(2))} statements)`,
          )
          .join(', ') +
        ` — ${seconds(started)}`,
    );
    return missed.length === 0 ? 0 : 1;
  } catch (error) {
    return failed('creates', error, cleanup, started);
  }
}

runMain(main);
