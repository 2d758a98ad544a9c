import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { UpdateHealthSettingsDto } from './dto/health-settings.dto';
import { DEFAULT_HEALTH_SETTINGS, HEALTH_COMPONENTS, HealthSettings, mergeHealthSettings, validateHealthSettings } from './health-settings';
import { Setting } from './setting.entity';

/** The `settings` row that holds the health score's weights and thresholds. */
export const HEALTH_SETTINGS_KEY = 'health';

/**
 * The audit log keys events by a uuid; settings are keyed by name, so the health settings are
 * logged under this fixed id (entity type `settings`). Never change it: it ties the history together.
 */
export const HEALTH_SETTINGS_AUDIT_ID = '6e8a1f0c-4d3b-4c52-9a7e-5f2b8d9c0a11';

/** The version the defaults are read as while no change has been stored. */
const DEFAULTS_VERSION = 1;

export interface VersionedHealthSettings {
  version: number;
  settings: HealthSettings;
}

const BAND_KEYS = ['thriving', 'steady', 'atRisk'] as const;

/** `{ 'weights.recency': 25, …, 'bands.atRisk': 25 }`: one audited field per number. */
function flatten(settings: HealthSettings): Record<string, number> {
  return {
    ...Object.fromEntries(HEALTH_COMPONENTS.map((key) => [`weights.${key}`, settings.weights[key]])),
    ...Object.fromEntries(BAND_KEYS.map((key) => [`bands.${key}`, settings.bands[key]])),
  };
}
const AUDITED_FIELDS = Object.keys(flatten(DEFAULT_HEALTH_SETTINGS));

const copyOf = (settings: Readonly<HealthSettings>): HealthSettings => ({ weights: { ...settings.weights }, bands: { ...settings.bands } });

/**
 * The weights and band thresholds of the partnership health score (admin settings).
 *
 * Versions: while nothing has been stored the defaults (DEFAULT_HEALTH_SETTINGS) are in force
 * and read as version 1; the first change must carry version 1 and stores the whole settings
 * at version 2; every later change bumps the version by one. A change that changes nothing
 * keeps the version and writes nothing.
 */
@Injectable()
export class HealthSettingsService {
  private readonly logger = new Logger(HealthSettingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The settings in force with their version. */
  async current(manager: EntityManager = this.dataSource.manager): Promise<VersionedHealthSettings> {
    const row = await manager.findOne(Setting, { where: { key: HEALTH_SETTINGS_KEY } });
    return row ? { version: row.version, settings: this.fromStored(row.value) } : { version: DEFAULTS_VERSION, settings: copyOf(DEFAULT_HEALTH_SETTINGS) };
  }

  /**
   * Applies a partial change under optimistic concurrency: 409 when `dto.version` is not the
   * current one, 400 with field errors when the merged settings are invalid (weights must add
   * up to 100, thresholds descend). Audited in the same transaction.
   */
  async update(dto: UpdateHealthSettingsDto, actor: AuthUser): Promise<VersionedHealthSettings> {
    const result = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(Setting, { where: { key: HEALTH_SETTINGS_KEY }, lock: { mode: 'pessimistic_write' } });
      const before = row ? this.fromStored(row.value) : copyOf(DEFAULT_HEALTH_SETTINGS);
      const version = row ? row.version : DEFAULTS_VERSION;
      if (dto.version !== version) throw new StaleVersionError('health settings', version);

      const after = mergeHealthSettings(before, { weights: dto.weights, bands: dto.bands });
      const errors = validateHealthSettings(after);
      if (errors.length > 0) throw new ValidationFailedError(errors);

      const changes = auditChanges(flatten(before), flatten(after), AUDITED_FIELDS);
      if (Object.keys(changes).length === 0) return { version, settings: before, changed: false };

      const next = version + 1;
      if (row) {
        await manager.update(Setting, { key: HEALTH_SETTINGS_KEY }, { value: after, version: next, updatedById: actor.id });
      } else {
        // Two first changes at once: the loser's insert waits for the winner's commit, inserts
        // nothing, and answers 409 with the version the winner stored.
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(Setting)
          .values({ key: HEALTH_SETTINGS_KEY, value: after, version: next, updatedById: actor.id })
          .orIgnore()
          .returning('key')
          .execute();
        if (inserted.raw.length === 0) {
          const winner = await manager.findOneOrFail(Setting, { where: { key: HEALTH_SETTINGS_KEY } });
          throw new StaleVersionError('health settings', winner.version);
        }
      }
      await this.audit.record(manager, { actorId: actor.id, entityType: 'settings', entityId: HEALTH_SETTINGS_AUDIT_ID, action: 'update', changes });
      return { version: next, settings: after, changed: true };
    });
    if (result.changed) this.logger.log({ version: result.version, actorId: actor.id }, 'health settings changed');
    return { version: result.version, settings: result.settings };
  }

  /**
   * The stored value over the defaults, so a component added to the score later starts at its
   * default weight. Stored settings that no longer validate (e.g. a component's weight gone
   * from a sum of 100) fall back to the defaults with a warning rather than failing every score.
   */
  private fromStored(value: unknown): HealthSettings {
    const stored = (typeof value === 'object' && value !== null ? value : {}) as Partial<HealthSettings>;
    const pick = <K extends string>(keys: readonly K[], from: unknown): Partial<Record<K, number>> =>
      typeof from === 'object' && from !== null
        ? (Object.fromEntries(keys.filter((k) => typeof (from as Record<string, unknown>)[k] === 'number').map((k) => [k, (from as Record<K, number>)[k]])) as Partial<Record<K, number>>)
        : {};
    const merged = mergeHealthSettings(copyOf(DEFAULT_HEALTH_SETTINGS), { weights: pick(HEALTH_COMPONENTS, stored.weights), bands: pick(BAND_KEYS, stored.bands) });
    if (validateHealthSettings(merged).length === 0) return merged;
    this.logger.warn({ key: HEALTH_SETTINGS_KEY }, 'stored health settings are invalid; using the defaults');
    return copyOf(DEFAULT_HEALTH_SETTINGS);
  }
}
