import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { SettingKind, Versioned, VersionedSettingStore } from '../settings/versioned-setting.store';
import {
  CHECK_IN_SETTING_KEYS,
  CheckInSettings,
  checkInSettingsFromStored,
  DEFAULT_CHECK_IN_SETTINGS,
  mergeCheckInSettings,
  validateCheckInSettings,
} from './check-in-settings';
import { UpdateCheckInSettingsDto } from './dto/check-in-settings.dto';

/** The `settings` row that holds the check-in schedule. */
export const CHECK_IN_SETTINGS_KEY = 'check-ins';

/**
 * The audit log keys events by a uuid; settings are keyed by name, so the check-in settings are
 * logged under this fixed id (entity type `settings`). Never change it: it ties the history together.
 */
export const CHECK_IN_SETTINGS_AUDIT_ID = 'b3c9e2d4-7f1a-4e6b-8d2c-4a5f9e0b1c77';

export type VersionedCheckInSettings = Versioned<CheckInSettings>;

const KEYS = CHECK_IN_SETTING_KEYS;

/** The check-in schedule as a kind of versioned setting (see VersionedSettingStore). */
const CHECK_IN_SETTING_KIND: SettingKind<CheckInSettings, Partial<CheckInSettings>> = {
  key: CHECK_IN_SETTINGS_KEY,
  label: 'check-in settings',
  auditId: CHECK_IN_SETTINGS_AUDIT_ID,
  defaults: () => ({ ...DEFAULT_CHECK_IN_SETTINGS }),
  fromStored(value) {
    const { settings, valid } = checkInSettingsFromStored(value);
    return valid ? settings : null;
  },
  merge: mergeCheckInSettings,
  validate: validateCheckInSettings,
  auditFields: (settings) => Object.fromEntries(KEYS.map((key) => [key, settings[key]])),
};

/**
 * The check-in schedule (admin settings), versioned like the health settings: the defaults are
 * version 1 until the first change (see VersionedSettingStore).
 */
@Injectable()
export class CheckInSettingsService {
  private readonly store: VersionedSettingStore<CheckInSettings, Partial<CheckInSettings>>;

  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService) {
    this.store = new VersionedSettingStore(CHECK_IN_SETTING_KIND, dataSource, audit, CheckInSettingsService.name);
  }

  /** The settings in force with their version. */
  current(manager?: EntityManager): Promise<VersionedCheckInSettings> {
    return this.store.current(manager);
  }

  /** A partial change: 409 when `dto.version` is stale, 400 with field errors when the result is invalid. Audited. */
  update(dto: UpdateCheckInSettingsDto, actor: AuthUser): Promise<VersionedCheckInSettings> {
    return this.store.update(
      dto.version,
      {
        intervalMonths: dto.intervalMonths,
        respondWithinDays: dto.respondWithinDays,
        automatic: dto.automatic,
        firstAfterDays: dto.firstAfterDays,
        dailyLimit: dto.dailyLimit,
      },
      actor,
    );
  }
}
