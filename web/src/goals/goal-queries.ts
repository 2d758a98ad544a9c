import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import type { CreateGoal, Goal, GoalListQuery, UpdateGoal } from './goal-types';

/** Every goal query starts with `goals`, so a write refreshes every list at once. */
export const goalKeys = {
  all: ['goals'] as const,
  list: (query: GoalListQuery) => ['goals', 'list', query] as const,
};

/** Goals matching the filters, with progress (current first, off track first; then future; then past). */
export function useGoals(query: GoalListQuery = {}, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: goalKeys.list(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/goals', { params: { query }, signal })).data,
    enabled,
  });
}

export async function fetchGoal(id: string): Promise<Goal> {
  return unwrap(await api.GET('/api/v1/goals/{id}', { params: { path: { id } } }));
}

export async function createGoal(body: CreateGoal): Promise<Goal> {
  return unwrap(await api.POST('/api/v1/goals', { body }));
}

export async function saveGoalChanges(id: string, body: UpdateGoal): Promise<Goal> {
  return unwrap(await api.PATCH('/api/v1/goals/{id}', { params: { path: { id } }, body }));
}

export async function deleteGoal(id: string): Promise<void> {
  unwrap(await api.DELETE('/api/v1/goals/{id}', { params: { path: { id } } }));
}

/** After a goal came, changed or went: every goal list, and the dashboard's goals. */
export function useRefreshGoalViews() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: goalKeys.all });
    await queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
  };
}
