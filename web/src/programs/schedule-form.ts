import { MAX_DURATION_MINUTES, MAX_RULE_COUNT, MIN_DURATION_MINUTES } from '@tandem/shared';
import { wholeNumberProblem } from '../forms/count';
import { asSentence } from './form-errors';
import { buildSchedule, type ScheduleFormValues } from './schedule-pattern';
import { previewSchedule, type PreviewOptions, type SchedulePreview } from './schedule-preview';

/** The schedule editor's fields an error can stand next to. */
export type ScheduleField =
  | 'repeats'
  | 'days'
  | 'customRrule'
  | 'startTime'
  | 'durationMinutes'
  | 'timezone'
  | 'location'
  | 'startDate'
  | 'endDate'
  | 'count';

export type ScheduleErrors = Partial<Record<ScheduleField, string>>;

/**
 * Where an API error about the schedule belongs in the editor. The rule is built by the editor
 * except in custom mode, so a rule problem stands next to what made it: the number of sessions
 * for COUNT, the pattern otherwise.
 */
export function scheduleFieldOf(apiField: string, message: string, values: ScheduleFormValues): ScheduleField | null {
  switch (apiField) {
    case 'schedule.rrule':
      if (values.frequency === 'custom') return 'customRrule';
      if (values.end === 'count' && /COUNT|more than \d+ sessions/.test(message)) return 'count';
      return values.frequency === 'monthly' ? 'repeats' : 'days';
    case 'schedule.timezone':
      return 'timezone';
    case 'schedule.startTime':
      return 'startTime';
    case 'schedule.durationMinutes':
      return 'durationMinutes';
    case 'schedule.location':
      return 'location';
    case 'startDate':
      return 'startDate';
    case 'endDate':
      return 'endDate';
    default:
      return apiField.startsWith('schedule') ? 'repeats' : null;
  }
}

/** API field errors (`{ "schedule.startTime": "Must be …" }`) placed on the editor's fields. */
export function scheduleErrorsFrom(apiErrors: Record<string, string>, values: ScheduleFormValues): ScheduleErrors {
  const errors: ScheduleErrors = {};
  for (const [field, message] of Object.entries(apiErrors)) {
    const target = scheduleFieldOf(field, message, values);
    if (target) errors[target] ??= asSentence(message);
  }
  return errors;
}

const LENGTH_RULE = { min: MIN_DURATION_MINUTES, max: MAX_DURATION_MINUTES, what: 'The length', unit: 'minutes' };
const COUNT_RULE = { min: 1, max: MAX_RULE_COUNT, what: 'The number of sessions' };

/**
 * Gaps the editor can name better than the rule check ("choose a day" rather than a malformed
 * RRULE), and numbers as typed that are not whole numbers in range: "0", "-1", "1.5" or "99999"
 * are refused in words, never rounded or clamped.
 */
function missingParts(values: ScheduleFormValues): ScheduleErrors {
  const errors: ScheduleErrors = {};
  if ((values.frequency === 'weekly' || values.frequency === 'biweekly') && values.days.length === 0)
    errors.days = 'Choose at least one day';
  if (values.frequency === 'custom' && !values.customRrule.trim())
    errors.customRrule = 'Enter a rule such as FREQ=MONTHLY;BYMONTHDAY=15';
  if (!values.startDate) errors.startDate = 'Choose the first day';
  if (!values.startTime) errors.startTime = 'Enter the start time';
  if (values.durationMinutes.trim() === '') errors.durationMinutes = 'Enter how long each session lasts';
  else {
    const problem = wholeNumberProblem(values.durationMinutes, LENGTH_RULE);
    if (problem) errors.durationMinutes = problem;
  }
  if (values.end === 'date' && !values.endDate) errors.endDate = 'Choose the last day';
  if (values.end === 'count' && values.frequency !== 'custom') {
    if (values.count.trim() === '') errors.count = 'Enter how many sessions';
    else {
      const problem = wholeNumberProblem(values.count, COUNT_RULE);
      if (problem) errors.count = problem;
    }
  }
  return errors;
}

export interface ScheduleCheck {
  /** The preview, when the schedule is valid. */
  preview: Extract<SchedulePreview, { ok: true }> | null;
  /** Problems by editor field (the server's own messages for what it would refuse). */
  errors: ScheduleErrors;
}

/** Checks the editor's values with the server's rules and previews them. */
export function checkScheduleValues(values: ScheduleFormValues, options: PreviewOptions): ScheduleCheck {
  const missing = missingParts(values);
  if (Object.keys(missing).length > 0) return { preview: null, errors: missing };
  const preview = previewSchedule(buildSchedule(values), options);
  if (preview.ok) return { preview, errors: {} };
  const apiErrors: Record<string, string> = {};
  for (const { field, message } of preview.errors) apiErrors[field] ??= message;
  return { preview: null, errors: scheduleErrorsFrom(apiErrors, values) };
}
