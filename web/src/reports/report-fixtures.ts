import type { OutreachReportDto, OutreachReportMeasures, OutreachReportRowDto } from './report-types';

/** Measures with nothing counted, to override in tests. */
export function noMeasures(): OutreachReportMeasures {
  const each = <T>(value: T) => ({ knowledge: value, confidence: value, application: value, awareness: value });
  return {
    visits: 0,
    invitationsHandedOut: 0,
    peopleReached: 0,
    sessionsHeld: 0,
    sessionsCancelled: 0,
    sessionsUpcoming: 0,
    attendance: 0,
    averageAttendance: null,
    sessionsWithAttendance: 0,
    feedbackCount: 0,
    averageRating: null,
    outcomes: each<number | null>(null),
    outcomesAgree: each<number | null>(null),
    outcomesAnswered: each(0),
  };
}

export function row(
  key: string | null,
  label: string,
  measures: Partial<OutreachReportMeasures>,
): OutreachReportRowDto {
  return { ...noMeasures(), ...measures, key, label };
}

/**
 * A quarter by partner: Eastside reached the most people, the joint session of Eastside and
 * Northgate counts in both rows but once in the totals (sessions 3, attendance 45).
 */
export function quarterByPartner(): OutreachReportDto {
  return {
    from: '2026-07-01',
    to: '2026-09-30',
    period: 'last-quarter',
    groupBy: 'partner',
    timezone: 'America/Chicago',
    fiscalYearStartMonth: 7,
    generatedAt: '2026-10-02T15:00:00.000Z',
    today: '2026-10-02',
    scope: { organizationId: null, programId: null, audienceId: null },
    rows: [
      row('a1', 'Eastside Youth Shelter', {
        visits: 4,
        invitationsHandedOut: 60,
        peopleReached: 120,
        sessionsHeld: 2,
        attendance: 30,
        averageAttendance: 15,
        sessionsWithAttendance: 2,
        feedbackCount: 6,
        averageRating: 4.5,
      }),
      row('b2', 'Northgate College Access', {
        visits: 2,
        invitationsHandedOut: 20,
        peopleReached: 80,
        sessionsHeld: 2,
        sessionsCancelled: 1,
        attendance: 35,
        averageAttendance: 17.5,
        sessionsWithAttendance: 2,
        feedbackCount: 4,
        averageRating: 4,
      }),
      row(null, 'No partner', { visits: 1, peopleReached: 10 }),
    ],
    totals: {
      ...noMeasures(),
      visits: 7,
      invitationsHandedOut: 80,
      peopleReached: 210,
      sessionsHeld: 3,
      sessionsCancelled: 1,
      sessionsUpcoming: 2,
      attendance: 45,
      averageAttendance: 15,
      sessionsWithAttendance: 3,
      feedbackCount: 10,
      averageRating: 4.3,
      outcomes: { knowledge: 4.25, confidence: 3.9, application: 4, awareness: null },
      outcomesAgree: { knowledge: 0.833, confidence: 0.6, application: 0.75, awareness: null },
      outcomesAnswered: { knowledge: 12, confidence: 10, application: 8, awareness: 0 },
    },
  };
}
