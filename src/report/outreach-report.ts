import {
  daysIn,
  MAX_PERIOD_DAYS,
  OUTCOME_KEYS,
  OUTCOME_LABELS,
  presetRange,
  REPORT_GROUPING_LABELS,
  type DateRange,
  type OutcomeKey,
  type PeriodPreset,
  type ReportGrouping,
} from '@tandem/shared';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { neutralizeFormula } from '../common/csv-cells';
import { ValidationFailedError, type FieldError } from '../common/errors/domain-error';
import { endOfDayIn, startOfDayIn } from '../library/library-calendar';
import type { OutreachMeasureRow } from '../read-side/outreach-report.query';
import type { ReportMeasures, ReportScope } from './report-measures';

/** The outreach report's pure parts: the period asked for, rows into measures, the CSV. */

export interface OutreachRow extends ReportMeasures {
  key: string | null;
  label: string;
}

/** What the period parameters mean on the library's `today`: `from`/`to`, or a preset, or this fiscal year. */
export function resolvePeriod(
  query: { from?: string; to?: string; period?: PeriodPreset },
  today: string,
  fiscalYearStartMonth: number,
): { range: DateRange; period: PeriodPreset | null } {
  const errors: FieldError[] = [];
  const dates = query.from !== undefined || query.to !== undefined;
  if (dates && query.period !== undefined)
    errors.push({ field: 'period', message: 'give either period or from and to, not both' });
  if (dates && (query.from === undefined || query.to === undefined))
    errors.push({ field: query.from === undefined ? 'from' : 'to', message: 'from and to come together' });
  if (errors.length > 0) throw new ValidationFailedError(errors);

  if (query.from !== undefined && query.to !== undefined) {
    const range = { from: query.from, to: query.to };
    if (range.to < range.from) throw new ValidationFailedError([{ field: 'to', message: 'must not be before from' }]);
    if (daysIn(range) > MAX_PERIOD_DAYS)
      throw new ValidationFailedError([
        { field: 'to', message: `the period may span at most ${MAX_PERIOD_DAYS} days (ten years)` },
      ]);
    return { range, period: null };
  }
  const period = query.period ?? 'this-fiscal-year';
  return { range: presetRange(period, today, fiscalYearStartMonth), period };
}

/** At most one of organization, program and audience. */
export function checkScope(scope: ReportScope): void {
  const given = (['organizationId', 'programId', 'audienceId'] as const).filter((key) => scope[key]);
  if (given.length > 1)
    throw new ValidationFailedError(
      given.slice(1).map((field) => ({ field, message: `give at most one of ${given.join(', ')}` })),
    );
}

const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

/** One row of the statement as the API's measures. */
export function toMeasures(row: OutreachMeasureRow): ReportMeasures {
  const outcome = <T>(pick: (key: OutcomeKey) => T): Record<OutcomeKey, T> =>
    Object.fromEntries(OUTCOME_KEYS.map((key) => [key, pick(key)])) as Record<OutcomeKey, T>;
  return {
    visits: row.visits,
    invitationsHandedOut: row.invitations,
    peopleReached: row.people_reached,
    sessionsHeld: row.sessions_held,
    sessionsCancelled: row.sessions_cancelled,
    sessionsUpcoming: row.sessions_upcoming,
    attendance: row.attendance,
    sessionsWithAttendance: row.sessions_with_attendance,
    averageAttendance:
      row.sessions_with_attendance === 0 ? null : Math.round((row.attendance / row.sessions_with_attendance) * 10) / 10,
    feedbackCount: row.feedback_count,
    averageRating: row.average_rating,
    outcomes: outcome((key) => row[`${key}_average`]),
    outcomesAgree: outcome((key) => share(row[`${key}_agree`], row[`${key}_answered`])),
    outcomesAnswered: outcome((key) => row[`${key}_answered`]),
  };
}

/** A row of the statement that counted nothing (a month without facts). */
export const EMPTY_ROW: Omit<OutreachMeasureRow, 'part' | 'key' | 'label'> = {
  visits: 0,
  invitations: 0,
  people_reached: 0,
  sessions_held: 0,
  sessions_cancelled: 0,
  sessions_upcoming: 0,
  attendance: 0,
  sessions_with_attendance: 0,
  feedback_count: 0,
  average_rating: null,
  knowledge_average: null,
  knowledge_answered: 0,
  knowledge_agree: 0,
  confidence_average: null,
  confidence_answered: 0,
  confidence_agree: 0,
  application_average: null,
  application_answered: 0,
  application_agree: 0,
  awareness_average: null,
  awareness_answered: 0,
  awareness_agree: 0,
};

/** Nothing counted: the measures of an empty period. */
export const NO_MEASURES: ReportMeasures = toMeasures({ part: 'total', key: null, label: null, ...EMPTY_ROW });

/** What the row of facts in no group of the kind is called. */
export const NO_GROUP_LABELS: Record<ReportGrouping, string> = {
  partner: 'No partner',
  audience: 'No audience',
  program: 'No program',
  month: 'No month',
  staff: 'No staff member',
};

/** The months the period touches, `2026-07` … */
export function monthsOf(range: DateRange): string[] {
  const months: string[] = [];
  let month = DateTime.fromISO(range.from, { zone: 'utc' }).startOf('month');
  const last = DateTime.fromISO(range.to, { zone: 'utc' });
  while (month <= last) {
    months.push(month.toFormat('yyyy-MM'));
    month = month.plus({ months: 1 });
  }
  return months;
}

const monthLabel = (key: string): string =>
  DateTime.fromFormat(key, 'yyyy-MM', { zone: 'utc', locale: 'en' }).toFormat('LLLL yyyy');

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The statement's rows as the report's: named, in label order (months in order, each month of
 * the period listed), the row of facts in no group last; and the totals.
 */
export function composeRows(
  groupBy: ReportGrouping,
  range: DateRange,
  rows: readonly OutreachMeasureRow[],
): { rows: OutreachRow[]; totals: ReportMeasures } {
  const total = rows.find((row) => row.part === 'total');
  const grouped = rows.filter((row) => row.part === 'row');
  let named: OutreachRow[];
  if (groupBy === 'month') {
    const byMonth = new Map(grouped.map((row) => [row.key, row]));
    named = monthsOf(range).map((month) => ({
      key: month,
      label: monthLabel(month),
      ...toMeasures(byMonth.get(month) ?? { part: 'row', key: month, label: null, ...EMPTY_ROW }),
    }));
  } else {
    named = grouped
      .filter((row) => row.key !== null)
      .map((row) => ({ key: row.key, label: row.label ?? 'Unknown', ...toMeasures(row) }))
      .sort((a, b) => collator.compare(a.label, b.label) || (a.key ?? '').localeCompare(b.key ?? ''));
    const none = grouped.find((row) => row.key === null);
    if (none) named.push({ key: null, label: NO_GROUP_LABELS[groupBy], ...toMeasures(none) });
  }
  return { rows: named, totals: total ? toMeasures(total) : NO_MEASURES };
}

const percent = (value: number | null): string => (value === null ? '' : String(Math.round(value * 1000) / 10));
const plain = (value: number | null): string => (value === null ? '' : String(value));

/** The CSV's columns after the group's: each measure, then each outcome's average and % agree. */
const CSV_MEASURES: ReadonlyArray<[string, (m: ReportMeasures) => string]> = [
  ['Visits', (m) => plain(m.visits)],
  ['Invitations handed out', (m) => plain(m.invitationsHandedOut)],
  ['People reached', (m) => plain(m.peopleReached)],
  ['Sessions held', (m) => plain(m.sessionsHeld)],
  ['Sessions cancelled', (m) => plain(m.sessionsCancelled)],
  ['Sessions upcoming', (m) => plain(m.sessionsUpcoming)],
  ['Attendance', (m) => plain(m.attendance)],
  ['Average attendance', (m) => plain(m.averageAttendance)],
  ['Feedback', (m) => plain(m.feedbackCount)],
  ['Average rating', (m) => plain(m.averageRating)],
  ...OUTCOME_KEYS.flatMap((key): Array<[string, (m: ReportMeasures) => string]> => [
    [`${OUTCOME_LABELS[key]} (average 1-5)`, (m) => plain(m.outcomes[key])],
    [`${OUTCOME_LABELS[key]} (% agree)`, (m) => percent(m.outcomesAgree[key])],
    [`${OUTCOME_LABELS[key]} (answers)`, (m) => plain(m.outcomesAnswered[key])],
  ]),
];

/**
 * The report as CSV: a header row, the rows, a `Total` row (each fact once). UTF-8 with a byte
 * order mark and CRLF, like the directory export; text cells neutralized against formulas.
 */
export function reportCsv(report: { groupBy: ReportGrouping; rows: OutreachRow[]; totals: ReportMeasures }): string {
  const header = [REPORT_GROUPING_LABELS[report.groupBy], ...CSV_MEASURES.map(([name]) => name)];
  const line = (label: string, measures: ReportMeasures) => [
    neutralizeFormula(label),
    ...CSV_MEASURES.map(([, cell]) => cell(measures)),
  ];
  const records = [header, ...report.rows.map((row) => line(row.label, row)), line('Total', report.totals)];
  return `\uFEFF${stringify(records, { record_delimiter: 'windows' })}`;
}

/** `tandem-outreach-partner-2026-07-01-2026-09-30.csv` */
export function reportFileName(groupBy: ReportGrouping, range: DateRange): string {
  return `tandem-outreach-${groupBy}-${range.from}-${range.to}.csv`;
}

/** The instants a period of library days covers: [its first midnight, the midnight after its last day). */
export function periodBounds(range: DateRange, zone: string): { start: Date; end: Date } {
  return { start: startOfDayIn(range.from, zone), end: endOfDayIn(range.to, zone) };
}
