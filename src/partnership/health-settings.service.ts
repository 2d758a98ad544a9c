import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { UpdateHealthSettingsDto } from './dto/health-settings.dto';
import {
  DEFAULT_HEALTH_SETTINGS,
  HEALTH_COMPONENTS,
  HealthSettings,
  mergeHealthSettings,
  validateHealthSettings,
} from './health-settings';
import { SettingKind, Versioned, VersionedSettingStore } from '../settings/versioned-setting.store';

/** The `settings` row that holds the health score's weights and thresholds. */
export const HEALTH_SETTINGS_KEY = 'health';

/**
 * The audit log keys events by a uuid; settings are keyed by name, so the health settings are
 * logged under this fixed id (entity type `settings`). Never change it: it ties the history together.
 */
export const HEALTH_SETTINGS_AUDIT_ID = '6e8a1f0c-4d3b-4c52-9a7e-5f2b8d9c0a11';

export type VersionedHealthSettings = Versioned<HealthSettings>;

const BAND_KEYS = ['thriving', 'steady', 'atRisk'] as const;

const copyOf = (settings: Readonly<HealthSettings>): HealthSettings => ({
  weights: { ...settings.weights },
  bands: { ...settings.bands },
});

/** The weights and thresholds as a kind of versioned setting (see VersionedSettingStore). */
const HEALTH_SETTING_KIND: SettingKind<HealthSettings, Pick<UpdateHealthSettingsDto, 'weights' | 'bands'>> = {
  key: HEALTH_SETTINGS_KEY,
  label: 'health settings',
  auditId: HEALTH_SETTINGS_AUDIT_ID,
  defaults: () => copyOf(DEFAULT_HEALTH_SETTINGS),
  /**
   * The stored value over the defaults, so a component added to the score later starts at its
   * default weight; null when the result no longer validates (e.g. a component's weight gone
   * from a sum of 100).
   */
  fromStored(value) {
    const stored = (typeof value === 'object' && value !== null ? value : {}) as Partial<HealthSettings>;
    const pick = <K extends string>(keys: readonly K[], from: unknown): Partial<Record<K, number>> =>
      typeof from === 'object' && from !== null
        ? (Object.fromEntries(
            keys
              .filter((k) => typeof (from as Record<string, unknown>)[k] === 'number')
              .map((k) => [k, (from as Record<K, number>)[k]]),
          ) as Partial<Record<K, number>>)
        : {};
    const merged = mergeHealthSettings(copyOf(DEFAULT_HEALTH_SETTINGS), {
      weights: pick(HEALTH_COMPONENTS, stored.weights),
      bands: pick(BAND_KEYS, stored.bands),
    });
    return validateHealthSettings(merged).length === 0 ? merged : null;
  },
  merge: (current, change) => mergeHealthSettings(current, { weights: change.weights, bands: change.bands }),
  validate: validateHealthSettings,
  /** `{ 'weights.recency': 25, …, 'bands.atRisk': 25 }`: one audited field per number. */
  auditFields: (settings) => ({
    ...Object.fromEntries(HEALTH_COMPONENTS.map((key) => [`weights.${key}`, settings.weights[key]])),
    ...Object.fromEntries(BAND_KEYS.map((key) => [`bands.${key}`, settings.bands[key]])),
  }),
};

/**
 * The weights and band thresholds of the partnership health score (admin settings), versioned:
 * the defaults (DEFAULT_HEALTH_SETTINGS) are version 1 until the first change (see
 * VersionedSettingStore); weights must add up to 100 and thresholds descend.
 */
@Injectable()
export class HealthSettingsService {
  private readonly store: VersionedSettingStore<HealthSettings, Pick<UpdateHealthSettingsDto, 'weights' | 'bands'>>;

  constructor(@InjectDataSource() dataSource: DataSource, audit: AuditService) {
    this.store = new VersionedSettingStore(HEALTH_SETTING_KIND, dataSource, audit, HealthSettingsService.name);
  }

  /** The settings in force with their version. */
  current(manager?: EntityManager): Promise<VersionedHealthSettings> {
    return this.store.current(manager);
  }

  /** A partial change: 409 when `dto.version` is stale, 400 with field errors when the result is invalid. Audited. */
  update(dto: UpdateHealthSettingsDto, actor: AuthUser): Promise<VersionedHealthSettings> {
    return this.store.update(dto.version, dto, actor);
  }
}
