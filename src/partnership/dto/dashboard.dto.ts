import { MatchResponseDto } from '../../matching/dto/match.dto';
import { ApiProperty } from '@nestjs/swagger';
import { OrganizationStage, STAGES } from '../../organization/organization-stage';
import { HEALTH_BANDS, HealthBand } from '../health-settings';

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
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) score: number;
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
    example: { thriving: 4, steady: 7, 'at-risk': 2, dormant: 1 },
    description: 'Portfolio per band; every band present.',
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

export class HealthDashboardResponseDto {
  @ApiProperty({
    type: [PortfolioEntryDto],
    description: 'Every organization not ended, worst first (lowest score, then name).',
  })
  data: PortfolioEntryDto[];
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
}

export class PortfolioWeekDto {
  @ApiProperty({ format: 'date', example: '2026-11-23', description: 'The Monday (UTC) of the week.' }) weekOf: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { thriving: 4, steady: 7, 'at-risk': 2, dormant: 1 },
    description: 'Organizations per band in that week’s snapshots; every band present.',
  })
  byBand: Record<HealthBand, number>;
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
