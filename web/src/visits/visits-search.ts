import { isDay } from '../common/DayInput';
import type { VisitListQuery } from './outreach-data';
import { isUuid } from './visit-form';

/** The visits list's filters in the URL: partner, first and last day (YYYY-MM-DD), page. */
export interface VisitsSearch {
  organizationId?: string;
  from?: string;
  to?: string;
  page?: number;
}

export { isDay };

export const VISITS_PAGE_SIZE = 25;

/** Only valid values are read; anything else in a hand-edited link is dropped. */
export function parseVisitsSearch(raw: Record<string, unknown>): VisitsSearch {
  const search: VisitsSearch = {};
  if (isUuid(raw.organizationId)) search.organizationId = raw.organizationId;
  if (isDay(raw.from)) search.from = raw.from;
  if (isDay(raw.to)) search.to = raw.to;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page <= 10_000) search.page = page;
  return search;
}

/** A window that ends before it starts: the API would refuse it, so the screen says so instead. */
export function rangeProblem(search: VisitsSearch): string | null {
  return search.from && search.to && search.from > search.to ? 'The first day must not be after the last day.' : null;
}

/** Midnight starting the day, in the reader's own zone. */
function localMidnight(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date);
}

/**
 * The API query. The days are the reader's own (a visit at 7 pm in Portland is on that day, not
 * on the next UTC one), so they are sent as instants: from the first day's midnight through the
 * last millisecond before the day after the last.
 */
export function toVisitQuery(search: VisitsSearch): VisitListQuery {
  const query: VisitListQuery = {
    sort: '-visitedAt',
    limit: VISITS_PAGE_SIZE,
    offset: ((search.page ?? 1) - 1) * VISITS_PAGE_SIZE,
  };
  if (search.organizationId) query.organizationId = search.organizationId;
  if (search.from) query.from = localMidnight(search.from).toISOString();
  if (search.to) {
    const end = localMidnight(search.to);
    end.setDate(end.getDate() + 1);
    query.to = new Date(end.getTime() - 1).toISOString();
  }
  return query;
}

/** New filters start again at page 1. */
export function withVisitFilters(
  previous: Record<string, unknown>,
  changes: Partial<Omit<VisitsSearch, 'page'>>,
): VisitsSearch {
  const next: VisitsSearch = { ...parseVisitsSearch(previous), ...changes };
  delete next.page;
  for (const key of Object.keys(next) as (keyof VisitsSearch)[])
    if (next[key] === undefined || next[key] === '') delete next[key];
  return next;
}
