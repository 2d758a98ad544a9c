import { ApiError, errorMessage } from '../api/problem';

/** What applyProblem needs of a `useForm` (@mantine/form) form. */
export interface ProblemTarget {
  getValues: () => object;
  setErrors: (errors: Record<string, string>) => void;
}

export interface ApplyProblemOptions {
  /** API field → form path, where the form names a field differently (`ownerId` → `owner`). */
  paths?: Record<string, string>;
  /**
   * API field names → the words the form shows for them, used where a message names another
   * field ("must not be before startDate" → "Must not be before the start date").
   */
  labels?: Record<string, string>;
}

/**
 * Whether the form has a field at `path`. An item of a list of plain values (`contactIds.0`) is
 * not a field of its own: no input shows it, its list does.
 */
function hasPath(values: object, path: string): boolean {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(key in node)) return false;
    const parent = node;
    node = (node as Record<string, unknown>)[key];
    if (Array.isArray(parent) && (typeof node !== 'object' || node === null)) return false;
  }
  return true;
}

/**
 * The form path an API field error belongs to: the field itself (`fit.notes`), else the nearest
 * enclosing field the form has (`tags.2` → `tags`, `schedule.rrule` → `schedule` when the form
 * keeps the schedule whole), or where `paths` sends it; undefined when the form has no such field.
 */
export function formPathOf(field: string, values: object, paths: Record<string, string> = {}): string | undefined {
  const segments = field.split('.');
  for (let length = segments.length; length > 0; length--) {
    const candidate = segments.slice(0, length).join('.');
    if (paths[candidate]) return paths[candidate];
    if (hasPath(values, candidate)) return candidate;
  }
  return undefined;
}

/** A validation message as a sentence for people: capitalized, other fields named in words. */
export function plainFieldMessage(message: string, labels: Record<string, string> = {}): string {
  let text = message.trim();
  for (const [field, words] of Object.entries(labels)) {
    // Only identifiers (startDate, fit.notes): a plain word such as "address" is English too.
    if (!/[A-Z.]/.test(field)) continue;
    text = text.replace(new RegExp(`\\b${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'), words);
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Puts a failed write's field errors (`errors: [{field, message}]` of a 400 problem) next to the
 * form's fields, in plain words, and returns what to say above the form: null when every error
 * found its field, else the server's own sentence (or a general one for outages). The form's
 * values stay as they were typed; Mantine clears a field's error once it changes.
 */
export function applyProblem(form: ProblemTarget, error: unknown, options: ApplyProblemOptions = {}): string | null {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return errorMessage(error);
  const values = form.getValues();
  const found: Record<string, string> = {};
  let unplaced = 0;
  for (const { field, message } of error.problem.errors) {
    const path = formPathOf(field, values, options.paths);
    if (path === undefined) unplaced++;
    else found[path] ??= plainFieldMessage(message, options.labels);
  }
  form.setErrors(found);
  if (unplaced === 0) return null;
  const others = error.problem.errors
    .filter(({ field }) => formPathOf(field, values, options.paths) === undefined)
    .map(
      ({ field, message }) =>
        `${options.labels?.[field] ?? field} ${plainFieldMessage(message, options.labels).toLowerCase()}`,
    );
  return `Not saved: ${others.join('; ')}.`;
}
