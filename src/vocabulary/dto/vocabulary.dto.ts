import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { IsOptionalNotNull, trimString } from '../../common/dto/validators';

export class CreateCapabilityDto {
  @ApiProperty({ example: 'Paid internships', maxLength: 120 })
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;
}

export class UpdateCapabilityDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptionalNotNull()
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ description: 'The version you read; a stale one gets 409 and changes nothing.' })
  @IsInt()
  @Min(1)
  version: number;
}

export class CreateAudienceDto extends CreateCapabilityDto {
  @ApiProperty({ enum: [1, 2, 3], description: '1 high – 3 low' })
  @IsIn([1, 2, 3], { message: 'must be 1 (high), 2 or 3 (low)' })
  priority: number;

  @ApiPropertyOptional({ type: Number, minimum: 0, nullable: true, example: 420 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  estimatedPopulation?: number | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: 300,
    nullable: true,
    example: '2025 community analysis (census tracts 12, 14)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  source?: string | null;
}

export class UpdateAudienceDto extends UpdateCapabilityDto {
  @ApiPropertyOptional({ enum: [1, 2, 3] })
  @IsOptionalNotNull()
  @IsIn([1, 2, 3], { message: 'must be 1 (high), 2 or 3 (low)' })
  priority?: number;

  @ApiPropertyOptional({ type: Number, minimum: 0, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  estimatedPopulation?: number | null;

  @ApiPropertyOptional({ type: String, maxLength: 300, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  source?: string | null;
}

export class CapabilityResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
}

export class AudienceResponseDto extends CapabilityResponseDto {
  @ApiProperty({ enum: [1, 2, 3] }) priority: number;
  @ApiProperty({ type: Number, nullable: true }) estimatedPopulation: number | null;
  @ApiProperty({ type: String, nullable: true }) source: string | null;
}

export class AudienceListDto {
  @ApiProperty({ type: [AudienceResponseDto] }) data: AudienceResponseDto[];
}

export class CapabilityListDto {
  @ApiProperty({ type: [CapabilityResponseDto] }) data: CapabilityResponseDto[];
}
