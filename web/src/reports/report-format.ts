import { OUTCOME_KEYS, OUTCOME_LABELS, type OutcomeKey, type ReportGrouping } from '@tandem/shared';
import type { OutreachReportDto, OutreachReportMeasures } from './report-types';

/**
 * The report's words and numbers, kept apart from React so they can be tested: how counts,
 * averages and shares read (a dash for "none to average"), the period in words, and each
 * chart's bars and one-line summary.
 */

/** The counts a chart can show, in the order the screen shows them. */
export type CountMeasure =
  'peopleReached' | 'visits' | 'invitationsHandedOut' | 'sessionsHeld' | 'attendance' | 'feedbackCount';

export interface MeasureWords {
  /** Column heading and headline label: "People reached". */
  label: string;
  /** After a number: "120 people reached". */
  noun: string;
  /** The chart's summary starts with it: "Most people reached". */
  most: string;
}

export const MEASURE_WORDS: Record<CountMeasure, MeasureWords> = {
  peopleReached: { label: 'People reached', noun: 'people reached', most: 'Most people reached' },
  visits: { label: 'Visits', noun: 'visits', most: 'Most visits' },
  invitationsHandedOut: {
    label: 'Invitations handed out',
    noun: 'invitations handed out',
    most: 'Most invitations handed out',
  },
  sessionsHeld: { label: 'Sessions held', noun: 'sessions held', most: 'Most sessions held' },
  attendance: { label: 'Attendance', noun: 'attendees at sessions', most: 'Most attendees' },
  feedbackCount: { label: 'Feedback responses', noun: 'feedback responses', most: 'Most feedback' },
};

export const CHART_MEASURES: readonly CountMeasure[] = [
  'peopleReached',
  'visits',
  'invitationsHandedOut',
  'sessionsHeld',
  'attendance',
  'feedbackCount',
];

/** Bars a chart draws before the rest are summed up as "others". */
export const TOP_BARS = 12;

/** The dash shown (and printed) for "nothing to average". */
export const NONE = '—';

const counts = new Intl.NumberFormat('en');
const oneDecimal = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "1,204". */
export function formatCount(value: number): string {
  return counts.format(value);
}

/** An average attendance: "12.5", or a dash for none. */
export function formatAverage(value: number | null): string {
  return value === null ? NONE : oneDecimal.format(value);
}

/** A 1–5 average (a rating, an outcome): "4.25", or a dash for none. */
export function formatScore(value: number | null): string {
  return value === null ? NONE : twoDecimals.format(value);
}

/** A share 0–1 as a whole percentage: "83%", or a dash for none. */
export function formatShare(value: number | null): string {
  return value === null ? NONE : `${Math.round(value * 100)}%`;
}

/** The report's two days, both included, as people write a period: "July 1 – September 30, 2026" (en-US). */
export function periodLabel(from: string, to: string, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const start = new Date(`${from}T12:00:00Z`);
  const end = new Date(`${to}T12:00:00Z`);
  return from === to ? format.format(start) : format.formatRange(start, end);
}

/** "by partner", "by month": after the report's title. */
export const GROUPING_WORDS: Record<ReportGrouping, string> = {
  partner: 'by partner',
  audience: 'by audience',
  program: 'by program',
  month: 'by month',
  staff: 'by staff member',
};

export interface ChartBar {
  key: string;
  label: string;
  value: number;
  /** The bar's length, 0–1 of the longest. */
  share: number;
}

export interface BarChartData {
  bars: ChartBar[];
  /** The rows with some of the measure beyond the top ones, summed (each fact once per row). */
  others: { rows: number; value: number } | null;
  /** The period's total (totals: each fact once, so it may be less than the rows' sum). */
  total: number;
  /** Every row with some of the measure, in the chart's order, for the figure's numbers table. */
  all: ChartBar[];
}

/**
 * One measure across the rows: the top rows by value (ties by label), or for months every month
 * in order, empty months included. Rows with none of it are left out (an audience with no
 * outreach is not a bar); months keep theirs, so the gaps show.
 */
export function barChart(report: Pick<OutreachReportDto, 'rows' | 'totals' | 'groupBy'>, measure: CountMeasure) {
  const chronological = report.groupBy === 'month';
  const rows = chronological
    ? report.rows
    : report.rows
        .filter((row) => row[measure] > 0)
        .sort((a, b) => b[measure] - a[measure] || a.label.localeCompare(b.label));
  const max = Math.max(0, ...rows.map((row) => row[measure]));
  const all = rows.map((row) => ({
    key: row.key ?? 'none',
    label: row.label,
    value: row[measure],
    share: max === 0 ? 0 : row[measure] / max,
  }));
  const rest = chronological ? [] : all.slice(TOP_BARS);
  const data: BarChartData = {
    bars: chronological ? all : all.slice(0, TOP_BARS),
    others: rest.length > 0 ? { rows: rest.length, value: rest.reduce((sum, bar) => sum + bar.value, 0) } : null,
    total: report.totals[measure],
    all,
  };
  return data;
}

/** The chart in one line: "Most people reached: Eastside Youth Shelter, 120 of 410". */
export function chartSummary(data: BarChartData, measure: CountMeasure, groupBy: ReportGrouping): string {
  const words = MEASURE_WORDS[measure];
  if (data.total === 0) return `No ${words.noun} in this period.`;
  const top = Math.max(...data.all.map((bar) => bar.value));
  const leaders = data.all.filter((bar) => bar.value === top);
  const who =
    leaders.length === 1
      ? leaders[0].label
      : leaders.length === 2
        ? `${leaders[0].label} and ${leaders[1].label}`
        : `${leaders[0].label} and ${leaders.length - 1} others`;
  const each = leaders.length > 1 ? ' each' : '';
  const others = data.others ? ` Top ${data.bars.length} of ${data.all.length} ${ROW_NOUNS[groupBy]} shown.` : '';
  return `${words.most}: ${who}, ${formatCount(top)}${each} of ${formatCount(data.total)}.${others}`;
}

const ROW_NOUNS: Record<ReportGrouping, string> = {
  partner: 'partners',
  audience: 'audiences',
  program: 'programs',
  month: 'months',
  staff: 'staff members',
};

/** The note under a chart with more rows than bars: "and 5 other partners: 37". */
export function othersNote(data: BarChartData, groupBy: ReportGrouping): string | null {
  if (!data.others) return null;
  const noun = data.others.rows === 1 ? ROW_NOUNS[groupBy].replace(/s$/, '') : ROW_NOUNS[groupBy];
  return `And ${data.others.rows} other ${noun}: ${formatCount(data.others.value)} between them.`;
}

export interface Headline {
  label: string;
  value: string;
  /** A line under the number ("12.5 per session"). */
  detail?: string;
}

/** The report's headline numbers, from its totals. */
export function headlines(totals: OutreachReportMeasures): Headline[] {
  return [
    { label: 'People reached', value: formatCount(totals.peopleReached) },
    { label: 'Visits', value: formatCount(totals.visits) },
    { label: 'Invitations handed out', value: formatCount(totals.invitationsHandedOut) },
    {
      label: 'Sessions held',
      value: formatCount(totals.sessionsHeld),
      detail: `${formatCount(totals.sessionsCancelled)} cancelled · ${formatCount(totals.sessionsUpcoming)} upcoming`,
    },
    {
      label: 'Attendance',
      value: formatCount(totals.attendance),
      detail:
        totals.averageAttendance === null
          ? 'No attendance recorded'
          : `${formatAverage(totals.averageAttendance)} per session on average`,
    },
    {
      label: 'Feedback responses',
      value: formatCount(totals.feedbackCount),
      detail:
        totals.averageRating === null ? 'No ratings' : `Rated ${formatScore(totals.averageRating)} of 5 on average`,
    },
  ];
}

export interface OutcomeLine {
  key: OutcomeKey;
  label: string;
  average: string;
  agree: string;
  answered: string;
}

/** The four outcome questions: average 1–5, the share agreeing (4 or 5) and how many answered. */
export function outcomeLines(totals: OutreachReportMeasures): OutcomeLine[] {
  return OUTCOME_KEYS.map((key) => {
    const answered = totals.outcomesAnswered[key];
    return {
      key,
      label: OUTCOME_LABELS[key],
      average: formatScore(totals.outcomes[key]),
      agree: formatShare(totals.outcomesAgree[key]),
      answered: formatCount(answered),
    };
  });
}

/** Nothing happened in the period: no visit, no session (held, cancelled or upcoming), no feedback. */
export function isEmptyReport(totals: OutreachReportMeasures): boolean {
  return (
    totals.visits === 0 &&
    totals.sessionsHeld === 0 &&
    totals.sessionsCancelled === 0 &&
    totals.sessionsUpcoming === 0 &&
    totals.feedbackCount === 0
  );
}

export interface TableColumn {
  label: string;
  value: (row: OutreachReportMeasures) => string;
}

/** The full table's number columns (per-row outcomes are in the CSV). */
export const TABLE_COLUMNS: readonly TableColumn[] = [
  { label: 'Visits', value: (row) => formatCount(row.visits) },
  { label: 'Invitations', value: (row) => formatCount(row.invitationsHandedOut) },
  { label: 'People reached', value: (row) => formatCount(row.peopleReached) },
  { label: 'Sessions held', value: (row) => formatCount(row.sessionsHeld) },
  { label: 'Cancelled', value: (row) => formatCount(row.sessionsCancelled) },
  { label: 'Upcoming', value: (row) => formatCount(row.sessionsUpcoming) },
  { label: 'Attendance', value: (row) => formatCount(row.attendance) },
  { label: 'Avg. attendance', value: (row) => formatAverage(row.averageAttendance) },
  { label: 'Feedback', value: (row) => formatCount(row.feedbackCount) },
  { label: 'Avg. rating', value: (row) => formatScore(row.averageRating) },
];

/** The file the CSV is saved as (the server's own name for it). */
export function csvFileName(report: Pick<OutreachReportDto, 'groupBy' | 'from' | 'to'>): string {
  return `tandem-outreach-${report.groupBy}-${report.from}-${report.to}.csv`;
}
