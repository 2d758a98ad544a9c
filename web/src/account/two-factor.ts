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
