import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import type { components } from '../api/schema';
import { setDisplayZone, zoneHint } from '../common/format';

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

/**
 * Shows dates and times in the library's time zone (common/format.ts) once its settings load,
 * for the app shell: `ready` once they have answered (or failed: then the reader's own zone),
 * and the hint to show when the library's zone is not the reader's ("Times are Chicago time").
 */
export function useLibraryDisplayZone(): { ready: boolean; hint: string | null } {
  const settings = useLibrarySettings();
  // Set while rendering, not in an effect: the screens below format with it in this same render.
  setDisplayZone(settings.data?.timezone);
  // Once answered, for good: a refetch (a screen reading the settings again after an error) must not unmount the screens.
  return { ready: settings.isFetched, hint: zoneHint() };
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
