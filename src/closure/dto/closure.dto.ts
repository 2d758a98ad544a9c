import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { trimString } from '../../common/dto/validators';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class CreateClosureDto {
  @ApiProperty({ example: '2026-11-26', description: 'The day the library is closed (a local date).' })
  @IsString()
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  date: string;

  @ApiProperty({ maxLength: 200, example: 'Thanksgiving' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  name: string;
}

export class ListClosuresQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Closures on or after this date.' })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Closures on or before this date.' })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  to?: string;
}

/** A session a closure cancels, with enough of its program to name it. */
export class ClosureSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() programName: string;
  @ApiProperty({
    example: 'America/Los_Angeles',
    description: 'The program’s zone (the session’s local time is in it).',
  })
  programTimezone: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
}

export class ClosureResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-11-26' }) date: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    type: [ClosureSessionDto],
    description:
      'The sessions it cancels (those not held: no attendance recorded), by start time. Sessions are created about a year ahead; ones created later on this date are cancelled too.',
  })
  sessions: ClosureSessionDto[];
}

export class ClosureListDto {
  @ApiProperty({ type: [ClosureResponseDto] }) data: ClosureResponseDto[];
}
