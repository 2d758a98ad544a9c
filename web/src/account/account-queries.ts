import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, session, type User } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import type { components } from '../api/schema';

type UpdateProfile = components['schemas']['UpdateProfileDto'] & { version: number };
type ChangePassword = components['schemas']['ChangePasswordDto'];
type DisableTwoFactor = components['schemas']['DisableMfaDto'];
type EnableTwoFactor = components['schemas']['EnableMfaDto'];

/** Query keys of "Your account". */
export const accountKeys = {
  /** The signed-in person as the server has them now (with the version a profile change must carry). */
  me: ['auth', 'me'] as const,
};

/**
 * What a screen does once a write is answered, after the hook has done its own work. Given to the
 * hook rather than to `mutate`: a save that re-mounts its form (a new version is a new key) must
 * still say how it went.
 */
export interface AfterWrite<T, V = void> {
  onSuccess?: (data: T, variables: V) => unknown;
  onError?: (error: Error, variables: V) => unknown;
}

/** The signed-in person fresh from the server, for the version a profile change must carry. */
export function useMe() {
  return useQuery({ queryKey: accountKeys.me, queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')) });
}

/**
 * Saves my name and time zone with the version read: the session and the cache get the saved
 * person; a 409 (changed elsewhere) fetches them again, so the form shows that version.
 */
export function useUpdateProfile(after: AfterWrite<User, UpdateProfile> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateProfile) => unwrap(await api.PATCH('/api/v1/auth/me', { body })),
    onSuccess: async (saved, body) => {
      session.updateUser(saved);
      await after.onSuccess?.(saved, body);
      queryClient.setQueryData(accountKeys.me, saved);
    },
    onError: async (error, body) => {
      await after.onError?.(error, body);
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: accountKeys.me });
    },
  });
}

/** Changes my password (the server signs my other sessions out). */
export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: ChangePassword) => {
      unwrap(await api.POST('/api/v1/auth/password', { body }));
    },
  });
}

/** Turns two-factor sign-in off with my password and a code; then the session learns it is off. */
export function useDisableTwoFactor(after: AfterWrite<unknown, DisableTwoFactor> = {}) {
  return useMutation({
    mutationFn: async (body: DisableTwoFactor) => unwrap(await api.POST('/api/v1/auth/mfa/disable', { body })),
    onSuccess: async (answer, body) => {
      await after.onSuccess?.(answer, body);
      await refreshSignedInUser();
    },
  });
}

/** A new two-factor secret (not on until confirmed with a code). */
export function useStartTwoFactorSetup(after: AfterWrite<{ secret: string; otpauthUri: string }> = {}) {
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/mfa/setup')),
    onSuccess: (setup) => after.onSuccess?.(setup),
  });
}

/** Confirms the new secret with a code from the app: two-factor is on, and the answer holds the recovery codes. */
export function useEnableTwoFactor() {
  return useMutation({
    mutationFn: async (body: EnableTwoFactor) => unwrap(await api.POST('/api/v1/auth/mfa/enable', { body })),
  });
}

/** After turning two-factor on or off: the person as the server now sees them (mfaEnabled, mfaSetupRequired). */
export async function refreshSignedInUser(): Promise<void> {
  session.updateUser(unwrap(await api.GET('/api/v1/auth/me')));
}
