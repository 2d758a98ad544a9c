import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import { outreachKeys, type FeedbackListQuery } from '../visits/outreach-data';
import type { UpdateFeedback } from './feedback-form';
import type { CreateFeedback, Feedback } from './feedback-search';

/**
 * Reads and writes of feedback, for the inbox and the partner page. The keys are `outreachKeys`
 * (shared with visits and tasks), so a write refreshes every list of feedback.
 */

/** One page of feedback. `keepPrevious` keeps the last page in view while the next one loads. */
export function useFeedbackList(query: FeedbackListQuery, { keepPrevious = false } = {}) {
  return useQuery({
    queryKey: outreachKeys.feedbackList(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/feedback', { params: { query }, signal })),
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}

/** After feedback changed or went: the inbox and every feedback list, and the partners' pages. */
async function refreshFeedbackViews(
  queryClient: QueryClient,
  organizationIds: readonly (string | null)[],
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: outreachKeys.feedback }),
    ...[...new Set(organizationIds)]
      .filter((id): id is string => !!id)
      .map((id) => queryClient.invalidateQueries({ queryKey: queryKeys.organization(id) })),
  ]);
}

/** refreshFeedbackViews for a component: call it with the partners whose feedback changed (none: only the lists). */
export function useRefreshFeedbackViews() {
  const queryClient = useQueryClient();
  return (organizationIds: readonly (string | null)[] = []) => refreshFeedbackViews(queryClient, organizationIds);
}

/** POST feedback given in person or by phone; `onRecorded` runs before the lists are refreshed. */
export function useRecordFeedback({
  onRecorded,
  onError,
}: {
  onRecorded: (feedback: Feedback) => void;
  onError: (error: Error) => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateFeedback) => unwrap(await api.POST('/api/v1/feedback', { body })),
    onSuccess: async (feedback) => {
      onRecorded(feedback);
      await refreshFeedbackViews(queryClient, [feedback.organizationId]);
    },
    onError,
  });
}

/**
 * Records (or clears, with null) what the team did about a piece of feedback, with the version
 * read. A 409 (someone changed it meanwhile) reloads the lists, so their version shows.
 */
export function useSaveActionTaken(feedback: Feedback, { onSaved }: { onSaved: (updated: Feedback) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (actionTaken: string | null) =>
      unwrap(
        await api.PATCH('/api/v1/feedback/{id}', {
          params: { path: { id: feedback.id } },
          body: { actionTaken, version: feedback.version },
        }),
      ),
    onSuccess: async (updated) => {
      onSaved(updated);
      await queryClient.invalidateQueries({ queryKey: outreachKeys.feedback });
      if (updated.organizationId)
        await queryClient.invalidateQueries({ queryKey: queryKeys.timeline(updated.organizationId) });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: outreachKeys.feedback });
    },
  });
}

/** PATCH feedback with the version read (see useVersionedEdit). */
export async function saveFeedbackChanges(id: string, body: UpdateFeedback): Promise<Feedback> {
  return unwrap(await api.PATCH('/api/v1/feedback/{id}', { params: { path: { id } }, body }));
}

/** The feedback as it is now (after a colleague's save). */
export async function fetchFeedback(id: string): Promise<Feedback> {
  return unwrap(await api.GET('/api/v1/feedback/{id}', { params: { path: { id } } }));
}

/** DELETE feedback (ConfirmDeleteModal treats one already gone as deleted). */
export async function deleteFeedback(id: string): Promise<void> {
  unwrap(await api.DELETE('/api/v1/feedback/{id}', { params: { path: { id } } }));
}
