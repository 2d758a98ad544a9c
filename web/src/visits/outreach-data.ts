import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { operations } from '../api/schema';
import { fetchOrganization, useOrganization } from '../organization/organization-queries';

/**
 * Queries shared by the outreach screens (visits, tasks, feedback). Their keys start with the
 * resource, so a write invalidates every list of it at once (`['visits']`, `['tasks']`,
 * `['feedback']`); partner data uses the app's own keys, so it is shared with the partner page.
 */
export type VisitListQuery = NonNullable<operations['VisitController_list']['parameters']['query']>;
export type TaskListQuery = NonNullable<operations['TaskController_list']['parameters']['query']>;
export type FeedbackListQuery = NonNullable<operations['FeedbackController_list']['parameters']['query']>;

export const outreachKeys = {
  visits: ['visits'] as const,
  visitList: (query: VisitListQuery) => ['visits', 'list', query] as const,
  tasks: ['tasks'] as const,
  taskList: (query: TaskListQuery) => ['tasks', 'list', query] as const,
  feedback: ['feedback'] as const,
  feedbackList: (query: FeedbackListQuery) => ['feedback', 'list', query] as const,
  /** Programs as names for pickers and labels (not the programs screen's pages). */
  programOptions: ['programs', 'options'] as const,
};

/** One partner, under the same key as its page (so a name shown in a list is the page's). */
export { useOrganization };

/** A name for each partner id: the name, "A removed partner" once it is gone, undefined while loading. */
export function useOrganizationNames(ids: readonly (string | null | undefined)[]): Map<string, string | undefined> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: queryKeys.organization(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchOrganization(id, signal),
      staleTime: 5 * 60_000,
    })),
  });
  return new Map(
    unique.map((id, index) => {
      const result = results[index];
      if (result.data) return [id, result.data.name];
      if (result.error instanceof ApiError && result.error.status === 404) return [id, 'A removed partner'];
      return [id, undefined];
    }),
  );
}

/** Every program's id and name, for pickers and labels (the API's largest page: 100). */
export function useProgramOptions() {
  return useQuery({
    queryKey: outreachKeys.programOptions,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/programs', { params: { query: { limit: 100 } }, signal })).data.map((program) => ({
        id: program.id,
        name: program.name,
        status: program.status,
      })),
    staleTime: 5 * 60_000,
  });
}

/** The partner's contacts, under the partner page's key. */
export function useContacts(organizationId: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.contacts(organizationId ?? ''),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/contacts', {
          params: { query: { organizationId: organizationId!, limit: 100 } },
          signal,
        }),
      ).data,
    enabled: !!organizationId,
  });
}
