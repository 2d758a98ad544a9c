import { QueryFailedError } from 'typeorm';
import { ValidationFailedError } from './errors/domain-error';

/** True when a query failed on a unique constraint (optionally a named one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (!constraint || driverError.constraint === constraint);
}

/** The constraint a foreign-key violation names, or undefined when the error is something else. */
export function foreignKeyViolation(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23503' ? driverError.constraint : undefined;
}

/**
 * Runs a write whose references were checked first: if a referenced row is deleted between the
 * check and the write, the foreign-key violation becomes a 400 naming the body field
 * (`fieldByConstraint`), not a 500. Other errors pass through.
 */
export async function guardReferences<R>(fieldByConstraint: Readonly<Record<string, string>>, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    const field = fieldByConstraint[foreignKeyViolation(error) ?? ''];
    if (field) throw new ValidationFailedError([{ field, message: 'refers to something that no longer exists' }]);
    throw error;
  }
}
