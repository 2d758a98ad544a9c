import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { can } from '../auth/permissions';
import { api, type User } from './client';
import { unwrap } from './problem';
import type { OrganizationListQuery } from './types';

/** Query keys in one place, so a write can invalidate exactly what it changed. */
export const queryKeys = {
  organizations: ['organizations'] as const,
  organizationList: (query: OrganizationListQuery) => ['organizations', 'list', query] as const,
  organization: (id: string) => ['organizations', id] as const,
  contacts: (organizationId: string) => ['contacts', { organizationId }] as const,
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

/** Everyone's names, for admins (the only role the API lists users to); others get an empty list. */
export function useUsers(user: User) {
  const allowed = can(user, 'user.manage');
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: { limit: 100 } } })).data,
    enabled: allowed,
    staleTime: 5 * 60_000,
  });
}

/** A name for an owner id: "You", a colleague's name when the viewer may list users, else a neutral phrase. */
export function ownerLabel(ownerId: string | null, me: User, users: readonly User[] | undefined): string {
  if (!ownerId) return 'Nobody yet';
  if (ownerId === me.id) return 'You';
  return users?.find((candidate) => candidate.id === ownerId)?.name ?? 'A colleague';
}
