import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsOptionalNotNull, trimToNull } from '../../common/dto/validators';
import { ProgramStatus } from '../program.entity';

/** Attendance above this is surely a typo (it is a head count of one session). */
export const MAX_ATTENDANCE = 100_000;
/** The longest window one sessions request may cover. */
export const MAX_SESSION_RANGE_DAYS = 731;
/** Without `from`, the list starts this many days back. */
export const DEFAULT_SESSIONS_PAST_DAYS = 30;
/**
 * The longest window of the all-programs calendar: a month grid with its leading and trailing
 * weeks (six weeks) in any zone fits, with room to spare; a year of every program does not.
 */
export const MAX_CALENDAR_RANGE_DAYS = 62;

export class ListSessionsQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: `Sessions starting at or after this (a date means its UTC midnight); default ${DEFAULT_SESSIONS_PAST_DAYS} days ago.`,
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be a date or date-time (ISO 8601)' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: `Sessions starting before this; default the end of the session window. At most ${MAX_SESSION_RANGE_DAYS} days after from.`,
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be a date or date-time (ISO 8601)' })
  to?: string;
}

export class ListCalendarSessionsQueryDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-11-29T00:00:00-08:00',
    description: 'Sessions starting at or after this (a date means its UTC midnight).',
  })
  @IsDefined({ message: 'is required' })
  @IsISO8601({ strict: true }, { message: 'must be a date or date-time (ISO 8601)' })
  from: string;

  @ApiProperty({
    format: 'date-time',
    example: '2027-01-10T00:00:00-08:00',
    description: `Sessions starting before this; at most ${MAX_CALENDAR_RANGE_DAYS} days after from.`,
  })
  @IsDefined({ message: 'is required' })
  @IsISO8601({ strict: true }, { message: 'must be a date or date-time (ISO 8601)' })
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this program’s sessions (none for an unknown id).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a program id (UUID)' })
  programId?: string;
}

export class UpdateSessionDto {
  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: MAX_ATTENDANCE,
    nullable: true,
    description: 'How many came (a number, never names).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ATTENDANCE)
  attendance?: number | null;

  @ApiPropertyOptional({
    description: 'Cancelled by staff. A session on a closure day stays cancelled whatever this says.',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  cancelled?: boolean;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export class SessionResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Stable: the calendar UID of the session.' }) id: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: '2026-11-25', description: 'The date in the program’s time zone.' }) localDate: string;
  @ApiProperty({ description: 'Cancelled by staff or by a library closure.' }) cancelled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The closure’s name when a closure cancels it.' })
  cancelReason: string | null;
  @ApiProperty({ type: Number, nullable: true }) attendance: number | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() version: number;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionResponseDto] }) data: SessionResponseDto[];
}

/** A session in the all-programs calendar: the session plus what the calendar shows of its program. */
export class CalendarSessionResponseDto extends SessionResponseDto {
  @ApiProperty() programName: string;
  @ApiProperty({ enum: ProgramStatus }) programStatus: ProgramStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Where the program meets.' }) location: string | null;
}

export class CalendarSessionListDto {
  @ApiProperty({ type: [CalendarSessionResponseDto] }) data: CalendarSessionResponseDto[];
}
