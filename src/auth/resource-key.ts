import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Keys that open one resource without a bearer token, for clients that cannot send one (a
 * calendar app subscribing to a feed URL, a link in an email). A key is HMAC-SHA256 of the
 * resource id under a sub-key derived from the auth secret with a purpose label, so a key for
 * one purpose never opens another, and no key can be turned into a session. The key itself is
 * never stored: rotating AUTH_SECRET (or bumping the label's version) revokes every key of that
 * kind at once; one key is revoked by deleting (or re-keying) the row its resource id names.
 */
export type ResourceKeyPurpose =
  /** A user's calendar subscription link to one program; the resource is a `calendar_links` row id. */
  | 'calendar-link:v1'
  /** A partner contact's unsubscribe link; the resource is the contact id. */
  | 'unsubscribe:v1'
  /** The one-time token in an invitation email, derived from the invitation id (only its hash is stored). */
  | 'invitation:v1'
  /** The link in a check-in email: opens one respondent's survey; the resource is the check-in response id. */
  | 'check-in:v1';

/**
 * Set on the request by the JWT guard when a route's `?key=` token verified (then there is no
 * user): the resource id the token names. The route still checks that the resource exists and
 * may open what is asked for.
 */
export interface ResourceKeyGrant {
  purpose: ResourceKeyPurpose;
  resourceId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function subKey(secret: string, purpose: ResourceKeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `tandem:${purpose}`, 32));
}

/** The key (base64url, 43 characters) for `resourceId`; ids are compared lower-cased. */
export function resourceKey(secret: string, purpose: ResourceKeyPurpose, resourceId: string): string {
  return createHmac('sha256', subKey(secret, purpose)).update(resourceId.toLowerCase(), 'utf8').digest('base64url');
}

/** Whether `key` is the key for `resourceId`, compared in constant time. */
export function verifyResourceKey(
  secret: string,
  purpose: ResourceKeyPurpose,
  resourceId: string,
  key: unknown,
): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > 128) return false;
  const expected = Buffer.from(resourceKey(secret, purpose, resourceId), 'utf8');
  const given = Buffer.from(key, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A token that names its resource: `<uuid>.<key>` (80 characters). */
export function resourceToken(secret: string, purpose: ResourceKeyPurpose, resourceId: string): string {
  return `${resourceId.toLowerCase()}.${resourceKey(secret, purpose, resourceId)}`;
}

/** The (lower-cased) resource id a `resourceToken` names, or null when it is not a valid token of this purpose. */
export function resourceIdOfToken(secret: string, purpose: ResourceKeyPurpose, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [resourceId, key, ...rest] = token.split('.');
  if (rest.length > 0 || !resourceId || !UUID.test(resourceId)) return null;
  return verifyResourceKey(secret, purpose, resourceId, key) ? resourceId.toLowerCase() : null;
}
