import type { ContactListQuery } from '../api/types';
import { isUuid } from '../visits/visit-form';

/**
 * The Contacts screen's state in the URL (?q=&organizationId=&page=), so a search can be
 * bookmarked, shared, reloaded and walked with the back button. Only valid values are read:
 * anything else in a hand-edited link is dropped rather than sent to the API (which would answer 400).
 */
export interface ContactsSearch {
  q?: string;
  organizationId?: string;
  /** 1-based. */
  page?: number;
}

export const CONTACTS_PAGE_SIZE = 25;
/** The API's limit for `q` (ListContactsQueryDto). */
export const MAX_CONTACT_QUERY_LENGTH = 200;
const MAX_PAGE = 10_000;

export function parseContactsSearch(raw: Record<string, unknown>): ContactsSearch {
  const search: ContactsSearch = {};
  const q = typeof raw.q === 'string' || typeof raw.q === 'number' ? String(raw.q).trim() : '';
  if (q && q.length <= MAX_CONTACT_QUERY_LENGTH) search.q = q;
  if (isUuid(raw.organizationId)) search.organizationId = raw.organizationId.toLowerCase();
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page <= MAX_PAGE) search.page = page;
  return search;
}

/** New words or another partner start again at page 1; an empty value removes the filter. */
export function withContactFilters(
  previous: Record<string, unknown>,
  changes: Partial<Omit<ContactsSearch, 'page'>>,
): ContactsSearch {
  const { page: _page, ...current } = parseContactsSearch(previous);
  return parseContactsSearch({ ...current, ...changes });
}

export function withContactsPage(previous: Record<string, unknown>, page: number): ContactsSearch {
  return parseContactsSearch({ ...parseContactsSearch(previous), page });
}

export function hasContactFilters(search: ContactsSearch): boolean {
  return !!(search.q || search.organizationId);
}

/** The GET /api/v1/contacts query for a search. */
export function toContactListQuery(search: ContactsSearch): ContactListQuery {
  const query: ContactListQuery = {
    limit: CONTACTS_PAGE_SIZE,
    offset: ((search.page ?? 1) - 1) * CONTACTS_PAGE_SIZE,
  };
  if (search.q) query.q = search.q;
  if (search.organizationId) query.organizationId = search.organizationId;
  return query;
}
