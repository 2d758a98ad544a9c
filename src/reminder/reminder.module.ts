import { LibraryModule } from '../library/library.module';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { feedbackConfig } from '../config/configuration';
import { ContactModule } from '../contact/contact.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ProgramModule } from '../program/program.module';
import { TaskModule } from '../task/task.module';
import { UserModule } from '../user/user.module';
import { ReminderController } from './reminder.controller';
import { ReminderEmailKind } from './reminder-email.kind';
import { Reminder } from './reminder.entity';
import { ReminderPlanner } from './reminder-planner.service';
import { ReminderService } from './reminder.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';

/**
 * Reminder rules, their planner and the reminder email kind (every process); their emails are
 * sent by the outbox. Programs, tasks, users and contacts are checked through their services.
 */
@Module({
  // The unsubscribe page's per-IP limit is the public pages' one (PUBLIC_FEEDBACK_PER_IP_PER_HOUR).
  imports: [
    TypeOrmModule.forFeature([Reminder]),
    ConfigModule.forFeature(feedbackConfig),
    AuditModule,
    LibraryModule,
    OutboxModule,
    ProgramModule,
    TaskModule,
    UserModule,
    ContactModule,
  ],
  controllers: [ReminderController, UnsubscribeController],
  providers: [ReminderService, ReminderPlanner, ReminderEmailKind, UnsubscribeService],
  exports: [ReminderService, ReminderPlanner],
})
export class ReminderModule {}
