import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import { outreachKeys, type VisitListQuery } from './outreach-data';
import type { CreateVisit, UpdateVisit, Visit } from './visit-form';

/**
 * Reads and writes of visits, for the visit screens and the partner page. The keys are
 * `outreachKeys` (shared with tasks and feedback), so a write refreshes every list of visits.
 */

/**
 * One page of visits. `keepPrevious` keeps the last page in view while the next one loads (a
 * screen whose filters change); `enabled: false` while the filters make no sense.
 */
export function useVisits(query: VisitListQuery, { keepPrevious = false, enabled = true } = {}) {
  return useQuery({
    queryKey: outreachKeys.visitList(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/visits', { params: { query }, signal })),
    placeholderData: keepPrevious ? keepPreviousData : undefined,
    enabled,
  });
}

/** After a visit changed or went: every list of visits, and the partners' pages (timeline, health). */
async function refreshVisitViews(queryClient: QueryClient, organizationIds: readonly string[]): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: outreachKeys.visits }),
    ...[...new Set(organizationIds)].map((id) =>
      queryClient.invalidateQueries({ queryKey: queryKeys.organization(id) }),
    ),
  ]);
}

/** refreshVisitViews for a component: call it with the partners whose visits changed (none: only the lists). */
export function useRefreshVisitViews() {
  const queryClient = useQueryClient();
  return (organizationIds: readonly string[] = []) => refreshVisitViews(queryClient, organizationIds);
}

/**
 * POST a new visit. `onSaved` runs before the lists are refreshed, so the screen moves on at once
 * (the form that called it may be gone by the time the refresh ends).
 */
export function useLogVisit({
  onSaved,
  onError,
}: {
  onSaved: (visit: Visit) => void;
  onError: (error: Error) => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateVisit) => unwrap(await api.POST('/api/v1/visits', { body })),
    onSuccess: async (visit) => {
      onSaved(visit);
      // The partner's timeline and health count visits.
      await refreshVisitViews(queryClient, [visit.organizationId]);
    },
    onError,
  });
}

/** PATCH a visit with the version read (see useVersionedEdit). */
export async function saveVisitChanges(id: string, body: UpdateVisit): Promise<Visit> {
  return unwrap(await api.PATCH('/api/v1/visits/{id}', { params: { path: { id } }, body }));
}

/** The visit as it is now (after a colleague's save). */
export async function fetchVisit(id: string): Promise<Visit> {
  return unwrap(await api.GET('/api/v1/visits/{id}', { params: { path: { id } } }));
}

/** DELETE a visit (ConfirmDeleteModal treats one already gone as deleted). */
export async function deleteVisit(id: string): Promise<void> {
  unwrap(await api.DELETE('/api/v1/visits/{id}', { params: { path: { id } } }));
}
