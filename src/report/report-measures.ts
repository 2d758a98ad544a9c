import type { DateRange, OutcomeKey } from '@tandem/shared';

/** What the outreach report counts over a period, for one group or for the whole (each fact once). */
export interface ReportMeasures {
  visits: number;
  invitationsHandedOut: number;
  peopleReached: number;
  sessionsHeld: number;
  sessionsCancelled: number;
  sessionsUpcoming: number;
  attendance: number;
  sessionsWithAttendance: number;
  averageAttendance: number | null;
  feedbackCount: number;
  averageRating: number | null;
  outcomes: Record<OutcomeKey, number | null>;
  outcomesAgree: Record<OutcomeKey, number | null>;
  outcomesAnswered: Record<OutcomeKey, number>;
}

/** At most one of them: the report (or a goal) about one partner, one program or one audience. */
export interface ReportScope {
  organizationId?: string | null;
  programId?: string | null;
  audienceId?: string | null;
}

export type { DateRange };
