import type { Queryable } from './queryable';

/** The manager's dashboard's own statements (partnership/dashboard.service.ts composes them with the health score). */

export interface OrganizationStageRow {
  id: string;
  name: string;
  stage: string;
  owner_id: string | null;
}

export interface OrganizationHealthRow extends OrganizationStageRow {
  /** The stored health (health_scores); band null for an organization not scored yet. */
  score: number | null;
  band: string | null;
  drivers: string[] | null;
}

/**
 * Every organization with its name, stage and owner, and its stored health (the weekly digest's
 * portfolio; HealthScoreStore keeps the scores right, the caller refreshes them first).
 */
export function organizationStageRows(db: Queryable): Promise<OrganizationHealthRow[]> {
  return db.query<OrganizationHealthRow[]>(`
    SELECT o.id, o.name, o.stage, o.owner_id, h.score, h.band, h.drivers
    FROM organizations o LEFT JOIN health_scores h ON h.organization_id = o.id`);
}

export interface PortfolioFilter {
  bands: string[] | null;
  stages: string[] | null;
  ownerId: string | null;
}

export interface PortfolioPageRow extends OrganizationStageRow {
  score: number | null;
  band: string;
  drivers: string[];
  /** Rows matching the filter (every row carries it). */
  total: number;
  /** Its weekly snapshots in the trend's span (see PortfolioPage), oldest first: [taken at (epoch ms), score]. */
  snapshots: [number, number][];
}

const PORTFOLIO_WHERE = `o.stage <> 'ended'
      AND ($1::text[] IS NULL OR h.band = ANY($1::text[]))
      AND ($2::text[] IS NULL OR o.stage::text = ANY($2::text[]))
      AND ($3::uuid IS NULL OR o.owner_id = $3::uuid)`;

/** The page asked for, and the span of snapshots each row brings for its trend. */
export interface PortfolioPage {
  limit: number;
  offset: number;
  now: Date;
  /** Snapshots taken in the days up to `now`. */
  snapshotDays: number;
}

/**
 * One page of the portfolio from the stored scores (health_scores, kept right by
 * HealthScoreStore): organizations not ended that match the filter, lowest score first, unscored
 * after every scored one, then name, then id; each with its recent snapshots, so the trends need
 * no statement of their own.
 */
export function portfolioPageRows(
  db: Queryable,
  filter: PortfolioFilter,
  page: PortfolioPage,
): Promise<PortfolioPageRow[]> {
  return db.query<PortfolioPageRow[]>(
    `
    SELECT p.*, coalesce(recent.snapshots, '[]') AS snapshots
    FROM (
      SELECT o.id, o.name, o.stage, o.owner_id, h.score, h.band, h.drivers, count(*) OVER ()::int AS total
      FROM health_scores h JOIN organizations o ON o.id = h.organization_id
      WHERE ${PORTFOLIO_WHERE}
      ORDER BY h.score ASC NULLS LAST, o.name, o.id
      LIMIT $4 OFFSET $5
    ) p
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_array(floor(extract(epoch FROM s.taken_at) * 1000), s.score) ORDER BY s.taken_at) AS snapshots
      FROM health_snapshots s
      WHERE s.organization_id = p.id AND s.taken_at > $6::timestamptz - make_interval(days => $7) AND s.taken_at <= $6
    ) recent ON true
    ORDER BY p.score ASC NULLS LAST, p.name, p.id`,
    [filter.bands, filter.stages, filter.ownerId, page.limit, page.offset, page.now, page.snapshotDays],
  );
}

/** How many organizations match the filter (for a page past the end, which carries no count). */
export async function portfolioCount(db: Queryable, filter: PortfolioFilter): Promise<number> {
  const [row] = await db.query<{ total: number }[]>(
    `SELECT count(*)::int AS total FROM health_scores h JOIN organizations o ON o.id = h.organization_id WHERE ${PORTFOLIO_WHERE}`,
    [filter.bands, filter.stages, filter.ownerId],
  );
  return row.total;
}

export interface PortfolioCountRow {
  stage: string;
  /** Null for an organization not scored yet (added since the refresh). */
  band: string | null;
  count: number;
}

/** Every organization counted by stage and stored band. */
export function portfolioCountRows(db: Queryable): Promise<PortfolioCountRow[]> {
  return db.query<PortfolioCountRow[]>(`
    SELECT o.stage, h.band, count(*)::int AS count
    FROM organizations o LEFT JOIN health_scores h ON h.organization_id = o.id
    GROUP BY o.stage, h.band`);
}

export interface AudienceCoverageRow {
  id: string;
  name: string;
  priority: number;
  /** Organizations at stage `active` that serve the audience. */
  active_partners: number;
}

/**
 * Every audience with its active partners, priority first (1 high), then fewest partners, then
 * name. The active organizations are read once and their audiences unnested (DISTINCT: an
 * audience listed twice counts its organization once), not scanned again per audience.
 */
export function audienceCoverageRows(db: Queryable): Promise<AudienceCoverageRow[]> {
  return db.query<AudienceCoverageRow[]>(`
    SELECT a.id, a.name, a.priority, count(served.id)::int AS active_partners
    FROM audiences a
    LEFT JOIN (
      SELECT DISTINCT o.id, u.audience_id
      FROM organizations o CROSS JOIN LATERAL unnest(o.audience_ids) AS u(audience_id)
      WHERE o.stage = 'active'
    ) served ON served.audience_id = a.id
    GROUP BY a.id
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
