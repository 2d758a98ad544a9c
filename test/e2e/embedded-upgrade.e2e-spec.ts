import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PasswordService } from '../../src/auth/password.service';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { startTandem, TandemProcess } from '../setup/tandem-process';
import { deleteRedisKeys } from '../setup/test-app';
import { runId, TEST_REDIS_URL } from '../setup/test-env';

const MOVED = 'moved the embedded database from PGlite to PostgreSQL';

/**
 * The previous release's embedded database: PGlite 0.5.14 on `<dataDir>/pgdata` with the
 * extensions the migrations need, served on a loopback port by pglite-socket, until SIGTERM.
 * It runs in a process of its own: PGlite loads its WebAssembly with a dynamic import(),
 * which Jest's module sandbox refuses.
 */
const PREVIOUS_RELEASE_DATABASE = `
  const { PGlite } = require('@electric-sql/pglite');
  const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = require('@electric-sql/pglite/contrib/unaccent');
  const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');
  (async () => {
    const db = await PGlite.create(process.argv[1], { extensions: { pg_trgm, unaccent } });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
    process.once('SIGTERM', async () => {
      await server.stop();
      await db.close();
      process.exit(0);
    });
    console.log('listening on ' + server.getServerConn());
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
`;

const EMAIL = 'maya.chen@library.test';
const PASSWORD = 'our first partnership, 2019';

/** Fixed ids, so rows can point at each other in plain SQL. */
const ID = {
  maya: '0b6f2a4e-8d1c-4f0a-9a57-1f1d3c9e0001',
  jose: '0b6f2a4e-8d1c-4f0a-9a57-1f1d3c9e0002',
  siobhan: '0b6f2a4e-8d1c-4f0a-9a57-1f1d3c9e0003',
  teens: '5a1e0c3b-2f4d-4b6a-8c9e-000000000001',
  families: '5a1e0c3b-2f4d-4b6a-8c9e-000000000002',
  tutoring: '7c2d1e4f-3a5b-4c6d-9e8f-000000000001',
  space: '7c2d1e4f-3a5b-4c6d-9e8f-000000000002',
  cafe: 'a9d8c7b6-1234-4e5f-8a9b-000000000001',
  club: 'a9d8c7b6-1234-4e5f-8a9b-000000000002',
  oldPartner: 'a9d8c7b6-1234-4e5f-8a9b-000000000003',
  lucia: 'c0ffee00-0000-4000-8000-000000000001',
  zoe: 'c0ffee00-0000-4000-8000-000000000002',
  program: 'b1b2b3b4-0000-4000-8000-000000000001',
  visit: 'd1d2d3d4-0000-4000-8000-000000000001',
  checkIn: 'e1e2e3e4-0000-4000-8000-000000000001',
  session: 'f1f2f3f4-0000-4000-8000-000000000001',
  authSession: 'a1a2a3a4-0000-4000-8000-000000000001',
};

/**
 * Rows in most tables, with what a dump and restore can get wrong: accents, emoji, quotes,
 * backslashes, line breaks, arrays, jsonb, timestamps with time zones, and a line of notes that
 * starts with `\restrict` (pglite-tools deletes such lines from its dumps). Chosen so that the
 * jobs Tandem runs at start-up have nothing to do (every program's sessions are planned, every
 * organization has a recent health snapshot, the active one a recent check-in, no reminder), so
 * the first start changes no row.
 */
function fixtureSql(passwordHash: string): string[] {
  return [
    `INSERT INTO users (id, email, name, role, active, timezone, password_hash, created_at, updated_at) VALUES
      ('${ID.maya}', '${EMAIL}', 'Maya Chen', 'admin', true, 'America/Los_Angeles', '${passwordHash}', '2025-03-01 09:15:00.123456+00', '2025-03-01 09:15:00.123456+00'),
      ('${ID.jose}', 'jose.garcia@library.test', 'José García', 'staff', true, 'Europe/Madrid', NULL, '2025-04-02 10:00:00+02', '2025-04-02 10:00:00+02'),
      ('${ID.siobhan}', 'siobhan@library.test', 'Siobhán O''Brien', 'viewer', false, 'UTC', NULL, '2025-05-03 11:00:00-07', '2025-06-01 12:00:00-07')`,
    `INSERT INTO audiences (id, name, description, priority, estimated_population, source) VALUES
      ('${ID.teens}', 'Teens 13–17', 'After-school
crowd', 1, 4200, 'Census 2020, table "S0101"'),
      ('${ID.families}', 'Newcomer families', NULL, 2, NULL, NULL)`,
    `INSERT INTO capabilities (id, name, description) VALUES
      ('${ID.tutoring}', 'Tutoring', 'One-on-one help \\ homework'),
      ('${ID.space}', 'Meeting space', 'Room for 30 👥')`,
    `INSERT INTO organizations (id, name, type, website, email, phone, address, mission, notes, stage, owner_id,
        audience_ids, capability_ids, seeks_capability_ids, tags, fit_audience_reach, fit_mission_overlap, fit_complementary_resources, fit_notes, created_at, updated_at)
      VALUES
      ('${ID.cafe}', 'Café Literario "Las Palabras"', 'Nonprofit', 'https://laspalabras.example/?a=1&b=2', 'hola@laspalabras.example', '+1 (555) 010-2030',
        E'12 Calle Mayor\\nSuite 4', 'Lectura para todos — ¡sí! 📚',
        E'Met José at the fair 🎉\\nThey said: "we''d love to host"\\nShared drive: C:\\\\Users\\\\maya\\\\Partners\\n\\\\restrict is how their old export began\\n\\ttabbed line',
        'active', '${ID.maya}', '{${ID.teens},${ID.families}}', '{${ID.space}}', '{${ID.tutoring}}', '{bilingüe,"after \\"school\\"","a,b",youth}',
        5, 4, 3, 'Strong fit; see 2025 notes', '2025-03-10 08:00:00+00', '2025-09-01 17:45:30.5+00'),
      ('${ID.club}', 'Boys & Girls Club of Eastside', 'Youth club', NULL, NULL, NULL, NULL, NULL, 'Back\\slash and ''quotes''', 'exploring', '${ID.jose}',
        '{${ID.teens}}', '{${ID.tutoring}}', '{}', '{"back\\\\slash",sports}', 2, 2, 2, NULL, '2025-04-11 09:00:00+00', '2025-04-11 09:00:00+00'),
      ('${ID.oldPartner}', 'Ye Olde Bookshop', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'ended', NULL, '{}', '{}', '{}', '{}', 0, 0, 0, NULL, '2024-01-01 00:00:00+00', '2025-01-01 00:00:00+00')`,
    `INSERT INTO contacts (id, organization_id, name, title, email, phone, preferred_channel, language, is_primary, notes, unsubscribed_at) VALUES
      ('${ID.lucia}', '${ID.cafe}', 'Lucía Fernández', 'Directora', 'lucia@laspalabras.example', NULL, 'phone', 'es', true, E'Prefers calls after 5pm\\nSpeaks 🇪🇸 & 🇬🇧', NULL),
      ('${ID.zoe}', '${ID.club}', 'Zoë Ångström', NULL, 'zoe@club.example', '555-0101', 'email', 'en', false, NULL, '2025-08-08 08:08:08+00')`,
    `INSERT INTO organization_stage_changes (organization_id, from_stage, to_stage, reason, changed_by_id, changed_at) VALUES
      ('${ID.cafe}', NULL, 'prospect', NULL, '${ID.maya}', '2025-03-10 08:00:00+00'),
      ('${ID.cafe}', 'prospect', 'active', 'Signed the "MOU" — finally!', '${ID.maya}', '2025-06-15 14:30:00+00'),
      ('${ID.oldPartner}', 'active', 'ended', E'Closed shop\\nafter 40 years', NULL, '2025-01-01 00:00:00+00')`,
    `INSERT INTO notes (organization_id, body, author_id) VALUES ('${ID.cafe}', E'Call recap:\\n- books 📚\\n- room ''B''', '${ID.maya}')`,
    `INSERT INTO audit_events (occurred_at, actor_id, entity_type, entity_id, action, changes) VALUES
      ('2025-06-15 14:30:00.000001+00', '${ID.maya}', 'organization', '${ID.cafe}', 'update',
        '{"stage": {"from": "prospect", "to": "active"}, "notes": {"to": "a\\nb \\\\ \\"q\\" 🎉"}, "fit": [1, 2.5, null, true]}'),
      ('2025-03-01 09:15:00+00', NULL, 'user', '${ID.maya}', 'create', '{}')`,
    `INSERT INTO programs (id, name, description, status, language, audience_ids, library_goal, partner_goal, rrule, timezone, start_time, duration_minutes, location,
        start_date, end_date, materialized_until, created_by_id) VALUES
      ('${ID.program}', 'Homework Help "Tarea"', E'Tuesdays\\nbring your own snacks 🍎', 'running', 'es', '{${ID.teens}}', 'Reach 50 teens', NULL,
        'FREQ=WEEKLY;BYDAY=TU', 'America/Los_Angeles', '15:30', 90, 'Room B', '2026-01-06', '2026-01-20', '2026-01-31 00:00:00+00', '${ID.maya}')`,
    `INSERT INTO program_partners (program_id, organization_id, role) VALUES ('${ID.program}', '${ID.cafe}', 'host'), ('${ID.program}', '${ID.club}', 'referral')`,
    `INSERT INTO closures (date, name, created_by_id) VALUES ('2026-01-13', 'Día de la biblioteca', '${ID.maya}')`,
    `INSERT INTO program_sessions (id, program_id, starts_at, ends_at, local_date, cancelled, attendance, notes) VALUES
      ('${ID.session}', '${ID.program}', '2026-01-06 23:30:00+00', '2026-01-07 01:00:00+00', '2026-01-06', false, 12, 'Great start'),
      (gen_random_uuid(), '${ID.program}', '2026-01-13 23:30:00+00', '2026-01-14 01:00:00+00', '2026-01-13', true, NULL, NULL),
      (gen_random_uuid(), '${ID.program}', '2026-01-20 23:30:00+00', '2026-01-21 01:00:00+00', '2026-01-20', false, NULL, NULL)`,
    `INSERT INTO visits (id, organization_id, program_id, visited_at, location, purpose, invitations_handed_out, people_reached, notes, created_by_id) VALUES
      ('${ID.visit}', '${ID.cafe}', '${ID.program}', '2025-06-14 18:00:00-07', 'Calle Mayor 12', 'invitations', 40, 120, E'Rainy\\nbut busy', '${ID.maya}')`,
    `INSERT INTO visit_staff (visit_id, user_id) VALUES ('${ID.visit}', '${ID.maya}'), ('${ID.visit}', '${ID.jose}')`,
    `INSERT INTO visit_contacts (visit_id, contact_id) VALUES ('${ID.visit}', '${ID.lucia}')`,
    `INSERT INTO tasks (title, due_at, assignee_id, organization_id, program_id, visit_id, status, completed_at, created_by_id) VALUES
      ('Send thank-you card to Lucía', '2025-06-20 17:00:00+00', '${ID.jose}', '${ID.cafe}', NULL, '${ID.visit}', 'done', '2025-06-19 10:00:00+00', '${ID.maya}'),
      ('Plan the spring term', '2027-02-01 17:00:00+00', '${ID.maya}', NULL, '${ID.program}', NULL, 'open', NULL, '${ID.maya}')`,
    `INSERT INTO feedback (source, organization_id, program_id, session_id, rating, outcome_knowledge, worked, didnt_work, created_by_id) VALUES
      ('youth', '${ID.cafe}', '${ID.program}', '${ID.session}', 5, 4, E'The snacks 🍎\\nand the tutors', 'Too short', '${ID.maya}')`,
    `INSERT INTO check_ins (id, organization_id, status, opened_at, closes_at, closed_at, opened_by_id, area_scores, response_count, last_response_at) VALUES
      ('${ID.checkIn}', '${ID.cafe}', 'closed', now() - interval '20 days', now() - interval '6 days', now() - interval '6 days', '${ID.maya}',
        '{"communication": 4.5, "value": 5}', 1, now() - interval '18 days')`,
    `INSERT INTO check_in_responses (check_in_id, respondent, contact_id, answers, comment, answered_at) VALUES
      ('${ID.checkIn}', 'partner', '${ID.lucia}', '{"communication": 4, "value": 5}', E'¡Muy bien!\\nGracias', now() - interval '18 days')`,
    `INSERT INTO match_decisions (id, provider_id, seeker_id, status, decided_by_id) VALUES (gen_random_uuid(), '${ID.club}', '${ID.cafe}', 'dismissed', '${ID.maya}')`,
    `INSERT INTO invitations (user_id, token_hash, expires_at, created_by_id) VALUES ('${ID.jose}', repeat('ab', 32), now() + interval '7 days', '${ID.maya}')`,
    `INSERT INTO auth_sessions (id, user_id, expires_at) VALUES ('${ID.authSession}', '${ID.maya}', now() + interval '30 days')`,
    `INSERT INTO refresh_tokens (session_id, token_hash, expires_at) VALUES ('${ID.authSession}', repeat('cd', 32), now() + interval '30 days')`,
    // Yesterday's snapshot of every organization that is not ended: the start-up snapshot skips them.
    `INSERT INTO health_snapshots (organization_id, taken_at, score, band)
      SELECT id, date_trunc('day', now()) - interval '1 day', 72, 'steady' FROM organizations WHERE stage <> 'ended'`,
  ];
}

interface Queryable {
  query<R>(sql: string): Promise<{ rows: R[] }>;
}

/**
 * The stored health scores are derived (rebuilt from the facts by the running app at any time),
 * so the app's first refresh after the move may change them: they are left out of the comparison.
 */
const DERIVED_TABLES = new Set(['health_changes', 'health_scores']);
const DERIVED_SEQUENCES = ['health_refresh_seq'];

/**
 * Every row of every public table (as JSON text, sorted: the new cluster may collate text
 * differently) and every sequence's position, derived state left out.
 */
async function everyRow(db: Queryable): Promise<Record<string, string[]>> {
  await db.query(`SET TimeZone = 'UTC'`);
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const result: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    if (DERIVED_TABLES.has(name)) continue;
    const rows = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM public."${name}" t`);
    result[name] = rows.rows.map((r) => r.row).sort();
  }
  const sequences = await db.query<{ row: string }>(
    `SELECT row_to_json(s)::text AS row FROM (SELECT sequencename, last_value FROM pg_sequences
     WHERE schemaname = 'public' AND sequencename <> ALL ('{${DERIVED_SEQUENCES.join(',')}}'::text[])) s`,
  );
  result['(sequences)'] = sequences.rows.map((r) => r.row).sort();
  return result;
}

/** The new cluster's database, as the running Tandem reaches it. */
async function withNewDatabase<T>(dataDir: string, work: (client: Client) => Promise<T>): Promise<T> {
  const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
  const port = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'tandem' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Paths under `path` (itself included) that the group or others may use. */
function openToOthers(path: string): string[] {
  const open = (statSync(path).mode & 0o077) !== 0 ? [path] : [];
  if (!statSync(path).isDirectory()) return open;
  return [...open, ...readdirSync(path).flatMap((entry) => openToOthers(join(path, entry)))];
}

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

function movedLines(output: string): string[] {
  return output.split('\n').filter((line) => line.includes(MOVED));
}

describe('Moving a PGlite data directory to the embedded PostgreSQL (e2e)', () => {
  const prefix = `tandem-test-${runId()}-upgrade`;
  let root: string;
  let dataDir: string;
  let env: Record<string, string>;
  let before: Record<string, string[]>;
  let authSecret: string;
  let running: TandemProcess | undefined;

  /** TANDEM_DATA_DIR as the previous release left it after running migrations and being used. */
  beforeAll(async () => {
    // As root (CI) PostgreSQL runs as `postgres`, which must be able to pass through the parent.
    root = mkdtempSync(join(tmpdir(), 'tandem-upgrade-'));
    chmodSync(root, 0o755);
    dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    env = { TANDEM_DATA_DIR: dataDir, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_FORMAT: 'json' };

    const previous = spawn(process.execPath, ['-e', PREVIOUS_RELEASE_DATABASE, join(dataDir, 'pgdata')], {
      cwd: join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(previous, 'exit');
    try {
      const address = await new Promise<string>((resolve, reject) => {
        previous.stdout.on('data', (chunk: Buffer) => {
          const match = /listening on (\S+)/.exec(chunk.toString());
          if (match) resolve(match[1]);
        });
        previous.once('exit', (code) => reject(new Error(`the previous release's database exited with ${code}`)));
      });
      // Migrated as the previous release did at start-up: TypeORM over the socket.
      const dataSource = new DataSource(dataSourceOptions(`postgres://postgres@${address}/postgres`, 1));
      await dataSource.initialize();
      try {
        await dataSource.runMigrations();
        const passwordHash = await new PasswordService({ passwordHashCost: 'standard' }).hash(PASSWORD);
        for (const sql of fixtureSql(passwordHash)) await dataSource.query(sql);
      } finally {
        await dataSource.destroy();
      }
      const client = new Client({ connectionString: `postgres://postgres@${address}/postgres` });
      await client.connect();
      try {
        before = await everyRow(client);
      } finally {
        await client.end();
      }
    } finally {
      previous.kill('SIGTERM');
    }
    const [code] = await exited;
    if (code !== 0) throw new Error(`the previous release's database exited with ${code}`);
    // The previous release was killed rather than stopped: its lock names a process that is gone.
    writeFileSync(join(dataDir, 'pgdata.lock'), `${spawnSync('true').pid}\n`);
    authSecret = 'previous-release-secret-0123456789abcdefghijklmnopqrstuvwxyz';
    writeFileSync(join(dataDir, 'auth-secret'), `${authSecret}\n`, { mode: 0o600 });
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(async () => {
    // A Tandem killed by force leaves its PostgreSQL running: stop that one (it is ours).
    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
      } catch {
        // already gone
      }
    }
    rmSync(root, { recursive: true, force: true });
    await deleteRedisKeys(prefix);
  });

  it('moves every row on the first start, keeps the old files as a private backup, and the user signs in as before', async () => {
    expect(Object.values(before).flat().length).toBeGreaterThan(40);
    running = await startTandem(env, { timeoutMs: 120_000 });
    expect(movedLines(running.output())).toHaveLength(1);

    expect(await withNewDatabase(dataDir, everyRow)).toEqual(before);
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
    expect(existsSync(join(dataDir, 'pgdata.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'pg.upgrading'))).toBe(false);
    const backup = join(dataDir, 'pgdata.pglite-backup');
    expect(existsSync(join(backup, 'PG_VERSION'))).toBe(true);
    expect(openToOthers(backup)).toEqual([]);
    expect(readFileSync(join(dataDir, 'auth-secret'), 'utf8').trim()).toBe(authSecret);

    const login = await json(`${running.url}/api/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const organizations = await json(`${running.url}/api/v1/organizations`, {
      headers: { Authorization: `Bearer ${login.body.accessToken}` },
    });
    expect(organizations.status).toBe(200);
    const names = (organizations.body.data as { name: string }[]).map((o) => o.name).sort();
    expect(names).toEqual(['Boys & Girls Club of Eastside', 'Café Literario "Las Palabras"', 'Ye Olde Bookshop']);
    // The accent-folding search (an expression index over tandem_fold) works on the moved data.
    const search = await json(`${running.url}/api/v1/organizations?q=cafe%20literario`, {
      headers: { Authorization: `Bearer ${login.body.accessToken}` },
    });
    expect((search.body.data as { id: string }[]).map((o) => o.id)).toEqual([ID.cafe]);
    expect(await running.stop()).toBe(0);
  }, 180_000);

  it('moves nothing again on the next start, and the data is still there', async () => {
    running = await startTandem(env, { timeoutMs: 120_000 });
    expect(movedLines(running.output())).toEqual([]);
    expect(existsSync(join(dataDir, 'pgdata.pglite-backup-2'))).toBe(false);
    const after = await withNewDatabase(dataDir, everyRow);
    // Signing in added a session and its refresh token; nothing else changed.
    const { auth_sessions: sessions, refresh_tokens: tokens, ...rest } = after;
    const { auth_sessions: sessionsBefore, refresh_tokens: tokensBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(sessions).toEqual(expect.arrayContaining(sessionsBefore));
    expect(tokens).toEqual(expect.arrayContaining(tokensBefore));
    const login = await json(`${running.url}/api/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(await running.stop()).toBe(0);
  }, 180_000);
});
