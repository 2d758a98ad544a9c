import { NotFoundError } from '../common/errors/domain-error';

export class VisitNotFoundError extends NotFoundError {
  constructor() {
    super('VISIT_NOT_FOUND', 'No visit has this id.');
  }
}
