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

/** What one look at the dashboard asks for (see dashboardRow). */
export interface DashboardAsk {
  filter: PortfolioFilter;
  limit: number;
  offset: number;
  now: Date;
  /** Snapshots taken in these days up to `now` come with each page row (its trend). */
  snapshotDays: number;
  /** Sessions starting in these days after `now` are upcoming. */
  upcomingDays: number;
  /** At most this many upcoming sessions and overdue tasks. */
  listLimit: number;
}

export interface PortfolioPageRow extends OrganizationStageRow {
  score: number | null;
  band: string;
  drivers: string[];
  /** Its weekly snapshots in the trend's span, oldest first: [taken at (epoch ms), score]. */
  snapshots: [number, number][];
}

export interface PortfolioCountRow {
  stage: string;
  /** Null for an organization not scored yet (added since the refresh). */
  band: string | null;
  count: number;
}

export interface AudienceCoverageRow {
  id: string;
  name: string;
  priority: number;
  /** Organizations at stage `active` that serve the audience. */
  active_partners: number;
}

export interface UpcomingSessionRow {
  id: string;
  program_id: string;
  program_name: string;
  /** Epoch ms. */
  starts_at: number;
  /** How many there are in the window (every row carries it). */
  total: number;
}

export interface OverdueTaskRow {
  id: string;
  title: string;
  /** Epoch ms. */
  due_at: number;
  assignee_id: string;
  organization_id: string | null;
  /** How many are overdue (every row carries it). */
  total: number;
}

/** Everything the dashboard reads of its own, in one row. */
export interface DashboardRow {
  /** Some stored score is stale (as HealthScoreStore.refresh decides): refresh them and read again. */
  stale: boolean;
  page: PortfolioPageRow[];
  counts: PortfolioCountRow[];
  /** With an owner in the filter, how many organizations match it (the counts cannot say); else null. */
  owned: number | null;
  coverage: AudienceCoverageRow[];
  upcoming: UpcomingSessionRow[];
  overdue: OverdueTaskRow[];
}

// The parts of dashboardRow's statement, with its parameters: $1 bands, $2 stages, $3 owner,
// $4 limit, $5 offset, $6 now, $7 snapshot days, $8 upcoming days, $9 list limit. Times leave
// as epoch milliseconds (floored, as pg's own parser truncates them to a Date).

const PORTFOLIO_WHERE = `o.stage <> 'ended'
      AND ($1::text[] IS NULL OR h.band = ANY($1::text[]))
      AND ($2::text[] IS NULL OR o.stage::text = ANY($2::text[]))
      AND ($3::uuid IS NULL OR o.owner_id = $3::uuid)`;

/** The stale test of HealthScoreStore.refresh: a change logged, or a row whose time ran out (or computed for a later now). */
const STALE_SQL = `
  EXISTS (SELECT 1 FROM health_changes)
  OR EXISTS (SELECT 1 FROM health_scores WHERE valid_until <= $6 OR computed_at > $6)`;

/**
 * One page of the portfolio from the stored scores: organizations not ended that match the
 * filter, lowest score first, unscored after every scored one, then name, then id; each with its
 * recent snapshots. No count of the matches rides along: it would make the database join and
 * sort every row, where the page alone walks ix_health_scores_score from the lowest score.
 */
const PAGE_SQL = `
  SELECT p.*, coalesce(recent.snapshots, '[]') AS snapshots
  FROM (
    SELECT o.id, o.name, o.stage, o.owner_id, h.score, h.band, h.drivers
    FROM health_scores h JOIN organizations o ON o.id = h.organization_id
    WHERE ${PORTFOLIO_WHERE}
    ORDER BY h.score ASC NULLS LAST, o.name, o.id
    LIMIT $4 OFFSET $5
  ) p
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_array(floor(extract(epoch FROM s.taken_at) * 1000), s.score) ORDER BY s.taken_at) AS snapshots
    FROM health_snapshots s
    WHERE s.organization_id = p.id AND s.taken_at > $6::timestamptz - make_interval(days => $7) AND s.taken_at <= $6
  ) recent ON true`;

/** Every organization counted by stage and stored band. */
const COUNTS_SQL = `
  SELECT o.stage, h.band, count(*)::int AS count
  FROM organizations o LEFT JOIN health_scores h ON h.organization_id = o.id
  GROUP BY o.stage, h.band`;

/** Organizations matching a filter with an owner (evaluated only then). */
const OWNED_SQL = `
  CASE WHEN $3::uuid IS NULL THEN NULL ELSE (
    SELECT count(*)::int FROM health_scores h JOIN organizations o ON o.id = h.organization_id WHERE ${PORTFOLIO_WHERE}
  ) END`;

/**
 * Every audience with its active partners. The active organizations are read once and their
 * audiences unnested (DISTINCT: an audience listed twice counts its organization once), not
 * scanned again per audience.
 */
const COVERAGE_SQL = `
  SELECT a.id, a.name, a.priority, count(served.id)::int AS active_partners
  FROM audiences a
  LEFT JOIN (
    SELECT DISTINCT o.id, u.audience_id
    FROM organizations o CROSS JOIN LATERAL unnest(o.audience_ids) AS u(audience_id)
    WHERE o.stage = 'active'
  ) served ON served.audience_id = a.id
  GROUP BY a.id`;
/** Priority first (1 high), then fewest partners, then name. */
const COVERAGE_ORDER = (a: string) => `${a}.priority, ${a}.active_partners, lower(${a}.name), ${a}.id`;

/** Sessions starting in the days after now, not cancelled, not on a closure day, of programs planned or running; soonest first. */
const UPCOMING_SQL = `
  SELECT s.id, s.program_id, p.name AS program_name, floor(extract(epoch FROM s.starts_at) * 1000) AS starts_at,
         count(*) OVER ()::int AS total
  FROM program_sessions s JOIN programs p ON p.id = s.program_id
  WHERE s.starts_at > $6 AND s.starts_at <= $6::timestamptz + make_interval(days => $8)
    AND NOT s.cancelled AND s.closure_id IS NULL AND p.status IN ('planned', 'running')
  ORDER BY s.starts_at, s.id
  LIMIT $9`;

/** Open tasks due before now, oldest due first. */
const OVERDUE_SQL = `
  SELECT t.id, t.title, floor(extract(epoch FROM t.due_at) * 1000) AS due_at, t.assignee_id, t.organization_id,
         count(*) OVER ()::int AS total
  FROM tasks t
  WHERE t.status = 'open' AND t.due_at < $6
  ORDER BY t.due_at, t.id
  LIMIT $9`;

/**
 * The dashboard's own reads in one statement, each part as JSON in its order: whether any stored
 * score is stale, the page, the counts (and with an owner in the filter, how many match), the
 * audience coverage, the upcoming sessions and the overdue tasks. One statement instead of six: every statement costs the event loop about half a
 * millisecond of CPU (TypeORM, pg, the socket), and a look is paid for by everyone else's requests
 * (issue 20). The database does the same work as for the six, one after another.
 */
export async function dashboardRow(db: Queryable, ask: DashboardAsk): Promise<DashboardRow> {
  const [row] = await db.query<DashboardRow[]>(
    `
    SELECT ${STALE_SQL} AS stale,
      (SELECT coalesce(json_agg(p ORDER BY p.score ASC NULLS LAST, p.name, p.id), '[]') FROM (${PAGE_SQL}) p) AS page,
      (SELECT coalesce(json_agg(c), '[]') FROM (${COUNTS_SQL}) c) AS counts,
      ${OWNED_SQL} AS owned,
      (SELECT coalesce(json_agg(a ORDER BY ${COVERAGE_ORDER('a')}), '[]') FROM (${COVERAGE_SQL}) a) AS coverage,
      (SELECT coalesce(json_agg(u ORDER BY u.starts_at, u.id), '[]') FROM (${UPCOMING_SQL}) u) AS upcoming,
      (SELECT coalesce(json_agg(t ORDER BY t.due_at, t.id), '[]') FROM (${OVERDUE_SQL}) t) AS overdue`,
    [
      ask.filter.bands,
      ask.filter.stages,
      ask.filter.ownerId,
      ask.limit,
      ask.offset,
      ask.now,
      ask.snapshotDays,
      ask.upcomingDays,
      ask.listLimit,
    ],
  );
  return row;
}

/** Every audience with its active partners, priority first (1 high), then fewest partners, then name (the weekly digest's). */
export function audienceCoverageRows(db: Queryable): Promise<AudienceCoverageRow[]> {
  return db.query<AudienceCoverageRow[]>(`SELECT * FROM (${COVERAGE_SQL}) a ORDER BY ${COVERAGE_ORDER('a')}`);
}
