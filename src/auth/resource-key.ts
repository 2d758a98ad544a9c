import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Keys that open one read-only resource without a bearer token, for clients that cannot send
 * one (a calendar app subscribing to a feed URL). A key is HMAC-SHA256 of the resource id under
 * a sub-key derived from the auth secret with a purpose label, so a key for one purpose never
 * opens another, and no key can be turned into a session. Nothing is stored: rotating
 * AUTH_SECRET (or bumping the label's version) revokes every key of that kind at once.
 */
export type ResourceKeyPurpose =
  | 'calendar-feed:v1'
  /** A contact's one-click unsubscribe link; the resource is a delivery id. */
  | 'unsubscribe:v1'
  /** The one-time token in an invitation email, derived from the invitation id (only its hash is stored). */
  | 'invitation:v1'
  /** The link in a check-in email: opens one respondent's survey; the resource is the check-in response id. */
  | 'check-in:v1';

/** Set on the request by the JWT guard when a route's `?key=` verified (then there is no user). */
export interface ResourceKeyGrant {
  purpose: ResourceKeyPurpose;
  resourceId: string;
}

function subKey(secret: string, purpose: ResourceKeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `tandem:${purpose}`, 32));
}

/** The key (base64url, 43 characters) for `resourceId`; ids are compared lower-cased. */
export function resourceKey(secret: string, purpose: ResourceKeyPurpose, resourceId: string): string {
  return createHmac('sha256', subKey(secret, purpose)).update(resourceId.toLowerCase(), 'utf8').digest('base64url');
}

/** Whether `key` is the key for `resourceId`, compared in constant time. */
export function verifyResourceKey(secret: string, purpose: ResourceKeyPurpose, resourceId: string, key: unknown): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > 128) return false;
  const expected = Buffer.from(resourceKey(secret, purpose, resourceId), 'utf8');
  const given = Buffer.from(key, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
