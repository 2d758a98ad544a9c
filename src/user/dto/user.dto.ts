import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { Role } from '../../auth/role.enum';
import { PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsIanaTimeZone, trimString } from '../../common/dto/validators';

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
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
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
    description: 'Set a password directly (12–128 characters); without it an invitation email with a one-time link is sent.',
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
  @ApiProperty({ type: [UserResponseDto] }) data: UserResponseDto[];
  @ApiProperty({ example: { total: 1, limit: 25, offset: 0 } }) meta: { total: number; limit: number; offset: number };
}
