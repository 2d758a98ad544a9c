import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { components } from '../api/schema';
import type { Audience, Capability } from '../api/types';
import type { HealthSettings } from './health-weights';
import type { AdminUser } from './user-status';

/** Query keys of the administration screens; user pages sit under the shared `users` key, so a change refreshes every list of users. */
export const adminKeys = {
  userPage: (page: number) => [...queryKeys.users, 'page', page] as const,
  healthSettings: ['settings', 'health'] as const,
  checkInSettings: ['settings', 'check-ins'] as const,
  securitySettings: ['settings', 'security'] as const,
  demoData: ['demo-data'] as const,
};

export const USERS_PAGE_SIZE = 50;

/** One page of users (by name) with their latest invitation email; refreshed every few seconds while an email waits to go out. */
export function useUserPage(page: number) {
  return useQuery({
    queryKey: adminKeys.userPage(page),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/users', {
          params: { query: { limit: USERS_PAGE_SIZE, offset: (page - 1) * USERS_PAGE_SIZE, sort: 'name' } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.data.some((user) => user.invitation?.status === 'scheduled') ? 2000 : false,
  });
}

export function useHealthSettings() {
  return useQuery({
    queryKey: adminKeys.healthSettings,
    queryFn: async () => unwrap(await api.GET('/api/v1/settings/health')),
  });
}

export function useCheckInSettings() {
  return useQuery({
    queryKey: adminKeys.checkInSettings,
    queryFn: async () => unwrap(await api.GET('/api/v1/settings/check-ins')),
  });
}

type CheckInSettings = components['schemas']['CheckInSettingsResponseDto'];
type SecuritySettings = components['schemas']['SecuritySettingsResponseDto'];
type UpdateHealthSettings = components['schemas']['UpdateHealthSettingsDto'];
type UpdateCheckInSettings = components['schemas']['UpdateCheckInSettingsDto'];
type UpdateSecuritySettings = components['schemas']['UpdateSecuritySettingsDto'];
type UpdateUser = components['schemas']['UpdateUserDto'];
type InviteUser = components['schemas']['CreateUserDto'];

/**
 * What a screen does once a write is answered, after the hook has brought the cache up to date.
 * Given to the hook rather than to `mutate`: a save that re-mounts its form (a new version is a
 * new key) must still say how it went.
 */
export interface AfterWrite<T, V = void> {
  onSuccess?: (data: T, variables: V) => unknown;
  onError?: (error: Error, variables: V) => unknown;
}

const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/**
 * Saves the health score's settings; the saved version goes into the cache (the form re-mounts with
 * it). On a 409 the settings are fetched again, so the form shows the colleague's values.
 */
export function useSaveHealthSettings(after: AfterWrite<HealthSettings, UpdateHealthSettings> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateHealthSettings) => unwrap(await api.PATCH('/api/v1/settings/health', { body })),
    onSuccess: async (saved, body) => {
      queryClient.setQueryData(adminKeys.healthSettings, saved);
      await after.onSuccess?.(saved, body);
    },
    onError: async (error, body) => {
      if (isConflict(error)) await queryClient.invalidateQueries({ queryKey: adminKeys.healthSettings });
      await after.onError?.(error, body);
    },
  });
}

/** Saves the check-in schedule, as useSaveHealthSettings does the score's settings. */
export function useSaveCheckInSettings(after: AfterWrite<CheckInSettings, UpdateCheckInSettings> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateCheckInSettings) => unwrap(await api.PATCH('/api/v1/settings/check-ins', { body })),
    onSuccess: async (saved, body) => {
      queryClient.setQueryData(adminKeys.checkInSettings, saved);
      await after.onSuccess?.(saved, body);
    },
    onError: async (error, body) => {
      if (isConflict(error)) await queryClient.invalidateQueries({ queryKey: adminKeys.checkInSettings });
      await after.onError?.(error, body);
    },
  });
}

export function useSecuritySettings() {
  return useQuery({
    queryKey: adminKeys.securitySettings,
    queryFn: async () => unwrap(await api.GET('/api/v1/settings/security')),
  });
}

/** Saves which roles must use two-factor sign-in, as useSaveHealthSettings does the score's settings. */
export function useSaveSecuritySettings(after: AfterWrite<SecuritySettings, UpdateSecuritySettings> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateSecuritySettings) => unwrap(await api.PATCH('/api/v1/settings/security', { body })),
    onSuccess: async (saved, body) => {
      queryClient.setQueryData(adminKeys.securitySettings, saved);
      await after.onSuccess?.(saved, body);
    },
    onError: async (error, body) => {
      if (isConflict(error)) await queryClient.invalidateQueries({ queryKey: adminKeys.securitySettings });
      await after.onError?.(error, body);
    },
  });
}

/** Invites a colleague: an account without a password, and an email with a link to choose one. */
export function useInviteUser(after: AfterWrite<AdminUser, InviteUser> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: InviteUser) => unwrap(await api.POST('/api/v1/users', { body })),
    onSuccess: async (user, body) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      await after.onSuccess?.(user, body);
    },
    onError: (error, body) => after.onError?.(error, body),
  });
}

/** Renames a user, changes their role or access, with the version read; a 409 refreshes the lists. */
export function useUpdateUser(id: string, after: AfterWrite<AdminUser, UpdateUser> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateUser) =>
      unwrap(await api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: async (user, body) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      await after.onSuccess?.(user, body);
    },
    onError: async (error, body) => {
      if (isConflict(error)) await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      await after.onError?.(error, body);
    },
  });
}

/** Emails a user a new link to choose a password (earlier links stop working). */
export function useResendInvitation(after: AfterWrite<AdminUser, AdminUser> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (user: AdminUser) =>
      unwrap(await api.POST('/api/v1/users/{id}/invitation', { params: { path: { id: user.id } } })),
    onSuccess: async (sent, user) => {
      await after.onSuccess?.(sent, user);
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
    onError: (error, user) => after.onError?.(error, user),
  });
}

/** Makes a new invitation link for an admin to hand over; the users list shows the invitation's new state either way. */
export function useIssueInvitationLink(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/users/{id}/invitation-link', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

/** Turns a user's two-factor sign-in off (they lost their phone) and signs them out everywhere. */
export function useResetTwoFactor(id: string, after: AfterWrite<unknown> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/users/{id}/mfa-reset', { params: { path: { id } } })),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      await after.onSuccess?.(answer);
    },
  });
}

/** Loads the demo data; afterwards everything may have changed (partners, vocabularies, users, programs …). */
export function useLoadDemoData() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/demo-data')),
    onSettled: () => queryClient.invalidateQueries(),
  });
}

/** The progress of the demo-data load running now (this page's, or one another admin started); polled while `loading` or running. */
export function useDemoDataStatus(loading: boolean) {
  return useQuery({
    queryKey: adminKeys.demoData,
    queryFn: async () => unwrap(await api.GET('/api/v1/demo-data')),
    refetchInterval: (query) => (loading || query.state.data?.status === 'running' ? 700 : false),
  });
}

export type VocabularyKind = 'audiences' | 'capabilities';
export type Term = Audience | Capability;

/** A term as the form sends it; a skill or resource takes only the name and description. */
export type TermBody = components['schemas']['CreateAudienceDto'];

const vocabularyKey = (kind: VocabularyKind) => (kind === 'audiences' ? queryKeys.audiences : queryKeys.capabilities);

/**
 * Adds a term to a vocabulary (`term` null) or saves one with the version read. The list is
 * fetched again after a save, and after a 409 other than a taken name (so closing the window
 * shows a colleague's version).
 */
export function useSaveTerm(kind: VocabularyKind, term: Term | null, after: AfterWrite<Term, TermBody> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TermBody): Promise<Term> => {
      if (kind === 'audiences') {
        return term
          ? unwrap(
              await api.PATCH('/api/v1/audiences/{id}', {
                params: { path: { id: term.id } },
                body: { ...body, version: term.version },
              }),
            )
          : unwrap(await api.POST('/api/v1/audiences', { body }));
      }
      const common = { name: body.name, description: body.description };
      return term
        ? unwrap(
            await api.PATCH('/api/v1/capabilities/{id}', {
              params: { path: { id: term.id } },
              body: { ...common, version: term.version },
            }),
          )
        : unwrap(await api.POST('/api/v1/capabilities', { body: common }));
    },
    onSuccess: async (saved, body) => {
      await queryClient.invalidateQueries({ queryKey: vocabularyKey(kind) });
      await after.onSuccess?.(saved, body);
    },
    onError: async (error, body) => {
      if (isConflict(error) && !(error instanceof ApiError && error.problem.code?.endsWith('_NAME_TAKEN')))
        await queryClient.invalidateQueries({ queryKey: vocabularyKey(kind) });
      await after.onError?.(error, body);
    },
  });
}

/** Deletes a term no partner or program uses (409 otherwise, with the counts). */
export function useDeleteTerm(kind: VocabularyKind, id: string, after: AfterWrite<void> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      unwrap(
        kind === 'audiences'
          ? await api.DELETE('/api/v1/audiences/{id}', { params: { path: { id } } })
          : await api.DELETE('/api/v1/capabilities/{id}', { params: { path: { id } } }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: vocabularyKey(kind) });
      await after.onSuccess?.(undefined);
    },
  });
}
