/** The two vocabularies' terms, as events and errors name them. */
export type VocabularyKindName = 'audience' | 'capability';

/**
 * A vocabulary term is being deleted. Published in the deleting transaction; the domains that
 * keep term ids in arrays (no foreign key reaches into an array) refuse it while the term is
 * used, by throwing VocabularyTermInUseError.
 */
export class VocabularyTermRemoved {
  constructor(
    readonly kind: VocabularyKindName,
    readonly id: string,
  ) {}
}
