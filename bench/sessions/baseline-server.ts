/**
 * The baseline of the sessions benchmark: the least code that answers
 * `GET /api/v1/programs/:id/sessions?from=&to=` with the same JSON as Tandem — `node:http`, a
 * `pg` Pool of the same size, no framework, no authentication, no validation beyond the query's
 * shape.
 *
 * It runs Tandem's own session SQL, verbatim: the benchmark captures it from Tandem and passes
 * it in BENCH_SESSIONS_SQL (read-side/program-sessions.query.ts: from the program, so a row of
 * nulls means a program without sessions in the window, and no rows an unknown program). The
 * benchmark checks both servers answer byte for byte the same.
 *
 * Run as a child process by run.ts; prints `{"port":N}` once listening.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const sessionsSql = process.env.BENCH_SESSIONS_SQL;
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
if (!databaseUrl || !sessionsSql) {
  console.error(
    'baseline-server: BENCH_DATABASE_URL and BENCH_SESSIONS_SQL must be set (run.ts starts this process; run `npm run bench:sessions`).',
  );
  process.exit(2);
}

const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
pool.on('error', (error) => console.error(`baseline-server: idle database connection failed: ${error.message}`));

interface Row {
  id: string | null;
  program_id: string;
  starts_at: Date;
  ends_at: Date;
  local_date: string;
  cancelled: boolean;
  cancel_reason: string | null;
  attendance: number | null;
  notes: string | null;
  version: number;
}

/** Same fields, same order as Tandem's toSessionResponseFromRow. */
function toResponse(row: Row) {
  return {
    id: row.id,
    programId: row.program_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    localDate: row.local_date,
    cancelled: row.cancelled,
    cancelReason: row.cancel_reason,
    attendance: row.attendance,
    notes: row.notes,
    version: row.version,
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
  const match = /^\/api\/v1\/programs\/([0-9a-f-]{36})\/sessions$/.exec(url.pathname);
  if (req.method !== 'GET' || !match) return send(res, 404, '{"error":"not found"}');
  const from = new Date(url.searchParams.get('from') ?? '');
  const to = new Date(url.searchParams.get('to') ?? '');
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
    return send(res, 400, '{"error":"the baseline serves only ?from=&to="}');
  const { rows } = await pool.query<Row>(sessionsSql as string, [match[1], from, to]);
  if (rows.length === 0) return send(res, 404, '{"error":"no such program"}');
  send(res, 200, JSON.stringify({ data: rows.filter((row) => row.id !== null).map(toResponse) }));
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
