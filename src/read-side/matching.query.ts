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
  /** True for a dismissed suggestion (provider x, seeker y); false for partners in a running program (both ways). */
  dismissed: boolean;
}

/** The pairs never suggested: partnered in a running program and, with `withDismissals`, the dismissed ones. */
export function excludedPairRows(db: Queryable, withDismissals: boolean): Promise<ExcludedPairRow[]> {
  return db.query<ExcludedPairRow[]>(
    `
    SELECT DISTINCT a.organization_id AS x, b.organization_id AS y, false AS dismissed
    FROM programs p
    JOIN program_partners a ON a.program_id = p.id
    JOIN program_partners b ON b.program_id = p.id AND b.organization_id <> a.organization_id
    WHERE p.status = 'running'
    UNION ALL
    SELECT provider_id, seeker_id, true FROM match_dismissals WHERE $1::boolean`,
    [withDismissals],
  );
}
