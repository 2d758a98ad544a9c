import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { components } from '../api/schema';
import type { Match } from '../dashboard/types';
import { MATCHES_PAGE_SIZE, type MatchStatus } from './match-format';

export type MatchingSettings = components['schemas']['MatchingSettingsResponseDto'];
type UpdateMatchingSettings = components['schemas']['UpdateMatchingSettingsDto'];

/**
 * One page of suggested introductions: open ones strongest first (`all`: also those below the
 * strength floor and past the per-partner cap), introduced or dismissed ones most recent first;
 * the last page stays in view while the next loads.
 */
export function useMatchesPage(page: number, status: MatchStatus = 'open', all = false) {
  return useQuery({
    queryKey: [...queryKeys.matchList(page), status, all] as const,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/matches', {
          params: {
            query: {
              limit: MATCHES_PAGE_SIZE,
              offset: (page - 1) * MATCHES_PAGE_SIZE,
              ...(status !== 'open' && { status }),
              ...(all && { all: true }),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every list of suggestions: the Introductions screen and the dashboard's. */
function useRefreshMatches() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.matches }),
      queryClient.invalidateQueries({ queryKey: queryKeys.dashboard }),
    ]);
}

/**
 * Dismisses a suggestion for everyone; `onDismissed` runs before the lists reload. One gone
 * meanwhile (its partners changed, or someone else's dismissal) reloads them, to show them as they are now.
 */
export function useDismissMatch({ onDismissed }: { onDismissed: (match: Match) => void }) {
  const refresh = useRefreshMatches();
  return useMutation({
    mutationFn: async (match: Match) => {
      unwrap(await api.POST('/api/v1/matches/{id}/dismiss', { params: { path: { id: match.id } } }));
      return match;
    },
    onSuccess: async (match) => {
      onDismissed(match);
      await refresh();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 404) await refresh();
    },
  });
}

/**
 * Brings a dismissed or introduced suggestion back to the open list (the Undo, and Restore),
 * carrying its title as it was shown. Undoing an introduction deletes its follow-up task while open.
 */
export function useRestoreMatch({
  onRestored,
  onFailed,
}: {
  onRestored: (title: string) => void;
  onFailed: (error: Error) => void;
}) {
  const refresh = useRefreshMatches();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ match, title }: { match: Match; title: string }) => {
      unwrap(await api.POST('/api/v1/matches/{id}/restore', { params: { path: { id: match.id } } }));
      return title;
    },
    onSuccess: async (title) => {
      onRestored(title);
      await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['tasks'] })]);
    },
    onError: async (error) => {
      onFailed(error);
      await refresh();
    },
  });
}

/**
 * Records that the pair was introduced (with an optional note): the server makes the follow-up
 * task for the caller. Lists and the dashboard reload; the caller's tasks too.
 */
export function useIntroduceMatch({
  onIntroduced,
  onError,
}: {
  onIntroduced?: (result: { match: Match; taskId: string }) => void;
  onError?: (error: Error) => void;
} = {}) {
  const refresh = useRefreshMatches();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ match, note }: { match: Match; note: string }) =>
      unwrap(
        await api.POST('/api/v1/matches/{id}/introduce', {
          params: { path: { id: match.id } },
          body: note.trim() ? { note: note.trim() } : {},
        }),
      ),
    onSuccess: async (result) => {
      onIntroduced?.(result);
      await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['tasks'] })]);
    },
    onError: async (error) => {
      onError?.(error);
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) await refresh();
    },
  });
}

const matchingSettingsKey = ['settings', 'matching'] as const;

/** The open list's strength floor and cap per partner (admins). */
export function useMatchingSettings() {
  return useQuery({
    queryKey: matchingSettingsKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/settings/matching')),
  });
}

/** Saves them; on a 409 they are fetched again, so the form shows the colleague's values. */
export function useSaveMatchingSettings(
  after: {
    onSuccess?: (saved: MatchingSettings) => unknown;
    onError?: (error: Error) => unknown;
  } = {},
) {
  const queryClient = useQueryClient();
  const refresh = useRefreshMatches();
  return useMutation({
    mutationFn: async (body: UpdateMatchingSettings) => unwrap(await api.PATCH('/api/v1/settings/matching', { body })),
    onSuccess: async (saved) => {
      queryClient.setQueryData(matchingSettingsKey, saved);
      await after.onSuccess?.(saved);
      await refresh();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: matchingSettingsKey });
      await after.onError?.(error);
    },
  });
}
