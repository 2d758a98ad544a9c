import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error';

export class ProgramNotFoundError extends NotFoundError {
  constructor() {
    super('PROGRAM_NOT_FOUND', 'No program has this id.');
  }
}

export class SessionNotFoundError extends NotFoundError {
  constructor() {
    super('SESSION_NOT_FOUND', 'No session has this id.');
  }
}

/** A partner that is not a known organization, or one listed twice. */
export class PartnerProblemError extends ValidationFailedError {}

/** A sessions window that is malformed, reversed or too long. */
export class SessionRangeError extends ValidationFailedError {
  constructor(field: 'from' | 'to', message: string) {
    super([{ field, message }]);
  }
}
