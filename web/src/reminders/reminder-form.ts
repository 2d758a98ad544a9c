import { DateTime } from 'luxon';
import { parseCount, wholeNumberProblem } from '../forms/count';
import {
  MAX_OFFSET_MINUTES,
  partsToOffset,
  UNIT_MINUTES,
  type CreateReminder,
  type OffsetDirection,
  type OffsetUnit,
} from './reminder-text';

export type ReminderKind = 'once' | 'task-due' | 'session';

export const KIND_LABELS: Record<ReminderKind, string> = {
  once: 'Once, at a date and time',
  'task-due': 'Before a task is due',
  session: 'Before each session of a program',
};

/** A reminder as its form holds it; `at` is a local date-time ("2026-12-08T09:30") in the person's zone. */
export interface ReminderFormValues {
  kind: ReminderKind;
  programId: string | null;
  taskId: string | null;
  at: string;
  /** How long before or after, as typed ("4"); validateReminderForm says what is wrong with it. */
  amount: string;
  unit: OffsetUnit;
  direction: OffsetDirection;
  title: string;
  message: string;
  recipientIds: string[];
  recipientContactIds: string[];
  /** One-off reminders: the partner whose contacts may be emailed. */
  contactOrganizationId: string | null;
  active: boolean;
}

/** An ISO instant as the value of a datetime-local input in `zone`. */
export function toLocalInput(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A datetime-local input's value in `zone` as an ISO instant; null when it is not a date-time. */
export function fromLocalInput(value: string, zone: string): string | null {
  if (!value) return null;
  const local = DateTime.fromISO(value, { zone });
  return local.isValid ? local.toUTC().toISO({ suppressMilliseconds: true }) : null;
}

/** The trigger the form describes; null while it is incomplete. */
export function triggerOf(values: ReminderFormValues, zone: string): CreateReminder['trigger'] | null {
  if (values.kind === 'once') {
    const at = fromLocalInput(values.at, zone);
    return at ? { type: 'once', at } : null;
  }
  if (values.amount.trim() === '' || amountProblem(values)) return null;
  const offsetMinutes = partsToOffset({
    amount: parseCount(values.amount),
    unit: values.unit,
    direction: values.direction,
  });
  if (values.kind === 'task-due')
    return values.taskId ? { type: 'task-due', taskId: values.taskId, offsetMinutes } : null;
  return values.programId ? { type: 'session', programId: values.programId, offsetMinutes } : null;
}

/**
 * What is wrong with "How long" as typed: a whole number from 0 to 30 days in the chosen unit.
 * "-1", "1.5" or "99999" are refused in words, never changed.
 */
function amountProblem(values: ReminderFormValues): string | null {
  if (values.amount.trim() === '') return 'Enter how long before or after';
  return wholeNumberProblem(values.amount, {
    min: 0,
    max: Math.floor(MAX_OFFSET_MINUTES / UNIT_MINUTES[values.unit]),
    what: 'How long',
    unit: values.unit,
  });
}

/** Checks made before sending (the server checks again); messages by form field. */
export function validateReminderForm(values: ReminderFormValues, zone: string, now: Date): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.title.trim()) errors.title = 'Enter a title (it is the email’s subject)';
  if (values.kind === 'once') {
    const at = fromLocalInput(values.at, zone);
    if (!at) errors.at = 'Enter the date and time to send it';
    else if (Date.parse(at) < now.getTime() - 60_000) errors.at = 'Pick a time that has not passed yet';
  } else {
    if (values.kind === 'task-due' && !values.taskId) errors.taskId = 'Choose the task';
    if (values.kind === 'session' && !values.programId) errors.programId = 'Choose the program';
    const problem = amountProblem(values);
    if (problem) errors.amount = problem;
  }
  if (values.recipientIds.length + values.recipientContactIds.length === 0)
    errors.recipientIds = 'Choose at least one person to email';
  return errors;
}

/** API field errors → the form's fields. */
export const REMINDER_FIELD_PATHS: Record<string, string> = {
  'trigger.at': 'at',
  'trigger.offsetMinutes': 'amount',
  'trigger.programId': 'programId',
  'trigger.taskId': 'taskId',
  trigger: 'amount',
};
