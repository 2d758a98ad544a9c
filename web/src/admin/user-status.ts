import type { components } from '../api/schema';
import { formatDate, formatDateTime } from '../common/format';
import { mailProblemInWords } from '../common/mail-problem';

export { mailProblemInWords };

export type AdminUser = components['schemas']['UserWithInvitationResponseDto'];
export type Role = AdminUser['role'];

/** The roles, least first, with what each may do (the server's permission table, in words). */
export const ROLES = [
  { value: 'viewer', label: 'Viewer', description: 'Reads the partner directory, without contact details' },
  { value: 'staff', label: 'Staff', description: 'Adds and edits partners, logs visits, runs programs' },
  { value: 'manager', label: 'Manager', description: 'Also the dashboard, audiences, skills & resources and closures' },
  { value: 'admin', label: 'Admin', description: 'Also users, settings and the audit log' },
] as const satisfies readonly { value: Role; label: string; description: string }[];

type MissingRole = Exclude<Role, (typeof ROLES)[number]['value']>;
const everyRoleListed: MissingRole extends never ? true : MissingRole = true;
void everyRoleListed;

export const ROLE_LABELS = Object.fromEntries(ROLES.map((role) => [role.value, role.label])) as Record<Role, string>;

export type Tone = 'green' | 'blue' | 'orange' | 'red' | 'gray';

/** Whether the person can sign in: active with a password, still to choose one, or deactivated. */
export function accountState(user: AdminUser): { label: string; tone: Tone } {
  if (!user.active) return { label: 'Deactivated', tone: 'gray' };
  if (user.invitationPending) return { label: 'Not signed in yet', tone: 'orange' };
  return { label: 'Active', tone: 'green' };
}

/**
 * The latest invitation (or password link) email in words: where it is, and why when it did not
 * go out. Null when none was ever emailed. `now` decides whether the link has expired.
 */
export function invitationState(
  user: AdminUser,
  now: Date,
): { label: string; tone: Tone; detail: string | null } | null {
  const invitation = user.invitation;
  if (!invitation) return null;
  const expired = new Date(invitation.expiresAt).getTime() <= now.getTime();
  const linkLine = user.invitationPending
    ? expired
      ? `The link expired ${formatDateTime(invitation.expiresAt)}: send a new one.`
      : `The link works until ${formatDateTime(invitation.expiresAt)}.`
    : null;
  switch (invitation.status) {
    case 'scheduled':
      return {
        label: invitation.error ? 'Email being retried' : 'Email queued',
        tone: invitation.error ? 'orange' : 'blue',
        detail: invitation.error
          ? `${mailProblemInWords(invitation.error).sentence} Tandem keeps trying for a while.`
          : 'It goes out within a minute when the worker is running.',
      };
    case 'sent':
      return {
        label: `Email sent ${formatDate(invitation.sentAt ?? invitation.expiresAt)}`,
        tone: 'green',
        detail: linkLine,
      };
    case 'failed': {
      const problem = mailProblemInWords(invitation.error);
      return {
        label: problem.notSetUp ? 'Email not set up' : 'Email failed',
        tone: 'red',
        detail: `${problem.sentence} ${
          user.invitationPending
            ? 'Copy the invitation link and hand it over yourself, or send a new one once email works.'
            : 'Check the address, then send a new link.'
        }`,
      };
    }
    case 'skipped':
      return { label: 'Email not sent', tone: 'gray', detail: invitation.error };
  }
}
