import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { Setting } from '../partnership/setting.entity';
import { CheckInSettings, checkInSettingsFromStored, DEFAULT_CHECK_IN_SETTINGS, mergeCheckInSettings, validateCheckInSettings } from './check-in-settings';
import { UpdateCheckInSettingsDto } from './dto/check-in-settings.dto';

/** The `settings` row that holds the check-in schedule. */
export const CHECK_IN_SETTINGS_KEY = 'check-ins';

/**
 * The audit log keys events by a uuid; settings are keyed by name, so the check-in settings are
 * logged under this fixed id (entity type `settings`). Never change it: it ties the history together.
 */
export const CHECK_IN_SETTINGS_AUDIT_ID = 'b3c9e2d4-7f1a-4e6b-8d2c-4a5f9e0b1c77';

/** The version the defaults are read as while no change has been stored. */
const DEFAULTS_VERSION = 1;

const AUDITED_FIELDS = ['intervalMonths', 'respondWithinDays', 'automatic'] as const;

export interface VersionedCheckInSettings {
  version: number;
  settings: CheckInSettings;
}

/**
 * The check-in schedule (admin settings), versioned like the health settings: while nothing is
 * stored the defaults are in force at version 1; the first change must carry version 1 and
 * stores the whole settings at version 2; every later change bumps the version by one. A change
 * that changes nothing keeps the version and writes nothing.
 */
@Injectable()
export class CheckInSettingsService {
  private readonly logger = new Logger(CheckInSettingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The settings in force with their version. */
  async current(manager: EntityManager = this.dataSource.manager): Promise<VersionedCheckInSettings> {
    const row = await manager.findOne(Setting, { where: { key: CHECK_IN_SETTINGS_KEY } });
    return row ? { version: row.version, settings: this.fromStored(row.value) } : { version: DEFAULTS_VERSION, settings: { ...DEFAULT_CHECK_IN_SETTINGS } };
  }

  /**
   * Applies a partial change under optimistic concurrency: 409 when `dto.version` is not the
   * current one, 400 with field errors when the merged settings are invalid. Audited in the
   * same transaction.
   */
  async update(dto: UpdateCheckInSettingsDto, actor: AuthUser): Promise<VersionedCheckInSettings> {
    const result = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(Setting, { where: { key: CHECK_IN_SETTINGS_KEY }, lock: { mode: 'pessimistic_write' } });
      const before = row ? this.fromStored(row.value) : { ...DEFAULT_CHECK_IN_SETTINGS };
      const version = row ? row.version : DEFAULTS_VERSION;
      if (dto.version !== version) throw new StaleVersionError('check-in settings', version);

      const after = mergeCheckInSettings(before, { intervalMonths: dto.intervalMonths, respondWithinDays: dto.respondWithinDays, automatic: dto.automatic });
      const errors = validateCheckInSettings(after);
      if (errors.length > 0) throw new ValidationFailedError(errors);

      const changes = auditChanges(before as never, after as never, AUDITED_FIELDS);
      if (Object.keys(changes).length === 0) return { version, settings: before, changed: false };

      const next = version + 1;
      if (row) {
        await manager.update(Setting, { key: CHECK_IN_SETTINGS_KEY }, { value: after, version: next, updatedById: actor.id });
      } else {
        // Two first changes at once: the loser's insert waits for the winner's commit, inserts
        // nothing, and answers 409 with the version the winner stored.
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(Setting)
          .values({ key: CHECK_IN_SETTINGS_KEY, value: after, version: next, updatedById: actor.id })
          .orIgnore()
          .returning('key')
          .execute();
        if (inserted.raw.length === 0) {
          const winner = await manager.findOneOrFail(Setting, { where: { key: CHECK_IN_SETTINGS_KEY } });
          throw new StaleVersionError('check-in settings', winner.version);
        }
      }
      await this.audit.record(manager, { actorId: actor.id, entityType: 'settings', entityId: CHECK_IN_SETTINGS_AUDIT_ID, action: 'update', changes });
      return { version: next, settings: after, changed: true };
    });
    if (result.changed) this.logger.log({ version: result.version, actorId: actor.id }, 'check-in settings changed');
    return { version: result.version, settings: result.settings };
  }

  private fromStored(value: unknown): CheckInSettings {
    const { settings, valid } = checkInSettingsFromStored(value);
    if (!valid) this.logger.warn({ key: CHECK_IN_SETTINGS_KEY }, 'stored check-in settings are invalid; using the defaults');
    return settings;
  }
}
