import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto/validators';
import { CHECK_IN_SETTINGS_LIMITS } from '../check-in-settings';

const {
  intervalMonths: INTERVAL,
  respondWithinDays: WINDOW,
  firstAfterDays: FIRST,
  dailyLimit: DAILY,
} = CHECK_IN_SETTINGS_LIMITS;

const DAILY_LIMIT =
  'The most check-ins the daily job opens in one day (25 unless set): partners due beyond it are asked on the next days, so a ' +
  'large directory’s first round is spread out rather than sent at once. Rounds a manager sends are not limited.';

const FIRST_AFTER_DAYS =
  'Days a partner must have been active (counted from when it last became active) before a round that picks the partners itself — the daily job, or a round sent without organizationIds — asks it; 0 asks it at once.';

/** PATCH /api/v1/settings/check-ins: change some settings; the version read is required. */
export class UpdateCheckInSettingsDto {
  @ApiPropertyOptional({
    minimum: INTERVAL.min,
    maximum: INTERVAL.max,
    example: 6,
    description: 'Months between check-ins of one partner.',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(INTERVAL.min)
  @Max(INTERVAL.max)
  intervalMonths?: number;

  @ApiPropertyOptional({
    minimum: WINDOW.min,
    maximum: WINDOW.max,
    example: 21,
    description: 'Days a check-in stays open for answers.',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(WINDOW.min)
  @Max(WINDOW.max)
  respondWithinDays?: number;

  @ApiPropertyOptional({ description: 'Whether the daily job sends the round to partners that are due by itself.' })
  @IsOptionalNotNull()
  @IsBoolean()
  automatic?: boolean;

  @ApiPropertyOptional({ minimum: FIRST.min, maximum: FIRST.max, example: 90, description: FIRST_AFTER_DAYS })
  @IsOptionalNotNull()
  @IsInt()
  @Min(FIRST.min)
  @Max(FIRST.max)
  firstAfterDays?: number;

  @ApiPropertyOptional({ minimum: DAILY.min, maximum: DAILY.max, example: 25, description: DAILY_LIMIT })
  @IsOptionalNotNull()
  @IsInt()
  @Min(DAILY.min)
  @Max(DAILY.max)
  dailyLimit?: number;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export class CheckInSettingsResponseDto {
  @ApiProperty() version: number;
  @ApiProperty({ minimum: INTERVAL.min, maximum: INTERVAL.max, example: 6 }) intervalMonths: number;
  @ApiProperty({ minimum: WINDOW.min, maximum: WINDOW.max, example: 21 }) respondWithinDays: number;
  @ApiProperty({ example: true }) automatic: boolean;
  @ApiProperty({ minimum: FIRST.min, maximum: FIRST.max, example: 90, description: FIRST_AFTER_DAYS })
  firstAfterDays: number;
  @ApiProperty({ minimum: DAILY.min, maximum: DAILY.max, example: 25, description: DAILY_LIMIT }) dailyLimit: number;
}
