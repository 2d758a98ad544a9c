import { roleHasPermission, type Permission, type Role } from '@tandem/shared';
import type { User } from '../api/client';

export type { Permission };

/**
 * Whether the user's role holds the permission, from the server's own table
 * (@tandem/shared, packages/shared/src/permissions.ts), so a control is shown exactly when the API would accept its call.
 * The server still checks every request; this only decides what to show.
 */
export function can(user: Pick<User, 'role'> | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  return roleHasPermission(user.role as Role, permission);
}
