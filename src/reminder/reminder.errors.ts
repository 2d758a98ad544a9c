import { NotFoundError } from '../common/errors/domain-error';

export class ReminderNotFoundError extends NotFoundError {
  constructor() {
    super('REMINDER_NOT_FOUND', 'No reminder has this id.');
  }
}
