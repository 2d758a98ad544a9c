import { api, session } from '../api/client';
import { unwrap } from '../api/problem';

/** The base32 secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The recovery codes as a text file to keep. */
export function recoveryCodesFile(codes: readonly string[], email: string, now = new Date()): string {
  return [
    `Tandem recovery codes for ${email}`,
    `Made ${now.toISOString().slice(0, 10)}. Each code signs you in once in place of a code from your authenticator app.`,
    '',
    ...codes,
    '',
  ].join('\n');
}

/** After turning two-factor on or off: the person as the server now sees them (mfaEnabled, mfaSetupRequired). */
export async function refreshSignedInUser(): Promise<void> {
  session.updateUser(unwrap(await api.GET('/api/v1/auth/me')));
}
