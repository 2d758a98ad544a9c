/**
 * Embedded-database benchmark: Tandem with no DATABASE_URL, as `npm start` runs it, with its
 * own PostgreSQL server as a child process. See bench/README.md for how to run and read it.
 * Run with `npm run bench:embedded`; never part of `npm test`.
 *
 * It measures (1) the first start on an empty TANDEM_DATA_DIR, (2) a start with nothing
 * changed, and (3) the concurrency story of test/e2e/embedded-database.e2e-spec.ts — an admin,
 * a staff member and a viewer sending a mix of requests from 8 clients — for its figures:
 * requests, throughput, latency, and every answer checked (for the caller, for the asked
 * record, no 401, no 5xx). The issue sets no speed target; correctness decides the verdict.
 *
 * Exit code: 0 every answer right and every check passed, 1 one was not, 2 the benchmark could not run.
 */
import Redis from 'ioredis';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { redisOptionsFromUrl } from '../../src/redis/redis.connection';
import { machineBusyMs, processCpuMs } from '../directory/cpu';
import {
  BenchError,
  Cleanup,
  cleanUpOnSignal,
  failed,
  header,
  int,
  ms,
  planSteps,
  runMain,
  seconds,
  TANDEM_MAIN,
  tail,
  timed,
} from '../directory/harness';
import { percentile } from '../directory/load';
import { freePort } from '../../src/database/free-port';
import { Child, startChild } from '../directory/processes';
import { runConcurrencyStory, StoryActor, StoryAnswer, StoryRole } from '../../test/setup/concurrency-story';
import { checkRows, reportRows } from '../summary';

const positive = (name: string, fallback: number) => Math.max(1, Number(process.env[name] ?? fallback) || fallback);
/** Length of the measured concurrency story (the issue's 20 s). */
const STORY_SECONDS = positive('BENCH_SECONDS', 20);
const WARMUP_SECONDS = 2;
const CLIENTS = positive('BENCH_CLIENTS', 8);
/** Starts with nothing changed; the median is reported. */
const RESTARTS = positive('BENCH_RESTARTS', 3);
const START_TIMEOUT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 10_000;
const PASSWORD = randomBytes(18).toString('base64url');
/** A start or stop time: seconds, two decimals. */
const secs = (value: number) => `${(value / 1000).toFixed(2)} s`;

interface Answer extends StoryAnswer {
  ms: number;
}

/** One JSON request on a keep-alive agent; the latency is from sending to the whole answer. */
function send(
  agent: Agent,
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: object,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload !== undefined && {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          }),
          ...(token && { authorization: `Bearer ${token}` }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
              ms: performance.now() - t0,
            });
          } catch {
            resolve({
              status: res.statusCode ?? 0,
              body: { unparsable: text.slice(0, 200) },
              ms: performance.now() - t0,
            });
          }
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.end(payload);
  });
}

function expectStatus(answer: Answer, status: number, what: string, tandem: Child): Record<string, unknown> {
  if (answer.status !== status) {
    throw new BenchError(
      `${what} answered ${answer.status} (expected ${status}): ${JSON.stringify(answer.body).slice(0, 300)}`,
      `Tandem's output:\n${tail(tandem.output())}`,
    );
  }
  return answer.body;
}

/** CPU (ms) of the cluster's postmaster and of every process it forked (backends, checkpointer, …). */
function postgresCpuMs(postmaster: number | undefined): number | undefined {
  if (postmaster === undefined) return undefined;
  let total = processCpuMs(postmaster);
  if (total === undefined) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += processCpuMs(Number(entry)) ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function postmasterPid(cluster: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** `ps` lines naming the cluster (the postmaster's command line holds `-D <cluster>`). */
function processesOf(cluster: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(cluster));
}

/** The `ms` a JSON log line with this message reports, if Tandem wrote one. */
function loggedMs(output: string, message: string): number | undefined {
  for (const line of output.split('\n')) {
    if (!line.includes(message)) continue;
    try {
      const ms = (JSON.parse(line) as { ms?: unknown }).ms;
      if (typeof ms === 'number') return ms;
    } catch {
      // not JSON
    }
  }
  return undefined;
}

interface Start {
  child: Child;
  url: string;
  ms: number;
  /** From Tandem's log (LOG_LEVEL=info): the embedded server's start, and initdb within it. */
  embeddedMs?: number;
  initdbMs?: number;
}

interface StoryFigures {
  seconds: number;
  latencies: number[];
  byStatus: Map<number, number>;
  byKind: Map<string, number[]>;
  wrong: string[];
  networkErrors: number;
  created: string[];
}

/**
 * The concurrency story of the e2e spec (test/setup/concurrency-story.ts), over a keep-alive
 * agent, with each answer's latency. Organizations it creates are added to `organizations` (and
 * so become candidates for GET /organizations/:id).
 */
async function runStory(
  base: string,
  actors: readonly [StoryActor, StoryActor, StoryActor],
  organizations: Array<{ id: string; name: string }>,
  next: () => number,
  durationMs: number,
): Promise<StoryFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    const story = await runConcurrencyStory({
      send: (method, path, token, body) => send(agent, base, method, path, token, body),
      actors,
      organizations,
      clients: CLIENTS,
      durationMs,
      next,
    });
    const figures: StoryFigures = { ...story, latencies: [], byStatus: new Map(), byKind: new Map() };
    for (const { kind, answer } of story.answers) {
      figures.latencies.push(answer.ms);
      figures.byStatus.set(answer.status, (figures.byStatus.get(answer.status) ?? 0) + 1);
      figures.byKind.set(kind, [...(figures.byKind.get(kind) ?? []), answer.ms]);
    }
    return figures;
  } finally {
    agent.destroy();
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const cleanup = new Cleanup();
  cleanUpOnSignal('embedded', cleanup, started);
  const runId = randomBytes(4).toString('hex');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `tandem-bench-${runId}`;
  planSteps(4);

  try {
    if (!existsSync(TANDEM_MAIN)) {
      throw new BenchError(
        `${TANDEM_MAIN} does not exist`,
        'Run `npm run bench:embedded`, which builds Tandem first (or `npm run build:server`).',
      );
    }
    if (process.env.DATABASE_URL)
      console.log('      note: DATABASE_URL is ignored: this bench measures the embedded database');
    console.log(
      `Embedded database benchmark — ${cpus().length} CPUs, Node ${process.version}, ${CLIENTS} clients for ${STORY_SECONDS} s`,
    );

    // Everything in one temporary folder: the data dir, and an empty working directory so that
    // a developer's .env cannot change what is measured. As root, Tandem runs PostgreSQL as the
    // postgres account, which must be able to pass through it.
    const root = mkdtempSync(join(tmpdir(), 'tandem-bench-embedded-'));
    chmodSync(root, 0o755);
    const dataDir = join(root, 'data');
    const cluster = join(dataDir, 'pg');
    const workDir = join(root, 'work');
    mkdirSync(workDir);
    cleanup.add(`remove ${root}`, async () => {
      // A server left by a failed run would hold the cluster open.
      const pid = postmasterPid(cluster);
      if (pid !== undefined) {
        try {
          process.kill(pid, 'SIGQUIT');
        } catch {
          // already gone
        }
      }
      rmSync(root, { recursive: true, force: true });
    });
    cleanup.add(`delete the bench's Redis keys (${redisPrefix}*)`, async () => {
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
          const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
          if (keys.length > 0) await redis.del(...keys);
          cursor = nextCursor;
        } while (cursor !== '0');
      } catch {
        // No Redis: Tandem served without it, so there is nothing to delete.
      } finally {
        redis.disconnect();
      }
    });

    let running: Child | undefined;
    cleanup.add('stop Tandem', async () => {
      await running?.stop();
    });
    /** Spawn → /api/v1/health answers. */
    const start = async (logLevel: string): Promise<Start> => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const t0 = performance.now();
      const child = startChild(
        process.execPath,
        [TANDEM_MAIN],
        {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(port),
          TANDEM_DATA_DIR: dataDir,
          REDIS_URL: redisUrl,
          REDIS_PREFIX: redisPrefix,
          LOG_FORMAT: 'json',
          LOG_LEVEL: logLevel,
        },
        workDir,
      );
      running = child;
      for (;;) {
        if (child.process.exitCode !== null) {
          throw new BenchError(
            `Tandem exited with code ${child.process.exitCode}:\n${tail(child.output())}`,
            'Fix what its output says; `npm run build:server` if dist/ is stale.',
          );
        }
        if (performance.now() - t0 > START_TIMEOUT_MS) {
          throw new BenchError(
            `Tandem did not answer within ${START_TIMEOUT_MS / 1000} s:\n${tail(child.output())}`,
            'See its output above.',
          );
        }
        const healthy = await fetch(`${url}/api/v1/health`)
          .then((r) => r.status < 500)
          .catch(() => false);
        if (healthy) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const elapsed = performance.now() - t0;
      return {
        child,
        url,
        ms: elapsed,
        embeddedMs: loggedMs(child.output(), 'embedded PostgreSQL started'),
        initdbMs: loggedMs(child.output(), 'embedded PostgreSQL cluster created'),
      };
    };
    /** SIGTERM → exit; fails unless it exits 0 and leaves no process of the cluster behind. */
    const stop = async (child: Child): Promise<number> => {
      const t0 = performance.now();
      await child.stop(30_000);
      const elapsed = performance.now() - t0;
      if (child.process.exitCode !== 0) {
        throw new BenchError(
          `Tandem exited with ${child.process.exitCode ?? child.process.signalCode} on SIGTERM:\n${tail(child.output())}`,
          'It should stop cleanly (exit 0).',
        );
      }
      const left = processesOf(cluster);
      if (left.length > 0)
        throw new BenchError(
          `PostgreSQL still runs after Tandem stopped:\n${left.join('\n')}`,
          'Stop it by hand (kill <pid>).',
        );
      return elapsed;
    };
    const breakdown = (s: Start) =>
      s.embeddedMs === undefined
        ? ''
        : ` (embedded PostgreSQL ${secs(s.embeddedMs)}${s.initdbMs === undefined ? '' : `, of which initdb ${secs(s.initdbMs)}`})`;

    // 1. The first start: initdb, the server, the database, every migration.
    header(`first start on an empty TANDEM_DATA_DIR (${dataDir})`);
    const first = await timed('spawn → /api/v1/health answers', () => start('info'));
    if (first.embeddedMs !== undefined) console.log(`     ${breakdown(first)}`);
    const firstStop = await timed('SIGTERM → exit 0, no PostgreSQL left', () => stop(first.child));

    // 2. Starts with nothing changed.
    header(`start with nothing changed (${RESTARTS}×)`);
    const restarts: Start[] = [];
    const stops: number[] = [firstStop];
    for (let i = 0; i < RESTARTS; i += 1) {
      const again = await timed(`start ${i + 1}: spawn → /api/v1/health answers`, () => start('info'));
      if (again.embeddedMs !== undefined) console.log(`     ${breakdown(again)}`);
      restarts.push(again);
      stops.push(await timed('SIGTERM → exit 0, no PostgreSQL left', () => stop(again.child)));
    }
    const restartMs = percentile(
      restarts.map((s) => s.ms),
      50,
    );

    // 3. The concurrency story, on a Tandem logging as in production (LOG_LEVEL=warn).
    header(`the concurrency story: ${CLIENTS} clients, ${WARMUP_SECONDS} s warm-up, then ${STORY_SECONDS} s measured`);
    const tandem = await timed('start Tandem (LOG_LEVEL=warn)', () => start('warn'));
    const base = tandem.url;
    const setupAgent = new Agent({ keepAlive: true });
    cleanup.add('close the HTTP agent', async () => setupAgent.destroy());
    const call = (method: string, path: string, token?: string, body?: object) =>
      send(setupAgent, base, method, path, token, body);
    const actors = await timed('an admin, a staff member and a viewer, signed in', async () => {
      expectStatus(
        await call('POST', '/api/v1/auth/setup', undefined, {
          email: 'maya@library.test',
          password: PASSWORD,
          name: 'Maya Admin',
        }),
        201,
        'setup',
        tandem.child,
      );
      const signIn = async (role: StoryRole, email: string, baseName: string): Promise<StoryActor> => {
        const login = expectStatus(
          await call('POST', '/api/v1/auth/login', undefined, { email, password: PASSWORD }),
          200,
          `sign-in of the ${role}`,
          tandem.child,
        );
        return { role, id: (login.user as { id: string }).id, token: login.accessToken as string, baseName };
      };
      const admin = await signIn('admin', 'maya@library.test', 'Maya Admin');
      await Promise.all(
        (
          [
            ['staff', 'sam@library.test', 'Sam Staff'],
            ['viewer', 'vic@library.test', 'Vic Viewer'],
          ] as const
        ).map(async ([role, email, name]) =>
          expectStatus(
            await call('POST', '/api/v1/users', admin.token, { email, name, role, password: PASSWORD }),
            201,
            `creating the ${role}`,
            tandem.child,
          ),
        ),
      );
      const [staff, viewer] = await Promise.all([
        signIn('staff', 'sam@library.test', 'Sam Staff'),
        signIn('viewer', 'vic@library.test', 'Vic Viewer'),
      ]);
      return [admin, staff, viewer] as const;
    });
    const [admin, , viewer] = actors;
    const organizations: Array<{ id: string; name: string }> = [];
    let counter = 0;
    const next = () => ++counter;
    for (let i = 0; i < 3; i += 1) {
      const name = `Embedded partner ${next()}`;
      const body = expectStatus(
        await call('POST', '/api/v1/organizations', admin.token, { name }),
        201,
        'a first organization',
        tandem.child,
      );
      organizations.push({ id: body.id as string, name });
    }
    const warmup = await timed(`warm-up (${WARMUP_SECONDS} s)`, () =>
      runStory(base, actors, organizations, next, WARMUP_SECONDS * 1000),
    );
    const postmaster = postmasterPid(cluster);
    const node0 = processCpuMs(tandem.child.process.pid);
    const pg0 = postgresCpuMs(postmaster);
    const client0 = process.cpuUsage();
    const machine0 = machineBusyMs();
    const story = await timed(`measured (${STORY_SECONDS} s)`, () =>
      runStory(base, actors, organizations, next, STORY_SECONDS * 1000),
    );
    const machine1 = machineBusyMs();
    const clientCpu = process.cpuUsage(client0);
    const node1 = processCpuMs(tandem.child.process.pid);
    const pg1 = postgresCpuMs(postmaster);

    // 4. Afterwards: nothing took effect that should not have, and every create is there.
    header('afterwards: roles, names and organizations as the answers said');
    const after = await timed('read back', async () => {
      const me = await call('GET', '/api/v1/auth/me', viewer.token);
      const users = (await call('GET', '/api/v1/users?limit=100', admin.token)).body.data as Array<{
        id: string;
        name: string;
        role: string;
      }>;
      const listed = new Set<string>();
      for (let offset = 0; ; offset += 100) {
        const page = expectStatus(
          await call('GET', `/api/v1/organizations?sort=createdAt&limit=100&offset=${offset}`, admin.token),
          200,
          'the list',
          tandem.child,
        );
        for (const o of page.data as Array<{ name: string }>) listed.add(o.name);
        if (offset + 100 >= (page.meta as { total: number }).total) break;
      }
      return { me: me.body, users, listed };
    });
    const created = [...warmup.created, ...story.created];
    const roles = new Map(after.users.map((u) => [u.id, u]));
    const finalStop = await timed('SIGTERM → exit 0, no PostgreSQL left', () => stop(tandem.child));
    stops.push(finalStop);

    // Results.
    const requests = story.latencies.length + story.networkErrors;
    const statusCount = (test: (status: number) => boolean, figures = story) =>
      [...figures.byStatus].reduce((sum, [status, n]) => sum + (test(status) ? n : 0), 0);
    const unauthorized = statusCount((s) => s === 401) + statusCount((s) => s === 401, warmup);
    const serverErrors = statusCount((s) => s >= 500) + statusCount((s) => s >= 500, warmup);
    const wrong = [...warmup.wrong, ...story.wrong];
    const p = (values: number[], q: number) => ms(percentile(values, q));
    console.log('\nResults');
    console.log(`  first start (empty data dir)     ${secs(first.ms).padStart(8)}${breakdown(first)}`);
    console.log(
      `  start with nothing changed       ${secs(restartMs).padStart(8)}  median of ${RESTARTS}: ${restarts.map((s) => secs(s.ms)).join(', ')}`,
    );
    console.log(
      `  stop (SIGTERM → exit 0)          ${secs(percentile(stops, 50)).padStart(8)}  median of ${stops.length}`,
    );
    console.log(`\n  concurrency story, ${CLIENTS} clients, ${story.seconds.toFixed(1)} s measured`);
    console.log(
      `    requests ${int(requests)}, ${int(requests / story.seconds)} req/s; p50 ${p(story.latencies, 50)}, p95 ${p(story.latencies, 95)}, p99 ${p(story.latencies, 99)}`,
    );
    console.log(
      `    by status: ${[...story.byStatus]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s} ${int(n)}`)
        .join(', ')}`,
    );
    for (const [kind, latencies] of [...story.byKind].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(
        `    ${kind.padEnd(24)} ${int(latencies.length).padStart(7)}   p50 ${p(latencies, 50).padStart(9)}   p99 ${p(latencies, 99).padStart(9)}`,
      );
    }
    if (node0 !== undefined && node1 !== undefined && pg0 !== undefined && pg1 !== undefined) {
      const per = (value: number) => ms(value / Math.max(1, requests));
      console.log(
        `    CPU per request: Tandem process ${per(node1 - node0)}, PostgreSQL ${per(pg1 - pg0)}, load generator ${per((clientCpu.user + clientCpu.system) / 1000)}`,
      );
      if (machine0 !== undefined && machine1 !== undefined) {
        const ours = node1 - node0 + (pg1 - pg0) + (clientCpu.user + clientCpu.system) / 1000;
        const others = Math.max(0, machine1 - machine0 - ours) / (story.seconds * 1000);
        if (others > 0.25)
          console.log(
            `    note: other processes kept ${others.toFixed(2)} of ${cpus().length} CPUs busy; rerun on a quiet machine for steadier figures`,
          );
      }
    }
    for (const line of wrong.slice(0, 10)) console.log(`    wrong: ${line}`);

    const missing = created.filter((name) => !after.listed.has(name));
    const checks = [
      {
        name: `every answer for its caller and the asked record (${int(wrong.length)} wrong, warm-up included)`,
        pass: wrong.length === 0,
      },
      { name: `no 401 for a valid token (${int(unauthorized)})`, pass: unauthorized === 0 },
      { name: `no 5xx (${int(serverErrors)})`, pass: serverErrors === 0 },
      {
        name: `the viewer is still a viewer (${String(after.me.role)}; ${roles.get(viewer.id)?.role} to the admin)`,
        pass: after.me.role === 'viewer' && roles.get(viewer.id)?.role === 'viewer',
      },
      {
        name: 'each user’s name was set by that user only',
        pass: actors.every((a) => new RegExp(`^${a.baseName}( \\d+)?$`).test(roles.get(a.id)?.name ?? '')),
      },
      {
        name: `every acknowledged create is listed (${int(created.length - missing.length)} of ${int(created.length)})`,
        pass: missing.length === 0,
      },
    ];
    console.log('');
    for (const check of checks) console.log(`  ${check.name.padEnd(86)}${check.pass ? 'PASS' : 'FAIL'}`);

    reportRows('embedded', checkRows(checks));

    console.log('\nCleaning up');
    await cleanup.run();
    const failedChecks = checks.filter((c) => !c.pass);
    console.log(
      `embedded bench: ${failedChecks.length === 0 ? 'PASS' : `FAIL (${failedChecks.length} of ${checks.length})`} — ` +
        `first start ${secs(first.ms)}, start with nothing changed ${secs(restartMs)}; ` +
        `${STORY_SECONDS} s story, ${CLIENTS} clients: ${int(requests)} requests, ${int(requests / story.seconds)} req/s, ` +
        `p50 ${p(story.latencies, 50)}, p99 ${p(story.latencies, 99)}; ${int(wrong.length)} wrong answers, ${int(unauthorized)} 401, ${int(serverErrors)} 5xx — ${seconds(started)}`,
    );
    return failedChecks.length === 0 ? 0 : 1;
  } catch (error) {
    return failed('embedded', error, cleanup, started);
  }
}

runMain(main);
