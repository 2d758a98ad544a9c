import {
  daysIn,
  isIsoDate,
  isPeriodPreset,
  MAX_PERIOD_DAYS,
  REPORT_GROUPINGS,
  type PeriodPreset,
  type ReportGrouping,
} from '@tandem/shared';
import type { OutreachReportQuery } from './report-types';

/**
 * The report's choices as they live in the URL (?period=last-quarter&groupBy=month, or
 * ?from=2026-07-01&to=2026-09-30), so a report can be bookmarked, shared and reloaded. Only
 * valid values survive parsing; dates given win over a preset. A scope id (?organizationId=…)
 * narrows the report to one partner, program or audience (links from those pages).
 */
export interface ReportSearch {
  period?: PeriodPreset;
  from?: string;
  to?: string;
  /** Absent: by partner. */
  groupBy?: ReportGrouping;
  organizationId?: string;
  programId?: string;
  audienceId?: string;
}

/** What the server reports on when no period is asked for (and what the picker shows then). */
export const DEFAULT_PERIOD: PeriodPreset = 'this-fiscal-year';
export const DEFAULT_GROUPING: ReportGrouping = 'partner';

/** The picker's value for dates given by hand. */
export const CUSTOM_PERIOD = 'custom';
export type PeriodChoice = PeriodPreset | typeof CUSTOM_PERIOD;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPES = ['organizationId', 'programId', 'audienceId'] as const;

function isGrouping(value: unknown): value is ReportGrouping {
  return typeof value === 'string' && (REPORT_GROUPINGS as readonly string[]).includes(value);
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** The router's raw search object → a valid ReportSearch (the route's `validateSearch`). */
export function parseReportSearch(raw: Record<string, unknown>): ReportSearch {
  const from = isIsoDate(raw.from) ? raw.from : undefined;
  const to = isIsoDate(raw.to) ? raw.to : undefined;
  const custom = from !== undefined || to !== undefined;
  // At most one scope: the first valid one, in the API's order.
  const scope = SCOPES.find((name) => typeof raw[name] === 'string' && UUID.test(raw[name]));
  return compact({
    period: !custom && isPeriodPreset(raw.period) && raw.period !== DEFAULT_PERIOD ? raw.period : undefined,
    from,
    to,
    groupBy: isGrouping(raw.groupBy) && raw.groupBy !== DEFAULT_GROUPING ? raw.groupBy : undefined,
    ...(scope ? { [scope]: (raw[scope] as string).toLowerCase() } : {}),
  });
}

/** What the period picker shows. */
export function periodChoice(search: ReportSearch): PeriodChoice {
  if (search.from !== undefined || search.to !== undefined) return CUSTOM_PERIOD;
  return search.period ?? DEFAULT_PERIOD;
}

export function grouping(search: ReportSearch): ReportGrouping {
  return search.groupBy ?? DEFAULT_GROUPING;
}

/** What is wrong with dates given by hand, for the date inputs (null: nothing, or a preset). */
export function customPeriodProblem(search: ReportSearch): { from?: string; to?: string } | null {
  if (periodChoice(search) !== CUSTOM_PERIOD) return null;
  if (!search.from) return { from: 'Pick the first day' };
  if (!search.to) return { to: 'Pick the last day' };
  if (search.to < search.from) return { to: 'The last day can’t be before the first' };
  if (daysIn({ from: search.from, to: search.to }) > MAX_PERIOD_DAYS) {
    return { to: `A report spans at most ${Math.floor(MAX_PERIOD_DAYS / 366)} years` };
  }
  return null;
}

/**
 * The API query for the search, null while the dates given by hand are incomplete or wrong
 * (nothing to ask for yet). Both the report and its CSV take it.
 */
export function toReportQuery(search: ReportSearch): OutreachReportQuery | null {
  if (customPeriodProblem(search)) return null;
  const scope = compact({
    organizationId: search.organizationId,
    programId: search.programId,
    audienceId: search.audienceId,
  });
  const period =
    periodChoice(search) === CUSTOM_PERIOD
      ? { from: search.from, to: search.to }
      : { period: search.period ?? DEFAULT_PERIOD };
  return { ...period, groupBy: grouping(search), ...scope };
}

/**
 * A new search for a period picked: a preset, or "Custom" starting from the dates shown (the
 * report's resolved period, so the inputs start filled in).
 */
export function withPeriod(search: ReportSearch, choice: PeriodChoice, shown?: { from: string; to: string }) {
  const { period: _period, from: _from, to: _to, ...rest } = search;
  if (choice === CUSTOM_PERIOD) return parseReportSearch({ ...rest, from: shown?.from ?? '', to: shown?.to ?? '' });
  return parseReportSearch({ ...rest, period: choice });
}

/** A new search with one of the custom dates changed (undefined: cleared; both cleared is the default period again). */
export function withDate(search: ReportSearch, end: 'from' | 'to', day: string | undefined): ReportSearch {
  const { period: _period, ...rest } = search;
  return parseReportSearch({ ...rest, [end]: day });
}

export function withGrouping(search: ReportSearch, groupBy: ReportGrouping): ReportSearch {
  return parseReportSearch({ ...search, groupBy });
}

/** The whole library again: the search without its scope. */
export function withoutScope(search: ReportSearch): ReportSearch {
  const { organizationId: _o, programId: _p, audienceId: _a, ...rest } = search;
  return rest;
}
