import { apiDeliveryStatus, DeliveryStatus, SKIP_REASON_TEXT } from '../outbox/delivery-state';
import type {
  ColleagueResponseDto,
  UserInvitationResponseDto,
  UserResponseDto,
  UserWithInvitationResponseDto,
} from './dto/user.dto';
import type { User } from './user.entity';
import type { InvitationDeliveryState } from './user.service';

/** The one shape a user leaves the API in (never the password hash). */
export function toUserResponse(user: User): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    timezone: user.timezone,
    invitationPending: user.passwordHash === null,
    mfaEnabled: user.mfaEnabled === true,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
  };
}

/** A user in the team list (GET /users/directory): name and role only, for any signed-in role. */
export function toColleagueResponse(user: Pick<User, 'id' | 'name' | 'role'>): ColleagueResponseDto {
  return { id: user.id, name: user.name, role: user.role };
}

/** The latest invitation email as an admin sees it (`sending` reads as `scheduled`). */
export function toInvitationResponse(state: InvitationDeliveryState): UserInvitationResponseDto {
  let error: string | null;
  switch (state.status) {
    case DeliveryStatus.Skipped:
      error = state.skipReason ? SKIP_REASON_TEXT[state.skipReason] : null;
      break;
    case DeliveryStatus.Sent:
      error = null;
      break;
    default:
      // failed: why; scheduled or sending: the temporary error it is being retried after, if any.
      error = state.lastError;
  }
  return {
    status: apiDeliveryStatus(state.status),
    sentAt: state.sentAt ? state.sentAt.toISOString() : null,
    error,
    expiresAt: state.expiresAt.toISOString(),
  };
}

/** A user for the user-admin routes: `toUserResponse` plus their latest invitation email. */
export function toUserWithInvitationResponse(
  user: User,
  invitation: InvitationDeliveryState | null | undefined,
): UserWithInvitationResponseDto {
  return { ...toUserResponse(user), invitation: invitation ? toInvitationResponse(invitation) : null };
}
