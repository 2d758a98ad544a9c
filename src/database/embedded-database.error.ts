/**
 * The embedded database could not start, with one line that says why and what to do next
 * (main.ts prints the message alone, without a stack).
 */
export class EmbeddedDatabaseError extends Error {
  override readonly name = 'EmbeddedDatabaseError';
}
