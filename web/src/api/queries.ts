import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type User } from './client';
import { unwrap } from './problem';
import type { Colleague, ContactListQuery, OrganizationListQuery } from './types';

/** Query keys in one place, so a write can invalidate exactly what it changed. */
export const queryKeys = {
  organizations: ['organizations'] as const,
  organizationList: (query: OrganizationListQuery) => ['organizations', 'list', query] as const,
  organization: (id: string) => ['organizations', id] as const,
  contacts: (organizationId: string) => ['contacts', { organizationId }] as const,
  /** Every contact query (a partner's contacts, the Contacts screen's pages): what a contact write invalidates. */
  allContacts: ['contacts'] as const,
  contactList: (query: ContactListQuery) => ['contacts', 'list', query] as const,
  timeline: (organizationId: string) => ['organizations', organizationId, 'timeline'] as const,
  health: (organizationId: string) => ['organizations', organizationId, 'health'] as const,
  checkIns: (organizationId: string) => ['organizations', organizationId, 'check-ins'] as const,
  dashboard: ['dashboard'] as const,
  portfolioHistory: ['dashboard', 'history'] as const,
  digest: ['dashboard', 'digest'] as const,
  matches: ['matches'] as const,
  matchList: (page: number) => ['matches', 'list', page] as const,
  audiences: ['audiences'] as const,
  capabilities: ['capabilities'] as const,
  users: ['users'] as const,
  /** Under `users`, so a change on the user-admin screens refreshes the team list too. */
  colleagues: ['users', 'directory'] as const,
  /** The search box on every screen (GET /search). */
  search: (q: string) => ['search', q] as const,
};

export function useOrganizations(query: OrganizationListQuery) {
  return useQuery({
    queryKey: queryKeys.organizationList(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/organizations', { params: { query }, signal })),
    // Keep showing the last page while the next one loads, so typing does not blank the table.
    placeholderData: keepPreviousData,
  });
}

export function useAudiences() {
  return useQuery({
    queryKey: queryKeys.audiences,
    queryFn: async () => unwrap(await api.GET('/api/v1/audiences')).data,
    staleTime: 5 * 60_000,
  });
}

export function useCapabilities() {
  return useQuery({
    queryKey: queryKeys.capabilities,
    queryFn: async () => unwrap(await api.GET('/api/v1/capabilities')).data,
    staleTime: 5 * 60_000,
  });
}

/**
 * The active colleagues (id, name, role) by name, from the team list every role may read. Deactivated
 * users are not in it: their ids read as "A colleague" (see `ownerLabel`).
 */
export function useColleagues() {
  return useQuery({
    queryKey: queryKeys.colleagues,
    queryFn: async () => unwrap(await api.GET('/api/v1/users/directory')).data,
    staleTime: 5 * 60_000,
  });
}

/** A name for an owner id: "You", a colleague's name from the team list, else a neutral phrase (e.g. a deactivated user). */
export function ownerLabel(
  ownerId: string | null,
  me: Pick<User, 'id'>,
  colleagues: readonly Pick<Colleague, 'id' | 'name'>[] | undefined,
): string {
  if (!ownerId) return 'Nobody yet';
  if (ownerId === me.id) return 'You';
  return colleagues?.find((candidate) => candidate.id === ownerId)?.name ?? 'A colleague';
}
