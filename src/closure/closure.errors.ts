import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error';

export class ClosureNotFoundError extends NotFoundError {
  constructor() {
    super('CLOSURE_NOT_FOUND', 'No closure has this id.');
  }
}

export class ClosureDateTakenError extends ConflictError {
  constructor() {
    super('CLOSURE_DATE_TAKEN', 'There is already a closure on this date.');
  }
}

export class ClosureDateError extends ValidationFailedError {
  constructor(field: string) {
    super([{ field, message: 'must be a real date YYYY-MM-DD' }]);
  }
}
