import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { OrganizationHealthResponseDto } from './dto/organization-health.dto';
import { HealthSnapshotService } from './health-snapshot.service';
import { OrganizationHealthService } from './organization-health.service';

@ApiTags('partnership health')
@Controller('organizations')
export class OrganizationHealthController {
  constructor(
    private readonly organizationHealth: OrganizationHealthService,
    private readonly snapshots: HealthSnapshotService,
  ) {}

  @Get(':id/health')
  @RequirePermission('directory.read')
  @ApiOperation({
    summary: "An organization's partnership health: score, band, components and drivers",
    description:
      'Computed now from visits, sessions, attendance, feedback, notes, overdue follow-ups and the fit assessment, with the weights and bands of /settings/health. ' +
      '`history`: the weekly snapshots of the score (about a year), oldest first.',
  })
  @ApiOkResponse({ type: OrganizationHealthResponseDto })
  @ApiProblems(404)
  async health(@Param('id', new ParseIdPipe('organization')) id: string): Promise<OrganizationHealthResponseDto> {
    const health = await this.organizationHealth.healthOf(id);
    const history = await this.snapshots.historyOf(id);
    // Recency and follow-ups are never null (there is always a last contact or a date added, and none overdue is a fact).
    const components = {
      ...health.components,
      recency: health.components.recency as number,
      followUps: health.components.followUps as number,
    };
    return {
      score: health.score,
      band: health.band,
      cap: health.cap,
      components,
      details: health.details,
      drivers: health.drivers,
      history: history.map((s) => ({ at: s.at.toISOString(), score: s.score })),
    };
  }
}
