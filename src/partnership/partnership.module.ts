import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { GoalModule } from '../goal/goal.module';
import { MatchingModule } from '../matching/matching.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { HealthFactsService } from './health-facts.service';
import { HealthScoreStore } from './health-score-store.service';
import { HealthSettingsController } from './health-settings.controller';
import { HealthSettingsService } from './health-settings.service';
import { HealthSnapshotService } from './health-snapshot.service';
import { OrganizationHealthController } from './organization-health.controller';
import { OrganizationHealthService } from './organization-health.service';

/** Partnership health: the score's settings (and, built on them, the score of each organization). */
@Module({
  imports: [AuditModule, MatchingModule, GoalModule],
  controllers: [HealthSettingsController, OrganizationHealthController, DashboardController],
  providers: [
    HealthSettingsService,
    HealthFactsService,
    OrganizationHealthService,
    DashboardService,
    HealthSnapshotService,
    HealthScoreStore,
  ],
  exports: [HealthSettingsService, HealthFactsService, HealthSnapshotService, DashboardService, HealthScoreStore],
})
export class PartnershipModule {}
