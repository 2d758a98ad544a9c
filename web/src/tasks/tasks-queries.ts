import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/problem';
import { queryKeys } from '../api/queries';
import { outreachKeys, type TaskListQuery } from '../visits/outreach-data';
import type { UpdateTask } from './task-form';
import type { CreateTask, Task } from './task-groups';

/**
 * Reads and writes of follow-ups (tasks), for the Tasks screen and the partner page. The keys are
 * `outreachKeys` (shared with visits and feedback), so a write refreshes every list of tasks.
 */

/** One page of tasks. `keepPrevious` keeps the last page in view while another view loads. */
export function useTasks(query: TaskListQuery, { keepPrevious = false } = {}) {
  return useQuery({
    queryKey: outreachKeys.taskList(query),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/tasks', { params: { query }, signal })),
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}

/** After a follow-up changed or went: every task list, and the partners' timelines. */
async function refreshTaskViews(queryClient: QueryClient, organizationIds: readonly (string | null)[]): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: outreachKeys.tasks }),
    ...[...new Set(organizationIds)]
      .filter((id): id is string => !!id)
      .map((id) => queryClient.invalidateQueries({ queryKey: queryKeys.timeline(id) })),
  ]);
}

/** refreshTaskViews for a component: call it with the partners whose tasks changed (none: only the lists). */
export function useRefreshTaskViews() {
  const queryClient = useQueryClient();
  return (organizationIds: readonly (string | null)[] = []) => refreshTaskViews(queryClient, organizationIds);
}

/** POST a new follow-up; `onCreated` runs before the lists are refreshed, so the dialog closes at once. */
export function useAddTask({
  onCreated,
  onError,
}: {
  onCreated: (task: Task) => void;
  onError: (error: Error) => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateTask) => unwrap(await api.POST('/api/v1/tasks', { body })),
    onSuccess: async (task) => {
      onCreated(task);
      await refreshTaskViews(queryClient, [task.organizationId]);
    },
    onError,
  });
}

/**
 * Ticks a task off, or reopens it, with the version read. `onMutate` shows the change at once and
 * returns what to go back to; `onFailed` goes back. A 409 (someone changed the task meanwhile)
 * reloads the lists, so the current version shows.
 */
export function useToggleTask<C>({
  onMutate,
  onSaved,
  onFailed,
}: {
  onMutate: (task: Task) => C;
  onSaved: (task: Task) => void;
  onFailed: (task: Task, context: C | undefined) => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (task: Task) =>
      unwrap(
        await api.PATCH('/api/v1/tasks/{id}', {
          params: { path: { id: task.id } },
          body: { status: task.status === 'open' ? 'done' : 'open', version: task.version },
        }),
      ),
    onMutate,
    onSuccess: async (updated) => {
      onSaved(updated);
      await refreshTaskViews(queryClient, [updated.organizationId]);
    },
    onError: async (error, task, context) => {
      onFailed(task, context);
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: outreachKeys.tasks });
    },
  });
}

/** PATCH a follow-up with the version read (see useVersionedEdit). */
export async function saveTaskChanges(id: string, body: UpdateTask): Promise<Task> {
  return unwrap(await api.PATCH('/api/v1/tasks/{id}', { params: { path: { id } }, body }));
}

/** The follow-up as it is now (after a colleague's save). */
export async function fetchTask(id: string): Promise<Task> {
  return unwrap(await api.GET('/api/v1/tasks/{id}', { params: { path: { id } } }));
}

/** DELETE a follow-up, with any reminders set on it (ConfirmDeleteModal treats one already gone as deleted). */
export async function deleteTask(id: string): Promise<void> {
  unwrap(await api.DELETE('/api/v1/tasks/{id}', { params: { path: { id } } }));
}
