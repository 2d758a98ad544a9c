import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { LibraryModule } from '../library/library.module';
import { TaskModule } from '../task/task.module';
import { MatchDecision } from './match-decision.entity';
import { MatchingSettingsController } from './matching-settings.controller';
import { MatchingSettingsService } from './matching-settings.service';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';
import { RankingThread } from './ranking-thread.service';

@Module({
  imports: [TypeOrmModule.forFeature([MatchDecision]), AuditModule, LibraryModule, TaskModule],
  controllers: [MatchingController, MatchingSettingsController],
  providers: [MatchingService, MatchingSettingsService, RankingThread],
  exports: [MatchingService, MatchingSettingsService],
})
export class MatchingModule {}
