import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { feedbackConfig } from '../config/configuration';
import { Delivery } from './delivery.entity';
import { ReminderController } from './reminder.controller';
import { Reminder } from './reminder.entity';
import { ReminderPlanner } from './reminder-planner.service';
import { ReminderService } from './reminder.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeRateLimiter } from './unsubscribe-rate-limiter.service';
import { UnsubscribeService } from './unsubscribe.service';

/** Reminder rules and their delivery log (every process); the sending worker is ReminderWorkerModule. */
@Module({
  // The unsubscribe page's per-IP limit is the public pages' one (PUBLIC_FEEDBACK_PER_IP_PER_HOUR).
  imports: [TypeOrmModule.forFeature([Reminder, Delivery]), ConfigModule.forFeature(feedbackConfig), AuditModule],
  controllers: [ReminderController, UnsubscribeController],
  providers: [ReminderService, ReminderPlanner, UnsubscribeService, UnsubscribeRateLimiter],
  exports: [ReminderService, ReminderPlanner],
})
export class ReminderModule {}
