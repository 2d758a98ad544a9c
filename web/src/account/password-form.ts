/** The server's minimum (src/auth/password-policy.ts); it also refuses common passwords and says so. */
export const MIN_PASSWORD = 12;

/** What the form can tell before asking the server: long enough, and typed the same twice. */
export function passwordFormErrors(
  password: string,
  confirm: string,
): { newPassword?: string; confirm?: string; currentPassword?: string } {
  const errors: { newPassword?: string; confirm?: string } = {};
  if ([...password].length < MIN_PASSWORD) errors.newPassword = `Use at least ${MIN_PASSWORD} characters`;
  else if (confirm !== password) errors.confirm = 'The two passwords differ';
  return errors;
}
