import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { Delivery } from './delivery.entity';
import { ReminderController } from './reminder.controller';
import { Reminder } from './reminder.entity';
import { ReminderPlanner } from './reminder-planner.service';
import { ReminderService } from './reminder.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';

/** Reminder rules and their delivery log (every process); the sending worker is ReminderWorkerModule. */
@Module({
  imports: [TypeOrmModule.forFeature([Reminder, Delivery]), AuditModule],
  controllers: [ReminderController, UnsubscribeController],
  providers: [ReminderService, ReminderPlanner, UnsubscribeService],
  exports: [ReminderService, ReminderPlanner],
})
export class ReminderModule {}
