import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AttendanceFactRow,
  attendanceFactRows,
  FeedbackFactRow,
  feedbackFactRows,
  OrganizationFactRow,
  organizationFactRows,
  RunningProgramRow,
  runningProgramRows,
  SessionFactRow,
  sessionFactRows,
} from '../read-side/health-facts.query';
import { HEALTH_RULES } from './health-rules';
import { HealthFacts } from './health-score';
import { cadenceDaysOfRrule } from './program-cadence';

/** The attendance component reads the latest 2 × attendanceSessions values. */
const ATTENDANCE_KEPT = 2 * HEALTH_RULES.attendanceSessions;

/** The read side's rows for many organizations' facts (read-side/health-facts.query.ts). */
export interface HealthFactRows {
  organizations: OrganizationFactRow[];
  programs: RunningProgramRow[];
  sessions: SessionFactRow[];
  attendance: AttendanceFactRow[];
  feedback: FeedbackFactRow[];
}

/**
 * Each organization's facts from the rows, one at a time, in the order of `rows.organizations`:
 * a caller with thousands to score can stop between two (see HealthScoreStore) instead of
 * building them all in one go.
 */
export function* healthFactsOf(rows: HealthFactRows): Generator<[string, HealthFacts]> {
  const programsOf = new Map<string, RunningProgramRow[]>();
  for (const row of rows.programs) {
    const list = programsOf.get(row.organization_id);
    if (list) list.push(row);
    else programsOf.set(row.organization_id, [row]);
  }
  const sessionsOf = new Map(rows.sessions.map((row) => [row.organization_id, row]));
  const attendanceOf = new Map(rows.attendance.map((row) => [row.organization_id, row.attendance]));
  const feedbackOf = new Map(rows.feedback.map((row) => [row.organization_id, row]));

  for (const org of rows.organizations) {
    const s = sessionsOf.get(org.id);
    const f = feedbackOf.get(org.id);
    yield [
      org.id,
      {
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
        oldestOverdueAt: org.oldest_overdue,
        fit: {
          audienceReach: org.fit_audience_reach,
          missionOverlap: org.fit_mission_overlap,
          complementaryResources: org.fit_complementary_resources,
        },
        checkIn: org.check_in_at && org.check_in_areas ? { at: org.check_in_at, areas: org.check_in_areas } : null,
        upcoming: {
          nextVisitAt: org.next_visit,
          nextNoteAt: org.next_note,
          nextDueAt: org.next_due,
          nextSessionAt: s?.next_start ?? null,
          oldestSessionInWindowAt: s?.oldest_in_window ?? null,
          oldestRecentFeedbackAt: f?.oldest_recent ?? null,
          oldestEarlierFeedbackAt: f?.oldest_earlier ?? null,
        },
      },
    ];
  }
}

/**
 * Gathers the health score's facts (see HealthFacts) for many organizations at once, with the
 * read side's five set-based statements (read-side/health-facts.query.ts) whatever the number of
 * organizations — never one query per organization: the dashboard needs the whole portfolio.
 *
 * Notes count as contact only when a person wrote them (a check-in's closing note has no author).
 * The check-in is the latest one with at least one answer by now (open or closed): its time is
 * when it closed, else its last answer; its areas are the stored per-area averages.
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
    return new Map(healthFactsOf(await this.rowsFor(ids, now)));
  }

  /** The rows the facts are made of (healthFactsOf), in the five statements. */
  async rowsFor(ids: string[] | 'all', now: Date): Promise<HealthFactRows> {
    if (ids !== 'all' && ids.length === 0)
      return { organizations: [], programs: [], sessions: [], attendance: [], feedback: [] };
    const asked = ids === 'all' ? null : ids;
    const db = this.dataSource;
    const [organizations, programs, sessions, attendance, feedback] = await Promise.all([
      organizationFactRows(db, asked, now),
      runningProgramRows(db, asked),
      sessionFactRows(db, asked, now, HEALTH_RULES.sessionWindowDays),
      attendanceFactRows(db, asked, now, ATTENDANCE_KEPT),
      feedbackFactRows(db, asked, now, HEALTH_RULES.feedbackHalfWindowDays),
    ]);
    return { organizations, programs, sessions, attendance, feedback };
  }
}
