import type { components, operations } from '../api/schema';

/*
 * The outreach report as GET /api/v1/reports/outreach answers it (/work/shared/API.md "Reports
 * and work-plan goals"; the server's src/report/), from the generated API types: one place for
 * the screen, its helpers and its tests to take them from.
 */

/** The whole report: the period (resolved dates), the grouping, the rows and the totals. */
export type OutreachReportDto = components['schemas']['OutreachReportDto'];

/** One group of the report: a partner, an audience, a program, a month or a staff member (key null: in no group). */
export type OutreachReportRowDto = components['schemas']['OutreachReportRowDto'];

/** What the report counts, for a row or for the whole period (the totals count each fact once). */
export type OutreachReportMeasures = components['schemas']['OutreachMeasuresDto'];

/** The query both the report and its CSV take: `from` and `to`, or `period`; at most one scope id. */
export type OutreachReportQuery = NonNullable<operations['ReportController_outreach']['parameters']['query']>;
