import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { HealthFactsService } from './health-facts.service';
import { HealthSettingsController } from './health-settings.controller';
import { HealthSettingsService } from './health-settings.service';
import { OrganizationHealthController } from './organization-health.controller';
import { OrganizationHealthService } from './organization-health.service';
import { Setting } from './setting.entity';

/** Partnership health: the score's settings (and, built on them, the score of each organization). */
@Module({
  imports: [TypeOrmModule.forFeature([Setting]), AuditModule],
  controllers: [HealthSettingsController, OrganizationHealthController],
  providers: [HealthSettingsService, HealthFactsService, OrganizationHealthService],
  exports: [HealthSettingsService, HealthFactsService],
})
export class PartnershipModule {}
