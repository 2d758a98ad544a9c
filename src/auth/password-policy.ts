import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

let commonPasswords: Set<string> | undefined;

/** The shipped list of common passwords (see common-passwords.txt for its source; `npm run build` copies it). */
function loadCommonPasswords(): Set<string> {
  if (!commonPasswords) {
    commonPasswords = new Set(
      readFileSync(join(__dirname, 'common-passwords.txt'), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#')),
    );
  }
  return commonPasswords;
}

/**
 * Checks a new password against the policy (NIST SP 800-63B style: length, not a known
 * common password, not trivially derived from the account). Returns why it is refused,
 * or null when it is acceptable.
 */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (loadCommonPasswords().has(lower)) return 'is one of the most common passwords; choose another';
  if (new Set(lower).size <= 2) return 'repeats too few characters; choose another';
  const local = email?.toLowerCase().split('@')[0];
  if (local && local.length >= 4 && lower.includes(local)) return 'must not contain your email address';
  return null;
}
