import { NotFoundError, TooManyRequestsError } from '../common/errors/domain-error';

/** A forged, malformed or unknown unsubscribe link, or one of a contact since erased: 404. */
export class UnsubscribeLinkNotFoundError extends NotFoundError {
  constructor() {
    super('UNSUBSCRIBE_LINK_NOT_FOUND', 'This unsubscribe link does not exist.');
  }
}

/** Too many unsubscribe posts from one address or to one contact's link: 429 with Retry-After. */
export class TooManyUnsubscribeRequestsError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(
      'TOO_MANY_UNSUBSCRIBE_REQUESTS',
      `Too many requests were sent from here or through this link. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      retryAfterSeconds,
    );
  }
}
