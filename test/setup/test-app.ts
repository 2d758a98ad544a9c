import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import pino from 'pino';
import pretty from 'pino-pretty';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { Clock } from '../../src/common/clock/clock';
import { loggerOptions } from '../../src/common/logging/logger.options';
import { configureHttpApp } from '../../src/app.setup';
import { SmtpSink } from './smtp-sink';
import {
  databaseUrl,
  runId,
  runLogFile,
  TEST_AUTH_SECRET,
  TEST_REDIS_URL,
  templateDatabase,
  withAdminClient,
} from './test-env';

export interface TestApp {
  app: NestExpressApplication;
  /** The HTTP server, for supertest. */
  http: ReturnType<NestExpressApplication['getHttpServer']>;
  dataSource: DataSource;
  mail: SmtpSink;
  /** SMTP_URL of the sink, for child processes. */
  smtpUrl: string;
  redisPrefix: string;
  databaseName: string;
  /**
   * With `captureLogs`: the JSON lines (info and above) logged while this app was open. nestjs-pino
   * keeps one logger per test file, so lines of another app open in the same file come too.
   */
  logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** Run the queue workers too (as TANDEM_PROCESS=all does). */
  worker?: boolean;
  /** Reuse another test app's database (e.g. two API processes on one database). */
  databaseName?: string;
  /** Reuse another test app's Redis prefix (shared limits and queues). */
  redisPrefix?: string;
  /** Replace the app's clock (e.g. a ShiftedClock to live on another day). */
  clock?: Clock;
  /** Keep the app's log lines in `logs`, to assert on what was logged. */
  captureLogs?: boolean;
}

/** Apps with `captureLogs` open right now; each gets every line. */
const captures = new Set<string[]>();

let logDestination: { level: pino.Level; stream: pino.DestinationStream } | undefined;

/**
 * Where test apps log: the run's log file at info (scanned for personal data and tokens when the
 * run ends; a synchronous append costs a few microseconds a line), the console at
 * TEST_LOG_LEVEL (default silent), and the captures. One per test file, as nestjs-pino builds
 * one pino logger per process and module registry and gives it to every app that follows.
 */
function testLogDestination(): { level: pino.Level; stream: pino.DestinationStream } {
  if (logDestination) return logDestination;
  const streams: pino.StreamEntry[] = [
    { level: 'info', stream: pino.destination({ dest: runLogFile(), append: true, sync: true }) },
    { level: 'info', stream: { write: (line: string) => captures.forEach((lines) => lines.push(line)) } },
  ];
  const consoleLevel = process.env.TEST_LOG_LEVEL ?? 'silent';
  if (consoleLevel !== 'silent') {
    const stream = process.stdout.isTTY
      ? pretty({ singleLine: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' })
      : process.stdout;
    streams.push({ level: consoleLevel as pino.Level, stream });
  }
  const level = streams
    .map((entry) => entry.level as pino.Level)
    .sort((a, b) => pino.levels.values[a] - pino.levels.values[b])[0];
  logDestination = { level, stream: pino.multistream(streams) };
  return logDestination;
}

async function createDatabaseFromTemplate(name: string): Promise<void> {
  await withAdminClient(async (client) => {
    // Parallel suites copy the same template; Postgres refuses while another copy reads it.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`);
        return;
      } catch (error) {
        if (attempt >= 50 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  });
}

/**
 * Boots the real app (same modules, same HTTP setup as main.ts) on a database of its own,
 * a Redis prefix of its own and an in-process SMTP sink.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const suite = randomBytes(4).toString('hex');
  const databaseName = options.databaseName ?? `tandem_e2e_${runId()}_${suite}`;
  if (!options.databaseName) await createDatabaseFromTemplate(databaseName);
  const redisPrefix = options.redisPrefix ?? `tandem-test-${runId()}-${suite}`;
  const mail = new SmtpSink();
  const smtpUrl = await mail.start();

  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl(databaseName),
    DATABASE_POOL_SIZE: '5',
    AUTH_SECRET: TEST_AUTH_SECRET,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'Tandem <tandem@library.test>',
    PUBLIC_URL: 'http://tandem.test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    TANDEM_PROCESS: 'api',
    // argon2id at 1 MiB and 1 pass: the suite's sign-ins cost ~1 ms of CPU each instead of ~40.
    PASSWORD_HASH_COST: 'test',
    ...options.env,
  };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  let app: NestExpressApplication;
  try {
    const builder = Test.createTestingModule({ imports: [AppModule.forRoot({ worker: options.worker ?? false })] });
    if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
    const destination = testLogDestination();
    builder
      .overrideProvider(PARAMS_PROVIDER_TOKEN)
      .useValue(loggerOptions(destination.level, 'json', destination.stream));
    const moduleRef = await builder.compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
    configureHttpApp(app);
    await app.init();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }

  const ownsDatabase = !options.databaseName;
  const logs: string[] = [];
  if (options.captureLogs) captures.add(logs);
  return {
    app,
    http: app.getHttpServer(),
    dataSource: app.get(DataSource),
    mail,
    smtpUrl,
    redisPrefix,
    databaseName,
    logs,
    async close() {
      await app.close();
      captures.delete(logs);
      await mail.stop();
      if (ownsDatabase) {
        await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
      }
      if (!options.redisPrefix) await deleteRedisKeys(redisPrefix);
    },
  };
}

export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Empties every table (between tests of one suite), keeping the migrations table. DELETE, not
 * TRUNCATE: a test leaves a few rows, which DELETE removes in milliseconds, while TRUNCATE gives
 * every table and index new files (~90 ms a call, a few hundred calls a run). Foreign-key checks
 * are off for the one transaction (session_replication_role, as the suite's PostgreSQL user is a
 * superuser), since every table goes at once. With a worker running, its reconciler can hold
 * locks on a few tables in another order; PostgreSQL then picks one side as the deadlock victim,
 * and the emptying is simply tried again.
 */
export async function truncateAll(dataSource: DataSource): Promise<void> {
  const deletes = dataSource.entityMetadatas.map((meta) => `DELETE FROM "${meta.tableName}";`).join(' ');
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL session_replication_role = replica');
        await manager.query(deletes);
      });
      return;
    } catch (error) {
      if (attempt >= 5 || (error as { code?: string }).code !== '40P01') throw error;
    }
  }
}
