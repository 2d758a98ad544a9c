import { useQueries } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';

/** Shown for an id whose organization could not be read (deleted since, or the request failed). */
export const UNKNOWN_ORGANIZATION = 'A partner no longer listed';

/**
 * Names for organization ids, read from the organizations themselves (GET /organizations/:id,
 * cached under the same key as the organization page, so a page opened later is instant).
 * Names already `known` (e.g. from the dashboard's list) are not fetched again. While a name
 * is loading the map simply lacks it.
 */
export function useOrganizationNames(ids: readonly string[], known?: ReadonlyMap<string, string>): Map<string, string> {
  const missing = [...new Set(ids)].filter((id) => !known?.has(id));
  const results = useQueries({
    queries: missing.map((id) => ({
      queryKey: queryKeys.organization(id),
      queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
  });
  const names = new Map(known);
  missing.forEach((id, index) => {
    const result = results[index];
    if (result.data) names.set(id, result.data.name);
    else if (result.isError) names.set(id, UNKNOWN_ORGANIZATION);
  });
  return names;
}
