/**
 * Errors services throw. They carry a stable machine `code` and a human message; only the
 * global ProblemDetailsFilter turns them into HTTP status codes (services never import
 * HttpException).
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

export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super('not-found', code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, extensions: Record<string, unknown> = {}) {
    super('conflict', code, message, extensions);
  }
}

/** What was there is no longer open to the request (a closed survey): 410. */
export class GoneError extends DomainError {
  constructor(code: string, message: string) {
    super('gone', code, message);
  }
}

export class RuleViolationError extends DomainError {
  constructor(code: string, message: string) {
    super('rule-violated', code, message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(code: string, message: string) {
    super('unauthorized', code, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: string, message: string) {
    super('forbidden', code, message);
  }
}

export class BadRequestError extends DomainError {
  constructor(code: string, message: string) {
    super('bad-request', code, message);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(code: string, message: string) {
    super('unavailable', code, message);
  }
}

/** Too many requests from one client or to one thing: 429 with Retry-After (whole seconds, at least 1). */
export class TooManyRequestsError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(
      'too-many-requests',
      code,
      message,
      { retryAfter: retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

/** A stale `version` on an update: 409 carrying the version the client should reload. */
export class StaleVersionError extends ConflictError {
  constructor(entity: string, currentVersion: number) {
    super(
      'STALE_VERSION',
      `This ${entity} was changed by someone else (current version ${currentVersion}); reload it and apply your change again.`,
      { currentVersion },
    );
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
