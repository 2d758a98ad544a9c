import { DateTime } from 'luxon';
import {
  MAX_OFFSET_MINUTES,
  partsToOffset,
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
  amount: number | '';
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
  if (values.amount === '') return null;
  const offsetMinutes = partsToOffset({ amount: values.amount, unit: values.unit, direction: values.direction });
  if (values.kind === 'task-due')
    return values.taskId ? { type: 'task-due', taskId: values.taskId, offsetMinutes } : null;
  return values.programId ? { type: 'session', programId: values.programId, offsetMinutes } : null;
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
    if (values.amount === '' || !Number.isInteger(values.amount) || values.amount < 0)
      errors.amount = 'Enter how long before or after, in whole numbers';
    else if (
      Math.abs(partsToOffset({ amount: values.amount, unit: values.unit, direction: values.direction })) >
      MAX_OFFSET_MINUTES
    )
      errors.amount = 'At most 30 days before or after';
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
