import type { Queryable } from './queryable';

/**
 * The work-plan goals' reads of other domains' tables (goal/goal.service.ts applies the rules):
 * the names of the scopes goals count in, and active partners counted now or at a past instant.
 */

export interface GoalScopeNameRow {
  kind: 'audience' | 'program' | 'organization';
  id: string;
  name: string;
}

/** The name of each audience, program and organization among the ids given (ids that name nothing are left out). */
export function goalScopeNameRows(
  db: Queryable,
  ids: { audienceIds: readonly string[]; programIds: readonly string[]; organizationIds: readonly string[] },
): Promise<GoalScopeNameRow[]> {
  return db.query<GoalScopeNameRow[]>(
    `
    SELECT 'audience' AS kind, id, name FROM audiences WHERE id = ANY($1::uuid[])
    UNION ALL
    SELECT 'program' AS kind, id, name FROM programs WHERE id = ANY($2::uuid[])
    UNION ALL
    SELECT 'organization' AS kind, id, name FROM organizations WHERE id = ANY($3::uuid[])`,
    [ids.audienceIds, ids.programIds, ids.organizationIds],
  );
}

/** One count asked of activePartnerCountRows; at most one of the scope ids is set (none: every organization). */
export interface ActivePartnerRequest {
  /** The caller's name for the answer row. */
  key: string;
  audienceId: string | null;
  programId: string | null;
  organizationId: string | null;
  /** Null: the stages now; else the stages as they were just before this instant. */
  at: Date | null;
}

export interface ActivePartnerCountRow {
  key: string;
  count: number;
}

/**
 * How many organizations were at stage `active` in each request's scope — serving the audience
 * (`audience_ids` holds it), partnering the program (a `program_partners` row), or being the
 * organization — one row per request, in one statement whatever their number.
 *
 * With `at` null, the stage is the organization's stage now. With an instant, it is the stage the
 * history (`organization_stage_changes`) says it had just before it: the latest change before
 * `at`; when every change is at or after `at`, the stage the earliest of them moved from (null
 * for the change that created it: it did not exist yet); with no history at all, its current stage
 * if it was created before `at`.
 */
export function activePartnerCountRows(
  db: Queryable,
  requests: readonly ActivePartnerRequest[],
): Promise<ActivePartnerCountRow[]> {
  if (requests.length === 0) return Promise.resolve([]);
  return db.query<ActivePartnerCountRow[]>(
    `
    WITH req AS (
      SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[])
        AS r(key, audience_id, program_id, organization_id, at)
    )
    SELECT r.key, count(o.id)::int AS count
    FROM req r
    LEFT JOIN LATERAL (
      SELECT o.id
      FROM organizations o
      LEFT JOIN LATERAL (
        SELECT sc.to_stage FROM organization_stage_changes sc
        WHERE sc.organization_id = o.id AND sc.changed_at < r.at
        ORDER BY sc.changed_at DESC, sc.id DESC LIMIT 1
      ) before ON r.at IS NOT NULL
      LEFT JOIN LATERAL (
        SELECT true AS found, sc.from_stage FROM organization_stage_changes sc
        WHERE sc.organization_id = o.id AND sc.changed_at >= r.at
        ORDER BY sc.changed_at ASC, sc.id ASC LIMIT 1
      ) after ON r.at IS NOT NULL AND before.to_stage IS NULL
      WHERE (r.audience_id IS NULL OR o.audience_ids @> ARRAY[r.audience_id])
        AND (r.organization_id IS NULL OR o.id = r.organization_id)
        AND (r.program_id IS NULL OR EXISTS (
          SELECT 1 FROM program_partners pp WHERE pp.program_id = r.program_id AND pp.organization_id = o.id))
        AND CASE
          WHEN r.at IS NULL THEN o.stage
          WHEN before.to_stage IS NOT NULL THEN before.to_stage
          WHEN after.found THEN after.from_stage
          WHEN o.created_at < r.at THEN o.stage
        END = 'active'
    ) o ON true
    GROUP BY r.key`,
    [
      requests.map((request) => request.key),
      requests.map((request) => request.audienceId),
      requests.map((request) => request.programId),
      requests.map((request) => request.organizationId),
      requests.map((request) => request.at),
    ],
  );
}
