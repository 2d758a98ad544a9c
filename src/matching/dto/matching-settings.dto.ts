import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto/validators';
import { MATCHING_SETTINGS_LIMITS } from '../matching-settings';

const { minStrength: FLOOR, maxPerPartner: CAP } = MATCHING_SETTINGS_LIMITS;

/** PATCH /api/v1/settings/matching: change some settings; the version read is required. */
export class UpdateMatchingSettingsDto {
  @ApiPropertyOptional({
    minimum: FLOOR.min,
    maximum: FLOOR.max,
    example: 60,
    description: 'Suggestions weaker than this are not listed by default.',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(FLOOR.min)
  @Max(FLOOR.max)
  minStrength?: number;

  @ApiPropertyOptional({
    minimum: CAP.min,
    maximum: CAP.max,
    example: 3,
    description: 'The most suggestions one organization appears in (strongest kept first).',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(CAP.min)
  @Max(CAP.max)
  maxPerPartner?: number;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export class MatchingSettingsResponseDto {
  @ApiProperty() version: number;
  @ApiProperty({ minimum: FLOOR.min, maximum: FLOOR.max, example: 60 }) minStrength: number;
  @ApiProperty({ minimum: CAP.min, maximum: CAP.max, example: 3 }) maxPerPartner: number;
}
