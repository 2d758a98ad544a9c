import { ApiError } from '../api/problem';

/** "must be a date" → "Must be a date": the server's field messages as sentences next to the field. */
export function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The first message for each field the server named (`schedule.startTime`, `partners.0.role`, …). */
export function problemFields(error: unknown): Record<string, string> {
  const found: Record<string, string> = {};
  if (!(error instanceof ApiError)) return found;
  for (const { field, message } of error.problem.errors ?? []) found[field] ??= asSentence(message);
  return found;
}

/** The message for a field or any field under it (`partners` finds `partners.0.organizationId`). */
export function errorUnder(errors: Record<string, string>, prefix: string): string | undefined {
  const key = Object.keys(errors).find((field) => field === prefix || field.startsWith(`${prefix}.`));
  return key ? errors[key] : undefined;
}
