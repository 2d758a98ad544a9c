import { ConflictError, NotFoundError, ServiceUnavailableError } from '../common/errors/domain-error';

export class MatchNotFoundError extends NotFoundError {
  constructor() {
    super('MATCH_NOT_FOUND', 'No current suggestion has this id.');
  }
}

/** Introduced already (by this person or a colleague): one follow-up task per introduction. */
export class MatchAlreadyIntroducedError extends ConflictError {
  constructor(taskId: string | null) {
    super('MATCH_ALREADY_INTRODUCED', 'This introduction has already been made; restore it first to make it again.', {
      taskId,
    });
  }
}

/** The ranking thread failed twice in a row (it is restarted; the next request may well succeed). */
export class MatchingUnavailableError extends ServiceUnavailableError {
  constructor() {
    super('MATCHING_UNAVAILABLE', 'Suggestions could not be ranked just now; try again in a moment.');
  }
}
