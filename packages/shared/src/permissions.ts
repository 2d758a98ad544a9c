import { Role, roleAtLeast } from './role';

/**
 * Every permission a route can require, with the least role that holds it. This table is
 * the whole role → permission map: a role holds a permission when it ranks at or above the
 * permission's minimum role (admin ⊃ manager ⊃ staff ⊃ viewer).
 */
export const PERMISSION_MIN_ROLE = {
  /** Any signed-in user: their own profile, password, sign-out. */
  'self.manage': Role.Viewer,
  /** Read the partner directory: organizations, contacts (redacted for viewers), vocabularies. */
  'directory.read': Role.Viewer,
  /**
   * The team list: active colleagues' names and roles, never their email (GET /users/directory), to name
   * owners, assignees and who went, and to pick them. Viewers too: they already read partner contacts' names
   * and whose partner is whose, and a colleague's name and role are no contact details.
   */
  'colleague.read': Role.Viewer,
  /** Create and edit organizations, contacts and notes; export and import CSV. */
  'directory.write': Role.Staff,
  /** Delete organizations and erase contacts. */
  'directory.delete': Role.Manager,
  /** Log visits; run programs and their sessions (attendance); record feedback and its follow-up; tasks; feedback links. */
  'outreach.write': Role.Staff,
  /** Reminder rules (who gets which email when). */
  'reminder.write': Role.Staff,
  /** See and dismiss suggested introductions between partners (matching). */
  'matching.use': Role.Staff,
  /** Start a partnership check-in with one partner (the survey to its owner and primary contact). */
  'checkIn.send': Role.Staff,
  /** Send a check-in round to every partner due one. */
  'checkIn.round': Role.Manager,
  /**
   * The outreach report (visits, sessions, attendance, feedback and outcomes by partner, audience,
   * program, month or staff member) and the work-plan goals with their progress. Viewers too: board
   * members read them, and they carry no contact details.
   */
  'report.read': Role.Viewer,
  /** Set, change and remove the team's work-plan goals. */
  'goal.manage': Role.Manager,
  /** The partnership health dashboard: the whole portfolio ranked, audience coverage, what is coming and overdue. */
  'dashboard.read': Role.Manager,
  /** Library closure days (which cancel the sessions on them). */
  'closure.manage': Role.Manager,
  /** Keep the audiences and capabilities vocabularies. */
  'vocabulary.manage': Role.Manager,
  /** Read the audit log. */
  'audit.read': Role.Admin,
  /** Users, roles and invitations. */
  'user.manage': Role.Admin,
  /** Application settings: the weights and band thresholds of the partnership health score, the check-in schedule. */
  'settings.manage': Role.Admin,
  /** Load the fictional demo data set from the app (POST /demo-data), as `npm run seed:demo` does. */
  'demo.load': Role.Admin,
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSION_MIN_ROLE;

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return roleAtLeast(role, PERMISSION_MIN_ROLE[permission]);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSION_MIN_ROLE) as Permission[]).filter((p) => roleHasPermission(role, p));
}
