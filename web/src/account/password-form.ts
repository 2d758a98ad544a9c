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

/** Changing my password, as typed. */
export interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export const NO_PASSWORDS: ChangePasswordValues = { currentPassword: '', newPassword: '', confirm: '' };

/** The new password checked as passwordFormErrors does, and the current one typed at all. */
export function changePasswordErrors(
  values: ChangePasswordValues,
): Partial<Record<keyof ChangePasswordValues, string>> {
  const errors: Partial<Record<keyof ChangePasswordValues, string>> = passwordFormErrors(
    values.newPassword,
    values.confirm,
  );
  if (!values.currentPassword) errors.currentPassword = 'Enter your current password';
  return errors;
}

/** Choosing a password from an invitation link, as typed; the name is optional. */
export interface AcceptInvitationValues {
  name: string;
  password: string;
  confirm: string;
}

export function acceptInvitationErrors(
  values: AcceptInvitationValues,
): Partial<Record<keyof AcceptInvitationValues, string>> {
  const { newPassword, confirm } = passwordFormErrors(values.password, values.confirm);
  const errors: Partial<Record<keyof AcceptInvitationValues, string>> = {};
  if (newPassword) errors.password = newPassword;
  if (confirm) errors.confirm = confirm;
  return errors;
}
