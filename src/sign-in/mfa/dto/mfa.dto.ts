import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsString, Length, MaxLength, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../../common/dto/validators';
import { UserResponseDto } from '../../../user/dto/user.dto';
import { MFA_REQUIRABLE_ROLES, type MfaRequirableRole } from '../security-settings';

/** The signed-in user as login, accept-invitation and GET /auth/me answer: a user plus what they must do first. */
export class CurrentUserResponseDto extends UserResponseDto {
  @ApiProperty({
    description:
      'True when an admin requires two-factor sign-in for this role and it is not on yet. Until it is, the API answers ' +
      '403 `MFA_SETUP_REQUIRED` to everything except GET /auth/me, POST /auth/mfa/setup, POST /auth/mfa/enable, ' +
      'POST /auth/logout, POST /auth/refresh and POST /auth/password; the app takes the person to setup first.',
  })
  mfaSetupRequired: boolean;
}

export class MfaSetupResponseDto {
  @ApiProperty({
    description:
      'The new TOTP secret (base32), for typing into an authenticator app. Not active until confirmed with POST /auth/mfa/enable.',
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  })
  secret: string;

  @ApiProperty({
    description: 'The same secret as an otpauth:// URI (RFC 6238, SHA-1, 6 digits, 30 s), for a QR code.',
    example: 'otpauth://totp/Tandem:ana%40library.org?secret=…&issuer=Tandem',
  })
  otpauthUri: string;
}

export class EnableMfaDto {
  @ApiProperty({
    description: 'The current 6-digit code from the authenticator app, proving it holds the secret from setup.',
    example: '123456',
  })
  @IsString()
  @Length(1, 20)
  code: string;
}

export class MfaRecoveryCodesResponseDto {
  @ApiProperty({
    type: [String],
    minItems: 10,
    maxItems: 10,
    description:
      'Ten one-time recovery codes, shown this once (only their hashes are kept). Each signs in once in place of a code.',
    example: ['7k3qm-9xwd2', 'p4v8c-1hn6z'],
  })
  recoveryCodes: string[];
}

export class DisableMfaDto {
  @ApiProperty({ description: 'Your password.' })
  @IsString()
  @MaxLength(512)
  password: string;

  @ApiProperty({
    description: 'A current code from your authenticator app, or an unused recovery code.',
    example: '123456',
  })
  @IsString()
  @Length(1, 64)
  otp: string;
}

export class SecuritySettingsResponseDto {
  @ApiProperty() version: number;

  @ApiProperty({
    enum: MFA_REQUIRABLE_ROLES,
    isArray: true,
    example: ['admin', 'manager'],
    description:
      'Roles that must use two-factor sign-in; their members without it are taken to setup and may use nothing else meanwhile.',
  })
  requireMfaFor: MfaRequirableRole[];
}

/** PATCH /api/v1/settings/security; the version read is required. */
export class UpdateSecuritySettingsDto {
  @ApiPropertyOptional({
    enum: MFA_REQUIRABLE_ROLES,
    isArray: true,
    example: ['admin', 'manager'],
    description: 'The roles to require two-factor for; [] requires it of nobody.',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MFA_REQUIRABLE_ROLES.length)
  @ArrayUnique()
  @IsIn(MFA_REQUIRABLE_ROLES, { each: true, message: `each must be one of ${MFA_REQUIRABLE_ROLES.join(', ')}` })
  requireMfaFor?: MfaRequirableRole[];

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}
