import type { Queryable } from './queryable';

/**
 * The partnership health score's raw facts, for many organizations at once: five set-based
 * statements whatever the number of organizations (partnership/health-facts.service.ts turns the
 * rows into HealthFacts). Each takes `ids`, the organizations asked for (null: all of them), so
 * one organization and the whole portfolio run the same SQL.
 */

const ORGS = `o AS (SELECT id FROM organizations WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]))`;

/** A session that took place: neither cancelled by staff nor by a library closure. */
const HELD = `NOT s.cancelled AND s.closure_id IS NULL`;
/** A session that started in the `$3` days up to `$2` (now). */
const IN_WINDOW = `s.starts_at <= $2 AND s.starts_at > $2::timestamptz - make_interval(days => $3)`;

export interface OrganizationFactRow {
  id: string;
  created_at: Date;
  fit_audience_reach: number;
  fit_mission_overlap: number;
  fit_complementary_resources: number;
  last_visit: Date | null;
  /** The latest note a person wrote (a check-in's closing note has no author and does not count). */
  last_note: Date | null;
  /** Open tasks about the organization due before `now`. */
  overdue: number;
  /** The due time of the oldest of them. */
  oldest_overdue: Date | null;
  /** When time alone changes these facts: the next visit, note and open task due after `now`. */
  next_visit: Date | null;
  next_note: Date | null;
  next_due: Date | null;
  /** The latest check-in with an answer by now: when (closed, else last answered) and its per-area averages. */
  check_in_at: Date | null;
  check_in_areas: Record<string, number | null> | null;
}

/** Per organization: fit, last visit and note, overdue tasks, and the latest answered check-in (laterally). */
export function organizationFactRows(db: Queryable, ids: string[] | null, now: Date): Promise<OrganizationFactRow[]> {
  return db.query<OrganizationFactRow[]>(
    `
    WITH ${ORGS}
    SELECT org.id, org.created_at, org.fit_audience_reach, org.fit_mission_overlap, org.fit_complementary_resources,
           (SELECT max(v.visited_at) FROM visits v WHERE v.organization_id = org.id AND v.visited_at <= $2) AS last_visit,
           (SELECT max(n.created_at) FROM notes n WHERE n.organization_id = org.id AND n.created_at <= $2 AND n.author_id IS NOT NULL) AS last_note,
           (SELECT min(v.visited_at) FROM visits v WHERE v.organization_id = org.id AND v.visited_at > $2) AS next_visit,
           (SELECT min(n.created_at) FROM notes n WHERE n.organization_id = org.id AND n.created_at > $2 AND n.author_id IS NOT NULL) AS next_note,
           od.overdue, od.oldest_overdue, od.next_due,
           ci.at AS check_in_at, ci.area_scores AS check_in_areas
    FROM organizations org JOIN o ON o.id = org.id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE t.due_at < $2)::int AS overdue,
             min(t.due_at) FILTER (WHERE t.due_at < $2) AS oldest_overdue,
             min(t.due_at) FILTER (WHERE t.due_at >= $2) AS next_due
      FROM tasks t WHERE t.organization_id = org.id AND t.status = 'open'
    ) od
    LEFT JOIN LATERAL (
      SELECT coalesce(c.closed_at, c.last_response_at) AS at, c.area_scores
      FROM check_ins c
      WHERE c.organization_id = org.id AND c.response_count > 0 AND c.last_response_at <= $2
      ORDER BY c.opened_at DESC, c.id DESC
      LIMIT 1
    ) ci ON true`,
    [ids, now],
  );
}

export interface RunningProgramRow {
  organization_id: string;
  rrule: string;
}

/** The schedules of the running programs each organization partners in (for the cadence). */
export function runningProgramRows(db: Queryable, ids: string[] | null): Promise<RunningProgramRow[]> {
  return db.query<RunningProgramRow[]>(
    `
    WITH ${ORGS}
    SELECT pp.organization_id, p.rrule
    FROM program_partners pp JOIN o ON o.id = pp.organization_id JOIN programs p ON p.id = pp.program_id
    WHERE p.status = 'running'`,
    [ids],
  );
}

export interface SessionFactRow {
  organization_id: string;
  held: number;
  cancelled_by_staff: number;
  cancelled_by_closure: number;
  last_held: Date | null;
  /** The oldest session in the window (it leaves the window `windowDays` after it started). */
  oldest_in_window: Date | null;
  /** The next session to start after `now`. */
  next_start: Date | null;
}

/**
 * Sessions of the organization's programs in the `windowDays` before `now`: held, cancelled by
 * staff or by a closure; the last held ever; the oldest in the window and the next to start.
 */
export function sessionFactRows(
  db: Queryable,
  ids: string[] | null,
  now: Date,
  windowDays: number,
): Promise<SessionFactRow[]> {
  return db.query<SessionFactRow[]>(
    `
    WITH ${ORGS}
    SELECT pp.organization_id,
           count(*) FILTER (WHERE ${IN_WINDOW} AND ${HELD})::int AS held,
           count(*) FILTER (WHERE ${IN_WINDOW} AND s.cancelled AND s.closure_id IS NULL)::int AS cancelled_by_staff,
           count(*) FILTER (WHERE ${IN_WINDOW} AND s.closure_id IS NOT NULL)::int AS cancelled_by_closure,
           max(s.starts_at) FILTER (WHERE s.starts_at <= $2 AND ${HELD}) AS last_held,
           min(s.starts_at) FILTER (WHERE ${IN_WINDOW}) AS oldest_in_window,
           min(s.starts_at) FILTER (WHERE s.starts_at > $2) AS next_start
    FROM program_partners pp JOIN o ON o.id = pp.organization_id JOIN program_sessions s ON s.program_id = pp.program_id
    GROUP BY pp.organization_id`,
    [ids, now, windowDays],
  );
}

export interface AttendanceFactRow {
  organization_id: string;
  /** Oldest first. */
  attendance: number[];
}

/** The latest `kept` attendance counts of held sessions of the organization's programs. */
export function attendanceFactRows(
  db: Queryable,
  ids: string[] | null,
  now: Date,
  kept: number,
): Promise<AttendanceFactRow[]> {
  return db.query<AttendanceFactRow[]>(
    `
    WITH ${ORGS}
    SELECT organization_id, array_agg(attendance ORDER BY starts_at, id) AS attendance
    FROM (
      SELECT pp.organization_id, s.id, s.starts_at, s.attendance,
             row_number() OVER (PARTITION BY pp.organization_id ORDER BY s.starts_at DESC, s.id DESC) AS latest
      FROM program_partners pp JOIN o ON o.id = pp.organization_id JOIN program_sessions s ON s.program_id = pp.program_id
      WHERE s.starts_at <= $2 AND ${HELD} AND s.attendance IS NOT NULL
    ) ranked
    WHERE latest <= $3
    GROUP BY organization_id`,
    [ids, now, kept],
  );
}

export interface FeedbackFactRow {
  organization_id: string;
  recent_count: number;
  recent_sum: number;
  earlier_count: number;
  earlier_sum: number;
  last_at: Date | null;
  /** The oldest rating in each half (it moves on `halfWindowDays` after it was given). */
  oldest_recent: Date | null;
  oldest_earlier: Date | null;
}

/**
 * Ratings in the `halfWindowDays` before `now` and in the half-window before that, and the last
 * feedback. Feedback counts for an organization when it names it or is about one of its programs
 * (public-link feedback names no organization), each piece once.
 */
export function feedbackFactRows(
  db: Queryable,
  ids: string[] | null,
  now: Date,
  halfWindowDays: number,
): Promise<FeedbackFactRow[]> {
  return db.query<FeedbackFactRow[]>(
    `
    WITH ${ORGS},
    linked AS (
      -- UNION, not UNION ALL: feedback naming the organization about one of its programs counts once.
      SELECT f.organization_id, f.id, f.rating, f.created_at
      FROM feedback f JOIN o ON o.id = f.organization_id
      WHERE f.created_at <= $2
      UNION
      SELECT pp.organization_id, f.id, f.rating, f.created_at
      FROM feedback f JOIN program_partners pp ON pp.program_id = f.program_id JOIN o ON o.id = pp.organization_id
      WHERE f.created_at <= $2
    )
    SELECT organization_id,
           count(*) FILTER (WHERE created_at > $2::timestamptz - make_interval(days => $3))::int AS recent_count,
           coalesce(sum(rating) FILTER (WHERE created_at > $2::timestamptz - make_interval(days => $3)), 0)::int AS recent_sum,
           count(*) FILTER (WHERE created_at <= $2::timestamptz - make_interval(days => $3)
                              AND created_at > $2::timestamptz - make_interval(days => 2 * $3))::int AS earlier_count,
           coalesce(sum(rating) FILTER (WHERE created_at <= $2::timestamptz - make_interval(days => $3)
                                          AND created_at > $2::timestamptz - make_interval(days => 2 * $3)), 0)::int AS earlier_sum,
           max(created_at) AS last_at,
           min(created_at) FILTER (WHERE created_at > $2::timestamptz - make_interval(days => $3)) AS oldest_recent,
           min(created_at) FILTER (WHERE created_at <= $2::timestamptz - make_interval(days => $3)
                                     AND created_at > $2::timestamptz - make_interval(days => 2 * $3)) AS oldest_earlier
    FROM linked
    GROUP BY organization_id`,
    [ids, now, halfWindowDays],
  );
}
