import { MatchResponseDto } from '../../matching/dto/match.dto';
import { GoalResponseDto } from '../../goal/dto/goal.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../../common/dto/pagination.dto';
import { OrganizationStage, STAGES } from '../../organization/organization-stage';
import { HEALTH_BANDS, HealthBand, ScoredBand } from '../health-settings';

export class HealthTrendDto {
  @ApiProperty({ type: 'integer', nullable: true, description: 'Score points gained (negative: lost) over the span.' })
  change: number | null;
  @ApiProperty({ enum: ['rising', 'steady', 'falling'] }) direction: 'rising' | 'steady' | 'falling';
  @ApiProperty({ type: 'integer', nullable: true, description: 'Whole days between the two snapshots compared.' })
  spanDays: number | null;
}

export class PortfolioEntryDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGES }) stage: OrganizationStage;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) ownerId: string | null;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    nullable: true,
    description: 'Null (band `unscored`) while there is no evidence yet.',
  })
  score: number | null;
  @ApiProperty({ enum: HEALTH_BANDS }) band: HealthBand;
  @ApiProperty({
    type: [String],
    example: ['No contact in 45 days', '2 follow-ups overdue'],
    description: 'Short sentences a manager can act on, most costly first.',
  })
  drivers: string[];
  @ApiProperty({
    type: HealthTrendDto,
    nullable: true,
    description:
      'The change over the last four weeks of weekly snapshots; null without two snapshots at least a week apart.',
  })
  trend: HealthTrendDto | null;
}

export class DashboardSummaryDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { thriving: 4, steady: 7, 'at-risk': 2, dormant: 1, unscored: 3 },
    description: 'The whole portfolio (whatever the filters) per band; every band present.',
  })
  byBand: Record<HealthBand, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { prospect: 3, exploring: 2, active: 8, paused: 1, ended: 2 },
    description: 'Every organization per stage (ended included); every stage present.',
  })
  byStage: Record<OrganizationStage, number>;
}

export class AudienceCoverageDto {
  @ApiProperty({ format: 'uuid' }) audienceId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3, description: '1 high – 3 low.' }) priority: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Organizations at stage active that serve this audience.' })
  activePartners: number;
}

export class UpcomingSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() programName: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
}

export class UpcomingSessionsDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'All such sessions in the next 14 days (data holds at most 20).',
  })
  total: number;
  @ApiProperty({ type: [UpcomingSessionDto] }) data: UpcomingSessionDto[];
}

export class OverdueTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'uuid' }) assigneeId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
}

export class OverdueTasksDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'All open tasks past due (data holds the 20 oldest).' })
  total: number;
  @ApiProperty({ type: [OverdueTaskDto] }) data: OverdueTaskDto[];
}

export class DashboardIntroductionsDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'All current suggestions (data holds the three strongest).',
  })
  total: number;
  @ApiProperty({
    type: [MatchResponseDto],
    description: 'As GET /matches, strongest first: the first is the introduction to make first.',
  })
  data: MatchResponseDto[];
}

/** A comma-separated list (`?stage=active,exploring`), or the parameter repeated. */
const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value.split(',').map((item) => item.trim())
    : Array.isArray(value)
      ? (value as unknown[]).flatMap((item) =>
          typeof item === 'string' ? item.split(',').map((part) => part.trim()) : [item],
        )
      : value;

export const PORTFOLIO_STAGES = STAGES.filter((stage) => stage !== OrganizationStage.Ended);

export class HealthDashboardQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;

  @ApiPropertyOptional({
    type: String,
    example: 'at-risk,dormant',
    description: `Only these bands, comma-separated: ${HEALTH_BANDS.join(', ')}.`,
  })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(HEALTH_BANDS.length)
  @IsIn(HEALTH_BANDS, { each: true })
  band?: HealthBand[];

  @ApiPropertyOptional({
    type: String,
    example: 'active,exploring',
    description: `Only these stages, comma-separated: ${PORTFOLIO_STAGES.join(', ')} (ended partners are never in the portfolio).`,
  })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(PORTFOLIO_STAGES.length)
  @IsIn(PORTFOLIO_STAGES, { each: true })
  stage?: OrganizationStage[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only the partners this staff member owns (the app's “my partners”).",
  })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;
}

export class HealthDashboardResponseDto {
  @ApiProperty({
    type: [PortfolioEntryDto],
    description:
      'One page of the organizations not ended that match the filters, worst first: lowest score first, unscored ones after every scored one, then name.',
  })
  data: PortfolioEntryDto[];
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Organizations matching the filters (data holds one page).',
  })
  total: number;
  @ApiProperty({ type: DashboardSummaryDto }) summary: DashboardSummaryDto;
  @ApiProperty({
    type: [AudienceCoverageDto],
    description:
      'Priority first, then fewest active partners, then name: an uncovered priority-1 audience comes first.',
  })
  audienceCoverage: AudienceCoverageDto[];
  @ApiProperty({
    type: UpcomingSessionsDto,
    description:
      'Sessions in the next 14 days, not cancelled, not on a closure day, of planned or running programs; soonest first.',
  })
  upcomingSessions: UpcomingSessionsDto;
  @ApiProperty({ type: OverdueTasksDto, description: 'Open tasks past due, oldest first.' })
  overdueTasks: OverdueTasksDto;
  @ApiProperty({
    type: DashboardIntroductionsDto,
    description: 'The three strongest suggested introductions (dismissed ones hidden).',
  })
  introductions: DashboardIntroductionsDto;
  @ApiProperty({
    type: [GoalResponseDto],
    description:
      "The work-plan goals whose period contains the library's today, with their progress (as GET /goals?current=true): off track first, then the soonest to end.",
  })
  goals: GoalResponseDto[];
}

export class PortfolioWeekDto {
  @ApiProperty({ format: 'date', example: '2026-11-23', description: 'The Monday (UTC) of the week.' }) weekOf: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { thriving: 4, steady: 7, 'at-risk': 2, dormant: 1 },
    description: 'Organizations per band in that week’s snapshots; every band present.',
  })
  byBand: Record<ScoredBand, number>;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    description: 'Mean score of the organizations snapshotted that week, rounded.',
  })
  averageScore: number;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Organizations snapshotted that week.' })
  organizations: number;
}

export class PortfolioHistoryResponseDto {
  @ApiProperty({
    type: [PortfolioWeekDto],
    description: 'The latest 53 weeks with snapshots (about a year), oldest first; empty until the weekly job has run.',
  })
  data: PortfolioWeekDto[];
}
