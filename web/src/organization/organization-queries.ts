import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { Organization, Stage } from '../api/types';
import type { UpdateOrganization } from './organization-form';

/**
 * The partner page's API access: the partner, its health, its timeline and contacts, and the
 * writes made on the page, each with the cache refresh it needs. Components use these hooks and
 * functions, never the API client itself.
 */

export async function fetchOrganization(id: string, signal?: AbortSignal): Promise<Organization> {
  return unwrap(await api.GET('/api/v1/organizations/{id}', { params: { path: { id } }, signal }));
}

/** One partner, under the key every screen shares (a name shown in a list is the page's). */
export function useOrganization(id: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.organization(id ?? ''),
    queryFn: ({ signal }) => fetchOrganization(id!, signal),
    enabled: !!id,
  });
}

export function useOrganizationHealth(id: string) {
  return useQuery({
    queryKey: queryKeys.health(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/organizations/{id}/health', { params: { path: { id } }, signal })),
  });
}

/**
 * The events on a partner's page, newest first, a page of `limit` at a time ("Show more"), each
 * after the last by the server's cursor (as fast years down a busy partner's history as at its top).
 */
export function useTimeline(id: string, limit: number) {
  return useInfiniteQuery({
    queryKey: queryKeys.timeline(id),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET('/api/v1/organizations/{id}/timeline', {
          params: { path: { id }, query: { limit, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.meta.nextCursor ?? undefined,
  });
}

export function useAddNote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: string) =>
      unwrap(await api.POST('/api/v1/organizations/{id}/notes', { params: { path: { id } }, body: { body } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.timeline(id) }),
  });
}

/** The partner's contacts (the page shows them all: a partner has a handful). */
export function usePartnerContacts(organizationId: string) {
  return useQuery({
    queryKey: queryKeys.contacts(organizationId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/contacts', { params: { query: { organizationId, limit: 100 } }, signal })).data,
  });
}

export async function patchOrganization(id: string, body: UpdateOrganization): Promise<Organization> {
  return unwrap(await api.PATCH('/api/v1/organizations/{id}', { params: { path: { id } }, body }));
}

/** After a partner was saved: its page shows the saved version at once, the directory refreshes. */
export function useOrganizationSaved() {
  const queryClient = useQueryClient();
  return async (saved: Organization) => {
    queryClient.setQueryData(queryKeys.organization(saved.id), saved);
    await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
  };
}

/** Moves the partner to another stage with a reason, on the version the page shows. */
export function useChangeStage(organization: Organization) {
  const saved = useOrganizationSaved();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ stage, reason }: { stage: Stage; reason: string }) =>
      patchOrganization(organization.id, {
        stage,
        stageReason: reason.trim() || null,
        version: organization.version,
      }),
    onSuccess: saved,
    // Someone saved in between (409): the page loads their version, to try again on it. Any
    // other refusal (a 400 on the reason, an outage) keeps the page as it is.
    onError: (error) =>
      error instanceof ApiError && error.status === 409
        ? queryClient.invalidateQueries({ queryKey: queryKeys.organization(organization.id) })
        : undefined,
  });
}

export async function deleteOrganization(id: string): Promise<void> {
  unwrap(await api.DELETE('/api/v1/organizations/{id}', { params: { path: { id } } }));
}

/** After a partner was deleted: its page's data goes, the directory refreshes. */
export function useOrganizationDeleted() {
  const queryClient = useQueryClient();
  return async (id: string) => {
    queryClient.removeQueries({ queryKey: queryKeys.organization(id) });
    await queryClient.invalidateQueries({ queryKey: queryKeys.organizations });
  };
}

/** A new term in a shared vocabulary (managers): an audience with its priority, or a skill or resource. */
export function useCreateTerm(kind: 'audience' | 'capability') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ name, priority }: { name: string; priority: 1 | 2 | 3 }) =>
      kind === 'audience'
        ? unwrap(await api.POST('/api/v1/audiences', { body: { name, priority } }))
        : unwrap(await api.POST('/api/v1/capabilities', { body: { name } })),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: kind === 'audience' ? queryKeys.audiences : queryKeys.capabilities }),
  });
}
