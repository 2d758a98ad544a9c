import { ConflictError, NotFoundError } from '../common/errors/domain-error';

export class GoalNotFoundError extends NotFoundError {
  constructor() {
    super('GOAL_NOT_FOUND', 'No goal has this id.');
  }
}

/** 409 on deleting an audience goals count in, as organizations and programs answer (`{ goals: n }`). */
export class AudienceUsedByGoalsError extends ConflictError {
  constructor(count: number) {
    super('AUDIENCE_IN_USE', `This audience is counted by ${count} goal(s); change or delete them first.`, {
      goals: count,
    });
  }
}
