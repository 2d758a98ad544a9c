import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runConcurrencyStory, STORY_EXPECTED, StoryActor, StoryAnswer, StoryRole } from '../setup/concurrency-story';
import { eventually } from '../setup/eventually';
import { startTandem, TandemProcess } from '../setup/tandem-process';
import { deleteRedisKeys } from '../setup/test-app';
import { runId, TEST_REDIS_URL } from '../setup/test-env';

/**
 * The embedded default (no DATABASE_URL) runs a real PostgreSQL server as a child process of
 * Tandem. The release before it ran PGlite in Tandem's own process, and under concurrent
 * requests answered with another user's data. These tests drive the built app as `npm start`
 * runs it and show that this cannot happen now, that the data directory is private, and that
 * a kill -9 loses no acknowledged write.
 */

async function call(base: string, method: string, path: string, token?: string, body?: object): Promise<StoryAnswer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function expectStatus(answer: StoryAnswer, status: number, what: string): Record<string, unknown> {
  if (answer.status !== status)
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer.body;
}

/** Every organization name, paged through 100 at a time. */
async function listedNames(base: string, token: string): Promise<Set<string>> {
  const names = new Set<string>();
  for (let offset = 0; ; offset += 100) {
    const page = expectStatus(
      await call(base, 'GET', `/api/v1/organizations?sort=createdAt&limit=100&offset=${offset}`, token),
      200,
      'list',
    );
    for (const organization of page.data as Array<{ name: string }>) names.add(organization.name);
    if (offset + 100 >= (page.meta as { total: number }).total) return names;
  }
}

/** pid of the postmaster named in a cluster's postmaster.pid, if it is alive. */
function livePostmaster(cluster: string): number | undefined {
  const file = join(cluster, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0], 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/**
 * Runs a Node script to its end without blocking this process (a blocking spawnSync outlasts the
 * server's keep-alive, and the next fetch would reuse a connection the server has closed).
 */
function run(
  script: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; timeout: number },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [script], { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

/** Whether the process runs: a zombie (exited, not yet reaped by pid 1) does not. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch {
    return false;
  }
}

/** Lines of `ps` that mention `text` (the postmaster's command line holds `-D <cluster>`). */
function processesMentioning(text: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text));
}

describe('The embedded PostgreSQL (e2e)', () => {
  const prefix = `tandem-test-${runId()}-embedded`;
  const root = mkdtempSync(join(tmpdir(), 'tandem-embedded-'));
  // The postgres account (the server's, since the tests run as root) must pass through it.
  chmodSync(root, 0o755);
  // Tandem runs in `root` too, where no developer's .env can turn the embedded mode off.
  const dataDir = join(root, 'data');
  const crashDir = join(root, 'crash');
  const env = (dir: string, redisPrefix: string) => ({
    TANDEM_DATA_DIR: dir,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
  });
  let shared: TandemProcess;
  let crashing: TandemProcess | undefined;

  beforeAll(async () => {
    shared = await startTandem(env(dataDir, `${prefix}-shared`), { timeoutMs: 120_000, cwd: root });
  }, 120_000);

  afterAll(async () => {
    await shared?.stop();
    if (crashing?.child.pid !== undefined && crashing.child.exitCode === null && crashing.child.signalCode === null) {
      process.kill(-crashing.child.pid, 'SIGKILL');
    }
    for (const dir of [dataDir, crashDir]) {
      const pid = livePostmaster(join(dir, 'pg'));
      if (pid !== undefined) process.kill(pid, 'SIGKILL');
    }
    rmSync(root, { recursive: true, force: true });
    await deleteRedisKeys(`${prefix}-shared`);
    await deleteRedisKeys(`${prefix}-crash`);
  }, 60_000);

  it('answers every concurrent request for its own caller and the asked record, with no 401 and no 5xx', async () => {
    const base = shared.url;
    const password = 'partnerships all year round';
    expectStatus(
      await call(base, 'POST', '/api/v1/auth/setup', undefined, {
        email: 'maya@library.test',
        password,
        name: 'Maya Admin',
      }),
      201,
      'setup',
    );
    const signIn = async (role: StoryRole, email: string, baseName: string): Promise<StoryActor> => {
      const login = expectStatus(
        await call(base, 'POST', '/api/v1/auth/login', undefined, { email, password }),
        200,
        `login ${role}`,
      );
      return { role, id: (login.user as { id: string }).id, token: login.accessToken as string, baseName };
    };
    const admin = await signIn('admin', 'maya@library.test', 'Maya Admin');
    const invite = async (role: StoryRole, email: string, name: string) =>
      expectStatus(
        await call(base, 'POST', '/api/v1/users', admin.token, { email, name, role, password }),
        201,
        `create ${role}`,
      );
    await Promise.all([
      invite('staff', 'sam@library.test', 'Sam Staff'),
      invite('viewer', 'vic@library.test', 'Vic Viewer'),
    ]);
    const [staff, viewer] = await Promise.all([
      signIn('staff', 'sam@library.test', 'Sam Staff'),
      signIn('viewer', 'vic@library.test', 'Vic Viewer'),
    ]);
    const actors = [admin, staff, viewer] as const;

    const organizations: Array<{ id: string; name: string }> = [];
    let counter = 0;
    const next = () => ++counter;
    const seeded: string[] = [];
    for (let i = 0; i < 3; i++) {
      const name = `Embedded partner ${next()}`;
      const body = expectStatus(
        await call(base, 'POST', '/api/v1/organizations', admin.token, { name }),
        201,
        'seed organization',
      );
      organizations.push({ id: body.id as string, name });
      seeded.push(name);
    }

    const story = await runConcurrencyStory({
      send: (method, path, token, body) => call(base, method, path, token, body),
      actors,
      organizations,
      clients: 8,
      durationMs: 20_000,
      next,
    });
    const created = [...seeded, ...story.created];
    const { wrong, networkErrors } = story;
    const byStatus: Record<number, number> = {};
    for (const { answer } of story.answers) byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
    const requests = story.answers.length + networkErrors;
    const count = (test: (status: number) => boolean) =>
      Object.entries(byStatus).reduce((sum, [status, n]) => sum + (test(Number(status)) ? n : 0), 0);
    console.log(
      `embedded concurrency story: ${requests} requests in ${story.seconds.toFixed(1)} s (${(requests / story.seconds).toFixed(0)} req/s), 8 clients; ` +
        `by status ${JSON.stringify(byStatus)}; wrong answers ${wrong.length}, 401 ${count((s) => s === 401)}, 5xx ${count((s) => s >= 500)}, ` +
        `network errors ${networkErrors}; organizations created ${created.length}`,
    );

    expect({
      wrong: wrong.slice(0, 20),
      unauthorized: count((s) => s === 401),
      serverErrors: count((s) => s >= 500),
      networkErrors,
    }).toEqual({
      wrong: [],
      unauthorized: 0,
      serverErrors: 0,
      networkErrors: 0,
    });
    // Every kind of request was sent by every role, so each rule above was really exercised.
    const exercised = new Set(story.answers.map(({ kind, role, answer }) => `${kind} ${role} ${answer.status}`));
    const unexercised = Object.entries(STORY_EXPECTED).flatMap(([kind, statuses]) =>
      Object.entries(statuses)
        .map(([role, status]) => `${kind} ${role} ${status}`)
        .filter((key) => !exercised.has(key)),
    );
    expect(unexercised).toEqual([]);

    // The viewer is still a viewer, by its own account and by the admin's.
    expect(expectStatus(await call(base, 'GET', '/api/v1/auth/me', viewer.token), 200, 'viewer me')).toMatchObject({
      id: viewer.id,
      role: 'viewer',
    });
    const users = expectStatus(await call(base, 'GET', '/api/v1/users?limit=100', admin.token), 200, 'users')
      .data as Array<{ id: string; name: string; role: string }>;
    expect(users.map(({ id, role }) => ({ id, role })).sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { id: admin.id, role: 'admin' },
      { id: staff.id, role: 'staff' },
      { id: viewer.id, role: 'viewer' },
    ]);
    // Each name was only ever set by its own user.
    for (const actor of actors)
      expect(users.find((user) => user.id === actor.id)?.name).toMatch(new RegExp(`^${actor.baseName} \\d+$`));
    // Every acknowledged create is there.
    const listed = await listedNames(base, viewer.token);
    expect(created.filter((name) => !listed.has(name))).toEqual([]);
    expect(listed.size).toBe(created.length);
  }, 60_000);

  it('keeps TANDEM_DATA_DIR private: nothing in it is readable or writable by others', () => {
    const offenders: string[] = [];
    const walk = (path: string) => {
      const stat = lstatSync(path);
      if ((stat.mode & 0o006) !== 0)
        offenders.push(`${relative(dataDir, path) || '.'} ${(stat.mode & 0o777).toString(8)}`);
      if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
    };
    walk(dataDir);
    expect(offenders).toEqual([]);
    const mode = (name: string) => (lstatSync(join(dataDir, name)).mode & 0o777).toString(8);
    expect({
      'pg-password': mode('pg-password'),
      'auth-secret': mode('auth-secret'),
      pg: mode('pg'),
      '.': mode('.'),
    }).toEqual({
      'pg-password': '600',
      'auth-secret': '600',
      pg: '700',
      // As root, the postgres account's group may pass through (not list) it to reach pg/.
      '.': process.getuid?.() === 0 ? '710' : '700',
    });
  });

  it('lets npm run seed:demo load into the running Tandem, and refuses a second npm start on its data with one line', async () => {
    const password = 'partnerships all year round';
    // The first admin, unless the story above made her already (409).
    await call(shared.url, 'POST', '/api/v1/auth/setup', undefined, {
      email: 'maya@library.test',
      password,
      name: 'Maya Admin',
    });
    const dist = join(__dirname, '..', '..', 'dist', 'src');
    const childEnv = { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...env(dataDir, `${prefix}-shared`) };
    const seed = await run(join(dist, 'demo', 'seed-demo.main.js'), { cwd: root, env: childEnv, timeout: 90_000 });
    expect(seed.stderr).toBe('');
    expect(seed.status).toBe(0);
    expect(seed.stdout).toMatch(/^Demo data loaded: \d+ records created/m);
    // The running Tandem serves what the seed wrote (it shared the server; it did not start its own).
    const second = await run(join(dist, 'main.js'), { cwd: root, env: { ...childEnv, PORT: '1' }, timeout: 30_000 });
    expect(second.status).toBe(1);
    expect(second.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Tandem is already running on .*\(pid \d+\): stop it first/),
    ]);
    expect(livePostmaster(join(dataDir, 'pg'))).toEqual(expect.any(Number));
    const login = await call(shared.url, 'POST', '/api/v1/auth/login', undefined, {
      email: 'maya@library.test',
      password,
    });
    const listed = await call(
      shared.url,
      'GET',
      '/api/v1/organizations?q=shelter&limit=100',
      login.body.accessToken as string,
    );
    expect(listed.status).toBe(200);
    expect((listed.body.data as Array<{ name: string }>).map((org) => org.name)).toContain(
      'Harbor House Youth Shelter',
    );
  }, 120_000);

  it('loses no acknowledged write when Tandem is killed -9 mid-burst, three times over, and then stops cleanly', async () => {
    const cluster = join(crashDir, 'pg');
    const crashEnv = env(crashDir, `${prefix}-crash`);
    const start = () => startTandem(crashEnv, { timeoutMs: 60_000, cwd: root, detached: true });
    crashing = await start();
    const credentials = { email: 'rosa@library.test', password: 'partnerships all year round' };
    expectStatus(
      await call(crashing.url, 'POST', '/api/v1/auth/setup', undefined, { ...credentials, name: 'Rosa Admin' }),
      201,
      'setup',
    );
    // The token outlives the restarts: the session is in the database, the secret in the data dir.
    const token = expectStatus(
      await call(crashing.url, 'POST', '/api/v1/auth/login', undefined, credentials),
      200,
      'login',
    ).accessToken as string;

    const acknowledged: string[] = [];
    const postmasters: number[] = [];
    const rounds: string[] = [];
    let counter = 0;
    for (let round = 1; round <= 3; round++) {
      const running = crashing;
      const url = running.url;
      const pid = running.child.pid as number;
      const before = acknowledged.length;
      const unexpected: string[] = [];
      let killed = false;
      let cutOff = 0;
      const burstStarted = Date.now();
      const clients = Array.from({ length: 6 }, async () => {
        while (!killed) {
          const name = `Crash round ${round} partner ${++counter}`;
          let answer: StoryAnswer;
          try {
            answer = await call(url, 'POST', '/api/v1/organizations', token, { name });
          } catch {
            cutOff += 1; // the kill cut this request off: whether it was written is unknown
            return;
          }
          if (answer.status === 201) acknowledged.push(name);
          else unexpected.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
      });
      // Mid-burst: at least 1.5 s in, and with some writes acknowledged.
      await eventually(
        `round ${round}'s burst to be 1.5 s in with 10 writes acknowledged`,
        () => {
          if (Date.now() - burstStarted < 1_500) return false;
          if (acknowledged.length - before < 10)
            throw new Error(`${acknowledged.length - before} acknowledged:\n${running.output().slice(-3000)}`);
        },
        { timeoutMs: 15_000, intervalMs: 50 },
      );
      process.kill(-pid, 'SIGKILL');
      killed = true;
      const burstSeconds = (Date.now() - burstStarted) / 1000;
      await running.stop('SIGKILL'); // resolves once it has exited
      await Promise.all(clients);
      expect(unexpected).toEqual([]);

      // Killing Tandem's group leaves its PostgreSQL (in a group of its own) running…
      const stale = livePostmaster(cluster);
      expect(stale).toEqual(expect.any(Number));
      postmasters.push(stale as number);

      // …and the next start stops it and serves every acknowledged write.
      const restartStarted = Date.now();
      crashing = await start();
      const restartSeconds = (Date.now() - restartStarted) / 1000;
      expect(crashing.output()).toContain(
        'found the embedded PostgreSQL of a Tandem that did not stop cleanly; stopping it',
      );
      expect(isAlive(stale as number)).toBe(false);
      const listed = await listedNames(crashing.url, token);
      expect(acknowledged.filter((name) => !listed.has(name))).toEqual([]);
      rounds.push(
        `round ${round}: ${acknowledged.length - before} acknowledged in ${burstSeconds.toFixed(1)} s, ${cutOff} cut off, restart ${restartSeconds.toFixed(1)} s`,
      );
    }
    console.log(`embedded kill -9: ${rounds.join('; ')}; ${acknowledged.length} acknowledged writes, none lost`);

    const last = livePostmaster(cluster);
    expect(await crashing.stop('SIGTERM')).toBe(0);
    expect(processesMentioning(cluster)).toEqual([]);
    for (const pid of [...postmasters, last as number])
      expect({ pid, alive: isAlive(pid) }).toEqual({ pid, alive: false });
  }, 90_000);
});
