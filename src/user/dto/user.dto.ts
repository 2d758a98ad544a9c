import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { Role } from '../../auth/role.enum';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsIanaTimeZone, trimString } from '../../common/dto/validators';
import { DELIVERY_API_STATUSES, type DeliveryApiStatus } from '../../outbox/delivery-state';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ana@library.org' }) email: string;
  @ApiProperty({ example: 'Ana Ruiz' }) name: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ example: 'America/Los_Angeles' }) timezone: string;
  @ApiProperty({ description: 'True while the user has not yet chosen a password from their invitation.' })
  invitationPending: boolean;
  @ApiProperty({ description: 'Whether two-factor sign-in (an authenticator app code) is on for this account.' })
  mfaEnabled: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** A colleague as every signed-in role may see them: no email, nothing about their account. */
export class ColleagueResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Ana Ruiz' }) name: string;
  @ApiProperty({ enum: Role }) role: Role;
}

export class ColleagueListDto {
  @ApiProperty({ type: [ColleagueResponseDto] }) data: ColleagueResponseDto[];
}

/** How the user's latest invitation email fared: its row in the delivery log. */
export class UserInvitationResponseDto {
  @ApiProperty({
    enum: DELIVERY_API_STATUSES,
    description:
      '`scheduled` until a worker has sent it (also while retrying after a temporary SMTP error), then `sent`; `failed` when the ' +
      'mail server refused it for good or every attempt failed; `skipped` when it was not sent because the link was replaced, ' +
      'used or expired first, or the user was deactivated.',
  })
  status: DeliveryApiStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why it failed or was skipped, or the last temporary error while it is retried. Never contains an email address.',
  })
  error: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the link in it stops working.' }) expiresAt: string;
}

/** A fresh one-time link for an admin to hand over (POST /users/:id/invitation-link). */
export class InvitationLinkResponseDto {
  @ApiProperty({
    description: 'The link to choose a password; it works once. Treat it like a password: hand it to the person only.',
    example: 'https://tandem.example.org/accept-invitation?token=…',
  })
  url: string;

  @ApiProperty({ format: 'date-time', description: 'When the link stops working.' }) expiresAt: string;
}

/** A user as the user-admin routes show them: with the state of their latest invitation email. */
export class UserWithInvitationResponseDto extends UserResponseDto {
  @ApiProperty({
    type: UserInvitationResponseDto,
    nullable: true,
    description: 'The latest invitation (or admin-sent password link) and its email; null if none was ever emailed.',
  })
  invitation: UserInvitationResponseDto | null;
}

export class CreateUserDto {
  @ApiProperty({ example: 'ana@library.org', maxLength: 254 })
  @Transform(trimString)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ana Ruiz', maxLength: 120 })
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role, { message: `must be one of ${Object.values(Role).join(', ')}` })
  role: Role;

  @ApiPropertyOptional({
    description:
      'Set a password directly (12–128 characters); without it an invitation email with a one-time link is sent.',
    minLength: 12,
    maxLength: 128,
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  password?: string;

  @ApiPropertyOptional({ example: 'America/Los_Angeles' })
  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role, { message: `must be one of ${Object.values(Role).join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates: their tokens stop working on the next request.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ example: 'America/Los_Angeles' })
  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ description: 'The version you read; a stale one gets 409 and changes nothing.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export const USER_SORT_FIELDS = ['name', 'email', 'role', 'createdAt'] as const;

export class ListUsersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: [...USER_SORT_FIELDS, ...USER_SORT_FIELDS.map((f) => `-${f}`)], default: 'name' })
  @IsOptional()
  @IsIn([...USER_SORT_FIELDS, ...USER_SORT_FIELDS.map((f) => `-${f}`)])
  sort?: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserWithInvitationResponseDto] }) data: UserWithInvitationResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
