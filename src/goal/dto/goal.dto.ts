import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GOAL_METRICS,
  GOAL_METRIC_LABELS,
  GoalMetric,
  GoalStatus,
  MAX_GOAL_TARGET,
  MAX_PERIOD_DAYS,
} from '@tandem/shared';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { IsOptionalNotNull, trimString } from '../../common/dto/validators';
import { GOAL_YEARS, isGoalDate } from '../goal.rules';
import type { GoalScopeType } from '../goal.rules';

const GOAL_STATUSES: GoalStatus[] = ['not-started', 'on-track', 'off-track', 'met', 'missed'];
const SCOPE_TYPES: GoalScopeType[] = ['library', 'audience', 'program', 'organization'];

const METRICS = `must be one of ${GOAL_METRICS.join(', ')}`;

/** A real calendar date, YYYY-MM-DD, in the years a goal may use. */
function IsGoalDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isGoalDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `must be a real date YYYY-MM-DD between ${GOAL_YEARS.earliest} and ${GOAL_YEARS.latest}`,
        ...options,
      },
      validator: { validate: isGoalDate },
    });
}

const METRIC_DESCRIPTION =
  'What the goal counts, from the same facts as the outreach report: ' +
  GOAL_METRICS.map((metric) => `\`${metric}\` (${GOAL_METRIC_LABELS[metric]})`).join(', ') +
  '. Active partners are the organizations at stage active in the scope — now, or at the end of a period that has ended.';

const SCOPE_DESCRIPTION =
  'At most one of audienceId, programId, organizationId (none: the whole library); an unknown one is a 400.';

/** Fields of a goal, each optional here; POST makes the first five required. */
class GoalScopeFieldsDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: `Count only facts for this audience (partners serving it; programs for it). ${SCOPE_DESCRIPTION}`,
  })
  @IsOptional()
  @IsUUID('all')
  audienceId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: `Count only this program's facts (its partners, for active partners). ${SCOPE_DESCRIPTION}`,
  })
  @IsOptional()
  @IsUUID('all')
  programId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: `Count only this partner's facts. ${SCOPE_DESCRIPTION}`,
  })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string | null;
}

export class CreateGoalDto extends GoalScopeFieldsDto {
  @ApiProperty({ maxLength: 200, example: '600 attendees at teen sessions' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ enum: GOAL_METRICS, description: METRIC_DESCRIPTION })
  @IsIn(GOAL_METRICS, { message: METRICS })
  metric: GoalMetric;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_GOAL_TARGET, example: 600 })
  @IsInt()
  @Min(1)
  @Max(MAX_GOAL_TARGET)
  target: number;

  @ApiProperty({
    format: 'date',
    example: '2026-07-01',
    description: "First day of the period (the library's calendar, included).",
  })
  @IsGoalDate()
  from: string;

  @ApiProperty({
    format: 'date',
    example: '2027-06-30',
    description: `Last day of the period (included); not before from, at most ${MAX_PERIOD_DAYS} days in all.`,
  })
  @IsGoalDate()
  to: string;
}

export class UpdateGoalDto extends GoalScopeFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ enum: GOAL_METRICS, description: METRIC_DESCRIPTION })
  @IsOptionalNotNull()
  @IsIn(GOAL_METRICS, { message: METRICS })
  metric?: GoalMetric;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_GOAL_TARGET })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_GOAL_TARGET)
  target?: number;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptionalNotNull()
  @IsGoalDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptionalNotNull()
  @IsGoalDate()
  to?: string;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

const booleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListGoalsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only goals scoped to this partner.' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only goals scoped to this program.' })
  @IsOptional()
  @IsUUID('all')
  programId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only goals scoped to this audience.' })
  @IsOptional()
  @IsUUID('all')
  audienceId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: "true: only goals whose period contains the library's today; false: only the others.",
  })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  current?: boolean;
}

export class GoalScopeDto {
  @ApiProperty({ enum: SCOPE_TYPES, description: 'library: the whole library (no scope id).' })
  type: GoalScopeType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the library.' })
  id: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The audience's, program's or partner's name; null for the library.",
  })
  name: string | null;
}

export class GoalProgressDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      "The measure over the period up to the library's today (the whole period once it has ended); for active partners, how many are active now, or were at the period's end.",
  })
  value: number;
  @ApiProperty({ description: 'value ÷ target, 3 decimals (above 1 once passed).', example: 0.42 })
  ratio: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'What an even pace would have reached by today: target × the share of the period gone, rounded down.',
  })
  expectedByNow: number;
  @ApiProperty({
    description: 'value ≥ expectedByNow (for an ended period: value ≥ target). True before the period starts.',
  })
  onTrack: boolean;
  @ApiProperty({
    enum: GOAL_STATUSES,
    description:
      'not-started (before from), on-track / off-track (during it), met (target reached, during or after), missed (ended short).',
  })
  status: GoalStatus;
}

export class GoalResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: GOAL_METRICS }) metric: GoalMetric;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_GOAL_TARGET }) target: number;
  @ApiProperty({ format: 'date', description: 'First day (included).' }) from: string;
  @ApiProperty({ format: 'date', description: 'Last day (included).' }) to: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) audienceId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) programId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty({ type: GoalScopeDto, description: 'What the goal counts in, named.' }) scope: GoalScopeDto;
  @ApiProperty({ type: GoalProgressDto }) progress: GoalProgressDto;
  @ApiProperty({
    format: 'date',
    description: "The library's today (its time zone), the day progress is measured on.",
  })
  asOf: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class GoalListDto {
  @ApiProperty({
    type: [GoalResponseDto],
    description:
      'Current goals first (off track first, then the soonest to end), then future ones (soonest to start), then past ones (latest ended first); at most 200.',
  })
  data: GoalResponseDto[];
}
