import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error';

export class OrganizationNotFoundError extends NotFoundError {
  constructor() {
    super('ORGANIZATION_NOT_FOUND', 'No organization has this id.');
  }
}

export class OrganizationNameTakenError extends ConflictError {
  constructor() {
    super('ORGANIZATION_NAME_TAKEN', 'An organization with this name already exists (names ignore case).');
  }
}

export class UnknownOwnerError extends ValidationFailedError {
  constructor() {
    super([{ field: 'ownerId', message: 'is not an active user' }]);
  }
}
