/**
 * The baseline of the creates benchmark: the least code that records a visit, an organization,
 * a contact or a task the way Tandem stores it — `node:http`, a `pg` Pool of the same size, no
 * framework, no authentication, no validation, no reference checks. Each POST runs, in one
 * transaction, the INSERTs Tandem's create leaves behind: the row, its join rows or stage
 * change, and the audit event with the same `changes`; then it answers 201 with the same JSON
 * as Tandem's mapper. The benchmark checks both servers write the same rows and answer alike.
 *
 * The acting user is fixed (BENCH_ACTOR_ID): the baseline has no sign-in. Run as a child
 * process by run.ts; prints `{"port":N}` once listening.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool, PoolClient } from 'pg';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const actorId = process.env.BENCH_ACTOR_ID;
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
if (!databaseUrl || !actorId) {
  console.error(
    'baseline-server: BENCH_DATABASE_URL and BENCH_ACTOR_ID must be set (run.ts starts this process; run `npm run bench:creates`).',
  );
  process.exit(2);
}

const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
pool.on('error', (error) => console.error(`baseline-server: idle database connection failed: ${error.message}`));

type Row = Record<string, unknown>;
type Body = Record<string, unknown>;
/** A language Tandem gives a contact created without one: the library's default, unset here. */
const DEFAULT_LANGUAGE = 'en';

/** What Tandem's auditChanges(null, record, fields, personal) gives for a new record. */
function createdChanges(record: Row, fields: readonly string[], personal: ReadonlySet<string> = new Set()) {
  const changes: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = record[field];
    const value = raw instanceof Date ? raw.toISOString() : (raw ?? null);
    if (value === null) continue;
    changes[field] = personal.has(field) ? { redacted: true } : { before: null, after: value };
  }
  return changes;
}

async function audit(client: PoolClient, entityType: string, entityId: string, changes: object): Promise<void> {
  await client.query(
    `INSERT INTO audit_events (actor_id, entity_type, entity_id, action, changes) VALUES ($1, $2, $3, 'create', $4)`,
    [actorId, entityType, entityId, JSON.stringify(changes)],
  );
}

/** BEGIN … COMMIT around `work`, ROLLBACK on failure. */
async function inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);

const VISIT_FIELDS = [
  'organizationId',
  'programId',
  'visitedAt',
  'location',
  'purpose',
  'staffIds',
  'contactIds',
  'invitationsHandedOut',
  'peopleReached',
  'notes',
];

function createVisit(body: Body) {
  return inTransaction(async (client) => {
    const visit = {
      organizationId: body.organizationId as string,
      programId: (body.programId as string | undefined) ?? null,
      visitedAt: body.visitedAt ? new Date(body.visitedAt as string) : new Date(),
      location: (body.location as string | undefined) ?? null,
      purpose: body.purpose as string,
      staffIds: [...((body.staffIds as string[] | undefined) ?? [actorId])].sort(),
      contactIds: [...((body.contactIds as string[] | undefined) ?? [])].sort(),
      invitationsHandedOut: (body.invitationsHandedOut as number | undefined) ?? 0,
      peopleReached: (body.peopleReached as number | undefined) ?? 0,
      notes: (body.notes as string | undefined) ?? null,
    };
    const { rows } = await client.query<Row>(
      `INSERT INTO visits (organization_id, program_id, visited_at, location, purpose, invitations_handed_out, people_reached, notes, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, version, created_at, updated_at`,
      [
        visit.organizationId,
        visit.programId,
        visit.visitedAt,
        visit.location,
        visit.purpose,
        visit.invitationsHandedOut,
        visit.peopleReached,
        visit.notes,
        actorId,
      ],
    );
    const [{ id, version, created_at: createdAt, updated_at: updatedAt }] = rows;
    if (visit.staffIds.length > 0)
      await client.query(`INSERT INTO visit_staff (visit_id, user_id) SELECT $1, unnest($2::uuid[])`, [
        id,
        visit.staffIds,
      ]);
    if (visit.contactIds.length > 0)
      await client.query(`INSERT INTO visit_contacts (visit_id, contact_id) SELECT $1, unnest($2::uuid[])`, [
        id,
        visit.contactIds,
      ]);
    await audit(client, 'visit', id as string, createdChanges(visit, VISIT_FIELDS, new Set(['notes'])));
    return {
      id,
      version,
      organizationId: visit.organizationId,
      programId: visit.programId,
      visitedAt: visit.visitedAt.toISOString(),
      location: visit.location,
      purpose: visit.purpose,
      staffIds: visit.staffIds,
      contactIds: visit.contactIds,
      invitationsHandedOut: visit.invitationsHandedOut,
      peopleReached: visit.peopleReached,
      notes: visit.notes,
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
    };
  });
}

const ORGANIZATION_FIELDS = [
  'name',
  'type',
  'website',
  'email',
  'phone',
  'address',
  'mission',
  'notes',
  'stage',
  'ownerId',
  'audienceIds',
  'capabilityIds',
  'seeksCapabilityIds',
  'tags',
  'fitAudienceReach',
  'fitMissionOverlap',
  'fitComplementaryResources',
  'fitNotes',
];

function createOrganization(body: Body) {
  return inTransaction(async (client) => {
    const { rows } = await client.query<Row>(
      `INSERT INTO organizations (name, type, website, email, phone, address, mission, notes, stage, tags)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING id, version, name, type, website, email, phone, address, mission, notes, stage, owner_id AS "ownerId",
                 audience_ids AS "audienceIds", capability_ids AS "capabilityIds", seeks_capability_ids AS "seeksCapabilityIds",
                 tags, fit_audience_reach AS "fitAudienceReach", fit_mission_overlap AS "fitMissionOverlap",
                 fit_complementary_resources AS "fitComplementaryResources", fit_notes AS "fitNotes",
                 created_at AS "createdAt", updated_at AS "updatedAt"`,
      [
        body.name,
        body.type ?? null,
        body.website ?? null,
        body.email ?? null,
        body.phone ?? null,
        body.address ?? null,
        body.mission ?? null,
        body.notes ?? null,
        body.stage ?? 'prospect',
        body.tags ?? [],
      ],
    );
    const [org] = rows;
    await client.query(
      `INSERT INTO organization_stage_changes (organization_id, from_stage, to_stage, reason, changed_by_id) VALUES ($1, NULL, $2, NULL, $3)`,
      [org.id, org.stage, actorId],
    );
    await audit(client, 'organization', org.id as string, createdChanges(org, ORGANIZATION_FIELDS));
    return {
      id: org.id,
      version: org.version,
      name: org.name,
      type: org.type,
      website: org.website,
      email: org.email,
      phone: org.phone,
      address: org.address,
      mission: org.mission,
      notes: org.notes,
      stage: org.stage,
      ownerId: org.ownerId,
      audienceIds: org.audienceIds,
      capabilityIds: org.capabilityIds,
      seeksCapabilityIds: org.seeksCapabilityIds,
      tags: org.tags,
      fit: {
        audienceReach: org.fitAudienceReach,
        missionOverlap: org.fitMissionOverlap,
        complementaryResources: org.fitComplementaryResources,
        notes: org.fitNotes,
      },
      createdAt: iso(org.createdAt),
      updatedAt: iso(org.updatedAt),
    };
  });
}

const CONTACT_FIELDS = [
  'organizationId',
  'name',
  'title',
  'email',
  'phone',
  'preferredChannel',
  'language',
  'isPrimary',
  'notes',
];
const CONTACT_PERSONAL = new Set(['name', 'title', 'email', 'phone', 'notes']);

function createContact(body: Body) {
  return inTransaction(async (client) => {
    const { rows } = await client.query<Row>(
      `INSERT INTO contacts (organization_id, name, title, email, phone, preferred_channel, language, is_primary, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING id, version, organization_id AS "organizationId", name, title, email, phone,
                 preferred_channel AS "preferredChannel", language, is_primary AS "isPrimary", notes`,
      [
        body.organizationId,
        body.name,
        body.title ?? null,
        body.email ?? null,
        body.phone ?? null,
        body.preferredChannel ?? 'email',
        body.language ?? DEFAULT_LANGUAGE,
        body.isPrimary ?? false,
        body.notes ?? null,
      ],
    );
    const [contact] = rows;
    await audit(client, 'contact', contact.id as string, createdChanges(contact, CONTACT_FIELDS, CONTACT_PERSONAL));
    return contact;
  });
}

const TASK_FIELDS = ['title', 'dueAt', 'assigneeId', 'organizationId', 'programId', 'visitId', 'status', 'completedAt'];

function createTask(body: Body) {
  return inTransaction(async (client) => {
    const { rows } = await client.query<Row>(
      `INSERT INTO tasks (title, due_at, assignee_id, organization_id, program_id, visit_id, status, completed_at, created_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', NULL, $7)
       RETURNING id, version, title, due_at AS "dueAt", assignee_id AS "assigneeId", organization_id AS "organizationId",
                 program_id AS "programId", visit_id AS "visitId", status, completed_at AS "completedAt",
                 created_at AS "createdAt", updated_at AS "updatedAt"`,
      [
        body.title,
        new Date(body.dueAt as string),
        body.assigneeId ?? actorId,
        body.organizationId ?? null,
        body.programId ?? null,
        body.visitId ?? null,
        actorId,
      ],
    );
    const [task] = rows;
    await audit(client, 'task', task.id as string, createdChanges(task, TASK_FIELDS));
    return {
      ...task,
      dueAt: iso(task.dueAt),
      completedAt: iso(task.completedAt),
      createdAt: iso(task.createdAt),
      updatedAt: iso(task.updatedAt),
    };
  });
}

const ROUTES: Record<string, (body: Body) => Promise<object>> = {
  '/api/v1/visits': createVisit,
  '/api/v1/organizations': createOrganization,
  '/api/v1/contacts': createContact,
  '/api/v1/tasks': createTask,
};

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const create = ROUTES[req.url ?? ''];
  if (req.method !== 'POST' || !create) return send(res, 404, '{"error":"not found"}');
  send(res, 201, JSON.stringify(await create(await readJson(req))));
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: Error) => {
    console.error(`baseline-server: ${error.message}`);
    if (!res.headersSent) send(res, 500, '{"error":"internal"}');
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
});
