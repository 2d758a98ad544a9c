import { DomainError, NotFoundError } from '../common/errors/domain-error';

export class SetupAlreadyDoneError extends DomainError {
  constructor() {
    super('conflict', 'SETUP_ALREADY_DONE', 'Tandem is already set up; sign in, or ask an admin for an invitation.');
  }
}

export class WeakPasswordError extends DomainError {
  constructor(field: string, reason: string) {
    super('bad-request', 'WEAK_PASSWORD', `The ${field} ${reason}.`, {
      errors: [{ field, message: reason }],
    });
  }
}

/**
 * A `?key=` link (a calendar subscription) that does not open anything: forged, incomplete,
 * replaced by a newer one, or its owner no longer has access. One answer for all, so links
 * cannot be probed.
 */
export class LinkNotFoundError extends NotFoundError {
  constructor() {
    super(
      'LINK_NOT_FOUND',
      'This link does not work (any more): a newer one may have replaced it, or the person it belongs to no longer has access. Copy the current link from Tandem.',
    );
  }
}
