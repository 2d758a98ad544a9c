import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors/domain-error';

export class UserNotFoundError extends NotFoundError {
  constructor() {
    super('USER_NOT_FOUND', 'No user has this id.');
  }
}

export class UserEmailTakenError extends ConflictError {
  constructor() {
    super('USER_EMAIL_TAKEN', 'A user with this email already exists.');
  }
}

export class LastAdminError extends RuleViolationError {
  constructor() {
    super('LAST_ADMIN', 'Tandem needs at least one active admin; promote someone else first.');
  }
}

export class UserInactiveError extends RuleViolationError {
  constructor() {
    super('USER_INACTIVE', 'This user is deactivated; reactivate them before sending an invitation.');
  }
}

export class UserAlreadyActiveError extends ConflictError {
  constructor() {
    super(
      'USER_ALREADY_ACTIVE',
      'This user has already chosen a password and can sign in; send them a password link if they forgot it.',
    );
  }
}
