import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { SettingKind, Versioned, VersionedSettingStore } from '../../settings/versioned-setting.store';
import { AuthUser } from '../../auth/auth-user';
import { UpdateSecuritySettingsDto } from './dto/mfa.dto';
import { MfaSetupFirstError } from './mfa.errors';
import {
  canonicalRoles,
  DEFAULT_SECURITY_SETTINGS,
  mfaRequiredFor,
  SecuritySettings,
  securitySettingsFromStored,
  validateSecuritySettings,
} from './security-settings';
import { UserMfa } from './user-mfa.entity';

/** The `settings` row that holds the security settings. */
export const SECURITY_SETTINGS_KEY = 'security';

/**
 * The audit log keys events by a uuid; settings are keyed by name, so the security settings are
 * logged under this fixed id (entity type `settings`). Never change it: it ties the history together.
 */
export const SECURITY_SETTINGS_AUDIT_ID = '0c5d7e2a-93b1-4f6e-a8d4-2b7c1e9f3a55';

/**
 * How long a process keeps the settings for the per-request check (MfaSetupGuard). A change
 * made through another API process applies here within this time; this process's own
 * changes apply at once.
 */
const CACHE_MS = 10_000;

export type VersionedSecuritySettings = Versioned<SecuritySettings>;

const SECURITY_SETTING_KIND: SettingKind<SecuritySettings, Pick<SecuritySettings, 'requireMfaFor'>> = {
  key: SECURITY_SETTINGS_KEY,
  label: 'security settings',
  auditId: SECURITY_SETTINGS_AUDIT_ID,
  defaults: () => ({ requireMfaFor: [...DEFAULT_SECURITY_SETTINGS.requireMfaFor] }),
  fromStored: securitySettingsFromStored,
  merge: (current, change) => ({
    requireMfaFor: change.requireMfaFor !== undefined ? canonicalRoles(change.requireMfaFor) : current.requireMfaFor,
  }),
  validate: validateSecuritySettings,
  auditFields: (settings) => ({ requireMfaFor: settings.requireMfaFor }),
};

/**
 * Security settings (admin), versioned in the one settings store like the health and check-in
 * settings: the defaults (nobody required) are version 1 until the first change.
 */
@Injectable()
export class SecuritySettingsService {
  private readonly store: VersionedSettingStore<SecuritySettings, Pick<SecuritySettings, 'requireMfaFor'>>;
  private cached: { settings: SecuritySettings; until: number } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    audit: AuditService,
  ) {
    this.store = new VersionedSettingStore(SECURITY_SETTING_KIND, dataSource, audit, SecuritySettingsService.name);
  }

  /** The settings in force with their version. */
  current(manager?: EntityManager): Promise<VersionedSecuritySettings> {
    return this.store.current(manager);
  }

  /** The settings for the check on every request: at most CACHE_MS old. */
  async cachedSettings(): Promise<SecuritySettings> {
    // A cache lifetime is a duration, not a date: monotonic time, whatever the Clock says.
    const now = performance.now();
    if (this.cached && this.cached.until > now) return this.cached.settings;
    const { settings } = await this.store.current();
    this.cached = { settings, until: now + CACHE_MS };
    return settings;
  }

  /**
   * A change: 409 when `dto.version` is stale, 400 when invalid, 422 when it would require
   * two-factor of the acting admin's own role while they have not turned it on. Audited.
   */
  async update(dto: UpdateSecuritySettingsDto, actor: AuthUser): Promise<VersionedSecuritySettings> {
    if (dto.requireMfaFor && mfaRequiredFor({ requireMfaFor: canonicalRoles(dto.requireMfaFor) }, actor.role)) {
      const own = await this.dataSource.getRepository(UserMfa).findOneBy({ userId: actor.id });
      if (!own?.enabledAt) throw new MfaSetupFirstError();
    }
    const result = await this.store.update(dto.version, { requireMfaFor: dto.requireMfaFor ?? [] }, actor);
    this.cached = null;
    return result;
  }
}
