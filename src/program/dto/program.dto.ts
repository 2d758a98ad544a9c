import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LANGUAGE_TAGS, MAX_DURATION_MINUTES, MAX_RRULE_LENGTH, MIN_DURATION_MINUTES } from '@tandem/shared';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { commaSeparated, IsIanaTimeZone, IsOptionalNotNull, trimString, trimToNull } from '../../common/dto/validators';
import { LANGUAGE_TAG_MAX } from '../../library/library-settings';
import { PartnerRole } from '../program-partner.entity';
import { ProgramStatus } from '../program.entity';

export const MAX_PARTNERS = 20;
export const MAX_AUDIENCES = 50;
/** `YYYY-MM-DD`; whether it is a real date is checked with the schedule. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const PROGRAM_LANGUAGE =
  'The language its public side speaks (feedback form, poster): a BCP 47 primary tag among the library’s `languages` (any case; written lower case). Left out on create: the library’s default language at that moment. Another tag is 400 naming the offered ones.';

export class ProgramPartnerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  organizationId: string;

  @ApiProperty({ enum: PartnerRole })
  @IsEnum(PartnerRole, { message: `must be one of ${Object.values(PartnerRole).join(', ')}` })
  role: PartnerRole;
}

export class ScheduleDto {
  @ApiProperty({
    maxLength: MAX_RRULE_LENGTH,
    example: 'FREQ=WEEKLY;BYDAY=WE',
    description: 'RFC 5545 RRULE without DTSTART; FREQ DAILY or coarser.',
  })
  @IsString()
  @MaxLength(MAX_RRULE_LENGTH)
  rrule: string;

  @ApiProperty({ example: 'America/Los_Angeles', description: 'IANA time zone the schedule runs in.' })
  @IsString()
  @IsIanaTimeZone()
  timezone: string;

  @ApiProperty({ example: '15:30', description: 'Local start time, 24-hour HH:MM.' })
  @IsString()
  @Matches(TIME_PATTERN, { message: 'must be a 24-hour time HH:MM, such as 15:30' })
  startTime: string;

  @ApiProperty({ minimum: MIN_DURATION_MINUTES, maximum: MAX_DURATION_MINUTES, example: 90 })
  @IsInt()
  @Min(MIN_DURATION_MINUTES)
  @Max(MAX_DURATION_MINUTES)
  durationMinutes: number;

  @ApiPropertyOptional({ type: String, maxLength: 300, nullable: true, example: 'Central Library, Teen Room' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  location?: string | null;
}

/** Fields shared by create and update; each optional here, the required ones made so on create. */
class ProgramFieldsDto {
  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ enum: ProgramStatus, default: ProgramStatus.Planned })
  @IsOptionalNotNull()
  @IsEnum(ProgramStatus, { message: `must be one of ${Object.values(ProgramStatus).join(', ')}` })
  status?: ProgramStatus;

  @ApiPropertyOptional({
    enum: LANGUAGE_TAGS,
    maxLength: LANGUAGE_TAG_MAX,
    example: 'es',
    description: PROGRAM_LANGUAGE,
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(LANGUAGE_TAG_MAX)
  language?: string;

  @ApiPropertyOptional({
    type: [ProgramPartnerDto],
    description: 'Organizations running it and how; each organization once.',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_PARTNERS)
  @ValidateNested({ each: true })
  @Type(() => ProgramPartnerDto)
  partners?: ProgramPartnerDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_AUDIENCES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  audienceIds?: string[];

  @ApiPropertyOptional({
    type: String,
    maxLength: 5000,
    nullable: true,
    description: 'What the library wants from it.',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  libraryGoal?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: 5000,
    nullable: true,
    description: 'What the partner wants from it.',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  partnerGoal?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '2026-12-18',
    nullable: true,
    description: 'Last day (inclusive, local); null runs on.',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  endDate?: string | null;
}

export class CreateProgramDto extends ProgramFieldsDto {
  @ApiProperty({ maxLength: 200, example: 'Weekly drop-in' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ type: ScheduleDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule: ScheduleDto;

  @ApiProperty({ example: '2026-09-02', description: 'First day (local); sessions are back-filled from it.' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  startDate: string;
}

export class UpdateProgramDto extends ProgramFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({
    type: ScheduleDto,
    description: 'Replaces the whole schedule; future sessions are rewritten, past ones kept.',
  })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;

  @ApiPropertyOptional({ example: '2026-09-02' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  startDate?: string;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export class ListProgramsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Words in the name (ignores case and accents).', maxLength: 200 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ProgramStatus, description: 'One status, or several separated by commas.' })
  @IsOptional()
  @Transform(commaSeparated)
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(ProgramStatus, { each: true, message: `must be one of ${Object.values(ProgramStatus).join(', ')}` })
  status?: ProgramStatus[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Programs this organization is a partner of.' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  audienceId?: string;
}

export class ProgramPartnerResponseDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: 'The organization’s name, so a list of programs can name its partners.' })
  organizationName: string;
  @ApiProperty({ enum: PartnerRole }) role: PartnerRole;
}

export class ScheduleResponseDto {
  @ApiProperty() rrule: string;
  @ApiProperty() timezone: string;
  @ApiProperty() startTime: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
}

export class ProgramResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: ProgramStatus }) status: ProgramStatus;
  @ApiProperty({ enum: LANGUAGE_TAGS, example: 'es', description: 'The language its public side speaks.' })
  language: string;
  @ApiProperty({ type: [ProgramPartnerResponseDto] }) partners: ProgramPartnerResponseDto[];
  @ApiProperty({ type: [String] }) audienceIds: string[];
  @ApiProperty({ type: String, nullable: true }) libraryGoal: string | null;
  @ApiProperty({ type: String, nullable: true }) partnerGoal: string | null;
  @ApiProperty({ type: ScheduleResponseDto }) schedule: ScheduleResponseDto;
  @ApiProperty({ example: '2026-09-02' }) startDate: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-18' }) endDate: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ProgramPageDto {
  @ApiProperty({ type: [ProgramResponseDto] }) data: ProgramResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
