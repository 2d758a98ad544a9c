import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { feedbackConfig } from '../config/configuration';
import { OrganizationModule } from '../organization/organization.module';
import { CheckInRateLimiter } from './check-in-rate-limiter.service';
import { CheckInResponse } from './check-in-response.entity';
import { CheckInSettingsController } from './check-in-settings.controller';
import { CheckInSettingsService } from './check-in-settings.service';
import { CheckInController } from './check-in.controller';
import { CheckIn } from './check-in.entity';
import { CheckInService } from './check-in.service';
import { PublicCheckInController } from './public-check-in.controller';
import { PublicCheckInService } from './public-check-in.service';

/**
 * Partnership check-ins: the survey (check-in-survey.ts), its schedule (settings), starting and
 * closing check-ins and rounds, the public answer page. Its emails are sent by the delivery
 * worker (kind `check-in`); the health score reads `check_ins` directly (HealthFactsService).
 */
@Module({
  // The per-IP limit of public posts is the anonymous-feedback one (PUBLIC_FEEDBACK_PER_IP_PER_HOUR).
  imports: [
    TypeOrmModule.forFeature([CheckIn, CheckInResponse]),
    ConfigModule.forFeature(feedbackConfig),
    AuditModule,
    OrganizationModule,
  ],
  controllers: [CheckInController, CheckInSettingsController, PublicCheckInController],
  providers: [CheckInService, CheckInSettingsService, PublicCheckInService, CheckInRateLimiter],
  exports: [CheckInService, CheckInSettingsService],
})
export class CheckInModule {}
