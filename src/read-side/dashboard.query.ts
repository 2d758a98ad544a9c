import type { Queryable } from './queryable';

/** The manager's dashboard's own statements (partnership/dashboard.service.ts composes them with the health score). */

export interface OrganizationStageRow {
  id: string;
  name: string;
  stage: string;
}

/** Every organization with its name and stage (the portfolio; the weekly snapshots skip the ended ones). */
export function organizationStageRows(db: Queryable): Promise<OrganizationStageRow[]> {
  return db.query<OrganizationStageRow[]>(`SELECT id, name, stage FROM organizations`);
}

export interface AudienceCoverageRow {
  id: string;
  name: string;
  priority: number;
  /** Organizations at stage `active` that serve the audience. */
  active_partners: number;
}

/** Every audience with its active partners, priority first (1 high), then fewest partners, then name. */
export function audienceCoverageRows(db: Queryable): Promise<AudienceCoverageRow[]> {
  return db.query<AudienceCoverageRow[]>(`
    SELECT a.id, a.name, a.priority,
           (SELECT count(*)::int FROM organizations o WHERE o.stage = 'active' AND a.id = ANY(o.audience_ids)) AS active_partners
    FROM audiences a
    ORDER BY a.priority, active_partners, lower(a.name), a.id`);
}

export interface UpcomingSessionRow {
  id: string;
  program_id: string;
  program_name: string;
  starts_at: Date;
  /** How many there are in the window (every row carries it). */
  total: number;
}

/**
 * Sessions starting in the `days` after `now`, not cancelled, not on a closure day, of programs
 * that are planned or running; soonest first, at most `limit`.
 */
export function upcomingSessionRows(
  db: Queryable,
  now: Date,
  days: number,
  limit: number,
): Promise<UpcomingSessionRow[]> {
  return db.query<UpcomingSessionRow[]>(
    `
    SELECT s.id, s.program_id, p.name AS program_name, s.starts_at, count(*) OVER ()::int AS total
    FROM program_sessions s JOIN programs p ON p.id = s.program_id
    WHERE s.starts_at > $1 AND s.starts_at <= $1::timestamptz + make_interval(days => $2)
      AND NOT s.cancelled AND s.closure_id IS NULL AND p.status IN ('planned', 'running')
    ORDER BY s.starts_at, s.id
    LIMIT $3`,
    [now, days, limit],
  );
}

export interface OverdueTaskRow {
  id: string;
  title: string;
  due_at: Date;
  assignee_id: string;
  organization_id: string | null;
  /** How many are overdue (every row carries it). */
  total: number;
}

/** Open tasks due before `now`, oldest due first, at most `limit`. */
export function overdueTaskRows(db: Queryable, now: Date, limit: number): Promise<OverdueTaskRow[]> {
  return db.query<OverdueTaskRow[]>(
    `
    SELECT t.id, t.title, t.due_at, t.assignee_id, t.organization_id, count(*) OVER ()::int AS total
    FROM tasks t
    WHERE t.status = 'open' AND t.due_at < $1
    ORDER BY t.due_at, t.id
    LIMIT $2`,
    [now, limit],
  );
}
