import { ConflictError } from '../common/errors/domain-error';
import type { VocabularyKindName } from './vocabulary.events';

/** 409: the term is still used; `by` says by what, and the extension carries the count (`{ organizations: 3 }`). */
export class VocabularyTermInUseError extends ConflictError {
  constructor(kind: VocabularyKindName, count: number, by: 'organization' | 'program') {
    super(
      `${kind.toUpperCase()}_IN_USE`,
      `This ${kind} is used by ${count} ${by}(s); remove it from them first.`,
      by === 'organization' ? { organizations: count } : { programs: count },
    );
  }
}
