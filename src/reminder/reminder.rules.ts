import type { FieldError } from '../common/errors/domain-error';
import type { ReminderTriggerDto } from './dto/reminder.dto';
import { ReminderTriggerType } from './reminder.entity';

/** The trigger as stored: the fields of its type set, the others null. */
export interface TriggerColumns {
  triggerType: ReminderTriggerType;
  programId: string | null;
  taskId: string | null;
  offsetMinutes: number | null;
  at: Date | null;
}

type TriggerField = 'programId' | 'taskId' | 'offsetMinutes' | 'at';
const TRIGGER_FIELDS: readonly TriggerField[] = ['programId', 'taskId', 'offsetMinutes', 'at'];

/** The fields each trigger type needs; every other trigger field must be left out. */
export const TRIGGER_FIELDS_OF: Readonly<Record<ReminderTriggerType, readonly TriggerField[]>> = {
  [ReminderTriggerType.Session]: ['programId', 'offsetMinutes'],
  [ReminderTriggerType.Once]: ['at'],
  [ReminderTriggerType.TaskDue]: ['taskId', 'offsetMinutes'],
};

/** How far in the past a new `once` time may be: a minute, for clocks and slow forms. */
export const AT_PAST_TOLERANCE_MS = 60_000;
/** A reminder further ahead than this is a typo (a year of 2206). */
export const AT_MAX_YEARS_AHEAD = 5;

/**
 * The trigger as columns, or the field errors that keep it from being one: a field its type
 * needs that is missing, or a field of another type that is given (null counts as left out).
 */
export function triggerColumns(trigger: ReminderTriggerDto): { columns: TriggerColumns; errors: FieldError[] } {
  const wanted = TRIGGER_FIELDS_OF[trigger.type];
  const errors: FieldError[] = [];
  for (const field of TRIGGER_FIELDS) {
    const given = trigger[field] !== undefined && trigger[field] !== null;
    if (wanted.includes(field) && !given)
      errors.push({ field: `trigger.${field}`, message: `is required for a ${trigger.type} trigger` });
    if (!wanted.includes(field) && given)
      errors.push({ field: `trigger.${field}`, message: `is not a field of a ${trigger.type} trigger; leave it out` });
  }
  const pick = <T>(field: TriggerField, value: T | null | undefined): T | null =>
    wanted.includes(field) ? (value ?? null) : null;
  const at = pick('at', trigger.at);
  return {
    columns: {
      triggerType: trigger.type,
      programId: pick('programId', trigger.programId),
      taskId: pick('taskId', trigger.taskId),
      offsetMinutes: pick('offsetMinutes', trigger.offsetMinutes),
      at: at === null ? null : new Date(at),
    },
    errors,
  };
}

/** Why a `once` time cannot be set now, or null when it can. */
export function atProblem(at: Date, now: Date): string | null {
  if (at.getTime() < now.getTime() - AT_PAST_TOLERANCE_MS) return 'must not be in the past';
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + AT_MAX_YEARS_AHEAD);
  if (at.getTime() > latest.getTime()) return `must not be more than ${AT_MAX_YEARS_AHEAD} years ahead`;
  return null;
}

/** True when the stored trigger and the new one fire at a different fixed time (so `at` must be checked again). */
export function atChanged(before: TriggerColumns | null, after: TriggerColumns): boolean {
  if (after.triggerType !== ReminderTriggerType.Once || !after.at) return false;
  return before?.triggerType !== ReminderTriggerType.Once || before.at?.getTime() !== after.at.getTime();
}
