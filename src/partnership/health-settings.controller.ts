import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { HealthSettingsResponseDto, UpdateHealthSettingsDto } from './dto/health-settings.dto';
import { HealthSettingsService, VersionedHealthSettings } from './health-settings.service';

function toHealthSettingsResponse({ version, settings }: VersionedHealthSettings): HealthSettingsResponseDto {
  return { version, weights: { ...settings.weights }, bands: { ...settings.bands } };
}

@ApiTags('partnership health')
@Controller('settings/health')
export class HealthSettingsController {
  constructor(private readonly settings: HealthSettingsService) {}

  @Get()
  @RequirePermission('settings.manage')
  @ApiOperation({
    summary: 'The weights and band thresholds of the partnership health score',
    description: 'Until an admin changes them these are the defaults, at version 1.',
  })
  @ApiOkResponse({ type: HealthSettingsResponseDto })
  async get(): Promise<HealthSettingsResponseDto> {
    return toHealthSettingsResponse(await this.settings.current());
  }

  @Patch()
  @RequirePermission('settings.manage')
  @ApiOperation({
    summary: 'Change some weights or thresholds (needs the current version)',
    description:
      'The change is merged into the current settings; the result must have weights adding up to 100 and thriving > steady > atRisk, ' +
      'else 400 naming the fields. A change that changes nothing keeps the version.',
  })
  @ApiOkResponse({ type: HealthSettingsResponseDto })
  @ApiProblems(400, 409)
  async update(
    @Body() dto: UpdateHealthSettingsDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<HealthSettingsResponseDto> {
    return toHealthSettingsResponse(await this.settings.update(dto, actor));
  }
}
