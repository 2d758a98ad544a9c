import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { Match } from '../dashboard/types';
import { MATCHES_PAGE_SIZE } from './match-format';

/** One page of suggested introductions, strongest first; the last page stays in view while the next loads. */
export function useMatchesPage(page: number) {
  return useQuery({
    queryKey: queryKeys.matchList(page),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/matches', {
          params: { query: { limit: MATCHES_PAGE_SIZE, offset: (page - 1) * MATCHES_PAGE_SIZE } },
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

/** Brings a dismissed suggestion back (the Undo of a dismissal), carrying its title as it was shown. */
export function useRestoreMatch({
  onRestored,
  onFailed,
}: {
  onRestored: (title: string) => void;
  onFailed: (error: Error) => void;
}) {
  const refresh = useRefreshMatches();
  return useMutation({
    mutationFn: async ({ match, title }: { match: Match; title: string }) => {
      unwrap(await api.POST('/api/v1/matches/{id}/restore', { params: { path: { id: match.id } } }));
      return title;
    },
    onSuccess: async (title) => {
      onRestored(title);
      await refresh();
    },
    onError: async (error) => {
      onFailed(error);
      await refresh();
    },
  });
}
