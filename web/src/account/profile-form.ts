/** My profile, as typed. */
export interface ProfileFormValues {
  name: string;
  timezone: string;
}

/** My name must not be blank (the time zone is picked from a list). */
export function profileFormErrors(values: ProfileFormValues): Partial<Record<'name', string>> {
  return values.name.trim() ? {} : { name: 'Enter your name' };
}
