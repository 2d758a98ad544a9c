import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { LibrarySettingsResponseDto, UpdateLibrarySettingsDto } from './dto/library-settings.dto';
import { LIBRARY_NAME_MAX, SUPPORTED_LANGUAGES } from './library-settings';
import { LibrarySettingsService, VersionedLibrarySettings } from './library-settings.service';

function toLibrarySettingsResponse({ version, settings }: VersionedLibrarySettings): LibrarySettingsResponseDto {
  return {
    version,
    name: settings.name,
    timezone: settings.timezone,
    defaultLanguage: settings.defaultLanguage,
    languages: [...settings.languages],
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
  };
}

const SUPPORTED = Object.keys(SUPPORTED_LANGUAGES).join(', ');

@ApiTags('library')
@Controller('settings/library')
export class LibrarySettingsController {
  constructor(private readonly settings: LibrarySettingsService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({
    summary:
      'The library itself: its name, time zone, and the languages it speaks to the public in (any signed-in user)',
    description:
      'Until an admin changes them these are the defaults (“The library”, the DIGEST_TIMEZONE zone or UTC, English by default, English and Spanish offered), at version 1.',
  })
  @ApiOkResponse({ type: LibrarySettingsResponseDto })
  async get(): Promise<LibrarySettingsResponseDto> {
    return toLibrarySettingsResponse(await this.settings.current());
  }

  @Patch()
  @RequirePermission('settings.manage')
  @ApiOperation({
    summary: 'Change the library settings (needs the current version)',
    description: `name 1–${LIBRARY_NAME_MAX} characters (trimmed); timezone an IANA zone; languages a non-empty list of supported tags (${SUPPORTED}), each once; defaultLanguage one of languages; else 400 naming the fields. A change that changes nothing keeps the version.`,
  })
  @ApiOkResponse({ type: LibrarySettingsResponseDto })
  @ApiProblems(400, 409)
  async update(
    @Body() dto: UpdateLibrarySettingsDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<LibrarySettingsResponseDto> {
    return toLibrarySettingsResponse(await this.settings.update(dto, actor));
  }
}
