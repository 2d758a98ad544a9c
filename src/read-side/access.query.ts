import { Role } from '@tandem/shared';
import { Queryable } from './queryable';

export interface AccessRow {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The user an access token speaks for, when the user is active and the token's session is live
 * (not revoked, not expired): every authenticated request runs this, so it is one primary-key
 * statement over users (the user module's) and auth_sessions (sign-in's), not one each.
 */
export async function accessRow(db: Queryable, userId: string, sessionId: string): Promise<AccessRow | null> {
  const rows: AccessRow[] = await db.query(
    `SELECT u.id, u.email, u.name, u.role
       FROM users u
      WHERE u.id = $1 AND u.active
        AND EXISTS (SELECT 1 FROM auth_sessions s
                     WHERE s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())`,
    [userId, sessionId],
  );
  return rows[0] ?? null;
}
