import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { feedbackConfig } from '../config/configuration';
import { ContactModule } from '../contact/contact.module';
import { LibraryModule } from '../library/library.module';
import { OrganizationModule } from '../organization/organization.module';
import { OutboxModule } from '../outbox/outbox.module';
import { TaskModule } from '../task/task.module';
import { UserModule } from '../user/user.module';
import { CheckInResponse } from './check-in-response.entity';
import { CheckInSettingsController } from './check-in-settings.controller';
import { CheckInSettingsService } from './check-in-settings.service';
import { CheckInController } from './check-in.controller';
import { CheckInEmailKind } from './check-in-email.kind';
import { CheckIn } from './check-in.entity';
import { CheckInService } from './check-in.service';
import { ContactErasureListener } from './contact-erasure.listener';
import { PublicCheckInController } from './public-check-in.controller';
import { PublicCheckInService } from './public-check-in.service';

/**
 * Partnership check-ins: the survey (check-in-survey.ts), its schedule (settings), starting and
 * closing check-ins and rounds, the public answer page. Its emails are the outbox's kind
 * `check-in` (CheckInEmailKind); the health score reads `check_ins` through the read side (read-side/health-facts.query.ts).
 */
@Module({
  // The per-IP limit of public posts is the anonymous-feedback one (PUBLIC_FEEDBACK_PER_IP_PER_HOUR).
  imports: [
    TypeOrmModule.forFeature([CheckIn, CheckInResponse]),
    ConfigModule.forFeature(feedbackConfig),
    AuditModule,
    LibraryModule,
    OrganizationModule,
    TaskModule,
    UserModule,
    ContactModule,
    OutboxModule,
  ],
  controllers: [CheckInController, CheckInSettingsController, PublicCheckInController],
  providers: [CheckInService, CheckInSettingsService, PublicCheckInService, ContactErasureListener, CheckInEmailKind],
  exports: [CheckInService, CheckInSettingsService],
})
export class CheckInModule {}
