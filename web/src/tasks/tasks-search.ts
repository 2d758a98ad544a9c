import type { TaskListQuery } from '../visits/outreach-data';

export type TaskView = 'mine' | 'overdue' | 'all';
export type TaskStatusView = 'open' | 'done';

/** The tasks screen's state in the URL: whose tasks, and open or done. Absent means "mine", "open". */
export interface TasksSearch {
  view?: Exclude<TaskView, 'mine'>;
  status?: Exclude<TaskStatusView, 'open'>;
}

/** The tasks one screen shows at most (the API's largest page); more are counted, not listed. */
export const TASKS_SHOWN = 100;

export function parseTasksSearch(raw: Record<string, unknown>): TasksSearch {
  const search: TasksSearch = {};
  if (raw.view === 'overdue' || raw.view === 'all') search.view = raw.view;
  if (raw.status === 'done') search.status = 'done';
  return search;
}

/**
 * The API query for a view. Only managers (who see the whole team's work) get "overdue" and
 * "all"; anyone else sees their own tasks whatever the URL says. Overdue tasks are open by
 * definition, so that view has no done half.
 */
export function toTaskQuery(search: TasksSearch, userId: string, mayViewTeam: boolean): TaskListQuery {
  const view: TaskView = mayViewTeam ? (search.view ?? 'mine') : 'mine';
  if (view === 'overdue') return { overdue: true, sort: 'dueAt', limit: TASKS_SHOWN };
  const done = search.status === 'done';
  return {
    ...(view === 'mine' ? { assigneeId: userId } : {}),
    status: done ? 'done' : 'open',
    // Open: soonest due first, so the overdue ones lead. Done: the latest first.
    sort: done ? '-dueAt' : 'dueAt',
    limit: TASKS_SHOWN,
  };
}
