import { DomainError } from '@tandem/shared';

/**
 * The errors services throw. DomainError, its kinds and ValidationFailedError live in
 * @tandem/shared (the web app throws and reads them too, in its schedule preview); the rest are
 * the server's alone.
 */
export { DomainError, ValidationFailedError } from '@tandem/shared';
export type { ErrorKind, FieldError } from '@tandem/shared';

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
