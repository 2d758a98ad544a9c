import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { programKeys } from '../programs/program-queries';
import type { Closure, CreateClosure } from './closure-form';

/** The closure days themselves are read with the programs' queries (the calendar shows them too). */
export { useClosures } from '../programs/program-queries';

/** After a closure came or went: the closure days, and every program calendar (sessions cancelled or back). */
async function refreshClosureViews(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: programKeys.closures });
  await queryClient.invalidateQueries({ queryKey: programKeys.all });
}

/** POST a closure day; `onAdded` runs before the calendars are refreshed. */
export function useAddClosure({
  onAdded,
  onError,
}: {
  onAdded: (closure: Closure) => void;
  onError: (error: Error) => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateClosure) => unwrap(await api.POST('/api/v1/closures', { body })),
    onSuccess: async (closure) => {
      onAdded(closure);
      // Sessions on that day are cancelled now: every calendar may show it.
      await refreshClosureViews(queryClient);
    },
    onError,
  });
}

/**
 * DELETE a closure day (its sessions come back). `onRemoved` runs before the refresh. With
 * `onFailed`, a failure is reported there and the list reloads (the closure may be gone already).
 */
export function useRemoveClosure({
  onRemoved,
  onFailed,
}: {
  onRemoved: (closure: Closure) => void;
  onFailed?: (error: Error, closure: Closure) => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (closure: Closure) => {
      unwrap(await api.DELETE('/api/v1/closures/{id}', { params: { path: { id: closure.id } } }));
      return closure;
    },
    onSuccess: async (closure) => {
      onRemoved(closure);
      await refreshClosureViews(queryClient);
    },
    onError: async (error, closure) => {
      if (!onFailed) return;
      onFailed(error, closure);
      await queryClient.invalidateQueries({ queryKey: programKeys.closures });
    },
  });
}
