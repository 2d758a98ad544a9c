import type { Queryable } from './queryable';

/** A session a library closure cancels, with its program's name and zone (for the closures screen). */
export interface ClosureSessionRow {
  id: string;
  closureId: string;
  programId: string;
  programName: string;
  programTimezone: string;
  startsAt: Date;
  endsAt: Date;
}

/** The sessions these closures cancel, by start, in one statement. */
export function closureSessionRows(db: Queryable, closureIds: readonly string[]): Promise<ClosureSessionRow[]> {
  return db.query<ClosureSessionRow[]>(
    `SELECT s.id, s.closure_id AS "closureId", s.program_id AS "programId", p.name AS "programName",
            p.timezone AS "programTimezone", s.starts_at AS "startsAt", s.ends_at AS "endsAt"
     FROM program_sessions s JOIN programs p ON p.id = s.program_id
     WHERE s.closure_id = ANY($1::uuid[])
     ORDER BY s.starts_at, lower(p.name), s.id`,
    [closureIds],
  );
}
