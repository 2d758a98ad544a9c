import { Queryable } from './queryable';

/** A session as the sessions route answers it, cancellation resolved (staff, or a closure and its name). */
export interface ProgramSessionRow {
  id: string;
  program_id: string;
  starts_at: Date;
  ends_at: Date;
  /** The date in the program's zone, as PostgreSQL writes it (YYYY-MM-DD). */
  local_date: string;
  cancelled: boolean;
  /** The closure's name when a closure cancels it. */
  cancel_reason: string | null;
  attendance: number | null;
  notes: string | null;
  version: number;
}

/**
 * A program's sessions starting in [from, to), in order, or null when there is no such program:
 * one statement, starting from the program (a program with no session in the window is one row
 * of nulls), so the read needs no separate existence check and no entity hydration.
 */
export async function programSessionRows(
  db: Queryable,
  programId: string,
  from: Date,
  to: Date,
): Promise<ProgramSessionRow[] | null> {
  const rows: Array<ProgramSessionRow | Record<keyof ProgramSessionRow, null>> = await db.query(
    `SELECT s.id, s.program_id, s.starts_at, s.ends_at, s.local_date::text AS local_date,
            s.cancelled OR s.closure_id IS NOT NULL AS cancelled, c.name AS cancel_reason,
            s.attendance, s.notes, s.version
       FROM programs p
       LEFT JOIN program_sessions s ON s.program_id = p.id AND s.starts_at >= $2 AND s.starts_at < $3
       LEFT JOIN closures c ON c.id = s.closure_id
      WHERE p.id = $1
      ORDER BY s.starts_at, s.id`,
    [programId, from, to],
  );
  if (rows.length === 0) return null;
  return rows.filter((row): row is ProgramSessionRow => row.id !== null);
}
