import { resourceIdOfToken, resourceKey, resourceToken, verifyResourceKey } from './resource-key';

const SECRET = 'a test secret that is long enough for hmac';
const ID = '0b6f2d4e-9a51-4c1e-8f7a-3d2c1b0a9e8f';

describe('resourceKey', () => {
  it('is a 43-character base64url string, the same every time for the same id', () => {
    const key = resourceKey(SECRET, 'calendar-link:v1', ID);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(resourceKey(SECRET, 'calendar-link:v1', ID)).toBe(key);
  });

  it('differs per id and per secret', () => {
    const key = resourceKey(SECRET, 'calendar-link:v1', ID);
    expect(resourceKey(SECRET, 'calendar-link:v1', ID.replace('0b6f', '0b70'))).not.toBe(key);
    expect(resourceKey(`${SECRET}!`, 'calendar-link:v1', ID)).not.toBe(key);
  });

  it('is not the plain HMAC of the id under the secret (a purpose-derived sub-key is used)', async () => {
    const { createHmac } = await import('node:crypto');
    expect(resourceKey(SECRET, 'calendar-link:v1', ID)).not.toBe(
      createHmac('sha256', SECRET).update(ID).digest('base64url'),
    );
  });
});

describe('verifyResourceKey', () => {
  const key = resourceKey(SECRET, 'calendar-link:v1', ID);

  it('accepts the key for the id, whatever the id’s case', () => {
    expect(verifyResourceKey(SECRET, 'calendar-link:v1', ID, key)).toBe(true);
    expect(verifyResourceKey(SECRET, 'calendar-link:v1', ID.toUpperCase(), key)).toBe(true);
  });

  it('refuses another id’s key, a changed key, a truncated key and non-strings', () => {
    expect(verifyResourceKey(SECRET, 'calendar-link:v1', ID.replace('0b6f', '0b70'), key)).toBe(false);
    expect(
      verifyResourceKey(SECRET, 'calendar-link:v1', ID, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`),
    ).toBe(false);
    expect(verifyResourceKey(SECRET, 'calendar-link:v1', ID, key.slice(0, -1))).toBe(false);
    expect(verifyResourceKey(SECRET, 'calendar-link:v1', ID, '')).toBe(false);
    expect(verifyResourceKey(SECRET, 'calendar-link:v1', ID, [key, key])).toBe(false);
    expect(verifyResourceKey(SECRET, 'calendar-link:v1', ID, undefined)).toBe(false);
    expect(verifyResourceKey(SECRET, 'calendar-link:v1', ID, 'x'.repeat(10_000))).toBe(false);
  });

  it('refuses a key made with another secret', () => {
    expect(verifyResourceKey(`${SECRET}!`, 'calendar-link:v1', ID, key)).toBe(false);
  });
});

describe('resourceToken', () => {
  const token = resourceToken(SECRET, 'calendar-link:v1', ID.toUpperCase());

  it('names its resource (lower-cased) and carries its key', () => {
    expect(token).toBe(`${ID}.${resourceKey(SECRET, 'calendar-link:v1', ID)}`);
    expect(resourceIdOfToken(SECRET, 'calendar-link:v1', token)).toBe(ID);
  });

  it('opens nothing with another purpose, another secret, a changed id or key, or a malformed token', () => {
    const [, key] = token.split('.');
    expect(resourceIdOfToken(SECRET, 'unsubscribe:v1', token)).toBeNull();
    expect(resourceIdOfToken(`${SECRET}!`, 'calendar-link:v1', token)).toBeNull();
    expect(resourceIdOfToken(SECRET, 'calendar-link:v1', `${ID.replace('0b6f', '0b70')}.${key}`)).toBeNull();
    expect(resourceIdOfToken(SECRET, 'calendar-link:v1', `${ID}.${key.slice(0, -1)}`)).toBeNull();
    for (const bad of [key, ID, `${token}.x`, `not-a-uuid.${key}`, '', 'x'.repeat(5000), undefined, [token]]) {
      expect(resourceIdOfToken(SECRET, 'calendar-link:v1', bad)).toBeNull();
    }
  });
});
