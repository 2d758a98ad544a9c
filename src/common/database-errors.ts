import { QueryFailedError } from 'typeorm';
import { DomainError, ValidationFailedError } from './errors/domain-error';
import { isError } from './logging/safe-error';

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
export async function guardReferences<R>(
  fieldByConstraint: Readonly<Record<string, string>>,
  work: () => Promise<R>,
): Promise<R> {
  try {
    return await work();
  } catch (error) {
    const field = fieldByConstraint[foreignKeyViolation(error) ?? ''];
    if (field) throw new ValidationFailedError([{ field, message: 'refers to something that no longer exists' }]);
    throw error;
  }
}

/** How long clients are asked to wait (Retry-After, seconds) while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 10;

/** The database cannot be reached: 503 with Retry-After, whatever the route (never 401 or 500). */
export class DatabaseUnavailableError extends DomainError {
  constructor() {
    super(
      'unavailable',
      'DATABASE_UNAVAILABLE',
      "Tandem can't reach its database right now; try again in a moment.",
      {},
      {
        'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS),
      },
    );
  }
}

/**
 * SQLSTATEs of a server that is not there for us right now: connection exceptions (class 08),
 * administrator/crash shutdown and "cannot connect now" (57P01–57P03), too many connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** Node's codes for a network path that does not work. */
const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
/** pg and pg-pool say these in words only; TypeORM when its pool is gone. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // unexpectedly, or due to connection timeout
  /^timeout exceeded when trying to connect$/,
  /is not queryable$/,
  /is not currently accepting connections$/, // 55000, ALTER DATABASE … ALLOW_CONNECTIONS false
  /^the database system is (starting up|shutting down|in recovery mode)$/,
  /^Driver not Connected$/,
];
const UNAVAILABLE_TYPES = new Set(['CannotExecuteNotConnectedError', 'ConnectionIsNotSetError']);

/**
 * True when an error means the database is unreachable (refused, terminated, shut down, pool
 * timeout), as opposed to a statement that failed. Looks through TypeORM's wrapper
 * (`driverError`), `cause` and AggregateError's `errors` (one connection attempt per address).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!isError(error) || depth > 3) return false;
  const code = typeof error.code === 'string' ? error.code : '';
  if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSTEM_CODES.has(code)) return true;
  if (UNAVAILABLE_TYPES.has(error.constructor?.name ?? '')) return true;
  if (typeof error.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message)))
    return true;
  const inner = [error.driverError, error.cause, ...(Array.isArray(error.errors) ? (error.errors as unknown[]) : [])];
  return inner.some((next) => next !== error && isDatabaseUnavailable(next, depth + 1));
}
