import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { LibraryModule } from '../library/library.module';
import { ReportModule } from '../report/report.module';
import { GoalController } from './goal.controller';
import { Goal } from './goal.entity';
import { GoalService } from './goal.service';

/** Work-plan goals with their progress (from the outreach report); the dashboard and the weekly digest read them. */
@Module({
  imports: [TypeOrmModule.forFeature([Goal]), AuditModule, LibraryModule, ReportModule],
  controllers: [GoalController],
  providers: [GoalService],
  exports: [GoalService],
})
export class GoalModule {}
