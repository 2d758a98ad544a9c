import type { Queryable } from './queryable';

export const TIMELINE_TYPES = ['visit', 'session', 'feedback', 'note', 'stage-change', 'task'] as const;
export type TimelineType = (typeof TIMELINE_TYPES)[number];

/**
 * An organization's timeline: every kind of event is one SELECT giving `at` (timestamptz),
 * `summary` (text) and `ref_id` (uuid) for the organization bound to `$1`; the timeline is their
 * UNION ALL, newest first, in one statement. A new kind of event is one entry here.
 */
const SOURCES: Record<TimelineType, string> = {
  /** Stage history, including the stage it was added in. */
  'stage-change': `
  SELECT changed_at AS at,
         CASE WHEN from_stage IS NULL THEN 'Added as ' || to_stage
              ELSE 'Stage: ' || from_stage || ' → ' || to_stage END
         || coalesce(' — ' || reason, '') AS summary,
         id AS ref_id
  FROM organization_stage_changes WHERE organization_id = $1`,
  /** Notes, the first 280 characters. */
  note: `
  SELECT created_at AS at, left(body, 280) AS summary, id AS ref_id FROM notes WHERE organization_id = $1`,
  /**
   * The organization timeline's visit entries: purpose, place and counts, never notes or the
   * people met. E.g. "Visit (invitations) at Youth Shelter lobby: 25 invitations handed out, 12
   * people reached".
   */
  visit: `
  SELECT visited_at AS at,
         'Visit (' || purpose::text || ')' || coalesce(' at ' || location, '')
         || CASE WHEN invitations_handed_out = 0 AND people_reached = 0 THEN ''
                 ELSE ': ' || concat_ws(', ',
                   CASE WHEN invitations_handed_out > 0 THEN invitations_handed_out
                        || CASE WHEN invitations_handed_out = 1 THEN ' invitation' ELSE ' invitations' END || ' handed out' END,
                   CASE WHEN people_reached > 0 THEN people_reached
                        || CASE WHEN people_reached = 1 THEN ' person' ELSE ' people' END || ' reached' END)
            END AS summary,
         id AS ref_id
  FROM visits WHERE organization_id = $1`,
  /** Past sessions only, on the timeline of every partner of the program. */
  session: `
  SELECT s.starts_at AS at,
         p.name || ': ' || CASE
           WHEN s.closure_id IS NOT NULL THEN 'cancelled (' || c.name || ')'
           WHEN s.cancelled THEN 'cancelled'
           WHEN s.attendance IS NOT NULL THEN s.attendance || ' attended'
           ELSE 'attendance not recorded' END AS summary,
         s.id AS ref_id
  FROM program_sessions s
  JOIN program_partners pp ON pp.program_id = s.program_id
  JOIN programs p ON p.id = s.program_id
  LEFT JOIN closures c ON c.id = s.closure_id
  WHERE pp.organization_id = $1 AND s.starts_at <= now()`,
  /**
   * The feedback timeline: feedback recorded for the organization, and feedback on any program
   * it is a partner of (public-link feedback carries only the program). The summary holds the
   * source, program name, rating and whether action was taken — never what anyone wrote; the
   * language it was given in comes as a column of its own (the other kinds have none).
   */
  feedback: `
  SELECT f.created_at AS at,
         CASE f.source WHEN 'youth' THEN 'Youth' WHEN 'partner' THEN 'Partner' ELSE 'Staff' END || ' feedback'
           || coalesce(' on ' || p.name, '') || ': ' || f.rating || '/5 — '
           || CASE WHEN f.action_taken IS NULL THEN 'needs action' ELSE 'action taken' END AS summary,
         f.id AS ref_id,
         f.language
  FROM feedback f
  LEFT JOIN programs p ON p.id = f.program_id
  WHERE f.id IN (
    SELECT id FROM feedback WHERE organization_id = $1
    UNION
    SELECT fp.id FROM feedback fp JOIN program_partners pp ON pp.program_id = fp.program_id WHERE pp.organization_id = $1
  )`,
  /**
   * The organization timeline's task entries, at creation: title, due date (the library date it
   * is due by, in the zone `$4`: a date-only due date, stored as the next library midnight, reads
   * as the date given; see library-calendar.ts dueDateIn) and whether it is done — never the
   * assignee. E.g. "Follow-up: Send the spring schedule (due 3 Dec 2026, done)". An introduction's task ("Introduce A to B") belongs to
   * the provider A and shows on the seeker B's timeline too, through the decision that made it.
   */
  task: `
  SELECT created_at AS at,
         'Follow-up: ' || title
         || ' (due ' || to_char((due_at - interval '1 millisecond') AT TIME ZONE $4, 'FMDD Mon YYYY')
         || CASE WHEN status = 'done' THEN ', done' ELSE '' END || ')' AS summary,
         id AS ref_id
  FROM tasks WHERE organization_id = $1
     OR id IN (SELECT task_id FROM match_decisions WHERE seeker_id = $1 AND task_id IS NOT NULL)`,
};

export interface TimelineRow {
  type: TimelineType;
  at: Date;
  /** `at` as PostgreSQL writes it, microseconds and all (a page's cursor). */
  at_text: string;
  summary: string;
  ref_id: string;
  /** The language feedback was given in (null when not known, and for every other kind). */
  language: string | null;
}

/** Where the previous page ended: its last event's time (as PostgreSQL wrote it) and id. */
export interface TimelineAfter {
  at: string;
  refId: string;
}

/**
 * One page of the organization's timeline, newest first, every kind merged in one statement;
 * dates in the summaries are in `zone` (the library's). After a cursor (`after`) each kind reads
 * only the events older than where the previous page ended, and at most a page of them, through
 * its (organization, time) index: a page costs the same for a partner with 100 events and with
 * 60,000. Without one, `offset` events are skipped (the first pages).
 */
export function organizationTimelineRows(
  db: Queryable,
  organizationId: string,
  limit: number,
  offset: number,
  zone: string,
  after: TimelineAfter | null,
): Promise<TimelineRow[]> {
  const union = TIMELINE_TYPES.map(
    (type) =>
      `(SELECT '${type}'::text AS type, at, summary, ref_id, ${type === 'feedback' ? 'language' : 'NULL::text'} AS language
        FROM (${SOURCES[type]}) AS ${type.replace('-', '_')}
        WHERE $5::timestamptz IS NULL OR (at, ref_id) < ($5::timestamptz, $6::uuid)
        ORDER BY at DESC, ref_id DESC LIMIT $2::int + $3::int)`,
  ).join('\nUNION ALL\n');
  return db.query<TimelineRow[]>(
    `SELECT type, at, at::text AS at_text, summary, ref_id, language FROM (${union}) AS events
     ORDER BY at DESC, ref_id DESC LIMIT $2 OFFSET $3`,
    [organizationId, limit, offset, zone, after?.at ?? null, after?.refId ?? null],
  );
}

/** How many events the organization's timeline has, each kind counted without reading its rows' text. */
export async function organizationTimelineCount(db: Queryable, organizationId: string, zone: string): Promise<number> {
  const counts = TIMELINE_TYPES.map((type) => `(SELECT count(*) FROM (${SOURCES[type]}) AS ${type.replace('-', '_')})`);
  // $2 and $3 (a page's limit and offset) are not used here, but typed, as the sources number their parameters.
  const [row] = await db.query<{ total: number }[]>(`SELECT (${counts.join(' + ')})::int AS total, $2::int, $3::int`, [
    organizationId,
    null,
    null,
    zone,
  ]);
  return row.total;
}
