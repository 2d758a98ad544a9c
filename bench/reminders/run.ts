/**
 * Reminders benchmark: 10,000 reminders due at the same instant, sent by Tandem's worker into an
 * SMTP sink, next to a bare BullMQ worker draining 10,000 no-op jobs due at one instant on the
 * same machine; then 1,000 reminders spread evenly over a minute, for lateness. See
 * bench/README.md for how to run and read it. Run with `npm run bench:reminders`; never part of
 * `npm test`.
 *
 * Targets (from the issue): Tandem's drain time ≤ 1.5× the bare drain, 0 duplicates, 0 missed,
 * p99 lateness of the spread reminders < 1 s.
 *
 * Exit code: 0 measured and every target met, 1 a target missed, 2 the benchmark could not run.
 */
import 'reflect-metadata';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { EnvironmentVariables } from '../../src/config/env.schema';
import { JOB_OPTIONS, JobName, QueueName } from '../../src/queue/queue.constants';
import { redisAddress, redisOptionsFromUrl } from '../../src/redis/redis.connection';
import { backendCpu, backendCpuDelta, machineBusyMs, processCpuMs } from '../directory/cpu';
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
  percentile,
  planSteps,
  ratio,
  runMain,
  seconds,
  server,
  shortSql,
  TANDEM_MAIN,
  tail,
  timed,
} from '../directory/harness';
import { startChild } from '../directory/processes';
import { parseProbeReport, PROBE_PREFIX, ProbeReport, summarizeProfile, TimedStatement } from './probe-report';
import { bullConnection } from './redis';
import { deliveriesDue, deliveryStates, seedRecipients, seedRules } from './seed';
import { checkRows, reportRows } from '../summary';

const envInt = (name: string, fallback: number, min: number, max: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BenchError(
      `${name}=${raw} is not a whole number from ${min} to ${max}`,
      `Unset ${name} or give it a value in range.`,
    );
  }
  return value;
};

const TARGET_RATIO = 1.5;
const TARGET_P99_MS = 1_000;
/** Tandem's pool size default, set explicitly so a change of default shows in the bench. */
const POOL_SIZE = 10;
/** No new email for this long (after the due time) means the rest are not coming. */
const STALL_MS = 30_000;
/** After the last expected email: time for late duplicates to show up. */
const GRACE_MS = 2_000;
const POLL_MS = 200;

const SINK_MAIN = join(__dirname, 'sink.js');
const BARE_MAIN = join(__dirname, 'bare.js');
const PROBE = join(__dirname, 'probe.js');

const secs = (value: number) => `${(value / 1000).toFixed(2)} s`;
const msec = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** CPU time (ms) each party used over one measured span; undefined where /proc cannot tell. */
interface CpuSpan {
  /** The sending process: the bare worker, the bare sender or Tandem's worker. */
  main?: number;
  /** This process (polling the sink, reading /proc). */
  bench: number;
  sink?: number;
  database?: number;
  redis?: number;
  machine?: number;
  /** How long the span lasted, ms. */
  wall: number;
}

interface CpuMark {
  at: number;
  main?: number;
  bench: NodeJS.CpuUsage;
  sink?: number;
  database: Map<number, number>;
  redis?: number;
  machine?: number;
}

/** One drain: how long from the due instant to the last message, and who used the CPU meanwhile. */
interface Drain {
  ms: number;
  firstMs: number;
  count: number;
  cpu: CpuSpan;
}

async function redisCpuMs(redis: Redis): Promise<number | undefined> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1]);
  const total = field('used_cpu_sys') + field('used_cpu_user');
  return Number.isFinite(total) ? total * 1000 : undefined;
}

async function cpuMark(
  main: number | undefined,
  sink: number | undefined,
  probe: Client,
  dbName: string,
  redis: Redis,
): Promise<CpuMark> {
  return {
    at: performance.now(),
    main: processCpuMs(main),
    bench: process.cpuUsage(),
    sink: processCpuMs(sink),
    database: await backendCpu(probe, dbName),
    redis: await redisCpuMs(redis).catch(() => undefined),
    machine: machineBusyMs(),
  };
}

function cpuSpan(a: CpuMark, b: CpuMark): CpuSpan {
  const delta = (x?: number, y?: number) => (x === undefined || y === undefined ? undefined : y - x);
  const bench = process.cpuUsage(a.bench);
  return {
    main: delta(a.main, b.main),
    bench: (bench.user + bench.system) / 1000,
    sink: delta(a.sink, b.sink),
    database: backendCpuDelta(a.database, b.database),
    redis: delta(a.redis, b.redis),
    machine: delta(a.machine, b.machine),
    wall: b.at - a.at,
  };
}

/** CPUs (0..n) kept busy on average by processes other than the measured ones during `span`. */
function otherCpus(span: CpuSpan): number | undefined {
  if (span.machine === undefined) return undefined;
  const ours = (span.main ?? 0) + span.bench + (span.sink ?? 0) + (span.database ?? 0) + (span.redis ?? 0);
  return Math.max(0, span.machine - ours) / span.wall;
}

const median = <T>(values: T[], key: (value: T) => number): T =>
  [...values].sort((a, b) => key(a) - key(b))[Math.floor((values.length - 1) / 2)];

async function main(): Promise<number> {
  const started = performance.now();
  const settings = benchSettings();
  const { adminUrl, redisUrl, runId, dbName, benchUrl } = settings;
  const cleanup = new Cleanup();
  cleanUpOnSignal('reminders', cleanup, started);

  try {
    const reminders = envInt('BENCH_REMINDERS', 10_000, 1, 200_000);
    const spread = envInt('BENCH_SPREAD', 1_000, 0, 100_000);
    const spreadSeconds = envInt('BENCH_SPREAD_SECONDS', 60, 1, 3_600);
    // Tandem's own default unless told otherwise: the bench measures Tandem as it ships.
    const mailConcurrency = envInt('BENCH_MAIL_CONCURRENCY', new EnvironmentVariables().MAIL_CONCURRENCY, 1, 100);
    const rounds = envInt('BENCH_ROUNDS', 1, 1, 20);
    const leadMs = envInt('BENCH_LEAD_SECONDS', 20, 5, 600) * 1000;
    const profiling = process.env.BENCH_CPU_PROFILE === '1';
    // As ReminderProcessor sets them: the `reminders` queue's job slots follow the SMTP pool.
    const slots = Math.max(2, mailConcurrency);
    const recipients = Math.max(reminders, spread);
    planSteps(spread > 0 ? 6 : 5);

    if (!existsSync(TANDEM_MAIN) || !existsSync(SINK_MAIN)) {
      throw new BenchError(
        `${existsSync(TANDEM_MAIN) ? SINK_MAIN : TANDEM_MAIN} does not exist`,
        'Run `npm run bench:reminders`, which builds Tandem and the bench first.',
      );
    }
    console.log(
      `Reminders benchmark — ${cpus().length} CPUs, Node ${process.version}, ${int(reminders)} reminders due at one instant` +
        `${spread > 0 ? `, ${int(spread)} spread over ${spreadSeconds} s` : ''}, MAIL_CONCURRENCY ${mailConcurrency} (${slots} job slots), ${rounds} round(s)`,
    );

    // 1. A database of our own, migrated by Tandem's own migrations; Redis.
    header(`database ${dbName} on ${server(adminUrl)}, Redis on ${redisAddress(redisUrl)}`);
    const redis = new Redis({
      ...redisOptionsFromUrl(redisUrl),
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    let redisError: Error | undefined;
    redis.on('error', (error: Error) => (redisError = error));
    await redis.connect().catch((error: Error) => {
      throw new BenchError(
        `cannot connect to Redis at ${redisAddress(redisUrl)}: ${(redisError ?? error).message}`,
        'Start Redis (the queue needs it), or set REDIS_URL=redis://host:6379.',
      );
    });
    await createMigratedDatabase(settings, cleanup);
    const tandemPrefix = `tandem-bench-${runId}`;
    const barePrefix = `tandem-bench-${runId}-bare`;
    cleanup.add('close the Redis connection', async () => void redis.disconnect());
    cleanup.add(`delete the bench's Redis keys (${tandemPrefix}*)`, async () => {
      let deleted = 0;
      for (let cursor = '0'; ;) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${tandemPrefix}*`, 'COUNT', 1000);
        if (keys.length > 0) deleted += await redis.del(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
      console.log(`      deleted ${int(deleted)} Redis keys under ${tandemPrefix}`);
    });

    // 2. Recipients and the rules' author.
    header('seed');
    const db = await connect(benchUrl);
    cleanup.add('close the seeding connection', () => db.end());
    const probe = await connect(benchUrl);
    cleanup.add('close the CPU probe connection', () => probe.end());
    await timed(`${int(recipients)} recipients (active staff users, set-based)`, () => seedRecipients(db, recipients));
    const adminId = (
      await db.query<{ id: string }>(
        `INSERT INTO users (email, name, role) VALUES ('bench-admin@tandem.test', 'Bench Admin', 'admin') RETURNING id`,
      )
    ).rows[0].id;
    await timed('VACUUM (ANALYZE)', () => db.query('VACUUM (ANALYZE)'));

    // 3. The SMTP sink and Tandem's worker, each in a child process.
    header("start the SMTP sink and Tandem's worker (node dist/src/main.js, TANDEM_PROCESS=worker)");
    const workDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
    cleanup.add(`remove ${workDir}`, async () => rmSync(workDir, { recursive: true, force: true }));
    const sink = await timed('SMTP sink (smtp-server, reads only the X-Tandem-Delivery header)', async () => {
      const child = startChild(
        process.execPath,
        [SINK_MAIN],
        { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
        workDir,
      );
      cleanup.add('stop the SMTP sink', () => child.stop());
      const line = await child.nextLine('{"smtpPort":', 15_000).catch((error: Error) => {
        throw new BenchError(`the SMTP sink did not start (${error.message})`, `Its output:\n${tail(child.output())}`);
      });
      const ports = JSON.parse(line) as { smtpPort: number; controlPort: number };
      return {
        child,
        smtpUrl: `smtp://127.0.0.1:${ports.smtpPort}?ignoreTLS=true`,
        control: `http://127.0.0.1:${ports.controlPort}`,
      };
    });
    const sinkCount = async () =>
      (await (await fetch(`${sink.control}/count`)).json()) as { total: number; distinct: number; last: number };
    const sinkTake = async () => (await (await fetch(`${sink.control}/take`)).json()) as Array<[string, number]>;

    const tandemQueue = new Queue(QueueName.Outbox, {
      connection: bullConnection(redisUrl),
      prefix: `${tandemPrefix}:bull`,
    });
    tandemQueue.on('error', () => undefined);
    cleanup.add("close the bench's handle on Tandem's queue", () => tandemQueue.close());
    const worker = await timed(
      `Tandem worker (MAIL_CONCURRENCY ${mailConcurrency}, pool of ${POOL_SIZE}, statement timing preloaded${profiling ? ', CPU profiler on' : ''})`,
      async () => {
        const child = startChild(
          process.execPath,
          [TANDEM_MAIN],
          {
            PATH: process.env.PATH ?? '',
            NODE_ENV: 'production',
            NODE_OPTIONS: `--require "${PROBE}"`,
            TANDEM_PROCESS: 'worker',
            DATABASE_URL: benchUrl,
            DATABASE_POOL_SIZE: String(POOL_SIZE),
            AUTH_SECRET: randomBytes(48).toString('base64url'),
            REDIS_URL: redisUrl,
            REDIS_PREFIX: tandemPrefix,
            SMTP_URL: sink.smtpUrl,
            MAIL_CONCURRENCY: String(mailConcurrency),
            PUBLIC_URL: 'http://localhost:3000',
            LOG_LEVEL: 'warn',
            LOG_FORMAT: 'json',
            BENCH_CPU_PROFILE: profiling ? '1' : '0',
            BENCH_PROFILE_DIR: workDir,
          },
          workDir,
        );
        cleanup.add("stop Tandem's worker", () => timed("stop Tandem's worker", () => child.stop(), true));
        const deadline = Date.now() + 30_000;
        while ((await tandemQueue.getWorkersCount()) === 0) {
          if (child.process.exitCode !== null) {
            throw new BenchError(
              `Tandem's worker exited with code ${child.process.exitCode}:\n${tail(child.output())}`,
              'Fix what its output says; `npm run build` if dist/ is stale.',
            );
          }
          if (Date.now() > deadline) {
            throw new BenchError(
              `Tandem's worker did not start consuming the outbox queue within 30 s:\n${tail(child.output())}`,
              'Check that PostgreSQL and Redis are reachable; see the output above.',
            );
          }
          await sleep(100);
        }
        return child;
      },
    );
    const probeReport = async (): Promise<ProbeReport> => {
      worker.process.kill('SIGUSR2');
      return parseProbeReport(await worker.nextLine(PROBE_PREFIX, 10_000));
    };
    const workerAlive = () => {
      if (worker.process.exitCode !== null || worker.process.signalCode !== null) {
        throw new BenchError(
          `Tandem's worker stopped (${worker.process.exitCode ?? worker.process.signalCode}):\n${tail(worker.output())}`,
          'See its output above.',
        );
      }
    };

    /**
     * Waits until `expected` distinct messages arrived (and it is past `until`), or none came for
     * `stallMs` after `dueAt`; stops the run if Tandem's worker dies meanwhile.
     */
    const awaitSink = async (
      expected: number,
      dueAt: number,
      until: number,
      stallMs: number,
      label: string,
    ): Promise<void> => {
      let lastTotal = -1;
      let lastChange = dueAt;
      let nextReport = Math.max(dueAt, Date.now()) + 5_000;
      for (;;) {
        workerAlive();
        const count = await sinkCount();
        const at = Date.now();
        if (count.total !== lastTotal) {
          lastTotal = count.total;
          lastChange = Math.max(at, dueAt);
        }
        if (count.distinct >= expected && at >= until) return;
        if (at - lastChange > stallMs) {
          console.log(
            `      no email for ${(stallMs / 1000).toFixed(0)} s: stopped waiting at ${int(count.distinct)} of ${int(expected)}`,
          );
          return;
        }
        if (at >= nextReport) {
          console.log(
            `      +${((at - dueAt) / 1000).toFixed(0)} s: ${int(count.distinct)} of ${int(expected)} ${label}`,
          );
          nextReport += 5_000;
        }
        await sleep(POLL_MS);
      }
    };

    // 4. The bursts, alternating: bare BullMQ, bare nodemailer, Tandem.
    header(
      `${int(reminders)} due at one instant: bare BullMQ (${slots} slots), bare nodemailer (pool of ${mailConcurrency}), Tandem — ${rounds} round(s)`,
    );
    const drains: Record<'bullmq' | 'smtp' | 'tandem', Drain[]> = { bullmq: [], smtp: [], tandem: [] };
    const correctness = { duplicates: 0, missed: 0, unexpected: 0, notSent: 0, bareSmtpMissed: 0, bareJobsFailed: 0 };
    const statusLines: string[] = [];
    let tandemStatements: TimedStatement[] = [];
    let tandemProfile: string | undefined;
    let planMs = 0;
    for (let round = 1; round <= rounds; round += 1) {
      const tag = rounds > 1 ? ` (round ${round}/${rounds})` : '';

      // Bare BullMQ: N no-op jobs, delayed to one instant, fresh queue each round.
      {
        const queueName = `bare-${round}`;
        const child = startChild(
          process.execPath,
          [BARE_MAIN],
          {
            PATH: process.env.PATH ?? '',
            NODE_ENV: 'production',
            BENCH_MODE: 'bullmq',
            BENCH_REDIS_URL: redisUrl,
            BENCH_PREFIX: barePrefix,
            BENCH_QUEUE: queueName,
            BENCH_CONCURRENCY: String(slots),
            BENCH_JOBS: String(reminders),
          },
          workDir,
        );
        cleanup.add('stop the bare BullMQ worker', () => child.stop());
        await child.nextLine('{"ready":', 15_000).catch((error: Error) => {
          throw new BenchError(
            `the bare BullMQ worker did not start (${error.message})`,
            `Its output:\n${tail(child.output())}`,
          );
        });
        const queue = new Queue(queueName, { connection: bullConnection(redisUrl), prefix: barePrefix });
        const dueAt = Date.now() + 5_000;
        await timed(`bare BullMQ${tag}: add ${int(reminders)} no-op jobs delayed to one instant`, async () => {
          for (let i = 0; i < reminders; i += 1000) {
            const now = Date.now();
            await queue.addBulk(
              Array.from({ length: Math.min(1000, reminders - i) }, (_, k) => ({
                name: 'noop',
                data: { n: i + k },
                opts: { delay: dueAt - now, removeOnComplete: true, removeOnFail: true },
              })),
            );
          }
        });
        await queue.close();
        if (Date.now() > dueAt - 500)
          throw new BenchError(
            'adding the bare jobs took more than 4.5 s',
            'The machine or Redis is very busy; rerun when it is quiet.',
          );
        await sleep(dueAt - 100 - Date.now());
        const before = await cpuMark(child.process.pid, sink.child.process.pid, probe, dbName, redis);
        const line = await child.nextLine('{"done":', 120_000 + reminders * 10).catch((error: Error) => {
          throw new BenchError(
            `the bare BullMQ worker did not finish (${error.message})`,
            `Its output:\n${tail(child.output())}`,
          );
        });
        const after = await cpuMark(child.process.pid, sink.child.process.pid, probe, dbName, redis);
        const done = JSON.parse(line) as { completed: number; failed: number; first: number; last: number };
        await child.stop();
        correctness.bareJobsFailed += done.failed;
        const drain: Drain = {
          ms: done.last - dueAt,
          firstMs: done.first - dueAt,
          count: done.completed,
          cpu: cpuSpan(before, after),
        };
        drains.bullmq.push(drain);
        console.log(
          `      bare BullMQ${tag}: ${int(done.completed)} jobs done ${secs(drain.ms)} after their due time (first after ${msec(drain.firstMs)})`,
        );
      }

      // Bare nodemailer: the same number of emails straight into the sink (information).
      {
        await sinkTake();
        const dueAt = Date.now() + 3_000;
        const child = startChild(
          process.execPath,
          [BARE_MAIN],
          {
            PATH: process.env.PATH ?? '',
            NODE_ENV: 'production',
            BENCH_MODE: 'smtp',
            BENCH_SMTP_URL: sink.smtpUrl,
            BENCH_CONCURRENCY: String(mailConcurrency),
            BENCH_JOBS: String(reminders),
            BENCH_AT: String(dueAt),
          },
          workDir,
        );
        cleanup.add('stop the bare nodemailer sender', () => child.stop());
        await child.nextLine('{"ready":', 15_000).catch((error: Error) => {
          throw new BenchError(
            `the bare nodemailer sender did not start (${error.message})`,
            `Its output:\n${tail(child.output())}`,
          );
        });
        await sleep(dueAt - 100 - Date.now());
        const before = await cpuMark(child.process.pid, sink.child.process.pid, probe, dbName, redis);
        const line = await child.nextLine('{"done":', 120_000 + reminders * 20).catch((error: Error) => {
          throw new BenchError(
            `the bare nodemailer sender did not finish (${error.message})`,
            `Its output:\n${tail(child.output())}`,
          );
        });
        const after = await cpuMark(child.process.pid, sink.child.process.pid, probe, dbName, redis);
        await child.stop();
        const done = JSON.parse(line) as { completed: number; failed: number; firstError?: string };
        if (done.failed > 0)
          throw new BenchError(
            `bare nodemailer: ${done.failed} sends failed (first: ${done.firstError})`,
            "The sink refused mail; see the sink's output:\n" + tail(sink.child.output()),
          );
        const received = (await sinkTake()).filter(([id]) => id.startsWith('bare-'));
        const distinct = new Set(received.map(([id]) => id)).size;
        correctness.bareSmtpMissed += reminders - distinct;
        const last = Math.max(...received.map(([, at]) => at));
        const first = Math.min(...received.map(([, at]) => at));
        const drain: Drain = { ms: last - dueAt, firstMs: first - dueAt, count: distinct, cpu: cpuSpan(before, after) };
        drains.smtp.push(drain);
        console.log(
          `      bare nodemailer${tag}: ${int(distinct)} emails in the sink ${secs(drain.ms)} after their due time`,
        );
      }

      // Tandem: N `once` rules due at one instant, planned by the worker, sent into the sink.
      {
        workerAlive();
        const ruleTag = `bench burst ${round}`;
        const dueAt = Math.ceil((Date.now() + leadMs) / 1000) * 1000;
        await timed(
          `Tandem${tag}: ${int(reminders)} once reminders due at ${new Date(dueAt).toISOString()}, one user each (set-based)`,
          () => seedRules(db, ruleTag, reminders, new Date(dueAt), 0, adminId),
        );
        planMs = await timed(
          'planned by the worker (an outbox.reconcile job, as the API queues after a change)',
          async () => {
            const t0 = performance.now();
            await tandemQueue.add(JobName.ReconcileOutbox, { reason: 'bench' }, JOB_OPTIONS[JobName.ReconcileOutbox]);
            for (;;) {
              workerAlive();
              const states = await deliveryStates(db, ruleTag);
              if (states.planned >= reminders && (await tandemQueue.getJob(`due-${dueAt}`)))
                return performance.now() - t0;
              if (Date.now() > dueAt - 1_000) {
                throw new BenchError(
                  `only ${int(states.planned)} of ${int(reminders)} deliveries were planned and queued ${leadMs / 1000} s after the rules were written`,
                  `Raise BENCH_LEAD_SECONDS, or see the worker's output:\n${tail(worker.output())}`,
                );
              }
              await sleep(100);
            }
          },
        );
        await sinkTake();
        await sleep(dueAt - 500 - Date.now());
        await probeReport(); // forget start-up and planning: the report and profile cover the drain
        await sleep(dueAt - 100 - Date.now());
        const before = await cpuMark(worker.process.pid, sink.child.process.pid, probe, dbName, redis);
        await awaitSink(reminders, dueAt, 0, STALL_MS, 'emails received');
        const after = await cpuMark(worker.process.pid, sink.child.process.pid, probe, dbName, redis);
        const report = await probeReport();
        await sleep(GRACE_MS);
        const received = await sinkTake();
        const expected = await deliveriesDue(db, ruleTag);
        const seen = new Map<string, number>();
        let last = 0;
        let first = Number.POSITIVE_INFINITY;
        let unexpected = 0;
        for (const [id, at] of received) {
          if (!expected.has(id)) {
            unexpected += 1;
            continue;
          }
          seen.set(id, (seen.get(id) ?? 0) + 1);
          last = Math.max(last, at);
          first = Math.min(first, at);
        }
        const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
        const missed = reminders - seen.size;
        const states = await deliveryStates(db, ruleTag);
        const notSent = states.planned - (states.byStatus.sent ?? 0) + (reminders - states.planned);
        correctness.duplicates += duplicates;
        correctness.missed += missed;
        correctness.unexpected += unexpected;
        correctness.notSent += notSent;
        statusLines.push(
          `deliveries${tag}: ${Object.entries(states.byStatus)
            .map(([status, n]) => `${int(n)} ${status}`)
            .join(', ')}; ${int(states.retried)} retried, ${int(states.late)} marked late`,
        );
        const drain: Drain = {
          ms: last - dueAt,
          firstMs: first - dueAt,
          count: seen.size,
          cpu: cpuSpan(before, after),
        };
        drains.tandem.push(drain);
        if (round === Math.ceil(rounds / 2) || rounds === 1) {
          tandemStatements = report.statements;
          tandemProfile = report.profile;
        }
        console.log(
          `      Tandem${tag}: ${int(seen.size)} of ${int(reminders)} emails in the sink ${secs(drain.ms)} after their due time ` +
            `(first after ${msec(drain.firstMs)}); ${duplicates} duplicates, ${missed} missed`,
        );
      }
    }

    // 5. Lateness: S reminders spread evenly over a minute.
    const lateness: number[] = [];
    const spreadCheck = { duplicates: 0, missed: 0 };
    if (spread > 0) {
      header(
        `lateness: ${int(spread)} reminders spread evenly over ${spreadSeconds} s (one every ${msec((spreadSeconds * 1000) / spread)})`,
      );
      workerAlive();
      const ruleTag = 'bench spread';
      const stepMs = Math.floor((spreadSeconds * 1000) / spread);
      const firstDue = Math.ceil((Date.now() + leadMs) / 1000) * 1000;
      const lastDue = firstDue + (spread - 1) * stepMs;
      await timed(
        `${int(spread)} once reminders from ${new Date(firstDue).toISOString()} to ${new Date(lastDue).toISOString()}`,
        () => seedRules(db, ruleTag, spread, new Date(firstDue), stepMs, adminId),
      );
      await timed('planned by the worker (an outbox.reconcile job)', async () => {
        await tandemQueue.add(JobName.ReconcileOutbox, { reason: 'bench' }, JOB_OPTIONS[JobName.ReconcileOutbox]);
        for (;;) {
          workerAlive();
          const states = await deliveryStates(db, ruleTag);
          if (
            states.planned >= spread &&
            (await tandemQueue.getJob(`due-${firstDue}`)) &&
            (await tandemQueue.getJob(`due-${lastDue}`))
          )
            return;
          if (Date.now() > firstDue - 1_000) {
            throw new BenchError(
              `only ${int(states.planned)} of ${int(spread)} spread deliveries were planned in time`,
              'Raise BENCH_LEAD_SECONDS.',
            );
          }
          await sleep(100);
        }
      });
      await sinkTake();
      console.log(`      sending, until ${new Date(lastDue).toISOString().slice(11, 19)}Z and the last one is in`);
      await awaitSink(spread, firstDue, lastDue, STALL_MS + stepMs, 'received');
      await sleep(GRACE_MS);
      const received = await sinkTake();
      const due = await deliveriesDue(db, ruleTag);
      const seen = new Map<string, number>();
      for (const [id, at] of received) {
        const dueAtMs = due.get(id);
        if (dueAtMs === undefined) continue;
        if (seen.has(id)) {
          seen.set(id, seen.get(id)! + 1);
          continue;
        }
        seen.set(id, 1);
        lateness.push(at - dueAtMs);
      }
      spreadCheck.duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
      spreadCheck.missed = spread - seen.size;
      const states = await deliveryStates(db, ruleTag);
      statusLines.push(
        `deliveries (spread): ${Object.entries(states.byStatus)
          .map(([status, n]) => `${int(n)} ${status}`)
          .join(', ')}; ${int(states.late)} marked late`,
      );
      console.log(
        `      ${int(seen.size)} of ${int(spread)} received; ${spreadCheck.duplicates} duplicates, ${spreadCheck.missed} missed`,
      );
    }

    // Results.
    header('results');
    const bullmq = median(drains.bullmq, (d) => d.ms);
    const smtp = median(drains.smtp, (d) => d.ms);
    const tandem = median(drains.tandem, (d) => d.ms);
    const drainRatio = tandem.ms / bullmq.ms;
    const cpuCell = (value: number | undefined) => (value === undefined ? 'n/a' : secs(value));
    const row = (label: string, d: Drain, r: string, target: string, verdict: string) =>
      `  ${label.padEnd(38)}${secs(d.ms).padStart(9)}${int((d.count * 1000) / d.ms).padStart(8)}${r.padStart(8)}${target.padStart(8)}${verdict.padStart(6)}` +
      `${cpuCell(d.cpu.main).padStart(9)}${cpuCell(d.cpu.database).padStart(8)}${cpuCell(d.cpu.redis).padStart(8)}${cpuCell(d.cpu.sink).padStart(8)}${(otherCpus(d.cpu)?.toFixed(2) ?? 'n/a').padStart(8)}`;
    console.log(
      `\nResults — ${int(reminders)} due at one instant${rounds > 1 ? ` (median of ${rounds} rounds)` : ''}: from the due time to the last one done`,
    );
    console.log(
      `  ${''.padEnd(38)}${'drain'.padStart(9)}${'per s'.padStart(8)}${'ratio'.padStart(8)}${'target'.padStart(8)}${''.padStart(6)}${'process'.padStart(9)}${'PG'.padStart(8)}${'Redis'.padStart(8)}${'sink'.padStart(8)}${'others'.padStart(8)}`,
    );
    console.log(row(`bare BullMQ, no-op jobs, ${slots} slots`, bullmq, '1.00×', '', ''));
    console.log(
      row(
        `bare nodemailer → sink, pool of ${mailConcurrency}`,
        smtp,
        `${(smtp.ms / bullmq.ms).toFixed(2)}×`,
        'info',
        '',
      ),
    );
    console.log(
      row(
        `Tandem worker, ${slots} slots, pool of ${mailConcurrency}`,
        tandem,
        ratio(drainRatio, TARGET_RATIO),
        `≤ ${TARGET_RATIO}×`,
        drainRatio <= TARGET_RATIO ? 'PASS' : 'FAIL',
      ),
    );
    console.log(
      "  (CPU seconds used during the drain by the sending process — bare worker, bare sender or Tandem's worker —, the bench",
    );
    console.log(
      "   database's PostgreSQL backends, the whole Redis server and the SMTP sink; others: CPUs other processes kept busy.)",
    );
    console.log(
      `  Tandem: first email ${msec(tandem.firstMs)} after the due time; planning ${int(reminders)} deliveries took ${secs(planMs)} (before the due time, not in the drain)`,
    );
    const other = Math.max(
      ...Object.values(drains)
        .flat()
        .map((d) => otherCpus(d.cpu) ?? 0),
    );
    if (other > 0.25) {
      console.log(
        `  note: other processes kept up to ${other.toFixed(2)} of ${cpus().length} CPUs busy during the drains; the figures are skewed — rerun on a quiet machine`,
      );
    }
    for (const line of statusLines) console.log(`  ${line}`);

    // Where Tandem's time went during the (median) burst: statements and, if profiled, CPU.
    const perEmail = (n: number) => (n / reminders).toFixed(2);
    const totalCalls = tandemStatements.reduce((sum, s) => sum + s.calls, 0);
    console.log(
      `\n  Tandem's statements during the burst: ${int(totalCalls)} (${perEmail(totalCalls)} per email); summed time from call to answer:`,
    );
    for (const s of [...tandemStatements].sort((a, b) => b.ms - a.ms).slice(0, 10)) {
      console.log(
        `    ${perEmail(s.calls).padStart(6)} × ${secs(s.ms).padStart(9)} (${(s.ms / s.calls).toFixed(2)} ms each) ${shortSql(s.sql, 90)}`,
      );
    }
    if (tandemProfile) {
      const profile = summarizeProfile(tandemProfile);
      const kept = join(tmpdir(), `tandem-reminders-${runId}.cpuprofile`);
      copyFileSync(tandemProfile, kept);
      console.log(
        `  Tandem worker CPU profile of the burst (${secs(profile.totalMs)} sampled; kept in ${kept} for Chrome DevTools), self time by owner:`,
      );
      console.log(
        `    ${profile.byOwner
          .slice(0, 12)
          .map(([who, ms]) => `${who} ${((100 * ms) / profile.totalMs).toFixed(0)} %`)
          .join(', ')}`,
      );
      for (const [fn, ms] of profile.byFunction) console.log(`    ${secs(ms).padStart(8)}  ${fn.slice(0, 110)}`);
    }

    let lateLine = '';
    let p99 = Number.NaN;
    if (spread > 0) {
      p99 = percentile(lateness, 99);
      const early = lateness.filter((value) => value < 0).length;
      console.log(
        `\nResults — ${int(spread)} reminders spread over ${spreadSeconds} s: lateness (received in the sink − due time)`,
      );
      console.log(
        `  p50 ${msec(percentile(lateness, 50))}, p95 ${msec(percentile(lateness, 95))}, p99 ${msec(p99)}, max ${msec(Math.max(...lateness))}; ` +
          `earliest ${msec(Math.min(...lateness))} (${int(early)} sent before their time)`,
      );
      console.log(
        '  (negative would mean sent before its time; a wake-up takes only rows due by the time it was planned for)',
      );
      console.log(`  p99 target < ${msec(TARGET_P99_MS)}   ${p99 < TARGET_P99_MS ? 'PASS' : 'FAIL'}`);
      lateLine = `, spread p99 lateness ${msec(p99)}`;
    }

    const checks = [
      {
        name: `drain ≤ ${TARGET_RATIO}× bare BullMQ (${ratio(drainRatio, TARGET_RATIO)})`,
        pass: drainRatio <= TARGET_RATIO,
      },
      {
        name: `0 duplicates (${correctness.duplicates + spreadCheck.duplicates})`,
        pass: correctness.duplicates + spreadCheck.duplicates === 0,
      },
      {
        name: `0 missed (${correctness.missed + spreadCheck.missed})`,
        pass: correctness.missed + spreadCheck.missed === 0,
      },
      {
        name: `every delivery row sent, none sending/failed/skipped (${correctness.notSent} not)`,
        pass: correctness.notSent === 0,
      },
      ...(spread > 0
        ? [{ name: `p99 lateness < ${TARGET_P99_MS / 1000} s (${msec(p99)})`, pass: p99 < TARGET_P99_MS }]
        : []),
      {
        name: 'the baselines did all their work',
        pass: correctness.bareJobsFailed === 0 && correctness.bareSmtpMissed === 0,
      },
    ];
    console.log('');
    for (const check of checks) console.log(`  ${check.name.padEnd(70)}${check.pass ? 'PASS' : 'FAIL'}`);
    if (correctness.unexpected > 0)
      console.log(`  note: ${correctness.unexpected} emails arrived that belonged to no burst delivery`);

    reportRows('reminders', checkRows(checks));

    console.log('\nCleaning up');
    await cleanup.run();
    const failedChecks = checks.filter((c) => !c.pass);
    console.log(
      `reminders bench: ${failedChecks.length === 0 ? 'PASS' : `FAIL (${failedChecks.length} of ${checks.length}: ${failedChecks.map((c) => c.name).join(', ')})`} — ` +
        `${int(reminders)} at one instant: Tandem ${secs(tandem.ms)} vs bare BullMQ ${secs(bullmq.ms)} = ${ratio(drainRatio, TARGET_RATIO)} (≤ ${TARGET_RATIO}×), ` +
        `bare nodemailer ${secs(smtp.ms)}; ${correctness.duplicates + spreadCheck.duplicates} duplicates, ${correctness.missed + spreadCheck.missed} missed${lateLine} — ${seconds(started)}`,
    );
    return failedChecks.length === 0 ? 0 : 1;
  } catch (error) {
    return failed('reminders', error, cleanup, started);
  }
}

runMain(main);
