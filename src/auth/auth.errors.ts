import { BadRequestError, DomainError, NotFoundError, UnauthorizedError } from '../common/errors/domain-error';

export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('INVALID_CREDENTIALS', 'The email or password is wrong, or the account is inactive.');
  }
}

export class InvalidRefreshTokenError extends UnauthorizedError {
  constructor(detail = 'The session has ended; sign in again.') {
    super('INVALID_REFRESH_TOKEN', detail);
  }
}

export class RefreshTokenReusedError extends UnauthorizedError {
  constructor() {
    super(
      'REFRESH_TOKEN_REUSED',
      'This refresh token was already used, so the session was ended everywhere for safety; sign in again.',
    );
  }
}

export class TooManyLoginAttemptsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      'too-many-requests',
      'TOO_MANY_LOGIN_ATTEMPTS',
      `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      { retryAfter: retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}

export class SetupAlreadyDoneError extends DomainError {
  constructor() {
    super('conflict', 'SETUP_ALREADY_DONE', 'Tandem is already set up; sign in, or ask an admin for an invitation.');
  }
}

export class WeakPasswordError extends DomainError {
  constructor(field: string, reason: string) {
    super('bad-request', 'WEAK_PASSWORD', `The ${field} ${reason}.`, {
      errors: [{ field, message: reason }],
    });
  }
}

export class WrongCurrentPasswordError extends BadRequestError {
  constructor() {
    super('WRONG_CURRENT_PASSWORD', 'The current password is wrong.');
  }
}

export class InvalidInvitationError extends BadRequestError {
  constructor() {
    super(
      'INVITATION_INVALID',
      'This invitation link is invalid, already used or expired; ask an admin to send a new one.',
    );
  }
}

/**
 * A `?key=` link (a calendar subscription) that does not open anything: forged, incomplete,
 * replaced by a newer one, or its owner no longer has access. One answer for all, so links
 * cannot be probed.
 */
export class LinkNotFoundError extends NotFoundError {
  constructor() {
    super(
      'LINK_NOT_FOUND',
      'This link does not work (any more): a newer one may have replaced it, or the person it belongs to no longer has access. Copy the current link from Tandem.',
    );
  }
}
