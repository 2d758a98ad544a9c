import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { CheckInSettingsService, VersionedCheckInSettings } from './check-in-settings.service';
import { CheckInSettingsResponseDto, UpdateCheckInSettingsDto } from './dto/check-in-settings.dto';

function toCheckInSettingsResponse({ version, settings }: VersionedCheckInSettings): CheckInSettingsResponseDto {
  return {
    version,
    intervalMonths: settings.intervalMonths,
    respondWithinDays: settings.respondWithinDays,
    automatic: settings.automatic,
    firstAfterDays: settings.firstAfterDays,
    dailyLimit: settings.dailyLimit,
  };
}

@ApiTags('check-ins')
@Controller('settings/check-ins')
export class CheckInSettingsController {
  constructor(private readonly settings: CheckInSettingsService) {}

  @Get()
  @RequirePermission('settings.manage')
  @ApiOperation({
    summary:
      'The check-in schedule: how often partners are asked, how long they have to answer, whether rounds start by themselves, how long a new partner waits for its first',
    description:
      'Until an admin changes them these are the defaults (every 6 months, 21 days to answer, automatic, the first after 90 days as an active partner), at version 1.',
  })
  @ApiOkResponse({ type: CheckInSettingsResponseDto })
  async get(): Promise<CheckInSettingsResponseDto> {
    return toCheckInSettingsResponse(await this.settings.current());
  }

  @Patch()
  @RequirePermission('settings.manage')
  @ApiOperation({
    summary: 'Change the check-in schedule (needs the current version)',
    description:
      'intervalMonths 1–24, respondWithinDays 1–90, automatic true/false, firstAfterDays 0–365; else 400 naming the fields. A change that changes nothing keeps the version.',
  })
  @ApiOkResponse({ type: CheckInSettingsResponseDto })
  @ApiProblems(400, 409)
  async update(
    @Body() dto: UpdateCheckInSettingsDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<CheckInSettingsResponseDto> {
    return toCheckInSettingsResponse(await this.settings.update(dto, actor));
  }
}
