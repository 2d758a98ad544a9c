import { NotFoundError } from '../common/errors/domain-error';

export class TaskNotFoundError extends NotFoundError {
  constructor() {
    super('TASK_NOT_FOUND', 'No task has this id.');
  }
}
