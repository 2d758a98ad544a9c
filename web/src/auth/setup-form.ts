/** The server's minimum (src/auth/password-policy.ts); it also refuses common passwords and says so. */
export const MIN_PASSWORD = 12;

/** The first admin's account, as typed. */
export interface SetupFormValues {
  name: string;
  email: string;
  password: string;
  confirm: string;
}

/** What the form can tell before asking the server: a name, an email address, a long enough password typed twice. */
export function setupFormErrors(values: SetupFormValues): Partial<Record<keyof SetupFormValues, string>> {
  const errors: Partial<Record<keyof SetupFormValues, string>> = {};
  if (!values.name.trim()) errors.name = 'Enter your name';
  if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) errors.email = 'Enter an email address';
  if ([...values.password].length < MIN_PASSWORD) errors.password = `Use at least ${MIN_PASSWORD} characters`;
  if (values.confirm !== values.password) errors.confirm = 'The two passwords differ';
  return errors;
}
