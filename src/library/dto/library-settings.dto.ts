import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IsOptionalNotNull, trimString } from '../../common/dto/validators';
import { LANGUAGE_TAG_MAX, LANGUAGE_TAGS, LIBRARY_NAME_MAX, TIMEZONE_MAX } from '../library-settings';

const NAME = 'How emails and the public pages name the library.';
const TIMEZONE =
  'The library’s IANA time zone (America/Chicago): due dates, “today” and “overdue” are dates in it. Until an admin sets one, the DIGEST_TIMEZONE setting (UTC unless set).';
const LANGUAGES = 'The languages (BCP 47 tags) the public pages and partner emails are offered in, each once.';
const DEFAULT_LANGUAGE = 'One of `languages`: for a visitor or contact whose language is none of them.';
const FISCAL_YEAR =
  'The month the library’s fiscal year starts in, 1 (January) to 12 (December); July (7) unless set. Reports offer “this fiscal year” and “last fiscal year” from it.';

/** PATCH /api/v1/settings/library: change some settings; the version read is required. */
export class UpdateLibrarySettingsDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: LIBRARY_NAME_MAX,
    example: 'Riverside Public Library',
    description: NAME,
  })
  @IsOptionalNotNull()
  @Transform(trimString)
  @IsString()
  @Length(1, LIBRARY_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: TIMEZONE_MAX, example: 'America/Chicago', description: TIMEZONE })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(TIMEZONE_MAX)
  timezone?: string;

  @ApiPropertyOptional({ enum: LANGUAGE_TAGS, example: 'en', description: DEFAULT_LANGUAGE })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(LANGUAGE_TAG_MAX)
  defaultLanguage?: string;

  @ApiPropertyOptional({
    enum: LANGUAGE_TAGS,
    isArray: true,
    minItems: 1,
    example: ['en', 'es'],
    description: LANGUAGES,
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(LANGUAGE_TAGS.length * 4)
  @IsString({ each: true })
  @MaxLength(LANGUAGE_TAG_MAX, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 12, example: 7, description: FISCAL_YEAR })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(12)
  fiscalYearStartMonth?: number;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export class LibrarySettingsResponseDto {
  @ApiProperty() version: number;
  @ApiProperty({ example: 'Riverside Public Library', description: NAME }) name: string;
  @ApiProperty({ example: 'America/Chicago', description: TIMEZONE }) timezone: string;
  @ApiProperty({ enum: LANGUAGE_TAGS, example: 'en', description: DEFAULT_LANGUAGE }) defaultLanguage: string;
  @ApiProperty({ enum: LANGUAGE_TAGS, isArray: true, example: ['en', 'es'], description: LANGUAGES })
  languages: string[];
  @ApiProperty({ minimum: 1, maximum: 12, example: 7, description: FISCAL_YEAR }) fiscalYearStartMonth: number;
}
