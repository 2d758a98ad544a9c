import type { Queryable } from './queryable';

/**
 * What matching ranks (matching/matching.service.ts): four set-based statements whatever the size
 * of the directory. Candidate pairs are not read from the database: the ranking finds them from
 * the organizations' arrays, which it needs anyway, faster than joining the unnested arrays in
 * SQL and sending millions of pairs over.
 */

export interface MatchOrganizationRow {
  id: string;
  name: string;
  stage: string;
  /** The three fit scores summed (a numeric may arrive as a string). */
  fit: number | string;
  audience_ids: string[];
  capability_ids: string[];
  seeks_capability_ids: string[];
}

/** The organizations pairs are made of (never an ended one), with what the rules weigh. */
export function matchOrganizationRows(db: Queryable): Promise<MatchOrganizationRow[]> {
  return db.query<MatchOrganizationRow[]>(`
    SELECT id, name, stage, fit_audience_reach + fit_mission_overlap + fit_complementary_resources AS fit,
           audience_ids, capability_ids, seeks_capability_ids
    FROM organizations
    WHERE stage <> 'ended'`);
}

export interface MatchAudienceRow {
  id: string;
  name: string;
  priority: number;
  estimated_population: number | null;
}

export function matchAudienceRows(db: Queryable): Promise<MatchAudienceRow[]> {
  return db.query<MatchAudienceRow[]>(`SELECT id, name, priority, estimated_population FROM audiences`);
}

export interface MatchCapabilityRow {
  id: string;
  name: string;
}

export function matchCapabilityRows(db: Queryable): Promise<MatchCapabilityRow[]> {
  return db.query<MatchCapabilityRow[]>(`SELECT id, name FROM capabilities`);
}

export interface ExcludedPairRow {
  x: string;
  y: string;
  /** True for a decided suggestion (dismissed or introduced; provider x, seeker y); false for partners in a running program (both ways). */
  dismissed: boolean;
}

/** The pairs never suggested: partnered in a running program and, with `withDismissals`, the decided ones (dismissed or introduced). */
export function excludedPairRows(db: Queryable, withDismissals: boolean): Promise<ExcludedPairRow[]> {
  return db.query<ExcludedPairRow[]>(
    `
    SELECT DISTINCT a.organization_id AS x, b.organization_id AS y, false AS dismissed
    FROM programs p
    JOIN program_partners a ON a.program_id = p.id
    JOIN program_partners b ON b.program_id = p.id AND b.organization_id <> a.organization_id
    WHERE p.status = 'running'
    UNION ALL
    SELECT provider_id, seeker_id, true FROM match_decisions WHERE $1::boolean`,
    [withDismissals],
  );
}

export interface MatchDecisionRow {
  id: string;
  provider_id: string;
  provider_name: string;
  seeker_id: string;
  seeker_name: string;
  status: string;
  decided_by_id: string | null;
  decided_at: Date;
  task_id: string | null;
  note: string | null;
  capability_id: string | null;
  audience_ids: string[] | null;
  kind: string | null;
  strength: number | null;
  explanation: string | null;
  /** How many decisions match the filters in all (every row carries it). */
  total: string;
}

/**
 * One page of the decided suggestions with this status, most recent decision first, filtered by
 * organization (either side) and by the capability the suggestion led with; one statement.
 */
export function matchDecisionRows(
  db: Queryable,
  query: { status: string; organizationId?: string; capabilityId?: string; limit: number; offset: number },
): Promise<MatchDecisionRow[]> {
  return db.query<MatchDecisionRow[]>(
    `
    SELECT d.id, d.provider_id, p.name AS provider_name, d.seeker_id, s.name AS seeker_name, d.status,
           d.decided_by_id, d.decided_at, d.task_id, d.note, d.capability_id, d.audience_ids, d.kind, d.strength,
           d.explanation, count(*) OVER () AS total
    FROM match_decisions d
    JOIN organizations p ON p.id = d.provider_id
    JOIN organizations s ON s.id = d.seeker_id
    WHERE d.status = $1
      AND ($2::uuid IS NULL OR d.provider_id = $2 OR d.seeker_id = $2)
      AND ($3::uuid IS NULL OR d.capability_id = $3)
    ORDER BY d.decided_at DESC, d.id
    LIMIT $4 OFFSET $5`,
    [query.status, query.organizationId ?? null, query.capabilityId ?? null, query.limit, query.offset],
  );
}
