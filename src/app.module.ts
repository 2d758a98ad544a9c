import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { SignInModule } from './sign-in/sign-in.module';
import { loggerOptions } from './common/logging/logger.options';
import { ALL_CONFIG, appConfig, AppConfig } from './config/configuration';
import { validateEnv } from './config/env.schema';
import { DatabaseModule } from './database/database.module';
import type { EmbeddedMode } from './database/embedded-postgres';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { OrganizationModule } from './organization/organization.module';
import { ContactModule } from './contact/contact.module';
import { ProgramModule } from './program/program.module';
import { ClosureModule } from './closure/closure.module';
import { FeedbackModule } from './feedback/feedback.module';
import { VocabularyModule } from './vocabulary/vocabulary.module';
import { RedisModule } from './redis/redis.module';
import { UserModule } from './user/user.module';
import { VisitModule } from './visit/visit.module';
import { TaskModule } from './task/task.module';
import { ClockModule } from './common/clock/clock';
import { DomainEventsModule } from './common/events/domain-events';
import { QueueModule } from './queue/queue.module';
import { ReminderModule } from './reminder/reminder.module';
import { OutboxModule } from './outbox/outbox.module';
import { OutboxWorkerModule } from './outbox/outbox-worker.module';
import { MatchingModule } from './matching/matching.module';
import { PartnershipModule } from './partnership/partnership.module';
import { CheckInModule } from './check-in/check-in.module';
import { DigestModule } from './digest/digest.module';
import { GoalModule } from './goal/goal.module';
import { ReportModule } from './report/report.module';
import { DemoModule } from './demo/demo.module';
import { SearchModule } from './search/search.module';
import { LibraryModule, LibraryVoiceModule } from './library/library.module';

export interface AppModuleOptions {
  /** Run the queue workers in this process (TANDEM_PROCESS=worker or all). */
  worker: boolean;
  /** Without DATABASE_URL: run the embedded server (`own`, default) or use a running Tandem's (`share`). */
  embeddedDatabase?: EmbeddedMode;
}

@Module({})
export class AppModule {
  /**
   * Built at start-up rather than at import, so configuration is read (and validated) only
   * once the environment is final.
   */
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: validateEnv,
          load: ALL_CONFIG,
          cache: true,
        }),
        LoggerModule.forRootAsync({
          inject: [appConfig.KEY],
          useFactory: (app: AppConfig) => loggerOptions(app.logLevel, app.logFormat),
        }),
        ClockModule,
        DomainEventsModule,
        DatabaseModule.forRoot({ embedded: options.embeddedDatabase ?? 'own' }),
        RedisModule,
        QueueModule,
        MailModule,
        HealthModule,
        UserModule,
        SignInModule,
        AuditModule,
        VocabularyModule,
        OrganizationModule,
        ContactModule,
        ProgramModule,
        ClosureModule,
        FeedbackModule,
        VisitModule,
        TaskModule,
        OutboxModule,
        ReminderModule,
        MatchingModule,
        PartnershipModule,
        CheckInModule,
        DigestModule,
        ReportModule,
        GoalModule,
        DemoModule,
        SearchModule,
        LibraryModule,
        LibraryVoiceModule,
        ...(options.worker ? [MaintenanceModule, OutboxWorkerModule] : []),
      ],
    };
  }
}
