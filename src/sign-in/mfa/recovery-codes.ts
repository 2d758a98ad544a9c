import { randomBytes } from 'node:crypto';

/** How many recovery codes a user gets when two-factor is turned on. */
export const RECOVERY_CODE_COUNT = 10;

/**
 * Crockford's base32 alphabet in lower case: no i, l, o or u, so a code read off paper is not
 * mistyped. 10 characters = 50 random bits per code.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const LENGTH = 10;

/** Fresh codes as shown to the user once: `xxxxx-xxxxx`. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    // 32 symbols: the low 5 bits of each random byte pick one without bias.
    const chars = [...randomBytes(LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/**
 * What is hashed and compared: lower case without spaces and hyphens, with Crockford's
 * look-alikes read as digits (o → 0, i and l → 1); null when it cannot be a recovery code.
 */
export function normalizeRecoveryCode(input: string): string | null {
  const folded = input.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
  return folded.length === LENGTH && [...folded].every((char) => ALPHABET.includes(char)) ? folded : null;
}

/** A current authenticator code: six digits (spaces allowed, as some apps show `123 456`). */
export function normalizeTotpCode(input: string): string | null {
  const digits = input.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
