import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import type { components } from '../api/schema';

export type LibrarySettings = components['schemas']['LibrarySettingsResponseDto'];
export type UpdateLibrarySettings = components['schemas']['UpdateLibrarySettingsDto'];
export type LanguageTag = LibrarySettings['languages'][number];

export const librarySettingsKey = ['settings', 'library'] as const;

/** The library itself: its name, time zone and the languages it speaks to the public in (anyone signed in). */
export function useLibrarySettings() {
  return useQuery({
    queryKey: librarySettingsKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/settings/library')),
  });
}

/** Saves them (admins); on a 409 they are fetched again, so the form shows the colleague's values. */
export function useSaveLibrarySettings(
  after: {
    onSuccess?: (saved: LibrarySettings) => unknown;
    onError?: (error: Error) => unknown;
  } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateLibrarySettings) => unwrap(await api.PATCH('/api/v1/settings/library', { body })),
    onSuccess: async (saved) => {
      queryClient.setQueryData(librarySettingsKey, saved);
      await after.onSuccess?.(saved);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: librarySettingsKey });
      await after.onError?.(error);
    },
  });
}
