import { Role } from './role.enum';

/** The signed-in user as guards resolve it on every request (from the database, not the token). */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The sign-in session (refresh-token family) the access token belongs to. */
  sessionId: string;
}
