import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators';
import { DashboardService } from './dashboard.service';
import { ApiProblems } from '../common/openapi/problem.schema';
import { HealthDashboardQueryDto, HealthDashboardResponseDto, PortfolioHistoryResponseDto } from './dto/dashboard.dto';
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
      'One page (`limit`, `offset`) of the organizations not ended that match `band`, `stage` and `ownerId`, scored now with the settings of /settings/health, lowest score first ' +
      '(unscored ones, with no evidence yet, after every scored one), each with its drivers; `total` counts the matches, `summary` the whole portfolio. ' +
      '`trend` compares the weekly snapshots of the last four weeks (null without two a week apart). Audiences are ordered priority first, then fewest active partners, ' +
      'so an uncovered high-priority audience leads; `introductions` are the three strongest of GET /matches. The scores are kept up to date in health_scores (only the organizations whose facts changed, or whose time ran out, are recomputed on a look).',
  })
  @ApiOkResponse({ type: HealthDashboardResponseDto })
  @ApiProblems(400)
  health(@Query() query: HealthDashboardQueryDto): Promise<HealthDashboardResponseDto> {
    return this.dashboard.health(query);
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
