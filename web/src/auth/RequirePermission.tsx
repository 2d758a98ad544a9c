import type { ReactNode } from 'react';
import { ForbiddenPage } from '../common/ForbiddenPage';
import { can, type Permission } from './permissions';
import { useCurrentUser } from './useSession';

/**
 * A screen for roles holding `permission`; others get the 403 page before the screen renders (no
 * form that fails on submit, no call the API would refuse).
 */
export function RequirePermission({
  permission,
  what,
  who,
  children,
}: {
  permission: Permission;
  /** The screen, in words: "Adding a program". */
  what: string;
  /** Who may use it: "staff, managers and admins". */
  who: string;
  children: ReactNode;
}) {
  const user = useCurrentUser();
  return can(user, permission) ? children : <ForbiddenPage what={what} who={who} />;
}
