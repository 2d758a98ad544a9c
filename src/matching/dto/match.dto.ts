import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { trimToNull } from '../../common/dto/validators';
import type { MatchKind } from '../matching.rules';

export const MATCH_STATUSES = ['open', 'introduced', 'dismissed'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** The longest note an introduction keeps. */
export const INTRODUCTION_NOTE_MAX = 2000;

const booleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

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

  @ApiPropertyOptional({
    enum: MATCH_STATUSES,
    default: 'open',
    description:
      'open: current suggestions, strongest first; introduced / dismissed: decided ones, most recent decision first, as they were when decided.',
  })
  @IsOptional()
  @IsIn(MATCH_STATUSES, { message: `must be one of ${MATCH_STATUSES.join(', ')}` })
  status?: MatchStatus;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'Open list only: true lists every suggestion; by default those below the strength floor are left out and each organization appears in at most maxPerPartner suggestions (GET /settings/matching).',
  })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  all?: boolean;
}

/** POST /api/v1/matches/:id/introduce. */
export class IntroduceMatchDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: INTRODUCTION_NOTE_MAX,
    example: 'Emailed both directors; Dana will call Next Step on Monday.',
    description: 'Kept with the introduction (trimmed; empty is none).',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(INTRODUCTION_NOTE_MAX)
  note?: string | null;
}

export class MatchResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Stable for the pair (provider → seeker): the id to dismiss it by.' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The organization that offers the capability.' })
  providerId: string;

  @ApiProperty({ format: 'uuid', description: 'The organization to introduce it to.' })
  seekerId: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The lead capability: the most sought-after of those the suggestion is about (null only for a decision whose reasons no longer hold and were not kept).',
  })
  capabilityId: string | null;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      "The audiences the introduction serves, most important first: the seeker's when it looks for the capability, else those both serve.",
  })
  audienceIds: string[];

  @ApiProperty({
    enum: ['sought', 'audience-fit'],
    nullable: true,
    description:
      'sought: the seeker looks for the capability; audience-fit: both serve a priority-1 audience and the seeker has not got it (null as capabilityId).',
  })
  kind: MatchKind | null;

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

  @ApiProperty({ enum: MATCH_STATUSES, description: 'open, introduced or dismissed.' })
  status: MatchStatus;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was introduced or dismissed.',
  })
  decidedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who introduced or dismissed it.' })
  decidedById: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "An introduction's follow-up task (null once deleted, and for the others).",
  })
  taskId: string | null;

  @ApiProperty({ type: String, nullable: true, description: "An introduction's note." })
  note: string | null;
}

export class IntroductionResponseDto {
  @ApiProperty({ type: MatchResponseDto }) match: MatchResponseDto;
  @ApiProperty({ format: 'uuid', description: 'The follow-up task "Introduce A to B", assigned to the caller.' })
  taskId: string;
}

export class MatchPageDto {
  @ApiProperty({ type: [MatchResponseDto] }) data: MatchResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
