import type { components } from '../api/schema';
import type { Colleague } from '../api/types';
import { fromZonedInputValue, toZonedInputValue } from '../common/format';
import { defaultDue, type CreateTask, type Task } from './task-groups';

export type UpdateTask = components['schemas']['UpdateTaskDto'];

/**
 * A follow-up as its form holds it: the title as typed, the due time as a datetime-local value
 * (in the library's zone, the display zone of common/format.ts), and the visit it follows up (not a field: kept, or dropped when the
 * partner changes).
 */
export interface TaskFormValues {
  title: string;
  due: string;
  assigneeId: string | null;
  organizationId: string | null;
  programId: string | null;
  visitId: string | null;
}

/** What each field is called on the form, for messages and for a colleague's changes. */
export const TASK_FIELD_LABELS: Record<string, string> = {
  title: 'What needs doing',
  due: 'Due',
  dueAt: 'Due',
  assigneeId: 'Who does it',
  organizationId: 'Partner',
  programId: 'Program',
  visitId: 'Visit it follows up',
};

/** Where a server error about a task field goes on the form. */
export const TASK_PROBLEM_OPTIONS = { paths: { dueAt: 'due' }, labels: TASK_FIELD_LABELS };

/** The API's bounds on a due date (src/task/task.rules.ts). */
const EARLIEST_DUE_YEAR = 2000;
const MAX_YEARS_AHEAD = 5;

/** A new follow-up: due tomorrow at 09:00 library time, yours, for the partner (or visit) it is added from. */
export function newTaskValues({
  userId,
  organizationId = null,
  visitId = null,
  now = new Date(),
}: {
  userId: string;
  organizationId?: string | null;
  visitId?: string | null;
  now?: Date;
}): TaskFormValues {
  return {
    title: '',
    due: toZonedInputValue(defaultDue(now)),
    assigneeId: userId,
    organizationId,
    programId: null,
    visitId,
  };
}

export function taskFormValues(task: Task): TaskFormValues {
  return {
    title: task.title,
    due: toZonedInputValue(new Date(task.dueAt)),
    assigneeId: task.assigneeId,
    organizationId: task.organizationId,
    programId: task.programId,
    visitId: task.visitId,
  };
}

/** Checks made before sending (the server checks again). */
export function validateTaskForm(values: TaskFormValues, now = new Date()): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  if (!values.title.trim()) errors.title = 'Say what needs doing';
  const due = fromZonedInputValue(values.due);
  if (!values.due || Number.isNaN(due.getTime())) errors.due = 'Enter a date and time';
  else if (Number(values.due.slice(0, 4)) < EARLIEST_DUE_YEAR)
    errors.due = `Enter a date in ${EARLIEST_DUE_YEAR} or later`;
  else if (due.getTime() > new Date(now).setFullYear(now.getFullYear() + MAX_YEARS_AHEAD))
    errors.due = `Enter a date at most ${MAX_YEARS_AHEAD} years ahead`;
  if (!values.assigneeId) errors.assigneeId = 'Choose who does it';
  return errors;
}

/** The POST body of a new follow-up (open). Call only when validateTaskForm() found nothing. */
export function createTaskBody(values: TaskFormValues): CreateTask {
  const body: CreateTask = {
    title: values.title.trim(),
    dueAt: fromZonedInputValue(values.due).toISOString(),
    assigneeId: values.assigneeId!,
    status: 'open',
  };
  if (values.visitId) body.visitId = values.visitId;
  if (values.organizationId) body.organizationId = values.organizationId;
  if (values.programId) body.programId = values.programId;
  return body;
}

/**
 * The PATCH body without its version: only what the person changed from `base`, so a colleague's
 * change to another field is never overwritten.
 */
export function taskChanges(base: TaskFormValues, values: TaskFormValues): Omit<UpdateTask, 'version'> {
  const changes: Omit<UpdateTask, 'version'> = {};
  if (values.title.trim() !== base.title.trim() && values.title.trim()) changes.title = values.title.trim();
  if (values.due !== base.due && !Number.isNaN(fromZonedInputValue(values.due).getTime()))
    changes.dueAt = fromZonedInputValue(values.due).toISOString();
  if (values.assigneeId !== base.assigneeId && values.assigneeId) changes.assigneeId = values.assigneeId;
  if (values.organizationId !== base.organizationId) changes.organizationId = values.organizationId;
  if (values.programId !== base.programId) changes.programId = values.programId;
  if (values.visitId !== base.visitId) changes.visitId = values.visitId;
  return changes;
}

/**
 * Who a follow-up can go to: active colleagues who may work on tasks (a viewer could not tick it
 * off), you first; the current assignee stays listed whoever they are, so the field shows them.
 */
export function assigneeOptions(
  colleagues: readonly Colleague[],
  me: string,
  current: string | null,
): { value: string; label: string }[] {
  const options = colleagues
    .filter((colleague) => colleague.role !== 'viewer')
    .map((colleague) => ({
      value: colleague.id,
      label: colleague.id === me ? `${colleague.name} (you)` : colleague.name,
    }))
    .sort((a, b) => Number(b.value === me) - Number(a.value === me));
  if (current && !options.some((option) => option.value === current)) {
    const listed = colleagues.find((colleague) => colleague.id === current);
    options.push({
      value: current,
      label: listed ? `${listed.name} (can only read, so can’t tick it off)` : 'A former colleague',
    });
  }
  return options;
}
