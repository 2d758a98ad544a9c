import { NotFoundError } from '../common/errors/domain-error';

export class MatchNotFoundError extends NotFoundError {
  constructor() {
    super('MATCH_NOT_FOUND', 'No current suggestion has this id.');
  }
}
