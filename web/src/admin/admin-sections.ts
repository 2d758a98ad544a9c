import type { Permission } from '../auth/permissions';
import { can } from '../auth/permissions';
import type { User } from '../api/client';

/** The administration screens, each for the roles holding its permission (the server's table). */
export const ADMIN_SECTIONS = [
  { to: '/admin/users', label: 'Users', permission: 'user.manage', who: 'admins' },
  { to: '/admin/audiences', label: 'Audiences', permission: 'vocabulary.manage', who: 'managers and admins' },
  {
    to: '/admin/skills-and-resources',
    label: 'Skills & resources',
    permission: 'vocabulary.manage',
    who: 'managers and admins',
  },
  { to: '/admin/settings', label: 'Settings', permission: 'settings.manage', who: 'admins' },
  { to: '/admin/demo-data', label: 'Demo data', permission: 'demo.load', who: 'admins' },
  { to: '/admin/closures', label: 'Closure days', permission: 'closure.manage', who: 'managers and admins' },
] as const satisfies readonly { to: string; label: string; permission: Permission; who: string }[];

export type AdminSection = (typeof ADMIN_SECTIONS)[number];
export type AdminPath = AdminSection['to'];

export function adminSectionsFor(user: User): AdminSection[] {
  return ADMIN_SECTIONS.filter((section) => can(user, section.permission));
}
