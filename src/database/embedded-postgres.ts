import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Whether a process with this id exists (EPERM: it does, under another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims `<dataDir>/pgdata.lock` for this process. PGlite has no lock of its own, and a second
 * process opening the same data directory (`npm run seed:demo` while `npm start` runs)
 * corrupts it. A lock left by a process that is gone, or by our own pid (a restarted
 * container is pid 1 again), is taken over.
 */
function acquireLock(dataDir: string): string {
  const lock = join(dataDir, 'pgdata.lock');
  try {
    writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
    return lock;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
    throw new Error(`Tandem is already running on ${dataDir} (pid ${pid}): stop it first, or run the demo seed against DATABASE_URL`);
  }
  writeFileSync(lock, `${process.pid}\n`);
  return lock;
}

/**
 * The embedded default: a real PostgreSQL (PGlite, compiled to WebAssembly) kept in
 * `<dataDir>/pgdata`, served on a random loopback port so the ordinary `pg` driver, TypeORM
 * and the migrations work unchanged. PGlite runs one transaction at a time, which is plenty
 * for trying Tandem on one machine; production uses DATABASE_URL.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: string,
    readonly url: string,
  ) {}

  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    const pgdata = join(dataDir, 'pgdata');
    mkdirSync(pgdata, { recursive: true });
    const lock = acquireLock(dataDir);
    try {
      // Loaded on demand: only the embedded mode pays for the WebAssembly build.
      const { PGlite } = await import('@electric-sql/pglite');
      const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
      const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
      const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
      const db = await PGlite.create(pgdata, { extensions: { pg_trgm, unaccent } });
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: maxConnections + 2 });
      await server.start();
      return new EmbeddedPostgres(db, server, lock, `postgres://postgres@${server.getServerConn()}/postgres`);
    } catch (error) {
      rmSync(lock, { force: true });
      throw error;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      rmSync(this.lock, { force: true });
    }
  }
}
