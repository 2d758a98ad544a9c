import { ApiError } from '../api/problem';

/**
 * The API's validation errors (`errors: [{field, message}]`, e.g. `contactIds.2`) on the form's
 * own fields; errors about other fields are left for the form's general message.
 */
export function fieldErrorsFrom<F extends string>(error: unknown, fields: readonly F[]): Partial<Record<F, string>> {
  const found: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError)) return found;
  for (const { field, message } of error.problem.errors ?? []) {
    const key = field.split('.')[0] as F;
    if (fields.includes(key)) found[key] ??= message.charAt(0).toUpperCase() + message.slice(1);
  }
  return found;
}
