import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators';
import { DashboardService } from './dashboard.service';
import { HealthDashboardResponseDto, PortfolioHistoryResponseDto } from './dto/dashboard.dto';
import { HealthSnapshotService } from './health-snapshot.service';

@ApiTags('partnership health')
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly snapshots: HealthSnapshotService,
  ) {}

  @Get('health')
  @RequirePermission('dashboard.read')
  @ApiOperation({
    summary:
      'The partnership health dashboard: the portfolio worst first, bands and stages, audience coverage, upcoming sessions, overdue follow-ups, the introductions to make first',
    description:
      'Every organization not ended, scored now with the settings of /settings/health and sorted lowest score first, each with its drivers. ' +
      '`trend` compares the weekly snapshots of the last four weeks (null without two a week apart). Audiences are ordered priority first, then fewest active partners, ' +
      'so an uncovered high-priority audience leads; `introductions` are the three strongest of GET /matches. Computed with fifteen set-based SQL statements whatever the size of the portfolio.',
  })
  @ApiOkResponse({ type: HealthDashboardResponseDto })
  health(): Promise<HealthDashboardResponseDto> {
    return this.dashboard.health();
  }

  @Get('health/history')
  @RequirePermission('dashboard.read')
  @ApiOperation({
    summary: 'The portfolio week by week: organizations per band and their mean score, from the weekly snapshots',
    description:
      'One entry per week (Monday, UTC) with snapshots, the latest 53 (about a year), oldest first. An organization snapshotted twice in a week counts once (the later). ' +
      'Organizations that ended later still count in the weeks they were snapshotted; deleted ones do not. Empty until the weekly job has run.',
  })
  @ApiOkResponse({ type: PortfolioHistoryResponseDto })
  async history(): Promise<PortfolioHistoryResponseDto> {
    return { data: await this.snapshots.portfolioHistory() };
  }
}
