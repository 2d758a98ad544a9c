/**
 * Isolation benchmark: does one heavy request stall everyone else? Eight closed-loop clients read
 * organizations (`GET /api/v1/organizations/:id`, random seeded ids) alone, with one more client
 * like them (what any added client costs), while one more client loads the manager's dashboard
 * back to back, and while one loads the match suggestions back to back, in alternating rounds,
 * over the dashboard bench's data (5,000 organizations with two years of history). Before that it
 * watches Tandem's event loop while requests are asked one at a time (the dashboard, the dashboard
 * after every stored score was invalidated, the weekly digest's preview, the matches, an
 * organization): each request's longest synchronous stretch, the main thread's CPU per request,
 * the garbage collector's pauses. See bench/README.md for how to run and read it. Run with
 * `npm run bench:isolation`; never part of `npm test`.
 *
 * Targets (issue 20): one client hammering the dashboard or the matches costs the others at most
 * 20 % of their throughput (≥ 0.8× of alone); nothing in a request path runs more than about
 * 20 ms of synchronous CPU (checked for the dashboard, as it is and when it rescores everything).
 *
 * Settings: BENCH_ROUNDS (4), BENCH_SECONDS (6 per condition and round), BENCH_CPU_PROFILE=1
 * (profiles the dashboard and the matches asked one at a time, and names what ran in the long
 * stretches; it slows Tandem, so leave it off for the figures).
 *
 * Exit code: 0 every target met, 1 one missed, 2 the benchmark could not run.
 */
import 'reflect-metadata';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import type { Client } from 'pg';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PasswordService } from '../../src/auth/password.service';
import { redisOptionsFromUrl } from '../../src/redis/redis.connection';
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
  ms,
  planSteps,
  runMain,
  seconds,
  server,
  signIn,
  SQL_COUNTER,
  startTandem,
  TANDEM_MAIN,
  tail,
  timed,
} from '../directory/harness';
import { fetchOnce, percentile, Target } from '../directory/load';
import { backendCpu, backendCpuDelta, machineBusyMs, processCpuMs } from '../directory/cpu';
import type { Child } from '../directory/processes';
import { parseSqlReport, SQL_REPORT_PREFIX } from '../directory/sql-report';
import { ORGANIZATIONS, seed } from '../dashboard/seed';
import { BenchRow, reportRows, times } from '../summary';
import { LOOP_REPORT_PREFIX, LoopReport, parseLoopReport, summarizeProfile } from './loop-report';

// Targets from issue 20.
const MIN_SHARE = 0.8;
const MAX_STRETCH_MS = 20;

const POOL_SIZE = 10;
/** The other users: closed-loop clients reading organizations. */
const CLIENTS = 8;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 4) || 4);
const ROUND_MS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 6) || 6) * 1000;
/** How long the hammering client runs before the others are measured (its first answers settle). */
const HAMMER_LEAD_MS = 500;
const PROFILE = process.env.BENCH_CPU_PROFILE === '1';
/** Requests asked one at a time while the event loop is watched. */
const LOOP_RUNS = { dashboard: 20, rescoring: 3, digest: 5, matches: 10, organization: 200 };
const LOOP_PROBE = join(__dirname, 'loop-probe.js');

/** What the web app's dashboard and Introductions screen load first. */
const DASHBOARD_PATH = '/api/v1/dashboard/health?limit=50&offset=0';
const MATCHES_PATH = '/api/v1/matches?limit=20&offset=0';
/** The weekly digest as the web app previews it (composed on the spot until the week's is sent). */
const DIGEST_PATH = '/api/v1/dashboard/health/digest';
/** The probe's names for the routes. */
const ROUTES = {
  organization: 'GET /api/v1/organizations/:id',
  dashboard: 'GET /api/v1/dashboard/health',
  digest: 'GET /api/v1/dashboard/health/digest',
  matches: 'GET /api/v1/matches',
};

planSteps(6);

/** A deterministic stream of numbers in [0, 1) (mulberry32), so every run reads the same ids. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CPU time of the process's main thread (the event loop), ms, from /proc (schedstat, in ns); undefined without it. */
function mainThreadCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

interface Timing {
  latenciesMs: number[];
  /** When each answer arrived (performance.now()). */
  doneAt: number[];
}

async function get200(target: Target, agent: Agent, tandem: Child): Promise<string> {
  const { status, body } = await fetchOnce(target, agent);
  if (status !== 200) {
    throw new BenchError(
      `GET ${new URL(target.url).pathname} answered ${status}: ${body.slice(0, 300)}`,
      `Tandem's output:\n${tail(tandem.output())}`,
    );
  }
  return body;
}

/** `concurrency` closed-loop clients, each asking `next()` as soon as its previous answer came, until `until()`. */
async function closedLoop(
  next: () => Target,
  concurrency: number,
  until: () => boolean,
  tandem: Child,
): Promise<Timing> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const timing: Timing = { latenciesMs: [], doneAt: [] };
  const client = async () => {
    while (!until()) {
      const t0 = performance.now();
      await get200(next(), agent, tandem);
      const t1 = performance.now();
      timing.latenciesMs.push(t1 - t0);
      timing.doneAt.push(t1);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, client));
  } finally {
    agent.destroy();
  }
  return timing;
}

/**
 * Alone; with one more client like the others (what any added client costs them, for
 * comparison); with one client loading the dashboard; with one loading the matches.
 */
type Condition = 'alone' | 'another' | 'dashboard' | 'matches';
const CONDITIONS: readonly Condition[] = ['alone', 'another', 'dashboard', 'matches'];

interface RoundResult {
  others: Timing;
  seconds: number;
  /** The hammering client's answers within the measured window. */
  hammer?: Timing;
  /** Tandem's main thread busy (0..1 of a CPU) during the window. */
  mainThread?: number;
  /** CPUs other processes on the machine kept busy meanwhile, on average. */
  otherCpus?: number;
}

/** One round of one condition: the hammer (if any) starts first, then the others are measured for ROUND_MS. */
async function round(
  condition: Condition,
  targets: { organization: () => Target; dashboard: Target; matches: Target },
  tandem: Child,
  database: { db: Client; name: string },
): Promise<RoundResult> {
  let hammering = true;
  const hammerTarget = {
    alone: undefined,
    another: targets.organization,
    dashboard: () => targets.dashboard,
    matches: () => targets.matches,
  }[condition];
  const hammer = hammerTarget ? closedLoop(hammerTarget, 1, () => !hammering, tandem) : undefined;
  if (hammer) await new Promise((resolve) => setTimeout(resolve, HAMMER_LEAD_MS));
  const cpu0 = mainThreadCpuMs(tandem.process.pid);
  const ours0 = await ourCpuMs(tandem, database);
  const machine0 = machineBusyMs();
  const t0 = performance.now();
  const deadline = t0 + ROUND_MS;
  const others = await closedLoop(targets.organization, CLIENTS, () => performance.now() >= deadline, tandem);
  const t1 = performance.now();
  const machine1 = machineBusyMs();
  const ours1 = await ourCpuMs(tandem, database);
  const cpu1 = mainThreadCpuMs(tandem.process.pid);
  hammering = false;
  const hammered = await hammer;
  const within = (timing: Timing): Timing => {
    const kept = timing.doneAt
      .map((at, i) => ({ at, ms: timing.latenciesMs[i] }))
      .filter((a) => a.at >= t0 && a.at <= t1);
    return { latenciesMs: kept.map((a) => a.ms), doneAt: kept.map((a) => a.at) };
  };
  return {
    others,
    seconds: (t1 - t0) / 1000,
    hammer: hammered && within(hammered),
    mainThread: cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) / (t1 - t0),
    otherCpus:
      machine0 === undefined || machine1 === undefined || ours0 === undefined || ours1 === undefined
        ? undefined
        : Math.max(0, machine1 - machine0 - (ours1 - ours0)) / (t1 - t0),
  };
}

/** CPU time of everything the bench runs: Tandem's process, the bench database's backends, the bench itself (ms). */
async function ourCpuMs(tandem: Child, database: { db: Client; name: string }): Promise<number | undefined> {
  const tandemCpu = processCpuMs(tandem.process.pid);
  const backends = await backendCpu(database.db, database.name);
  const bench = process.cpuUsage();
  if (tandemCpu === undefined || backends.size === 0) return undefined;
  return tandemCpu + [...backends.values()].reduce((sum, ms) => sum + ms, 0) + (bench.user + bench.system) / 1000;
}

interface ConditionResult {
  throughput: number;
  p50: number;
  p99: number;
  requests: number;
  hammerRate?: number;
  hammerP50?: number;
  mainThread?: number;
  /** The others' throughput in each round, req/s (how much the machine moved it). */
  perRound: number[];
  otherCpus?: number;
}

function summarize(rounds: RoundResult[]): ConditionResult {
  const latencies = rounds.flatMap((r) => r.others.latenciesMs);
  const secs = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const hammer = rounds.flatMap((r) => r.hammer?.latenciesMs ?? []);
  const busy = rounds.map((r) => r.mainThread);
  return {
    throughput: latencies.length / secs,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    hammerRate: rounds[0].hammer ? hammer.length / secs : undefined,
    hammerP50: rounds[0].hammer ? percentile(hammer, 50) : undefined,
    mainThread: mean(busy),
    perRound: rounds.map((r) => r.others.latenciesMs.length / r.seconds),
    otherCpus: mean(rounds.map((r) => r.otherCpus)),
  };
}

const mean = (values: Array<number | undefined>): number | undefined =>
  values.some((v) => v === undefined)
    ? undefined
    : values.reduce<number>((sum, v) => sum + (v as number), 0) / values.length;

/** What the probes saw over one span: the event loop (loop-probe) and the statements sent (the SQL counter). */
interface Span {
  loop: LoopReport;
  statements: number;
}

interface Solo {
  loop: LoopReport;
  statementsPerRequest: number;
  /** Each request's longest stretch while it was in flight, ms: wall time and the main thread's CPU time. */
  stretches: { wallMs: number[]; cpuMs: number[] };
  /** Main-thread CPU per request, ms. */
  cpuPerRequest?: number;
  /** The bench database's PostgreSQL backends' CPU per request, ms (in 10 ms ticks of /proc). */
  databaseCpuPerRequest?: number;
  medianMs: number;
}

/**
 * `runs` requests to `next()` (all on `route`), one at a time, with the event loop watched: the
 * probe's report of the span and each request's longest stretch. `before` runs ahead of each
 * request (in the bench, not in Tandem).
 */
async function solo(
  ask: { route: string; next: () => Target; runs: number; before?: () => Promise<unknown> },
  site: Site,
): Promise<Solo> {
  const { tandem, agent, database } = site;
  await site.spanReport(); // forget what came before
  let cpu: number | undefined = 0;
  let databaseCpu: number | undefined = 0;
  const latencies: number[] = [];
  for (let i = 0; i < ask.runs; i += 1) {
    await ask.before?.();
    const cpu0 = mainThreadCpuMs(tandem.process.pid);
    const backends0 = await backendCpu(database.db, database.name);
    const t0 = performance.now();
    await get200(ask.next(), agent, tandem);
    latencies.push(performance.now() - t0);
    const cpu1 = mainThreadCpuMs(tandem.process.pid);
    const backends = backendCpuDelta(backends0, await backendCpu(database.db, database.name));
    cpu = cpu === undefined || cpu0 === undefined || cpu1 === undefined ? undefined : cpu + cpu1 - cpu0;
    databaseCpu = databaseCpu === undefined || backends === undefined ? undefined : databaseCpu + backends;
  }
  const { loop, statements } = await site.spanReport();
  return {
    loop,
    statementsPerRequest: statements / ask.runs,
    stretches: loop.byRoute[ask.route] ?? { wallMs: [], cpuMs: [] },
    cpuPerRequest: cpu === undefined ? undefined : cpu / ask.runs,
    databaseCpuPerRequest: databaseCpu === undefined ? undefined : databaseCpu / ask.runs,
    medianMs: percentile(latencies, 50),
  };
}

/** Tandem, signed in, with its probes and its database: what the one-at-a-time requests need. */
interface Site {
  tandem: Child;
  agent: Agent;
  spanReport: () => Promise<Span>;
  database: { db: Client; name: string };
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

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const percent = (share: number | undefined) => (share === undefined ? '?' : `${Math.round(share * 100)} %`);

function printSolo(label: string, result: Solo): void {
  const { loop, stretches } = result;
  console.log(
    `  ${label.padEnd(24)} median ${ms(result.medianMs).padStart(8)}, ${Number(result.statementsPerRequest.toFixed(1))} statements; CPU a request: ` +
      `main thread ${result.cpuPerRequest === undefined ? '?' : ms(result.cpuPerRequest)}, PostgreSQL ${result.databaseCpuPerRequest === undefined ? '?' : ms(result.databaseCpuPerRequest)}; ` +
      `longest stretch a request: CPU median ${ms(percentile(stretches.cpuMs, 50))}, worst ${ms(Math.max(...stretches.cpuMs))} ` +
      `(wall ${ms(percentile(stretches.wallMs, 50))}, ${ms(Math.max(...stretches.wallMs))})`,
  );
  console.log(
    `  ${''.padEnd(24)} loop busy ${percent(loop.utilization)}, ${loop.long.filter((s) => s.ms >= MAX_STRETCH_MS).length} stretches of ${MAX_STRETCH_MS} ms or more; ` +
      `GC ${loop.gc.count} pauses, ${ms(loop.gc.totalMs)} in all, longest ${ms(loop.gc.maxMs)}`,
  );
  if (!loop.profile) return;
  const profile = summarizeProfile(loop.profile, loop.long);
  const share = (t: number) => `${Math.round((100 * t) / profile.busyMs)} %`;
  console.log(
    `      profile, ${ms(profile.busyMs)} busy; self time by owner: ${profile.byOwner
      .slice(0, 8)
      .map(([who, t]) => `${who} ${share(t)}`)
      .join(', ')}`,
  );
  for (const [name, t] of profile.byFunction.slice(0, 8)) console.log(`        ${ms(t).padStart(9)}  ${name}`);
  console.log(`      what ran in the stretches with the most CPU (of ${profile.stretches.length} of 10 ms or more):`);
  for (const stretch of profile.stretches.slice(0, 5)) {
    console.log(
      `        ${ms(stretch.ms).padStart(9)} (CPU ${ms(stretch.cpuMs)}): ${
        stretch.top.length === 0
          ? '(the profiler itself)'
          : stretch.top.map(([name, t]) => `${name} ${t.toFixed(1)}`).join('; ')
      }`,
    );
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const settings = benchSettings();
  const { adminUrl, dbName, benchUrl, redisUrl, runId } = settings;
  const cleanup = new Cleanup();
  cleanUpOnSignal('isolation', cleanup, started);

  try {
    if (!existsSync(TANDEM_MAIN)) {
      throw new BenchError(
        `${TANDEM_MAIN} does not exist`,
        'Run `npm run bench:isolation`, which builds Tandem first (or `npm run build`).',
      );
    }
    console.log(
      `Isolation benchmark — ${cpus().length} CPUs, Node ${process.version}, ${int(ORGANIZATIONS)} organizations; load average ${loadavg()}`,
    );

    header(`database ${dbName} on ${server(adminUrl)}`);
    await createMigratedDatabase(settings, cleanup);
    const redisPrefix = `tandem-bench-${runId}`;
    cleanup.add(`delete the bench's Redis keys (${redisPrefix}*)`, () => deleteRedisKeys(redisUrl, redisPrefix));

    header("seed: the dashboard bench's data (set-based SQL)");
    const db = await connect(benchUrl);
    cleanup.add('close the seeding connection', () => db.end());
    const seededRows = await seed(db, timed);
    console.log(`      ${int(seededRows.total)} rows in all`);
    const email = 'bench-manager@library.test';
    const password = randomBytes(18).toString('base64url');
    await timed('manager user (argon2id)', async () => {
      const hash = await new PasswordService({ passwordHashCost: 'standard' }).hash(password);
      await db.query(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Bench Manager', 'manager', $2)`,
        [email, hash],
      );
    });
    const ids = (await db.query<{ id: string }>('SELECT id FROM organizations ORDER BY id')).rows.map((r) => r.id);

    header('start Tandem (node dist/src/main.js, TANDEM_PROCESS=api) with the event-loop probe');
    const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'tandem-bench-profile-')) : undefined;
    if (profileDir) console.log(`      CPU profiles in ${profileDir} (kept)`);
    const { child: tandem, url: tandemUrl } = await startTandem(settings, cleanup, {
      poolSize: POOL_SIZE,
      env: {
        NODE_OPTIONS: `--require "${SQL_COUNTER}" --require "${LOOP_PROBE}"`,
        ...(profileDir && { BENCH_CPU_PROFILE: '1', BENCH_PROFILE_DIR: profileDir }),
      },
    });
    const token = await signIn(tandemUrl, tandem, email, password);
    const headers = { Authorization: `Bearer ${token}` };
    const target = (name: string, path: string): Target => ({ name, url: `${tandemUrl}${path}`, headers });
    const random = seeded(20);
    const targets = {
      organization: () =>
        target('GET /organizations/:id', `/api/v1/organizations/${ids[Math.floor(random() * ids.length)]}`),
      dashboard: target('GET /dashboard/health', DASHBOARD_PATH),
      matches: target('GET /matches', MATCHES_PATH),
      digest: target('GET /dashboard/health/digest', DIGEST_PATH),
    };
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    cleanup.add('close the HTTP agent', async () => agent.destroy());
    // The first look scores every organization and ranks the matches; later ones read the stored scores.
    await timed('first GET /dashboard/health (every organization scored and stored) and GET /matches', async () => {
      await get200(targets.dashboard, agent, tandem);
      await get200(targets.matches, agent, tandem);
      for (let i = 0; i < 20; i += 1) await get200(targets.organization(), agent, tandem);
    });

    header('the event loop, one request at a time');
    // Both probes answer SIGUSR2: the SQL counter at once, the loop probe once its profile is written.
    const spanReport = async (): Promise<Span> => {
      tandem.process.kill('SIGUSR2');
      const statements = parseSqlReport(await tandem.nextLine(SQL_REPORT_PREFIX, 10_000));
      const loop = parseLoopReport(await tandem.nextLine(LOOP_REPORT_PREFIX, 10_000));
      return { loop, statements: statements.reduce((sum, s) => sum + s.calls, 0) };
    };
    const site: Site = { tandem, agent, spanReport, database: { db, name: dbName } };
    // The dashboard's introductions are kept for up to a minute: one look just before, so the
    // measured ones are the dashboard's own work (the ranking shows under GET /matches).
    await get200(targets.dashboard, agent, tandem);
    // Organizations first: their garbage, and the first look's, is collected before the dashboard is watched.
    const soloOrganization = await timed(`GET /organizations/:id × ${LOOP_RUNS.organization}`, () =>
      solo({ route: ROUTES.organization, next: targets.organization, runs: LOOP_RUNS.organization }, site),
    );
    const soloDashboard = await timed(`GET /dashboard/health × ${LOOP_RUNS.dashboard}`, () =>
      solo({ route: ROUTES.dashboard, next: () => targets.dashboard, runs: LOOP_RUNS.dashboard }, site),
    );
    // What a change to the health settings does (its trigger queues every organization): the next look rescores them all.
    const rescoring = await timed(
      `GET /dashboard/health × ${LOOP_RUNS.rescoring}, each after every score was invalidated`,
      () =>
        solo(
          {
            route: ROUTES.dashboard,
            next: () => targets.dashboard,
            runs: LOOP_RUNS.rescoring,
            before: () => db.query('INSERT INTO health_changes (organization_id) SELECT id FROM organizations'),
          },
          site,
        ),
    );
    const soloDigest = await timed(`GET /dashboard/health/digest × ${LOOP_RUNS.digest}`, () =>
      solo({ route: ROUTES.digest, next: () => targets.digest, runs: LOOP_RUNS.digest }, site),
    );
    const soloMatches = await timed(`GET /matches × ${LOOP_RUNS.matches}`, () =>
      solo({ route: ROUTES.matches, next: () => targets.matches, runs: LOOP_RUNS.matches }, site),
    );

    header(
      `${CLIENTS} clients on GET /organizations/:id: alone, with one more like them, with one on the dashboard, with one on the matches (${ROUNDS} rounds of ${ROUND_MS / 1000} s each, alternating)`,
    );
    const byCondition = new Map<Condition, RoundResult[]>(CONDITIONS.map((c) => [c, []]));
    await timed('warm-up, alone (2 s)', () => {
      const deadline = performance.now() + 2_000;
      return closedLoop(targets.organization, CLIENTS, () => performance.now() >= deadline, tandem);
    });
    for (let r = 0; r < ROUNDS; r += 1) {
      // Each round starts with another condition, so a drift of the machine hits all three alike.
      const order = CONDITIONS.map((_, i) => CONDITIONS[(i + r) % CONDITIONS.length]);
      for (const condition of order) {
        const result = await timed(`round ${r + 1}: ${condition}`, () =>
          round(condition, targets, tandem, { db, name: dbName }),
        );
        byCondition.get(condition)!.push(result);
      }
    }

    header('results');
    const alone = summarize(byCondition.get('alone')!);
    const withAnother = summarize(byCondition.get('another')!);
    const withDashboard = summarize(byCondition.get('dashboard')!);
    const withMatches = summarize(byCondition.get('matches')!);
    console.log(`\nResults — load average ${loadavg()}`);
    const columns = (cells: string[]) =>
      `  ${cells[0].padEnd(38)}${cells[1].padStart(7)}${cells[2].padStart(10)}${cells[3].padStart(10)}${cells[4].padStart(7)}   ` +
      `${cells[5].padEnd(24)}${cells[6].padEnd(36)}${cells[7].padStart(11)}${cells[8].padStart(10)}`;
    console.log(
      columns([
        `${CLIENTS} clients on GET /organizations/:id`,
        'req/s',
        'p50',
        'p99',
        'share',
        'req/s by round',
        'the one hammering client',
        'main thread',
        'others',
      ]),
    );
    const line = (label: string, c: ConditionResult, hammer = '') =>
      columns([
        label,
        int(c.throughput),
        ms(c.p50),
        ms(c.p99),
        times(c.throughput, alone.throughput),
        c.perRound.map(int).join(' '),
        hammer && `${hammer} ${(c.hammerRate ?? 0).toFixed(1)} req/s, p50 ${ms(c.hammerP50 ?? Number.NaN)}`,
        `${percent(c.mainThread)} busy`,
        c.otherCpus === undefined ? '?' : `${c.otherCpus.toFixed(2)} CPU`,
      ]);
    console.log(line('alone', alone));
    console.log(line('with one more client like them', withAnother, 'one more'));
    console.log(line('while one client loads the dashboard', withDashboard, 'dashboard'));
    console.log(line('while one client loads the matches', withMatches, 'matches'));
    console.log(
      `  (${int(alone.requests + withAnother.requests + withDashboard.requests + withMatches.requests)} requests measured, no errors; ` +
        `others: the CPUs other processes on the machine kept busy meanwhile, of ${cpus().length})`,
    );
    console.log(`\n  The event loop, one request at a time (CPU: Tandem's main thread, from /proc):`);
    printSolo('GET /dashboard/health', soloDashboard);
    printSolo('… every score invalidated', rescoring);
    printSolo('GET …/health/digest', soloDigest);
    printSolo('GET /matches', soloMatches);
    printSolo('GET /organizations/:id', soloOrganization);

    const worstCpu = (result: Solo) => Math.max(...result.stretches.cpuMs);
    const stretchRow = (path: string, result: Solo): BenchRow => ({
      path,
      tandem: `${ms(worstCpu(result))} (median ${ms(percentile(result.stretches.cpuMs, 50))})`,
      limit: '',
      ratio: '',
      target: `≤ ${MAX_STRETCH_MS} ms`,
      pass: worstCpu(result) <= MAX_STRETCH_MS,
    });
    const rows: BenchRow[] = [
      {
        path: 'GET /organizations/:id while one client hammers the dashboard',
        tandem: `${int(withDashboard.throughput)} req/s`,
        limit: `alone ${int(alone.throughput)} req/s`,
        ratio: times(withDashboard.throughput, alone.throughput),
        target: `≥ ${MIN_SHARE}×`,
        pass: withDashboard.throughput >= MIN_SHARE * alone.throughput,
      },
      {
        path: 'GET /organizations/:id while one client hammers the matches',
        tandem: `${int(withMatches.throughput)} req/s`,
        limit: `alone ${int(alone.throughput)} req/s`,
        ratio: times(withMatches.throughput, alone.throughput),
        target: `≥ ${MIN_SHARE}×`,
        pass: withMatches.throughput >= MIN_SHARE * alone.throughput,
      },
      stretchRow('GET /dashboard/health: its longest synchronous stretch (CPU)', soloDashboard),
      stretchRow('GET /dashboard/health after every score was invalidated: its longest stretch (CPU)', rescoring),
    ];
    reportRows('isolation', rows);

    console.log('\nCleaning up');
    await cleanup.run();
    const missed = rows.filter((row) => !row.pass).length;
    console.log(
      `isolation bench: ${missed === 0 ? 'PASS' : `FAIL (${missed} of ${rows.length})`} — ${CLIENTS} clients on GET /organizations/:id: ` +
        `alone ${int(alone.throughput)} req/s, with the dashboard hammered ${int(withDashboard.throughput)} (${times(withDashboard.throughput, alone.throughput)}), ` +
        `with the matches ${int(withMatches.throughput)} (${times(withMatches.throughput, alone.throughput)}); dashboard's longest stretch ${ms(worstCpu(soloDashboard))} of CPU, ${ms(worstCpu(rescoring))} rescoring every organization — ${seconds(started)}`,
    );
    return missed === 0 ? 0 : 1;
  } catch (error) {
    return failed('isolation', error, cleanup, started);
  }
}

runMain(main);
