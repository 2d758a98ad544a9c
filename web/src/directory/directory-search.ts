import { STAGES, type OrganizationListQuery, type OrganizationSort, type Stage } from '../api/types';

/**
 * The partner directory's state as it lives in the URL (?q=&stage=&audienceId=…&sort=&page=),
 * so a search can be bookmarked, shared, reloaded and walked with the back button.
 * Only valid values survive parsing: anything else in a hand-edited or stale link is dropped
 * rather than sent to the API (which would answer 400).
 */
export interface DirectorySearch {
  q?: string;
  stage?: Stage;
  audienceId?: string;
  /** Offers this skill or resource. */
  capabilityId?: string;
  /** Looks for this skill or resource. */
  seeksCapabilityId?: string;
  ownerId?: string;
  tag?: string;
  sort?: OrganizationSort;
  /** 1-based. */
  page?: number;
}

export type DirectoryFilters = Omit<DirectorySearch, 'sort' | 'page'>;

export const PAGE_SIZE = 25;
export const DEFAULT_SORT: OrganizationSort = 'name';
/** The same limits as the API's query DTO (ListOrganizationsQueryDto). */
export const MAX_QUERY_LENGTH = 200;
export const MAX_TAG_LENGTH = 50;
const MAX_PAGE = 10_000;

export const SORT_FIELDS = ['name', 'updatedAt', 'createdAt', 'stage'] as const satisfies readonly OrganizationSort[];
export type SortField = (typeof SORT_FIELDS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const trimmed = String(value).trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

function uuid(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
}

function isSort(value: unknown): value is OrganizationSort {
  return typeof value === 'string' && (SORT_FIELDS as readonly string[]).includes(value.replace(/^-/, ''));
}

function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** Drops keys whose value is undefined, so the URL carries no empty parameters. */
function compact(search: DirectorySearch): DirectorySearch {
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined));
}

/** The router's raw search object → a valid DirectorySearch (the route's `validateSearch`). */
export function parseDirectorySearch(raw: Record<string, unknown>): DirectorySearch {
  const page = typeof raw.page === 'number' ? raw.page : typeof raw.page === 'string' ? Number(raw.page) : NaN;
  return compact({
    q: text(raw.q, MAX_QUERY_LENGTH),
    stage: isStage(raw.stage) ? raw.stage : undefined,
    audienceId: uuid(raw.audienceId),
    capabilityId: uuid(raw.capabilityId),
    seeksCapabilityId: uuid(raw.seeksCapabilityId),
    ownerId: uuid(raw.ownerId),
    tag: text(raw.tag, MAX_TAG_LENGTH)?.toLowerCase(),
    sort: isSort(raw.sort) && raw.sort !== DEFAULT_SORT ? raw.sort : undefined,
    page: Number.isInteger(page) && page > 1 && page <= MAX_PAGE ? page : undefined,
  });
}

/**
 * A new search with some filters changed. Any change of filter goes back to page 1 (page 7 of
 * the old results means nothing for the new ones); an empty value removes the filter.
 */
export function withFilters(search: DirectorySearch, changes: Partial<DirectoryFilters>): DirectorySearch {
  const next: DirectorySearch = { ...search, page: undefined };
  for (const [key, value] of Object.entries(changes) as [keyof DirectoryFilters, string | undefined | null][]) {
    (next as Record<string, unknown>)[key] = value === null || value === undefined || value === '' ? undefined : value;
  }
  return parseDirectorySearch(next as Record<string, unknown>);
}

/** True when any filter (not the sort or page) is set. */
export function hasFilters(search: DirectorySearch): boolean {
  const { sort: _sort, page: _page, ...filters } = search;
  return Object.keys(compact(filters)).length > 0;
}

/** The filters folded behind "Filters" on a phone (the search box stays in view). */
const FOLDED_FILTERS = ['stage', 'audienceId', 'capabilityId', 'seeksCapabilityId', 'ownerId', 'tag'] as const;

/** How many of the folded filters are set, for the phone's "Filters" button (the search words are not one). */
export function foldedFilterCount(search: DirectorySearch): number {
  return FOLDED_FILTERS.filter((key) => (search[key] ?? '').trim() !== '').length;
}

/** Clears every filter, keeping the sort. */
export function clearFilters(search: DirectorySearch): DirectorySearch {
  return compact({ sort: search.sort });
}

export function withPage(search: DirectorySearch, page: number): DirectorySearch {
  return parseDirectorySearch({ ...search, page });
}

/** The current sort of a column, for aria-sort. */
export function sortDirection(search: DirectorySearch, field: SortField): 'ascending' | 'descending' | 'none' {
  const sort = search.sort ?? DEFAULT_SORT;
  if (sort === field) return 'ascending';
  if (sort === `-${field}`) return 'descending';
  return 'none';
}

/**
 * Clicking a column header: sorts by it ascending, or flips the direction when it already is
 * the sort. Dates start newest first, which is what people look for.
 */
export function toggleSort(search: DirectorySearch, field: SortField): DirectorySearch {
  const direction = sortDirection(search, field);
  const startDescending = field === 'updatedAt' || field === 'createdAt';
  let sort: OrganizationSort;
  if (direction === 'ascending') sort = `-${field}`;
  else if (direction === 'descending') sort = field;
  else sort = startDescending ? `-${field}` : field;
  return parseDirectorySearch({ ...search, sort, page: undefined });
}

/** The GET /api/v1/organizations query for a search. */
export function toListQuery(search: DirectorySearch, pageSize = PAGE_SIZE): OrganizationListQuery {
  const { page = 1, sort = DEFAULT_SORT, ...filters } = search;
  return { ...filters, sort, limit: pageSize, offset: (page - 1) * pageSize };
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
