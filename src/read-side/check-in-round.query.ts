import type { Queryable } from './queryable';

/** An active organization as a check-in round weighs it. */
export interface CheckInCandidateRow {
  id: string;
  name: string;
  /**
   * When it last became active: its latest stage change to `active` (the start of the stretch
   * it is in now), else, without any stage history, when it was added.
   */
  activeSince: Date;
  /** Its open check-in, if any. */
  openCheckInId: string | null;
  /** Whether a check-in of it was opened within `intervalMonths` before `now`. */
  recent: boolean;
}

/**
 * The organizations at stage `active` (all of them, or those of `organizationIds`), by name, with
 * what a round decides on (check-in/check-in-due.ts), in one statement over organizations, their
 * stage history and their check-ins. Inside a round's transaction it reads one organization
 * again under its row lock.
 */
export function checkInCandidateRows(
  db: Queryable,
  { now, intervalMonths, organizationIds }: { now: Date; intervalMonths: number; organizationIds?: readonly string[] },
): Promise<CheckInCandidateRow[]> {
  return db.query<CheckInCandidateRow[]>(
    `SELECT o.id, o.name,
            coalesce((SELECT max(sc.changed_at) FROM organization_stage_changes sc
                      WHERE sc.organization_id = o.id AND sc.to_stage = 'active'), o.created_at) AS "activeSince",
            (SELECT c.id FROM check_ins c WHERE c.organization_id = o.id AND c.status = 'open' LIMIT 1) AS "openCheckInId",
            EXISTS (SELECT 1 FROM check_ins c WHERE c.organization_id = o.id
                    AND c.opened_at > $1::timestamptz - make_interval(months => $2)) AS recent
     FROM organizations o
     WHERE o.stage = 'active' AND ($3::uuid[] IS NULL OR o.id = ANY($3::uuid[]))
     ORDER BY o.name, o.id`,
    [now, intervalMonths, organizationIds ?? null],
  );
}
