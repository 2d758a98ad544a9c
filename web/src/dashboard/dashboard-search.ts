import { BAND_LABELS, STAGE_LABELS } from '../api/types';
import { EVERY_BAND } from './dashboard-format';
import { PORTFOLIO_STAGES, type DashboardQuery, type HealthBand, type PortfolioStage } from './types';

/**
 * The dashboard's portfolio filters as they live in the URL (?band=&stage=&ownerId=&mine=&page=),
 * so a filtered view can be bookmarked, shared, reloaded and walked with the back button. Only
 * valid values survive parsing: anything else in a hand-edited or stale link is dropped rather
 * than sent to the API (which would answer 400).
 */
export interface DashboardSearch {
  band?: HealthBand;
  stage?: PortfolioStage;
  /** A colleague's partners. */
  ownerId?: string;
  /**
   * "My partners": the signed-in person's, whoever opens the link (a bookmark of one's own
   * partners keeps working, and a shared one shows the reader theirs).
   */
  mine?: true;
  /** 1-based. */
  page?: number;
}

export type DashboardFilters = Omit<DashboardSearch, 'page'>;

/** Partners per page of the portfolio. */
export const PORTFOLIO_PAGE_SIZE = 50;
const MAX_PAGE = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isBand(value: unknown): value is HealthBand {
  return typeof value === 'string' && (EVERY_BAND as readonly string[]).includes(value);
}

function isStage(value: unknown): value is PortfolioStage {
  return typeof value === 'string' && (PORTFOLIO_STAGES as readonly string[]).includes(value);
}

function compact(search: DashboardSearch): DashboardSearch {
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined));
}

/** The router's raw search object → a valid DashboardSearch (the route's `validateSearch`). */
export function parseDashboardSearch(raw: Record<string, unknown>): DashboardSearch {
  const page = typeof raw.page === 'number' ? raw.page : typeof raw.page === 'string' ? Number(raw.page) : NaN;
  // TanStack Router reads ?mine=true as the boolean true and ?mine=1 as the number 1.
  const mine = raw.mine === true || raw.mine === 'true' || raw.mine === 1 || raw.mine === '1';
  const ownerId = typeof raw.ownerId === 'string' && UUID.test(raw.ownerId) ? raw.ownerId.toLowerCase() : undefined;
  return compact({
    band: isBand(raw.band) ? raw.band : undefined,
    stage: isStage(raw.stage) ? raw.stage : undefined,
    // "My partners" and a colleague's are one filter: "mine" wins when a link has both.
    ownerId: mine ? undefined : ownerId,
    mine: mine ? true : undefined,
    page: Number.isInteger(page) && page > 1 && page <= MAX_PAGE ? page : undefined,
  });
}

/**
 * A new search with some filters changed: back to page 1 (page 7 of the old results means
 * nothing for the new ones); an empty value removes the filter. Picking an owner turns "My
 * partners" off, and turning it on forgets the owner.
 */
export function withFilters(search: DashboardSearch, changes: Partial<DashboardFilters>): DashboardSearch {
  const next: Record<string, unknown> = { ...search, page: undefined };
  for (const [key, value] of Object.entries(changes)) next[key] = value === null || value === '' ? undefined : value;
  if (changes.ownerId) next.mine = undefined;
  if (changes.mine) next.ownerId = undefined;
  return parseDashboardSearch(next);
}

export function withPage(search: DashboardSearch, page: number): DashboardSearch {
  return parseDashboardSearch({ ...search, page });
}

/** Clicking a band's count: shows that band, or every band again when it already is the filter. */
export function toggleBand(search: DashboardSearch, band: HealthBand): DashboardSearch {
  return withFilters(search, { band: search.band === band ? undefined : band });
}

/** True when any filter (not the page) is set. */
export function hasFilters(search: DashboardSearch): boolean {
  const { page: _page, ...filters } = search;
  return Object.keys(compact(filters)).length > 0;
}

/** How many filters are set, for the phone's "Filters (N set)" button. */
export function filterCount(search: DashboardSearch): number {
  return (['band', 'stage', 'ownerId', 'mine'] as const).filter((key) => search[key] !== undefined).length;
}

/** Clears every filter (and the page). */
export function clearFilters(): DashboardSearch {
  return {};
}

/** GET /dashboard/health's query for a search; "My partners" is the signed-in person's id. */
export function toDashboardQuery(
  search: DashboardSearch,
  userId: string,
  pageSize = PORTFOLIO_PAGE_SIZE,
): DashboardQuery {
  const { page = 1, band, stage, ownerId, mine } = search;
  const query: DashboardQuery = { limit: pageSize, offset: (page - 1) * pageSize };
  if (band) query.band = band;
  if (stage) query.stage = stage;
  const owner = mine ? userId : ownerId;
  if (owner) query.ownerId = owner;
  return query;
}

/** A band in running text: "at risk", "not scored yet". */
export function bandWords(band: HealthBand): string {
  return band === 'unscored' ? 'not scored yet' : BAND_LABELS[band].toLowerCase();
}

/**
 * The list's status line: "12 partners" (the whole portfolio) or "3 of 40 partners: at risk,
 * active, yours" when filtered, so the reader always knows what the list is a part of.
 */
export function portfolioCountText(
  total: number,
  portfolioSize: number,
  search: DashboardSearch,
  ownerName?: string,
): string {
  const noun = (count: number) => (count === 1 ? 'partner' : 'partners');
  if (!hasFilters(search)) return `${total} ${noun(total)}, worst first`;
  return `${total} of ${portfolioSize} ${noun(portfolioSize)}: ${filterWords(search, ownerName)}`;
}

/** The filters in words: "at risk, active, yours". */
export function filterWords(search: DashboardSearch, ownerName?: string): string {
  const words: string[] = [];
  if (search.band) words.push(bandWords(search.band));
  if (search.stage) words.push(STAGE_LABELS[search.stage].toLowerCase());
  if (search.mine) words.push('yours');
  else if (search.ownerId) words.push(`looked after by ${ownerName ?? 'a colleague'}`);
  return words.join(', ');
}

/**
 * Why the filtered list is empty, in a sentence that says what to try: the band is empty across
 * the whole portfolio, or only in combination with the other filters.
 */
export function emptyResultText(
  search: DashboardSearch,
  byBand: Partial<Record<HealthBand, number>>,
  ownerName?: string,
): string {
  const { band } = search;
  if (band && (byBand[band] ?? 0) === 0) {
    return band === 'unscored'
      ? 'Every partner has a score: none is waiting for its first visit, session, feedback or check-in.'
      : `No partner is ${bandWords(band)} right now.`;
  }
  return `No partner matches these filters (${filterWords(search, ownerName)}). Loosen one, or clear them to see the whole portfolio.`;
}
