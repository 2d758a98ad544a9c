import {
  ConflictError,
  DomainError,
  ForbiddenError,
  RuleViolationError,
  UnauthorizedError,
} from '../../common/errors/domain-error';

/** Login: the password was right, and the account has two-factor on; send `otp` too. */
export class MfaRequiredError extends UnauthorizedError {
  constructor() {
    super(
      'MFA_REQUIRED',
      'Two-factor sign-in is on for this account: send the code from your authenticator app (or a recovery code) as `otp`.',
    );
  }
}

/** Login: the `otp` is not a current code nor an unused recovery code (or was already used). */
export class MfaInvalidError extends UnauthorizedError {
  constructor() {
    super(
      'MFA_INVALID',
      'That code is wrong, expired or already used. Enter the current code from your authenticator app, or an unused recovery code.',
    );
  }
}

/** A wrong code or password on a two-factor route of a signed-in user: 400 naming the field (not 401, which would end the session). */
export class MfaFieldError extends DomainError {
  constructor(code: 'MFA_INVALID' | 'WRONG_PASSWORD', field: string, message: string) {
    super('bad-request', code, message, { errors: [{ field, message }] });
  }
}

export class MfaAlreadyEnabledError extends ConflictError {
  constructor() {
    super(
      'MFA_ALREADY_ENABLED',
      'Two-factor sign-in is already on. Turn it off first to set up another authenticator.',
    );
  }
}

export class MfaNotEnabledError extends ConflictError {
  constructor() {
    super('MFA_NOT_ENABLED', 'Two-factor sign-in is not on for this account.');
  }
}

export class MfaSetupNotStartedError extends RuleViolationError {
  constructor() {
    super(
      'MFA_SETUP_NOT_STARTED',
      'Start the setup first (POST /auth/mfa/setup), add the secret to your authenticator app, then confirm with a code.',
    );
  }
}

/** An admin resetting their own two-factor: that is a change of their own factor, which takes password and code. */
export class MfaResetSelfError extends RuleViolationError {
  constructor() {
    super(
      'MFA_RESET_SELF',
      'You cannot reset your own two-factor sign-in; turn it off from Your account with your password and a code.',
    );
  }
}

/** Requiring two-factor for one's own role while not having it on would lock one out of everything but setup. */
export class MfaSetupFirstError extends RuleViolationError {
  constructor() {
    super(
      'MFA_SETUP_FIRST',
      'Turn on two-factor sign-in for your own account first (Your account), then require it for your role.',
    );
  }
}

/** A role that must use two-factor, signed in without it: only setting it up (and signing out) is open. */
export class MfaSetupRequiredError extends ForbiddenError {
  constructor() {
    super(
      'MFA_SETUP_REQUIRED',
      'An admin requires two-factor sign-in for your role: set it up first (Your account → Two-factor sign-in).',
    );
  }
}
