import type { Role } from './user-status';

/** Inviting a colleague, as typed. */
export interface InviteFormValues {
  name: string;
  email: string;
  role: Role;
}

export const NEW_INVITATION: InviteFormValues = { name: '', email: '', role: 'staff' };

/** What the form can tell before asking the server: a name, and something shaped like an email address. */
export function inviteFormErrors(values: InviteFormValues): Partial<Record<keyof InviteFormValues, string>> {
  const errors: Partial<Record<keyof InviteFormValues, string>> = {};
  if (!values.name.trim()) errors.name = 'Enter their name';
  if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) errors.email = 'Enter their email address';
  return errors;
}

/** Editing a user: their name, role and whether they may sign in. */
export interface EditUserFormValues {
  name: string;
  role: Role;
  active: boolean;
}

export function editUserFormErrors(values: EditUserFormValues): Partial<Record<'name', string>> {
  return values.name.trim() ? {} : { name: 'Enter their name' };
}
