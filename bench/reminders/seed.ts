/**
 * Set-based seed for the reminders bench: recipients, and batches of `once` reminder rules with
 * one user recipient each, inserted straight into `reminders` and `reminder_users` as the API
 * would store them. Planning them into deliveries is left to Tandem's worker.
 */
import type { Client } from 'pg';

/** Users bench-1@library.test … bench-<count>@library.test: active staff, no password. */
export async function seedRecipients(db: Client, count: number): Promise<void> {
  await db.query(
    `INSERT INTO users (email, name, role, timezone)
     SELECT 'bench-' || g || '@library.test', 'Bench Reader ' || g, 'staff', 'America/Chicago'
     FROM generate_series(1, $1) g`,
    [count],
  );
}

/**
 * `count` active `once` rules titled `<tag> #<n>`, rule n due at `first + (n - 1) × stepMs` and
 * sent to user bench-n (one statement). Resolves with the number of rules written.
 */
export async function seedRules(
  db: Client,
  tag: string,
  count: number,
  first: Date,
  stepMs: number,
  createdById: string,
): Promise<number> {
  const { rowCount } = await db.query(
    `WITH src AS MATERIALIZED (
       SELECT gen_random_uuid() AS id, g FROM generate_series(1, $2) g
     ), rules AS (
       INSERT INTO reminders (id, title, message, trigger_type, at, active, created_by_id)
       SELECT id, $1 || ' #' || g, 'Bring the sign-up sheets.', 'once',
              $3::timestamptz + make_interval(secs => (g - 1) * $4::double precision / 1000), true, $5
       FROM src
       RETURNING id
     )
     INSERT INTO reminder_users (reminder_id, user_id)
     SELECT src.id, u.id FROM src JOIN users u ON u.email = 'bench-' || src.g || '@library.test'`,
    [tag, count, first, stepMs, createdById],
  );
  return rowCount ?? 0;
}

/** The deliveries planned for the rules tagged `tag`, by status. */
export async function deliveryStates(
  db: Client,
  tag: string,
): Promise<{ planned: number; byStatus: Record<string, number>; retried: number; late: number }> {
  const { rows } = await db.query<{ status: string; n: string; retried: string; late: string }>(
    `SELECT d.status, count(*) AS n, count(*) FILTER (WHERE d.attempts > 1) AS retried, count(*) FILTER (WHERE d.late) AS late
     FROM deliveries d JOIN reminders r ON r.id = d.reminder_id
     WHERE r.title LIKE $1 || ' #%'
     GROUP BY d.status`,
    [tag],
  );
  const byStatus: Record<string, number> = {};
  let planned = 0;
  let retried = 0;
  let late = 0;
  for (const row of rows) {
    byStatus[row.status] = Number(row.n);
    planned += Number(row.n);
    retried += Number(row.retried);
    late += Number(row.late);
  }
  return { planned, byStatus, retried, late };
}

/** Each delivery of the rules tagged `tag`, with the time it was due. */
export async function deliveriesDue(db: Client, tag: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: string; due_at: Date }>(
    `SELECT d.id, d.due_at FROM deliveries d JOIN reminders r ON r.id = d.reminder_id WHERE r.title LIKE $1 || ' #%'`,
    [tag],
  );
  return new Map(rows.map((row) => [row.id, row.due_at.getTime()]));
}
