import { BadRequestError, DomainError, UnauthorizedError } from '../common/errors/domain-error';

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
