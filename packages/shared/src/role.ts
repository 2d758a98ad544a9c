/** Roles, ordered: each includes everything the ones below it may do. */
export enum Role {
  Viewer = 'viewer',
  Staff = 'staff',
  Manager = 'manager',
  Admin = 'admin',
}

export const ROLE_ORDER: readonly Role[] = [Role.Viewer, Role.Staff, Role.Manager, Role.Admin];

export function roleRank(role: Role): number {
  return ROLE_ORDER.indexOf(role);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}
