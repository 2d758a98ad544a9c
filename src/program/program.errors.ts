import { NotFoundError } from '../common/errors/domain-error';

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
