import {
  ConflictError,
  GoneError,
  NotFoundError,
  RuleViolationError,
  TooManyRequestsError,
} from '../common/errors/domain-error';

export class CheckInNotFoundError extends NotFoundError {
  constructor() {
    super('CHECK_IN_NOT_FOUND', 'No check-in has this id.');
  }
}

/** An unknown, forged or malformed link token (the same answer for each, so tokens cannot be probed). */
export class CheckInLinkNotFoundError extends NotFoundError {
  constructor() {
    super(
      'CHECK_IN_LINK_NOT_FOUND',
      'This check-in link does not exist. Use the link from the email exactly as it came.',
    );
  }
}

export class CheckInAlreadyOpenError extends ConflictError {
  constructor(checkInId: string) {
    super(
      'CHECK_IN_ALREADY_OPEN',
      'This organization already has an open check-in: wait for its answers, or close it first (POST /check-ins/{id}/close).',
      {
        checkInId,
      },
    );
  }
}

export class CheckInNoRespondentError extends RuleViolationError {
  constructor() {
    super(
      'CHECK_IN_NO_RESPONDENT',
      'There is no one to ask: give the organization an owner who is an active user, or make a contact with an email address (who has not unsubscribed) its primary contact, then start the check-in again.',
    );
  }
}

export class CheckInOrganizationEndedError extends RuleViolationError {
  constructor() {
    super(
      'CHECK_IN_ORGANIZATION_ENDED',
      'This partnership has ended, so there is nothing to check in on. Change its stage first if it has resumed.',
    );
  }
}

export class CheckInAlreadyClosedError extends ConflictError {
  constructor() {
    super('CHECK_IN_ALREADY_CLOSED', 'This check-in is already closed.');
  }
}

export class CheckInAlreadyAnsweredError extends ConflictError {
  constructor() {
    super('CHECK_IN_ALREADY_ANSWERED', 'These answers were already sent; each person answers a check-in once.');
  }
}

export class CheckInClosedError extends GoneError {
  constructor() {
    super('CHECK_IN_CLOSED', 'This check-in has closed and takes no more answers. Thank you all the same.');
  }
}

/** Too many posts from one address or to one link: 429 with Retry-After. */
export class TooManyCheckInSubmissionsError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(
      'TOO_MANY_CHECK_IN_SUBMISSIONS',
      `Too many answers were sent from here or through this link. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      retryAfterSeconds,
    );
  }
}
