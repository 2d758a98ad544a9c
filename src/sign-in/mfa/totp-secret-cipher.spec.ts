import { TotpSecretCipher } from './totp-secret-cipher';
import { generateRecoveryCodes, normalizeRecoveryCode, normalizeTotpCode } from './recovery-codes';
import { canonicalRoles, securitySettingsFromStored, validateSecuritySettings } from './security-settings';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const USER = '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b';
const OTHER_USER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe(TotpSecretCipher.name, () => {
  const cipher = new TotpSecretCipher('the auth secret of this install, 32+ chars');

  it('decrypts what it encrypted (round trip)', () => {
    const stored = cipher.encrypt(SECRET, USER);
    expect(cipher.decrypt(stored, USER)).toBe(SECRET);
  });

  it('stores neither the secret nor anything that repeats: a fresh IV each time', () => {
    const a = cipher.encrypt(SECRET, USER);
    const b = cipher.encrypt(SECRET, USER);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain(SECRET);
    expect(a).not.toBe(b);
  });

  it('fails with a key derived from another AUTH_SECRET', () => {
    const stored = cipher.encrypt(SECRET, USER);
    expect(new TotpSecretCipher('another auth secret, also 32+ characters').decrypt(stored, USER)).toBeNull();
  });

  it("fails on another user's row (the user id is authenticated data)", () => {
    expect(cipher.decrypt(cipher.encrypt(SECRET, USER), OTHER_USER)).toBeNull();
  });

  it('fails when the stored value was altered or is not one of its own', () => {
    const stored = cipher.encrypt(SECRET, USER);
    const payload = Buffer.from(stored.slice(3), 'base64url');
    payload[14] ^= 1;
    expect(cipher.decrypt(`v1.${payload.toString('base64url')}`, USER)).toBeNull();
    expect(cipher.decrypt(SECRET, USER)).toBeNull();
    expect(cipher.decrypt('v2.' + stored.slice(3), USER)).toBeNull();
    expect(cipher.decrypt('v1.', USER)).toBeNull();
  });
});

describe('recovery codes', () => {
  it('makes ten distinct codes of the form xxxxx-xxxxx', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  it('reads a code typed in capitals, with spaces or without the hyphen, and look-alikes as digits', () => {
    expect(normalizeRecoveryCode('7K3QM-9XWD2')).toBe('7k3qm9xwd2');
    expect(normalizeRecoveryCode(' 7k3qm 9xwd2 ')).toBe('7k3qm9xwd2');
    expect(normalizeRecoveryCode('Oabcd-efgLI')).toBe('0abcdefg11');
  });

  it('refuses what cannot be a recovery code', () => {
    expect(normalizeRecoveryCode('123456')).toBeNull();
    expect(normalizeRecoveryCode('7k3qm-9xwd2-x')).toBeNull();
    expect(normalizeRecoveryCode('7k3qm-9xwu2')).toBeNull();
  });

  it('tells a six-digit authenticator code apart', () => {
    expect(normalizeTotpCode('123 456')).toBe('123456');
    expect(normalizeTotpCode('12345')).toBeNull();
    expect(normalizeTotpCode('7k3qm-9xwd2')).toBeNull();
  });
});

describe('security settings', () => {
  it('keeps the roles in one order without duplicates', () => {
    expect(canonicalRoles(['manager', 'admin', 'manager'])).toEqual(['admin', 'manager']);
  });

  it('refuses roles that cannot be required and unknown keys', () => {
    expect(validateSecuritySettings({ requireMfaFor: ['staff'] })).toEqual([
      { field: 'requireMfaFor', message: 'must be a list of admin and manager' },
    ]);
    expect(validateSecuritySettings({ requireMfaFor: [], extra: 1 })).toEqual([
      { field: 'extra', message: 'is not a security setting' },
    ]);
  });

  it('reads a stored value over the defaults, and an invalid one as null', () => {
    expect(securitySettingsFromStored({})).toEqual({ requireMfaFor: [] });
    expect(securitySettingsFromStored({ requireMfaFor: ['manager', 'admin'] })).toEqual({
      requireMfaFor: ['admin', 'manager'],
    });
    expect(securitySettingsFromStored({ requireMfaFor: 'admin' })).toBeNull();
  });
});
