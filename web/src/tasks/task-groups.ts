import type { components } from '../api/schema';
import { DateTime } from 'luxon';
import { dateIn, displayZone, dueDate, startOfDayAfter } from '../common/format';

export type Task = components['schemas']['TaskResponseDto'];
export type CreateTask = components['schemas']['CreateTaskDto'];

export type TaskGroupKey = 'overdue' | 'today' | 'week' | 'later' | 'done';

export interface TaskGroup {
  key: TaskGroupKey;
  label: string;
  tasks: Task[];
}

const GROUP_LABELS: Record<TaskGroupKey, string> = {
  overdue: 'Overdue',
  today: 'Due today',
  week: 'Due in the next 7 days',
  later: 'Later',
  done: 'Done',
};
/** A new follow-up is due at this hour tomorrow. */
const DEFAULT_DUE_HOUR = 9;
const ORDER: TaskGroupKey[] = ['overdue', 'today', 'week', 'later', 'done'];

/** Overdue as the API means it (src/task/task.rules.ts): still open and due before now; due exactly now is not yet. */
export function isOverdue(task: Pick<Task, 'status' | 'dueAt'>, now: Date): boolean {
  return task.status === 'open' && new Date(task.dueAt).getTime() < now.getTime();
}

/**
 * Groups by the library's calendar (the display zone, common/format.ts): "today" is the library's
 * today, and a task due by the end of a day (the API's date-only due dates) counts on that day.
 */
function groupOf(task: Task, now: Date): TaskGroupKey {
  if (task.status === 'done') return 'done';
  if (isOverdue(task, now)) return 'overdue';
  const due = dueDate(task.dueAt);
  if (due <= dateIn(now)) return 'today';
  if (due <= dateIn(startOfDayAfter(now, 7))) return 'week';
  return 'later';
}

/**
 * Tasks in the order someone should look at them: overdue first (the longest overdue at the
 * top), then due today, this week, later, and done last. Empty groups are left out. Within a
 * group, soonest due first; ties by title, so the order never jumps between reloads.
 */
export function groupTasks(tasks: readonly Task[], now: Date): TaskGroup[] {
  const byGroup = new Map<TaskGroupKey, Task[]>();
  const seen = new Set<string>();
  for (const task of tasks) {
    // A task marked done a moment ago can be both in the list and in the "just done" set.
    if (seen.has(task.id)) continue;
    seen.add(task.id);
    const key = groupOf(task, now);
    byGroup.set(key, [...(byGroup.get(key) ?? []), task]);
  }
  return ORDER.filter((key) => byGroup.has(key)).map((key) => ({
    key,
    label: GROUP_LABELS[key],
    tasks: byGroup
      .get(key)!
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.title.localeCompare(b.title)),
  }));
}

/**
 * Replaces the listed tasks by newer copies (a task just marked done or reopened here), so the
 * person still sees it where it was, with its new state, until the list is reloaded.
 */
export function withLocalChanges(tasks: readonly Task[], changed: ReadonlyMap<string, Task>): Task[] {
  const merged = tasks.map((task) => {
    const local = changed.get(task.id);
    return local && local.version >= task.version ? local : task;
  });
  for (const task of changed.values()) {
    if (!tasks.some((listed) => listed.id === task.id)) merged.push(task);
  }
  return merged;
}

/** A default due time for a new follow-up: tomorrow at 09:00, the library's time (the display zone). */
export function defaultDue(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: displayZone() })
    .plus({ days: 1 })
    .set({ hour: DEFAULT_DUE_HOUR, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
}
