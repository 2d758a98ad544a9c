import { resourceKey, verifyResourceKey } from '../auth/resource-key';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The token in a check-in email's link: the response id and its key (HMAC under a sub-key of
 * AUTH_SECRET, purpose `check-in:v1`). It opens one respondent's survey and nothing else, names
 * no person, and is never stored: the sender derives it again when it renders the email.
 */
export function checkInToken(secret: string, responseId: string): string {
  return `${responseId.toLowerCase()}.${resourceKey(secret, 'check-in:v1', responseId)}`;
}

/** The response id a token was made for, or null when it is not a valid token. */
export function responseIdOfCheckInToken(secret: string, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [responseId, key, ...rest] = token.split('.');
  if (rest.length > 0 || !responseId || !UUID.test(responseId)) return null;
  return verifyResourceKey(secret, 'check-in:v1', responseId, key) ? responseId.toLowerCase() : null;
}
