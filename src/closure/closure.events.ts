/**
 * A library closure day was added (published in its transaction, after the insert): the sessions
 * on that date that were not held are cancelled by it (program/).
 */
export class ClosureAdded {
  constructor(
    readonly closureId: string,
    /** YYYY-MM-DD, the library's calendar date. */
    readonly date: string,
  ) {}
}

/** A closure is being removed (published in its transaction, before the delete): its sessions are back. */
export class ClosureRemoved {
  constructor(readonly closureId: string) {}
}
