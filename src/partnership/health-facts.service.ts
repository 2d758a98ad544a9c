import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CheckInArea, HEALTH_RULES } from './health-rules';
import { HealthFacts } from './health-score';
import { cadenceDaysOfRrule } from './program-cadence';

/** The attendance component reads the latest 2 × attendanceSessions values. */
const ATTENDANCE_KEPT = 2 * HEALTH_RULES.attendanceSessions;

/**
 * The organizations asked for: `$1` is a uuid array, or null for all of them. Every statement
 * below starts from this, so one organization and the whole portfolio run the same SQL.
 */
const ORGS = `o AS (SELECT id FROM organizations WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]))`;

/** A session that took place: neither cancelled by staff nor by a library closure. */
const HELD = `NOT s.cancelled AND s.closure_id IS NULL`;

interface OrganizationRow {
  id: string;
  created_at: Date;
  fit_audience_reach: number;
  fit_mission_overlap: number;
  fit_complementary_resources: number;
  last_visit: Date | null;
  last_note: Date | null;
  overdue: number;
  /** The latest check-in with an answer by now: when (closed, else last answered) and its per-area averages. */
  check_in_at: Date | null;
  check_in_areas: Partial<Record<CheckInArea, number | null>> | null;
}
interface ProgramRow {
  organization_id: string;
  rrule: string;
}
interface SessionRow {
  organization_id: string;
  held: number;
  cancelled_by_staff: number;
  cancelled_by_closure: number;
  last_held: Date | null;
}
interface AttendanceRow {
  organization_id: string;
  attendance: number[];
}
interface FeedbackRow {
  organization_id: string;
  recent_count: number;
  recent_sum: number;
  earlier_count: number;
  earlier_sum: number;
  last_at: Date | null;
}

/**
 * Gathers the health score's facts (see HealthFacts) for many organizations at once, with five
 * set-based statements whatever the number of organizations — never one query per organization.
 *
 * It reads other domains' tables directly (visits, programs and their sessions, feedback, notes,
 * tasks, check-ins) rather than going through their services: the dashboard needs the whole
 * portfolio in a handful of statements, which per-domain service calls cannot give.
 *
 * Notes count as contact only when a person wrote them (a check-in's closing note has no author).
 * The check-in is the latest one with at least one answer by now (open or closed), joined
 * laterally into the first statement: its time is when it closed, else its last answer; its
 * areas are the stored per-area averages (`check_ins.area_scores`).
 *
 * An organization's programs are those it partners in (any status) — their sessions, attendance
 * and feedback count for every partner; the cadence comes from the running ones only. Feedback
 * counts for an organization when it names it, or when it is about one of its programs (youth
 * feedback through a program's public link names no organization), each piece once.
 */
@Injectable()
export class HealthFactsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Facts per organization id at `now`; ids that name no organization are absent from the map. */
  async factsFor(ids: string[] | 'all', now: Date): Promise<Map<string, HealthFacts>> {
    const facts = new Map<string, HealthFacts>();
    if (ids !== 'all' && ids.length === 0) return facts;
    const idsParam = ids === 'all' ? null : ids;
    // $1 the ids (null for all), $2 now, $3 a window or limit; Postgres needs a type for every parameter sent, so each statement gets only those it uses.
    const q = <T>(sql: string, extra: unknown[] = []) =>
      this.dataSource.query(sql, [idsParam, ...extra]) as Promise<T[]>;

    const [organizations, programs, sessions, attendance, feedback] = await Promise.all([
      q<OrganizationRow>(
        `
        WITH ${ORGS}
        SELECT org.id, org.created_at, org.fit_audience_reach, org.fit_mission_overlap, org.fit_complementary_resources,
               (SELECT max(v.visited_at) FROM visits v WHERE v.organization_id = org.id AND v.visited_at <= $2) AS last_visit,
               (SELECT max(n.created_at) FROM notes n WHERE n.organization_id = org.id AND n.created_at <= $2 AND n.author_id IS NOT NULL) AS last_note,
               (SELECT count(*)::int FROM tasks t WHERE t.organization_id = org.id AND t.status = 'open' AND t.due_at < $2) AS overdue,
               ci.at AS check_in_at, ci.area_scores AS check_in_areas
        FROM organizations org JOIN o ON o.id = org.id
        LEFT JOIN LATERAL (
          SELECT coalesce(c.closed_at, c.last_response_at) AS at, c.area_scores
          FROM check_ins c
          WHERE c.organization_id = org.id AND c.response_count > 0 AND c.last_response_at <= $2
          ORDER BY c.opened_at DESC, c.id DESC
          LIMIT 1
        ) ci ON true`,
        [now],
      ),
      q<ProgramRow>(`
        WITH ${ORGS}
        SELECT pp.organization_id, p.rrule
        FROM program_partners pp JOIN o ON o.id = pp.organization_id JOIN programs p ON p.id = pp.program_id
        WHERE p.status = 'running'`),
      q<SessionRow>(
        `
        WITH ${ORGS}
        SELECT pp.organization_id,
               count(*) FILTER (WHERE s.starts_at > $2::timestamptz - make_interval(days => $3) AND ${HELD})::int AS held,
               count(*) FILTER (WHERE s.starts_at > $2::timestamptz - make_interval(days => $3) AND s.cancelled AND s.closure_id IS NULL)::int AS cancelled_by_staff,
               count(*) FILTER (WHERE s.starts_at > $2::timestamptz - make_interval(days => $3) AND s.closure_id IS NOT NULL)::int AS cancelled_by_closure,
               max(s.starts_at) FILTER (WHERE ${HELD}) AS last_held
        FROM program_partners pp JOIN o ON o.id = pp.organization_id JOIN program_sessions s ON s.program_id = pp.program_id
        WHERE s.starts_at <= $2
        GROUP BY pp.organization_id`,
        [now, HEALTH_RULES.sessionWindowDays],
      ),
      q<AttendanceRow>(
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
        [now, ATTENDANCE_KEPT],
      ),
      q<FeedbackRow>(
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
               max(created_at) AS last_at
        FROM linked
        GROUP BY organization_id`,
        [now, HEALTH_RULES.feedbackHalfWindowDays],
      ),
    ]);

    const group = <R extends { organization_id: string }>(rows: R[]) => {
      const byOrg = new Map<string, R[]>();
      for (const row of rows) byOrg.set(row.organization_id, [...(byOrg.get(row.organization_id) ?? []), row]);
      return byOrg;
    };
    const programsOf = group(programs);
    const sessionsOf = new Map(sessions.map((row) => [row.organization_id, row]));
    const attendanceOf = new Map(attendance.map((row) => [row.organization_id, row.attendance]));
    const feedbackOf = new Map(feedback.map((row) => [row.organization_id, row]));

    for (const org of organizations) {
      const s = sessionsOf.get(org.id);
      const f = feedbackOf.get(org.id);
      facts.set(org.id, {
        knownSince: org.created_at,
        lastContact: {
          visit: org.last_visit,
          session: s?.last_held ?? null,
          feedback: f?.last_at ?? null,
          note: org.last_note,
        },
        programCadenceDays: (programsOf.get(org.id) ?? [])
          .map((p) => cadenceDaysOfRrule(p.rrule))
          .filter((days): days is number => days !== null),
        sessions: {
          held: s?.held ?? 0,
          cancelledByStaff: s?.cancelled_by_staff ?? 0,
          cancelledByClosure: s?.cancelled_by_closure ?? 0,
        },
        feedback: {
          recent: { count: f?.recent_count ?? 0, ratingSum: f?.recent_sum ?? 0 },
          earlier: { count: f?.earlier_count ?? 0, ratingSum: f?.earlier_sum ?? 0 },
        },
        attendance: attendanceOf.get(org.id) ?? [],
        overdueFollowUps: org.overdue,
        fit: {
          audienceReach: org.fit_audience_reach,
          missionOverlap: org.fit_mission_overlap,
          complementaryResources: org.fit_complementary_resources,
        },
        checkIn: org.check_in_at && org.check_in_areas ? { at: org.check_in_at, areas: org.check_in_areas } : null,
      });
    }
    return facts;
  }
}
