import type { Queryable } from './queryable';

/**
 * What matching ranks (matching/ranking-thread.service.ts): the whole directory in one statement,
 * as one JSON text, whatever its size. Candidate pairs are not read from the database: the ranking
 * finds them from the organizations' arrays, which it needs anyway, faster than joining the
 * unnested arrays in SQL and sending millions of pairs over. One text value rather than rows
 * because it is handed, unparsed, to the thread that ranks: `pg` parsing 5,000 rows of uuid
 * arrays took 40–150 ms of the main thread, receiving the same as text (1.25 MB) 10–20 ms, in
 * small pieces as its chunks arrive.
 */

/** An organization not ended, with what the rules weigh: `fit` is the three fit scores summed. */
export type MatchDirectoryOrganization = [
  id: string,
  name: string,
  stage: string,
  fit: number,
  audienceIds: string[],
  capabilityIds: string[],
  seeksCapabilityIds: string[],
];

/** `matchDirectory`'s JSON text, parsed. */
export interface MatchDirectory {
  organizations: MatchDirectoryOrganization[];
  audiences: [id: string, name: string, priority: number, estimatedPopulation: number | null][];
  capabilities: [id: string, name: string][];
  /** Partners in a running program, both ways: never suggested. */
  partnered: [string, string][];
  /** Decided suggestions (dismissed or introduced), provider first: hidden from the open list. */
  decided: [string, string][];
}

/** `matching_change_seq` as a number that only grows: how many times it has moved (see migration MatchingVersion). */
const VERSION_SQL = `SELECT (CASE WHEN is_called THEN last_value ELSE last_value - 1 END)::text AS version FROM matching_change_seq`;

/** The version of what matching ranks from: it moves on every write to any of it (statement triggers). */
export async function matchingVersion(db: Queryable): Promise<number> {
  const [row] = await db.query<{ version: string }[]>(VERSION_SQL);
  return Number(row.version);
}

/**
 * The directory as JSON text (a `MatchDirectory`) and the version read in the same statement.
 * The sequence is not transactional: a writer moves it before committing, so the version may be
 * newer than the rows (the reader keeps the text no longer than RANKING_MAX_AGE_MS for that).
 */
export async function matchDirectory(db: Queryable): Promise<{ version: number; directory: string }> {
  const [row] = await db.query<{ version: string; directory: string }[]>(`
    SELECT (${VERSION_SQL}) AS version,
      json_build_object(
        'organizations', (
          SELECT coalesce(json_agg(json_build_array(id, name, stage,
                   fit_audience_reach + fit_mission_overlap + fit_complementary_resources,
                   audience_ids, capability_ids, seeks_capability_ids)), '[]')
          FROM organizations WHERE stage <> 'ended'),
        'audiences', (
          SELECT coalesce(json_agg(json_build_array(id, name, priority, estimated_population)), '[]') FROM audiences),
        'capabilities', (SELECT coalesce(json_agg(json_build_array(id, name)), '[]') FROM capabilities),
        'partnered', (
          SELECT coalesce(json_agg(json_build_array(x, y)), '[]')
          FROM (
            SELECT DISTINCT a.organization_id AS x, b.organization_id AS y
            FROM programs p
            JOIN program_partners a ON a.program_id = p.id
            JOIN program_partners b ON b.program_id = p.id AND b.organization_id <> a.organization_id
            WHERE p.status = 'running'
          ) pairs),
        'decided', (SELECT coalesce(json_agg(json_build_array(provider_id, seeker_id)), '[]') FROM match_decisions)
      )::text AS directory`);
  return { version: Number(row.version), directory: row.directory };
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
