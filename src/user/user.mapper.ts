import type { UserResponseDto } from './dto/user.dto';
import type { User } from './user.entity';

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
    version: user.version,
    createdAt: user.createdAt.toISOString(),
  };
}
