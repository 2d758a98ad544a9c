import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import type { MatchKind } from '../matching.rules';

export class ListMatchesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only suggestions involving this organization (as provider or seeker).',
  })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only suggestions this capability is a reason for; it then leads (capabilityId).',
  })
  @IsOptional()
  @IsUUID('all')
  capabilityId?: string;
}

export class MatchResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Stable for the pair (provider → seeker): the id to dismiss it by.' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The organization that offers the capability.' })
  providerId: string;

  @ApiProperty({ format: 'uuid', description: 'The organization to introduce it to.' })
  seekerId: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The lead capability: the most sought-after of those the suggestion is about.',
  })
  capabilityId: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      "The audiences the introduction serves, most important first: the seeker's when it looks for the capability, else those both serve.",
  })
  audienceIds: string[];

  @ApiProperty({
    enum: ['sought', 'audience-fit'],
    description:
      'sought: the seeker looks for the capability; audience-fit: both serve a priority-1 audience and the seeker has not got it.',
  })
  kind: MatchKind;

  @ApiProperty({
    minimum: 0,
    maximum: 100,
    description:
      'Sum of: need (40 sought, 45 for two or more sought, 15 audience fit) + audiences (per audience 10/6/3 by priority 1/2/3 plus up to 4 by estimated population, capped at 25) ' +
      '+ stage (each side: active 10, exploring 7, paused 4, prospect 2) + fit (both fit assessments, scaled to 10), rounded.',
  })
  strength: number;

  @ApiProperty({
    example:
      'Next Step College Access offers College application coaching, which Harbor House Youth Shelter is looking for; it serves Youth experiencing homelessness (priority 1).',
  })
  explanation: string;
}

export class MatchPageDto {
  @ApiProperty({ type: [MatchResponseDto] }) data: MatchResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
