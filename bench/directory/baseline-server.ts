/**
 * The baseline of the directory benchmark: the least code that answers the benchmark's
 * organization search with the same JSON as Tandem — `node:http`, a `pg` Pool of the same
 * size, no framework, no authentication, no validation beyond the query's shape.
 *
 * It runs the SQL Tandem runs, verbatim, with the values Tandem bound: the benchmark captures
 * both from Tandem and passes them in BENCH_LIST_SQL and BENCH_LIST_VALUES. It therefore serves
 * only the benchmark's request (the URL must have its shape: `q`, one `stage`, `audienceId`),
 * and the benchmark checks that both servers answer byte for byte the same.
 *
 * Run as a child process by run.ts (its own process, like Tandem, so the load generator
 * does not share its event loop); prints `{"port":N}` once listening.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const listSql = process.env.BENCH_LIST_SQL;
/** The parameters Tandem bound for the benchmark's request, in its order (the count inside the list repeats some). */
const listValues = JSON.parse(process.env.BENCH_LIST_VALUES ?? '[]') as unknown[];
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
if (!databaseUrl || !listSql) {
  console.error(
    'baseline-server: BENCH_DATABASE_URL and BENCH_LIST_SQL must be set (run.ts starts this process; run `npm run bench:directory`).',
  );
  process.exit(2);
}

const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
pool.on('error', (error) => console.error(`baseline-server: idle database connection failed: ${error.message}`));

interface OrganizationRow {
  o_id: string;
  o_version: number;
  o_name: string;
  o_type: string | null;
  o_website: string | null;
  o_email: string | null;
  o_phone: string | null;
  o_address: string | null;
  o_mission: string | null;
  o_notes: string | null;
  o_stage: string;
  o_owner_id: string | null;
  o_audience_ids: string[];
  o_capability_ids: string[];
  o_seeks_capability_ids: string[];
  o_tags: string[];
  o_fit_audience_reach: number;
  o_fit_mission_overlap: number;
  o_fit_complementary_resources: number;
  o_fit_notes: string | null;
  o_created_at: Date;
  o_updated_at: Date;
  sort_key: string;
  counted: number;
}

/** Same fields, same order as Tandem's OrganizationResponseDto. */
function toResponse(row: OrganizationRow) {
  return {
    id: row.o_id,
    version: row.o_version,
    name: row.o_name,
    type: row.o_type,
    website: row.o_website,
    email: row.o_email,
    phone: row.o_phone,
    address: row.o_address,
    mission: row.o_mission,
    notes: row.o_notes,
    stage: row.o_stage,
    ownerId: row.o_owner_id,
    audienceIds: row.o_audience_ids,
    capabilityIds: row.o_capability_ids,
    seeksCapabilityIds: row.o_seeks_capability_ids,
    tags: row.o_tags,
    fit: {
      audienceReach: row.o_fit_audience_reach,
      missionOverlap: row.o_fit_mission_overlap,
      complementaryResources: row.o_fit_complementary_resources,
      notes: row.o_fit_notes,
    },
    createdAt: row.o_created_at.toISOString(),
    updatedAt: row.o_updated_at.toISOString(),
  };
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://baseline');
  if (req.method !== 'GET' || url.pathname !== '/api/v1/organizations') return send(res, 404, '{"error":"not found"}');
  const q = url.searchParams.get('q');
  const stage = url.searchParams.get('stage');
  const audienceId = url.searchParams.get('audienceId');
  if (!q || !stage || !audienceId)
    return send(res, 400, '{"error":"the baseline serves only ?q=&stage=&audienceId=&sort=&limit="}');
  const limit = Number(url.searchParams.get('limit') ?? 25);
  // Tandem's SQL reads one row more than the page, to say whether there is a next one, and
  // carries the count (exact up to 10,000, which the benchmark's search stays under) in each row.
  // Only the benchmark's own request (checked above by shape): its values are the ones Tandem bound.
  const { rows } = await pool.query<OrganizationRow>(listSql as string, listValues);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const body = JSON.stringify({
    data: page.map(toResponse),
    meta: {
      total: rows.length > 0 ? rows[0].counted : 0,
      totalIsEstimate: false,
      limit,
      offset: Number(url.searchParams.get('offset') ?? 0),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([url.searchParams.get('sort') ?? 'name', last.sort_key, last.o_id])).toString(
              'base64url',
            )
          : null,
    },
  });
  send(res, 200, body);
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
