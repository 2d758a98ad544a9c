import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../common/decorators/auth.decorators';
import { DashboardService } from './dashboard.service';
import { HealthDashboardResponseDto } from './dto/dashboard.dto';

@ApiTags('partnership health')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('health')
  @RequirePermission('dashboard.read')
  @ApiOperation({
    summary: 'The partnership health dashboard: the portfolio worst first, bands and stages, audience coverage, upcoming sessions, overdue follow-ups, the introductions to make first',
    description:
      'Every organization not ended, scored now with the settings of /settings/health and sorted lowest score first, each with its drivers. ' +
      '`trend` compares the weekly snapshots of the last four weeks (null without two a week apart). Audiences are ordered priority first, then fewest active partners, ' +
      'so an uncovered high-priority audience leads; `introductions` are the three strongest of GET /matches. Computed with fifteen set-based SQL statements whatever the size of the portfolio.',
  })
  @ApiOkResponse({ type: HealthDashboardResponseDto })
  health(): Promise<HealthDashboardResponseDto> {
    return this.dashboard.health();
  }
}
