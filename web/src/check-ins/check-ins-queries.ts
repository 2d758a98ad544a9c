import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { CheckIn } from '../dashboard/types';

/** How often a partner's check-ins are read again while a survey email is still to go out. */
const EMAIL_POLL_MS = 5_000;

/** The latest `limit` check-ins of a partner, read again every few seconds while a survey email waits to go out. */
export function useCheckIns(organizationId: string, limit: number) {
  return useQuery({
    queryKey: queryKeys.checkIns(organizationId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/organizations/{id}/check-ins', {
          params: { path: { id: organizationId }, query: { limit } },
        }),
      ),
    // While a survey email is still to go out, look again: a failure shows without a reload.
    refetchInterval: (query) =>
      query.state.data?.data.some((checkIn) =>
        checkIn.respondents.some((respondent) => respondent.email?.status === 'scheduled'),
      )
        ? EMAIL_POLL_MS
        : false,
  });
}

/** Starts a check-in of the partner (the survey goes out); `onStarted` runs before the list reloads. */
export function useStartCheckIn(
  organizationId: string,
  { onStarted, onFailed }: { onStarted: (checkIn: CheckIn) => void; onFailed: () => void },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/organizations/{id}/check-ins', { params: { path: { id: organizationId } } })),
    onSuccess: async (checkIn) => {
      onStarted(checkIn);
      await queryClient.invalidateQueries({ queryKey: queryKeys.checkIns(organizationId) });
    },
    onError: onFailed,
  });
}

/** Closes an open check-in early (no more answers are taken). */
export function useCloseCheckIn(checkIn: Pick<CheckIn, 'id' | 'organizationId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/check-ins/{id}/close', { params: { path: { id: checkIn.id } } })),
    onSettled: async () => {
      // Closing turns each area of concern into a follow-up task: the health and timeline change too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.checkIns(checkIn.organizationId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.health(checkIn.organizationId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.timeline(checkIn.organizationId) }),
      ]);
    },
  });
}

/** POST /check-ins/rounds, shared by the button that sends it and the message that reports it. */
export function useCheckInRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/check-ins/rounds', { body: {} })),
    onSuccess: async (result) => {
      await Promise.all(
        result.started.map((entry) =>
          queryClient.invalidateQueries({ queryKey: queryKeys.checkIns(entry.organizationId) }),
        ),
      );
    },
  });
}
