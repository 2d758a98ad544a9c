/**
 * The core of the errors the server's services throw (src/common/errors/domain-error.ts adds the
 * other kinds). They carry a stable machine `code` and a human message; only the server's global
 * ProblemDetailsFilter turns them into HTTP status codes (services never import HttpException).
 * The web app runs the schedule rules in the browser and reads their ValidationFailedError.
 */
export type ErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'rule-violated'
  | 'too-many-requests'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    /** Extra problem-details members, e.g. `{ currentVersion: 4 }`. */
    readonly extensions: Record<string, unknown> = {},
    /** Response headers, e.g. `{ 'Retry-After': '60' }`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldError {
  field: string;
  message: string;
}

/** Input that failed validation at the edge: 400 with the offending fields. */
export class ValidationFailedError extends DomainError {
  constructor(readonly errors: FieldError[]) {
    super(
      'bad-request',
      'VALIDATION_FAILED',
      `The request has ${errors.length === 1 ? 'an invalid field' : `${errors.length} invalid fields`}: ${errors
        .slice(0, 5)
        .map((e) => e.field)
        .join(', ')}${errors.length > 5 ? ', …' : ''}.`,
      { errors },
    );
  }
}
