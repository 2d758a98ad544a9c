import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, RequirePermission } from '../../auth/auth.decorators';
import { ApiProblems } from '../../common/openapi/problem.schema';
import { AuthUser } from '../../auth/auth-user';
import { DisableMfaDto, EnableMfaDto, MfaRecoveryCodesResponseDto, MfaSetupResponseDto } from './dto/mfa.dto';
import { AllowedDuringMfaSetup } from './mfa-setup.guard';
import { MfaService } from './mfa.service';

/** The signed-in person's own two-factor sign-in (TOTP, any authenticator app). */
@ApiTags('auth')
@Controller('auth/mfa')
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  @Post('setup')
  @HttpCode(200)
  @RequirePermission('self.manage')
  @AllowedDuringMfaSetup()
  @ApiOperation({
    summary: 'Start setting up two-factor sign-in: a new secret for an authenticator app',
    description:
      'Not in force until confirmed with POST /auth/mfa/enable; calling it again replaces an unconfirmed secret. 409 MFA_ALREADY_ENABLED when two-factor is on.',
  })
  @ApiOkResponse({ type: MfaSetupResponseDto })
  @ApiProblems(409)
  setup(@CurrentUser() user: AuthUser): Promise<MfaSetupResponseDto> {
    return this.mfa.startSetup(user);
  }

  @Post('enable')
  @HttpCode(200)
  @RequirePermission('self.manage')
  @AllowedDuringMfaSetup()
  @ApiOperation({
    summary: 'Confirm setup with a current code: two-factor is on from now',
    description:
      'Answers ten one-time recovery codes, shown this once. A wrong code is 400 MFA_INVALID (field `code`) and counts like a wrong password ' +
      '(429 past the login limit). Your other sessions are signed out.',
  })
  @ApiOkResponse({ type: MfaRecoveryCodesResponseDto })
  @ApiProblems(400, 409, 422, 429)
  enable(
    @CurrentUser() user: AuthUser,
    @Body() dto: EnableMfaDto,
    @Req() request: Request,
  ): Promise<MfaRecoveryCodesResponseDto> {
    return this.mfa.enable(user, dto.code, request.ip ?? 'unknown');
  }

  @Post('disable')
  @HttpCode(204)
  @RequirePermission('self.manage')
  @ApiOperation({
    summary: 'Turn two-factor sign-in off (password and a code or recovery code)',
    description:
      'A wrong password is 400 WRONG_PASSWORD (field `password`), a wrong or used code 400 MFA_INVALID (field `otp`); both count like a wrong ' +
      'password (429 past the login limit). Your other sessions are signed out.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 409, 429)
  async disable(@CurrentUser() user: AuthUser, @Body() dto: DisableMfaDto, @Req() request: Request): Promise<void> {
    await this.mfa.disable(user, dto, request.ip ?? 'unknown');
  }
}
