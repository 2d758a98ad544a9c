import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LibrarySettingsController } from './library-settings.controller';
import { LibrarySettingsService } from './library-settings.service';

/** The library's own settings (name, time zone, languages), read by whatever speaks for the library. */
@Module({
  imports: [AuditModule],
  controllers: [LibrarySettingsController],
  providers: [LibrarySettingsService],
  exports: [LibrarySettingsService],
})
export class LibraryModule {}
