import { minutesToWait } from '../common/public/public-page';
import { NotFoundError, TooManyRequestsError, ValidationFailedError } from '../common/errors/domain-error';

export class FeedbackNotFoundError extends NotFoundError {
  constructor() {
    super('FEEDBACK_NOT_FOUND', 'No feedback has this id.');
  }
}

export class FeedbackLinkNotFoundError extends NotFoundError {
  constructor() {
    super('FEEDBACK_LINK_NOT_FOUND', 'This feedback link does not exist or was turned off.');
  }
}

/** A referenced organization, program or session that does not exist: 400 naming the field. */
export class UnknownFeedbackReferenceError extends ValidationFailedError {
  constructor(field: 'organizationId' | 'programId' | 'sessionId') {
    const what = { organizationId: 'organization', programId: 'program', sessionId: 'program session' }[field];
    super([{ field, message: `is not a known ${what}` }]);
  }
}

export class SessionNotInProgramError extends ValidationFailedError {
  constructor() {
    super([{ field: 'sessionId', message: 'is a session of another program than programId' }]);
  }
}

/** Too many anonymous submissions from one address or through one link: 429 with Retry-After. */
export class TooManyFeedbackSubmissionsError extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(
      'TOO_MANY_FEEDBACK_SUBMISSIONS',
      `A lot of feedback was sent from this network or through this link just now, so this one was not saved. Please try again in ${minutesToWait(retryAfterSeconds)}.`,
      retryAfterSeconds,
    );
  }
}
