import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto/validators';
import { HealthComponent, HealthSettings } from '../health-settings';

/**
 * PATCH /api/v1/settings/health: change some weights or thresholds. Each value is checked here
 * on its own (a whole number 0–100); the rules across fields (weights add up to 100,
 * thriving > steady > atRisk) are checked by validateHealthSettings on the current settings
 * with the change merged in (mergeHealthSettings), so a change of two weights that keeps the
 * sum at 100 is accepted.
 */
const weight = (description: string) => ApiPropertyOptional({ minimum: 0, maximum: 100, description });

export class UpdateHealthWeightsDto implements Partial<Record<HealthComponent, number>> {
  @weight(
    'Engagement recency: days since the last visit, held session, feedback or note, against the cadence of its programs.',
  )
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  recency?: number;

  @weight('Sessions held vs scheduled in the last 90 days (closures do not count).')
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  sessions?: number;

  @weight('Mean feedback rating over 180 days and its trend.')
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  feedback?: number;

  @weight('Attendance of the last 8 sessions vs the 8 before.')
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  attendance?: number;

  @weight('Open follow-ups past their due time.')
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  followUps?: number;

  @weight('The fit assessment (audience reach, mission overlap, complementary resources).')
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  fit?: number;

  @weight('The latest partnership check-in (within a year).')
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  checkIn?: number;
}

const threshold = (description: string) => ApiPropertyOptional({ minimum: 0, maximum: 100, description });

export class UpdateHealthBandsDto implements Partial<HealthSettings['bands']> {
  @threshold('Lowest score that is thriving.')
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  thriving?: number;

  @threshold('Lowest score that is steady; below thriving.')
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  steady?: number;

  @threshold('Lowest score that is at-risk; below steady. Lower scores are dormant.')
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  atRisk?: number;
}

export class UpdateHealthSettingsDto {
  @ApiPropertyOptional({
    type: UpdateHealthWeightsDto,
    description: 'Weights to change; all weights together must add up to 100.',
  })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateHealthWeightsDto)
  weights?: UpdateHealthWeightsDto;

  @ApiPropertyOptional({ type: UpdateHealthBandsDto, description: 'Thresholds to change; thriving > steady > atRisk.' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateHealthBandsDto)
  bands?: UpdateHealthBandsDto;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export class HealthWeightsResponseDto implements Record<HealthComponent, number> {
  @ApiProperty({ minimum: 0, maximum: 100, example: 25 }) recency: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 15 }) sessions: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 15 }) feedback: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 15 }) attendance: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 10 }) followUps: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 10 }) fit: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 10 }) checkIn: number;
}

export class HealthBandsResponseDto implements Readonly<HealthSettings['bands']> {
  @ApiProperty({ minimum: 0, maximum: 100, example: 75 }) thriving: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 50 }) steady: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 25 }) atRisk: number;
}

export class HealthSettingsResponseDto {
  @ApiProperty() version: number;
  @ApiProperty({
    type: HealthWeightsResponseDto,
    description: 'One weight per component of the score, adding up to 100.',
  })
  weights: HealthWeightsResponseDto;
  @ApiProperty({ type: HealthBandsResponseDto, description: 'The lowest score of each band; below atRisk is dormant.' })
  bands: HealthBandsResponseDto;
}
