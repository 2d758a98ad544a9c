import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { UserResponseDto } from '../../user/dto/user.dto';
import { CurrentUserResponseDto } from '../mfa/dto/mfa.dto';
import { IsIanaTimeZone, IsOptionalNotNull, trimString } from '../../common/dto/validators';

export class SetupDto {
  @ApiProperty({ example: 'admin@library.org', maxLength: 254 })
  @Transform(trimString)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 12, maxLength: 128, example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(512)
  password: string;

  @ApiProperty({ example: 'Ana Ruiz', maxLength: 120 })
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name: string;
}

export class LoginDto {
  @ApiProperty({ example: 'admin@library.org' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(512)
  password: string;

  @ApiPropertyOptional({
    example: '123456',
    description:
      'With two-factor on: the current code from the authenticator app, or an unused recovery code. Without it such an account gets ' +
      '401 `MFA_REQUIRED` (the password was right: ask for the code); a wrong or already used code is 401 `MFA_INVALID`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  otp?: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(512)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(512)
  newPassword: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link.' })
  @IsString()
  @Length(16, 128)
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(512)
  password: string;

  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name?: string;
}

/** PATCH /auth/me: what people may change about themselves (role and active stay with admins). */
export class UpdateProfileDto {
  @ApiPropertyOptional({ maxLength: 120, example: 'Ana Ruiz' })
  @IsOptionalNotNull()
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({
    example: 'America/Los_Angeles',
    description: 'Times in your reminder emails are shown in this zone when a program has none.',
  })
  @IsOptionalNotNull()
  @IsIanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    description: 'The version you read (GET /auth/me); a stale one gets 409 and changes nothing.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SetupStateResponseDto {
  @ApiProperty({ description: 'True while Tandem has no user: the first admin may be created.' }) open: boolean;
}

export class SetupResponseDto {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}

export class AccessTokenResponseDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header.' }) accessToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900 }) expiresIn: number;
}

export class LoginResponseDto extends AccessTokenResponseDto {
  @ApiProperty({ type: CurrentUserResponseDto }) user: CurrentUserResponseDto;
}
