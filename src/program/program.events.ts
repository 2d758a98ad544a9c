/**
 * A schedule edit is about to delete future sessions that are no longer occurrences and hold no
 * attendance or notes. Published in the edit's transaction; a domain that keeps something about a
 * session (feedback) adds its id to `keep`, and that session stays.
 */
export class SessionsRemoving {
  readonly keep = new Set<string>();

  constructor(readonly sessionIds: readonly string[]) {}
}
