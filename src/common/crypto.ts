import { createHash, randomBytes } from 'node:crypto';

/** A URL-safe random token with 256 bits of entropy. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a token: what we store instead of the token itself. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
