import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { FieldError, StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { Setting } from './setting.entity';

/** What one kind of admin setting is: its key, its defaults and how to read, change and check it. */
export interface SettingKind<T, Change> {
  /** The `settings` row's key. */
  key: string;
  /** How errors and logs name it ("health settings"). */
  label: string;
  /**
   * The audit log keys events by a uuid; settings are keyed by name, so each kind is logged under
   * a fixed id (entity type `settings`). Never change it: it ties the history together.
   */
  auditId: string;
  /** A fresh copy of the defaults. */
  defaults(): T;
  /** The stored value over the defaults (a setting added later starts at its default); null when it no longer validates. */
  fromStored(value: unknown): T | null;
  /** A partial change applied to the current settings. */
  merge(current: T, change: Change): T;
  validate(settings: T): FieldError[];
  /** One audited field per value (`weights.recency` …). */
  auditFields(settings: T): Record<string, unknown>;
}

export interface Versioned<T> {
  version: number;
  settings: T;
}

/** The version the defaults are read as while no change has been stored. */
export const DEFAULTS_VERSION = 1;

/**
 * One admin setting kept in the `settings` table, versioned: while nothing has been stored the
 * defaults are in force and read as version 1; the first change must carry version 1 and stores
 * the whole value at version 2; every later change bumps the version by one. A change that
 * changes nothing keeps the version and writes nothing. Changes are audited in their transaction.
 */
export class VersionedSettingStore<T, Change> {
  private readonly logger: Logger;

  constructor(
    private readonly kind: SettingKind<T, Change>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    loggerContext: string,
  ) {
    this.logger = new Logger(loggerContext);
  }

  /** The settings in force with their version. */
  async current(manager: EntityManager = this.dataSource.manager): Promise<Versioned<T>> {
    const row = await manager.findOne(Setting, { where: { key: this.kind.key } });
    return row
      ? { version: row.version, settings: this.fromStored(row.value) }
      : { version: DEFAULTS_VERSION, settings: this.kind.defaults() };
  }

  /**
   * Applies a partial change under optimistic concurrency: 409 when `version` is not the current
   * one, 400 with field errors when the merged settings are invalid.
   */
  async update(version: number, change: Change, actor: AuthUser): Promise<Versioned<T>> {
    const { key, label } = this.kind;
    const result = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(Setting, { where: { key }, lock: { mode: 'pessimistic_write' } });
      const before = row ? this.fromStored(row.value) : this.kind.defaults();
      const current = row ? row.version : DEFAULTS_VERSION;
      if (version !== current) throw new StaleVersionError(label, current);

      const after = this.kind.merge(before, change);
      const errors = this.kind.validate(after);
      if (errors.length > 0) throw new ValidationFailedError(errors);

      const beforeFields = this.kind.auditFields(before);
      const changes = auditChanges(beforeFields, this.kind.auditFields(after), Object.keys(beforeFields));
      if (Object.keys(changes).length === 0) return { version: current, settings: before, changed: false };

      const next = current + 1;
      if (row) {
        await manager.update(Setting, { key }, { value: after as object, version: next, updatedById: actor.id });
      } else {
        // Two first changes at once: the loser's insert waits for the winner's commit, inserts
        // nothing, and answers 409 with the version the winner stored.
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(Setting)
          .values({ key, value: after as object, version: next, updatedById: actor.id })
          .orIgnore()
          .returning('key')
          .execute();
        if ((inserted.raw as unknown[]).length === 0) {
          const winner = await manager.findOneOrFail(Setting, { where: { key } });
          throw new StaleVersionError(label, winner.version);
        }
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'settings',
        entityId: this.kind.auditId,
        action: 'update',
        changes,
      });
      return { version: next, settings: after, changed: true };
    });
    if (result.changed) this.logger.log({ version: result.version, actorId: actor.id }, `${label} changed`);
    return { version: result.version, settings: result.settings };
  }

  /** Stored settings that no longer validate fall back to the defaults with a warning rather than failing every reader. */
  private fromStored(value: unknown): T {
    const settings = this.kind.fromStored(value);
    if (settings) return settings;
    this.logger.warn({ key: this.kind.key }, `stored ${this.kind.label} are invalid; using the defaults`);
    return this.kind.defaults();
  }
}
