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

/** Gaps the editor can name better than the rule check ("choose a day" rather than a malformed RRULE). */
function missingParts(values: ScheduleFormValues): ScheduleErrors {
  const errors: ScheduleErrors = {};
  if ((values.frequency === 'weekly' || values.frequency === 'biweekly') && values.days.length === 0)
    errors.days = 'Choose at least one day';
  if (values.frequency === 'custom' && !values.customRrule.trim())
    errors.customRrule = 'Enter a rule such as FREQ=MONTHLY;BYMONTHDAY=15';
  if (!values.startDate) errors.startDate = 'Choose the first day';
  if (!values.startTime) errors.startTime = 'Enter the start time';
  if (values.durationMinutes === '') errors.durationMinutes = 'Enter how long each session lasts';
  if (values.end === 'date' && !values.endDate) errors.endDate = 'Choose the last day';
  if (values.end === 'count' && values.count === '') errors.count = 'Enter how many sessions';
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
