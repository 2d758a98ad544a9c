import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { digestConfig, type DigestConfig } from '../config/configuration';
import { SettingKind, Versioned, VersionedSettingStore } from '../settings/versioned-setting.store';
import { UpdateLibrarySettingsDto } from './dto/library-settings.dto';
import {
  defaultLibrarySettings,
  LIBRARY_SETTING_KEYS,
  LibrarySettings,
  librarySettingsFromStored,
  mergeLibrarySettings,
  validateLibrarySettings,
} from './library-settings';
import { resolveLanguage } from './library-language';

/** The `settings` row that holds the library's own settings. */
export const LIBRARY_SETTINGS_KEY = 'library';

/**
 * The audit log keys events by a uuid; settings are keyed by name, so the library settings are
 * logged under this fixed id (entity type `settings`). Never change it: it ties the history together.
 */
export const LIBRARY_SETTINGS_AUDIT_ID = '0f6b8d52-4c1e-4a97-b3d0-8e2a7c5f19b4';

export type VersionedLibrarySettings = Versioned<LibrarySettings>;

/** The library settings as a kind of versioned setting; the default zone is DIGEST_TIMEZONE's. */
function librarySettingKind(defaultTimezone: string): SettingKind<LibrarySettings, Partial<LibrarySettings>> {
  const defaults = () => defaultLibrarySettings(defaultTimezone);
  return {
    key: LIBRARY_SETTINGS_KEY,
    label: 'library settings',
    auditId: LIBRARY_SETTINGS_AUDIT_ID,
    defaults,
    fromStored: (value) => librarySettingsFromStored(value, defaults()),
    merge: mergeLibrarySettings,
    validate: validateLibrarySettings,
    auditFields: (settings) => Object.fromEntries(LIBRARY_SETTING_KEYS.map((key) => [key, settings[key]])),
  };
}

/**
 * The library itself (admin settings): its name, time zone, fiscal year and the languages it speaks to the
 * public in, versioned like the other settings: the defaults are version 1 until the first
 * change (see VersionedSettingStore). Other modules read them with `current()`.
 */
@Injectable()
export class LibrarySettingsService {
  private readonly store: VersionedSettingStore<LibrarySettings, Partial<LibrarySettings>>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    audit: AuditService,
    @Inject(digestConfig.KEY) digest: DigestConfig,
  ) {
    this.store = new VersionedSettingStore(
      librarySettingKind(digest.timezone),
      dataSource,
      audit,
      LibrarySettingsService.name,
    );
  }

  /** The settings in force with their version. */
  current(manager?: EntityManager): Promise<VersionedLibrarySettings> {
    return this.store.current(manager);
  }

  /**
   * The language to store on a record (program, contact, feedback): `requested` when the library
   * offers it (any case; 400 naming the offered ones otherwise), the default language when none
   * is requested; `keep`, the record's current language, stays allowed (see resolveLanguage).
   */
  async languageFor(
    requested: string | undefined,
    options: { field?: string; keep?: string | null } = {},
    manager?: EntityManager,
  ): Promise<string> {
    return resolveLanguage((await this.current(manager)).settings, requested, options);
  }

  /** A partial change: 409 when `dto.version` is stale, 400 with field errors when the result is invalid. Audited. */
  update(dto: UpdateLibrarySettingsDto, actor: AuthUser): Promise<VersionedLibrarySettings> {
    return this.store.update(
      dto.version,
      {
        name: dto.name,
        timezone: dto.timezone,
        defaultLanguage: dto.defaultLanguage,
        languages: dto.languages,
        fiscalYearStartMonth: dto.fiscalYearStartMonth,
      },
      actor,
    );
  }
}
