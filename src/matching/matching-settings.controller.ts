import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { MatchingSettingsResponseDto, UpdateMatchingSettingsDto } from './dto/matching-settings.dto';
import { MatchingSettingsService, VersionedMatchingSettings } from './matching-settings.service';

function toMatchingSettingsResponse({ version, settings }: VersionedMatchingSettings): MatchingSettingsResponseDto {
  return { version, minStrength: settings.minStrength, maxPerPartner: settings.maxPerPartner };
}

@ApiTags('matching')
@Controller('settings/matching')
export class MatchingSettingsController {
  constructor(private readonly settings: MatchingSettingsService) {}

  @Get()
  @RequirePermission('settings.manage')
  @ApiOperation({
    summary: 'What the open list of suggested introductions shows by default: a strength floor and a cap per partner',
    description: 'Until an admin changes them these are the defaults (minStrength 60, maxPerPartner 3), at version 1.',
  })
  @ApiOkResponse({ type: MatchingSettingsResponseDto })
  async get(): Promise<MatchingSettingsResponseDto> {
    return toMatchingSettingsResponse(await this.settings.current());
  }

  @Patch()
  @RequirePermission('settings.manage')
  @ApiOperation({
    summary: 'Change the matching settings (needs the current version)',
    description:
      'minStrength 0–100, maxPerPartner 3–100 (at least 3, so the first three suggestions are always the three strongest); else 400 naming the fields. A change that changes nothing keeps the version.',
  })
  @ApiOkResponse({ type: MatchingSettingsResponseDto })
  @ApiProblems(400, 409)
  async update(
    @Body() dto: UpdateMatchingSettingsDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<MatchingSettingsResponseDto> {
    return toMatchingSettingsResponse(await this.settings.update(dto, actor));
  }
}
