import type { Queryable } from './queryable';

/**
 * The outreach report's one statement: visits, sessions and feedback in a period, each fact
 * attributed to partners, a program, audiences and staff, counted per group and in total (each
 * fact once in the total, however many groups it is in).
 *
 * Attribution (docs/architecture.md, "The outreach report"):
 * - a visit: its organization; its program, if any; the program's audiences when it has one,
 *   else the organization's; the staff who went;
 * - a session: its program's partners; its program; the program's audiences; no staff;
 * - feedback: its organization, else its program's partners; its program; the program's
 *   audiences when it has one, else the organization's; whoever recorded it.
 * A session is held when it started by `now` and was not cancelled (by staff or a closure),
 * cancelled when either cancelled it, upcoming otherwise.
 */

export type OutreachGrouping = 'partner' | 'audience' | 'program' | 'month' | 'staff';

export interface OutreachReportParams {
  /** First instant of the period. */
  start: Date;
  /** First instant after it. */
  end: Date;
  now: Date;
  /** The library's zone: months are its months. */
  zone: string;
  /** Null: the totals alone. */
  groupBy: OutreachGrouping | null;
  organizationId: string | null;
  programId: string | null;
  audienceId: string | null;
}

export interface OutreachMeasureRow {
  /** `total` for the one totals row. */
  part: 'row' | 'total';
  /** The group: a uuid, a month `2026-07`, or null for facts in no group of the kind. */
  key: string | null;
  /** The group's name (an organization's, program's, audience's or user's); null for months and the totals. */
  label: string | null;
  visits: number;
  invitations: number;
  people_reached: number;
  sessions_held: number;
  sessions_cancelled: number;
  sessions_upcoming: number;
  attendance: number;
  sessions_with_attendance: number;
  feedback_count: number;
  average_rating: number | null;
  knowledge_average: number | null;
  knowledge_answered: number;
  knowledge_agree: number;
  confidence_average: number | null;
  confidence_answered: number;
  confidence_agree: number;
  application_average: number | null;
  application_answered: number;
  application_agree: number;
  awareness_average: number | null;
  awareness_answered: number;
  awareness_agree: number;
}

const OUTCOMES = ['knowledge', 'confidence', 'application', 'awareness'] as const;

const MEASURE_COLUMNS = [
  'visits',
  'invitations',
  'people_reached',
  'sessions_held',
  'sessions_cancelled',
  'sessions_upcoming',
  'attendance',
  'sessions_with_attendance',
  'feedback_count',
  'average_rating',
  ...OUTCOMES.flatMap((o) => [`${o}_average`, `${o}_answered`, `${o}_agree`]),
];

/** The measures over a set of facts; every aggregate is filtered, so a row joined to no fact counts nothing. */
const MEASURES = `
  count(*) FILTER (WHERE kind = 'visit')::int AS visits,
  COALESCE(sum(invitations) FILTER (WHERE kind = 'visit'), 0)::int AS invitations,
  COALESCE(sum(people) FILTER (WHERE kind = 'visit'), 0)::int AS people_reached,
  count(*) FILTER (WHERE kind = 'session' AND held)::int AS sessions_held,
  count(*) FILTER (WHERE kind = 'session' AND cancelled)::int AS sessions_cancelled,
  count(*) FILTER (WHERE kind = 'session' AND NOT held AND NOT cancelled)::int AS sessions_upcoming,
  COALESCE(sum(attendance) FILTER (WHERE kind = 'session' AND held), 0)::int AS attendance,
  count(attendance) FILTER (WHERE kind = 'session' AND held)::int AS sessions_with_attendance,
  count(*) FILTER (WHERE kind = 'feedback')::int AS feedback_count,
  round(avg(rating) FILTER (WHERE kind = 'feedback'), 2)::float8 AS average_rating,
  ${OUTCOMES.map(
    (o) => `round(avg(${o}), 2)::float8 AS ${o}_average,
  count(${o})::int AS ${o}_answered,
  count(*) FILTER (WHERE ${o} >= 4)::int AS ${o}_agree`,
  ).join(',\n  ')}`;

/** A session's state ($3: now). */
const HELD = `NOT s.cancelled AND s.closure_id IS NULL AND s.starts_at <= $3`;
const CANCELLED = `s.cancelled OR s.closure_id IS NOT NULL`;
const FEEDBACK_ANSWERS = `f.rating, f.outcome_knowledge, f.outcome_confidence, f.outcome_application, f.outcome_awareness`;

/** Each grouping: the facts' keys (an array; none means "no group") and the groups' names. */
const GROUPINGS: Record<OutreachGrouping, { keys: string; labels: string }> = {
  partner: {
    keys: 'partner_ids',
    labels: 'LEFT JOIN organizations g ON g.id = r.key',
  },
  program: {
    keys: `CASE WHEN program_id IS NULL THEN '{}'::uuid[] ELSE ARRAY[program_id] END`,
    labels: 'LEFT JOIN programs g ON g.id = r.key',
  },
  audience: { keys: 'audience_ids', labels: 'LEFT JOIN audiences g ON g.id = r.key' },
  staff: { keys: 'staff_ids', labels: 'LEFT JOIN users g ON g.id = r.key' },
  // $7: the library's zone (a parameter only this grouping has).
  month: { keys: `ARRAY[to_char(at AT TIME ZONE $7::text, 'YYYY-MM')]`, labels: '' },
};

/**
 * The facts in [start, end) that fall in the scope (at most one of organization, program,
 * audience), with what they are attributed to. Programs' partners are gathered once.
 */
function factsSql(withStaff: boolean): string {
  const visitStaff = withStaff
    ? `COALESCE((SELECT array_agg(vs.user_id) FROM visit_staff vs WHERE vs.visit_id = v.id), '{}')`
    : `'{}'::uuid[]`;
  const feedbackStaff = withStaff
    ? `CASE WHEN f.created_by_id IS NULL THEN '{}'::uuid[] ELSE ARRAY[f.created_by_id] END`
    : `'{}'::uuid[]`;
  return `
  prog AS MATERIALIZED (
    SELECT p.id, p.audience_ids,
           COALESCE((SELECT array_agg(pp.organization_id) FROM program_partners pp WHERE pp.program_id = p.id), '{}') AS partner_ids
    FROM programs p
  ),
  facts AS MATERIALIZED (
    SELECT * FROM (
      SELECT 'visit'::text AS kind, v.visited_at AS at, ARRAY[v.organization_id] AS partner_ids, v.program_id,
             COALESCE(pr.audience_ids, o.audience_ids) AS audience_ids, ${visitStaff} AS staff_ids,
             v.invitations_handed_out AS invitations, v.people_reached AS people,
             NULL::boolean AS held, NULL::boolean AS cancelled, NULL::int AS attendance,
             NULL::int AS rating, NULL::int AS knowledge, NULL::int AS confidence, NULL::int AS application, NULL::int AS awareness
      FROM visits v JOIN organizations o ON o.id = v.organization_id LEFT JOIN prog pr ON pr.id = v.program_id
      WHERE v.visited_at >= $1 AND v.visited_at < $2
      UNION ALL
      SELECT 'session', s.starts_at, pr.partner_ids, s.program_id, pr.audience_ids, '{}'::uuid[],
             NULL, NULL,
             ${HELD}, ${CANCELLED}, s.attendance,
             NULL, NULL, NULL, NULL, NULL
      FROM program_sessions s JOIN prog pr ON pr.id = s.program_id
      WHERE s.starts_at >= $1 AND s.starts_at < $2
      UNION ALL
      SELECT 'feedback', f.created_at,
             CASE WHEN f.organization_id IS NOT NULL THEN ARRAY[f.organization_id] ELSE COALESCE(pr.partner_ids, '{}') END,
             f.program_id, COALESCE(pr.audience_ids, o.audience_ids, '{}'), ${feedbackStaff},
             NULL, NULL, NULL, NULL, NULL,
             ${FEEDBACK_ANSWERS}
      FROM feedback f LEFT JOIN organizations o ON o.id = f.organization_id LEFT JOIN prog pr ON pr.id = f.program_id
      WHERE f.created_at >= $1 AND f.created_at < $2
    ) AS every_fact
    WHERE ($4::uuid IS NULL OR $4::uuid = ANY(partner_ids))
      AND ($5::uuid IS NULL OR program_id = $5::uuid)
      AND ($6::uuid IS NULL OR $6::uuid = ANY(audience_ids))
  )`;
}

/**
 * The library's whole period, no scope: the same facts with nothing to attribute them to, so no
 * join and no arrays; each table is read once by its time index and the rows stream into the
 * aggregates (a goal for the whole library, on the dashboard, at any size). Every visit has an
 * organization and every session a program (foreign keys), so the facts are the same.
 */
const UNSCOPED_FACTS = `
  facts AS (
    SELECT 'visit'::text AS kind, v.invitations_handed_out AS invitations, v.people_reached AS people,
           NULL::boolean AS held, NULL::boolean AS cancelled, NULL::int AS attendance,
           NULL::int AS rating, NULL::int AS knowledge, NULL::int AS confidence, NULL::int AS application, NULL::int AS awareness
    FROM visits v WHERE v.visited_at >= $1 AND v.visited_at < $2
    UNION ALL
    SELECT 'session', NULL, NULL, ${HELD}, ${CANCELLED}, s.attendance, NULL, NULL, NULL, NULL, NULL
    FROM program_sessions s WHERE s.starts_at >= $1 AND s.starts_at < $2
    UNION ALL
    SELECT 'feedback', NULL, NULL, NULL, NULL, NULL, ${FEEDBACK_ANSWERS}
    FROM feedback f WHERE f.created_at >= $1 AND f.created_at < $2
  )`;

/**
 * The period's measures: one row per group with a fact (for audiences, every audience; for
 * facts in no group of the kind, one row with a null key) and one `total` row — in one
 * statement, whatever the size. Rows come in no particular order.
 */
export function outreachMeasureRows(db: Queryable, params: OutreachReportParams): Promise<OutreachMeasureRow[]> {
  const values: unknown[] = [
    params.start,
    params.end,
    params.now,
    params.organizationId,
    params.programId,
    params.audienceId,
  ];
  const total = `SELECT 'total' AS part, NULL AS key, NULL AS label, ${MEASURES} FROM facts`;
  if (params.groupBy === null && !params.organizationId && !params.programId && !params.audienceId)
    return db.query(`WITH ${UNSCOPED_FACTS} ${total}`, values.slice(0, 3));
  if (params.groupBy === null) return db.query(`WITH ${factsSql(false)} ${total}`, values);

  const grouping = GROUPINGS[params.groupBy];
  if (params.groupBy === 'month') values.push(params.zone);
  // Every audience is listed, those with no fact too: the report shows whom no one reached.
  const grouped =
    params.groupBy === 'audience'
      ? `SELECT a.id AS key, ${MEASURES} FROM audiences a LEFT JOIN keyed k ON k.key = a.id GROUP BY a.id
         UNION ALL
         SELECT NULL, ${MEASURES} FROM keyed WHERE key IS NULL HAVING count(*) > 0`
      : `SELECT key, ${MEASURES} FROM keyed GROUP BY key`;
  const label = grouping.labels === '' ? 'NULL' : 'g.name';
  return db.query(
    `
    WITH ${factsSql(params.groupBy === 'staff')},
    keyed AS (
      SELECT k.key, facts.* FROM facts LEFT JOIN LATERAL unnest(${grouping.keys}) AS k(key) ON true
    ),
    grouped AS (${grouped})
    SELECT 'row' AS part, r.key::text AS key, ${label} AS label, ${MEASURE_COLUMNS.map((c) => `r.${c}`).join(', ')}
    FROM grouped r ${grouping.labels}
    UNION ALL
    ${total}`,
    values,
  );
}
