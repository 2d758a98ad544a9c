import { daysIn, MAX_PERIOD_DAYS, type ReportGrouping } from '@tandem/shared';
import {
  compact,
  CUSTOM_PERIOD,
  DEFAULT_GROUPING,
  DEFAULT_PERIOD,
  parseReportSearch,
  type PeriodChoice,
  type ReportSearch,
} from './report-search';
import type { OutreachReportQuery } from './report-types';

/**
 * What the Reports screen does with its search: the picker's state, the API query, the next
 * search for a choice made. Apart from report-search.ts, which the router loads with the app,
 * so that this stays in the screen's own chunk.
 */

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
