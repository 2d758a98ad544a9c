import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { feedbackConfig } from '../config/configuration';
import { LibraryModule } from '../library/library.module';
import { OrganizationModule } from '../organization/organization.module';
import { ProgramModule } from '../program/program.module';
import { FeedbackLinkController } from './feedback-link.controller';
import { FeedbackLink } from './feedback-link.entity';
import { FeedbackLinkService } from './feedback-link.service';
import { FeedbackController } from './feedback.controller';
import { Feedback } from './feedback.entity';
import { FeedbackService } from './feedback.service';
import { PublicFeedbackController } from './public-feedback.controller';
import { PublicFeedbackIntake } from './public-feedback-intake';

@Module({
  imports: [
    TypeOrmModule.forFeature([Feedback, FeedbackLink]),
    ConfigModule.forFeature(feedbackConfig),
    AuditModule,
    OrganizationModule,
    ProgramModule,
    LibraryModule,
  ],
  controllers: [FeedbackController, FeedbackLinkController, PublicFeedbackController],
  providers: [FeedbackService, FeedbackLinkService, PublicFeedbackIntake],
  exports: [FeedbackService],
})
export class FeedbackModule {}
