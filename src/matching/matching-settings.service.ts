import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { SettingKind, Versioned, VersionedSettingStore } from '../settings/versioned-setting.store';
import { UpdateMatchingSettingsDto } from './dto/matching-settings.dto';
import {
  DEFAULT_MATCHING_SETTINGS,
  MATCHING_SETTINGS_KEYS,
  MatchingSettings,
  matchingSettingsFromStored,
  mergeMatchingSettings,
  validateMatchingSettings,
} from './matching-settings';

/** The `settings` row that holds the matching settings. */
export const MATCHING_SETTINGS_KEY = 'matching';

/**
 * The audit log keys events by a uuid; settings are keyed by name, so the matching settings are
 * logged under this fixed id (entity type `settings`). Never change it: it ties the history together.
 */
export const MATCHING_SETTINGS_AUDIT_ID = '6d2f0a41-93c5-4b7e-a1d8-5e0c7b9f2a36';

export type VersionedMatchingSettings = Versioned<MatchingSettings>;

const MATCHING_SETTING_KIND: SettingKind<MatchingSettings, Partial<MatchingSettings>> = {
  key: MATCHING_SETTINGS_KEY,
  label: 'matching settings',
  auditId: MATCHING_SETTINGS_AUDIT_ID,
  defaults: () => ({ ...DEFAULT_MATCHING_SETTINGS }),
  fromStored: matchingSettingsFromStored,
  merge: mergeMatchingSettings,
  validate: validateMatchingSettings,
  auditFields: (settings) => Object.fromEntries(MATCHING_SETTINGS_KEYS.map((key) => [key, settings[key]])),
};

/** The open list's strength floor and per-partner cap (admin settings), versioned like the others. */
@Injectable()
export class MatchingSettingsService {
  private readonly store: VersionedSettingStore<MatchingSettings, Partial<MatchingSettings>>;

  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService) {
    this.store = new VersionedSettingStore(MATCHING_SETTING_KIND, dataSource, audit, MatchingSettingsService.name);
  }

  current(manager?: EntityManager): Promise<VersionedMatchingSettings> {
    return this.store.current(manager);
  }

  update(dto: UpdateMatchingSettingsDto, actor: AuthUser): Promise<VersionedMatchingSettings> {
    return this.store.update(dto.version, { minStrength: dto.minStrength, maxPerPartner: dto.maxPerPartner }, actor);
  }
}
