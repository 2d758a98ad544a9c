/** Turning two-factor sign-in off: my password and a code (from the app, or a recovery code). */
export interface DisableTwoFactorValues {
  password: string;
  otp: string;
}

export function disableTwoFactorErrors(
  values: DisableTwoFactorValues,
  recovery: boolean,
): Partial<Record<keyof DisableTwoFactorValues, string>> {
  const errors: Partial<Record<keyof DisableTwoFactorValues, string>> = {};
  if (!values.password) errors.password = 'Enter your password';
  if (!values.otp.trim()) errors.otp = recovery ? 'Enter a recovery code' : 'Enter the code from your app';
  return errors;
}

/** The code that confirms a new secret: six digits, spaces allowed ("123 456"). */
export function confirmCodeErrors(values: { code: string }): Partial<Record<'code', string>> {
  return /^\d{6}$/.test(values.code.replace(/\s/g, '')) ? {} : { code: 'Enter the 6-digit code from your app' };
}
