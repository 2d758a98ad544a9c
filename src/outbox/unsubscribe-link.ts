import { resourceKey, verifyResourceKey } from '../auth/resource-key';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The token in a contact's unsubscribe link: the contact's id and its key (HMAC under a sub-key
 * of AUTH_SECRET). It keeps working after the email that carried it is gone, names no person,
 * and opens nothing else.
 */
export function unsubscribeToken(secret: string, contactId: string): string {
  return `${contactId}.${resourceKey(secret, 'unsubscribe:v1', contactId)}`;
}

/** The contact id a token was made for, or null when it is not a valid token. */
export function contactIdOfUnsubscribeToken(secret: string, token: string): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [contactId, key, ...rest] = token.split('.');
  if (rest.length > 0 || !contactId || !UUID.test(contactId)) return null;
  return verifyResourceKey(secret, 'unsubscribe:v1', contactId, key) ? contactId.toLowerCase() : null;
}

/** The one-click unsubscribe page of a contact (`GET`/`POST /unsubscribe/<token>`). */
export function unsubscribeUrl(publicUrl: string, secret: string, contactId: string): string {
  return `${publicUrl}/unsubscribe/${unsubscribeToken(secret, contactId)}`;
}
