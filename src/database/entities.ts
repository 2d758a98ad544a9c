import { AuthSession } from '../auth/auth-session.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { Invitation } from '../user/invitation.entity';
import { User } from '../user/user.entity';

/** Every entity, listed once for the app and the migration CLI. */
export const ENTITIES = [User, Invitation, AuthSession, RefreshToken];
