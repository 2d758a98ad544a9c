import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../../auth/auth.decorators';
import { ApiProblems } from '../../common/openapi/problem.schema';
import { AuthUser } from '../../auth/auth-user';
import { SecuritySettingsResponseDto, UpdateSecuritySettingsDto } from './dto/mfa.dto';
import { SecuritySettingsService, VersionedSecuritySettings } from './security-settings.service';

function toSecuritySettingsResponse({ version, settings }: VersionedSecuritySettings): SecuritySettingsResponseDto {
  return { version, requireMfaFor: settings.requireMfaFor };
}

@ApiTags('settings')
@Controller('settings/security')
export class SecuritySettingsController {
  constructor(private readonly settings: SecuritySettingsService) {}

  @Get()
  @RequirePermission('settings.manage')
  @ApiOperation({
    summary: 'Security settings: which roles must use two-factor sign-in',
    description: 'Until an admin changes them nobody is required to (`requireMfaFor: []`), at version 1.',
  })
  @ApiOkResponse({ type: SecuritySettingsResponseDto })
  async get(): Promise<SecuritySettingsResponseDto> {
    return toSecuritySettingsResponse(await this.settings.current());
  }

  @Patch()
  @RequirePermission('settings.manage')
  @ApiOperation({
    summary: 'Require two-factor sign-in for managers and/or admins (needs the current version)',
    description:
      'Members of a required role without two-factor are taken to setup: until it is on, the API answers them 403 MFA_SETUP_REQUIRED except for ' +
      'GET /auth/me, the setup routes, password change and sign-out. Requiring it for your own role takes two-factor on your own account ' +
      'first (422 MFA_SETUP_FIRST). Audited; a change that changes nothing keeps the version.',
  })
  @ApiOkResponse({ type: SecuritySettingsResponseDto })
  @ApiProblems(400, 409, 422)
  async update(
    @Body() dto: UpdateSecuritySettingsDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<SecuritySettingsResponseDto> {
    return toSecuritySettingsResponse(await this.settings.update(dto, actor));
  }
}
