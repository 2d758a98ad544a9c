import { AuditEvent } from '../audit/audit-event.entity';
import { AuthSession } from '../auth/auth-session.entity';
import { Contact } from '../contact/contact.entity';
import { Note } from '../organization/note.entity';
import { Organization } from '../organization/organization.entity';
import { StageChange } from '../organization/stage-change.entity';
import { Audience } from '../vocabulary/audience.entity';
import { Capability } from '../vocabulary/capability.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { Invitation } from '../user/invitation.entity';
import { User } from '../user/user.entity';

/** Every entity, listed once for the app and the migration CLI. */
export const ENTITIES = [
  User,
  Invitation,
  AuthSession,
  RefreshToken,
  Audience,
  Capability,
  Organization,
  StageChange,
  Note,
  Contact,
  AuditEvent,
];
