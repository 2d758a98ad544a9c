import { DomainError, NotFoundError } from '../common/errors/domain-error';

export class ReminderNotFoundError extends NotFoundError {
  constructor() {
    super('REMINDER_NOT_FOUND', 'No reminder has this id.');
  }
}

/** Too many unsubscribe posts from one address or to one contact's link: 429 with Retry-After. */
export class TooManyUnsubscribeRequestsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'too-many-requests',
      'TOO_MANY_UNSUBSCRIBE_REQUESTS',
      `Too many requests were sent from here or through this link. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      { retryAfter: retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  }
}
