import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { components } from '../api/schema';

export type SearchResults = components['schemas']['SearchResponseDto'];

/** The longest text the API searches for (GET /search `q`). */
export const SEARCH_MAX_LENGTH = 200;

/**
 * Partners, contacts and programs matching `q` (GET /search: up to 5 of each, contacts as this
 * user may see them). Nothing is asked while `q` is blank; while the next answer loads, the
 * last one stays on screen so the list does not blink at every keystroke.
 */
export function useSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: queryKeys.search(text),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/search', { params: { query: { q: text } }, signal })),
    enabled: text.length > 0 && text.length <= SEARCH_MAX_LENGTH,
    placeholderData: keepPreviousData,
    // Names change (a partner renamed, a contact added): a search is asked again each time it is typed.
    staleTime: 0,
  });
}
