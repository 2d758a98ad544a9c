import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LibraryVoiceSource } from '../common/i18n/locale';
import { LibraryCalendar } from './library-calendar';
import { LibrarySettingsController } from './library-settings.controller';
import { LibrarySettingsService } from './library-settings.service';
import { PublicPageLibraryGuard } from './public-page-library.guard';

/** The library's own settings (name, time zone, languages), read by whatever speaks for the library, and its calendar (LibraryCalendar). */
@Module({
  imports: [AuditModule],
  controllers: [LibrarySettingsController],
  providers: [LibrarySettingsService, LibraryCalendar, PublicPageLibraryGuard],
  exports: [LibrarySettingsService, LibraryCalendar, PublicPageLibraryGuard],
})
export class LibraryModule {}

/**
 * The library's voice (LibraryVoiceSource: its settings as they are now) for every module, so the
 * outbox can write emails for the library without importing the library module (which depends,
 * through settings and users, on the outbox).
 */
@Global()
@Module({
  imports: [LibraryModule],
  providers: [
    {
      provide: LibraryVoiceSource,
      useFactory: (settings: LibrarySettingsService): LibraryVoiceSource => ({
        current: async () => (await settings.current()).settings,
      }),
      inject: [LibrarySettingsService],
    },
  ],
  exports: [LibraryVoiceSource],
})
export class LibraryVoiceModule {}
