import { Module } from '@nestjs/common';
import { LibraryModule } from '../library/library.module';
import { ReportController } from './report.controller';
import { ReportService } from './report.service';

/** The outreach report (reads every outreach table through the read side) and its measures for goals. */
@Module({
  imports: [LibraryModule],
  controllers: [ReportController],
  providers: [ReportService],
  exports: [ReportService],
})
export class ReportModule {}
