import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  Between,
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  LessThanOrEqual,
  MoreThanOrEqual,
  Repository,
} from 'typeorm';
import { Page } from '../common/dto/pagination.dto';
import { AuditAction, AuditChanges, AuditEvent } from './audit-event.entity';
import { ListAuditQueryDto } from './dto/audit.dto';

/** One audited delete (see AuditService.deleteAudited). */
export interface AuditedDelete<T extends { id: string }> {
  entity: EntityTarget<T>;
  id: string;
  /** The audit log's name for it ("task"). */
  entityType: string;
  actorId: string | null;
  /** The domain's 404 when there is no such row. */
  notFound: () => Error;
  /** Runs on the locked row before anything else: what must happen while it still exists (e.g. a domain event). */
  beforeDelete?: (row: T) => Promise<void>;
  /** What the log keeps of it, read before the delete (e.g. `auditChanges(row, null, FIELDS)`). */
  changes: (row: T) => AuditChanges | Promise<AuditChanges>;
}

export interface AuditEntry {
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: AuditAction;
  changes?: AuditChanges;
}

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}

/**
 * The field-by-field difference between two states of a record, for the audit log. `fields` must
 * be fields of the record (checked by the compiler); those in `personal` are reported as changed
 * without their values.
 */
export function auditChanges<T extends object>(
  before: T | null,
  after: T | null,
  fields: readonly NoInfer<keyof T & string>[],
  personal: ReadonlySet<string> = new Set(),
): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const from = before ? comparable(before[field]) : null;
    const to = after ? comparable(after[field]) : null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] = personal.has(field) ? { redacted: true } : { before: from, after: to };
  }
  return changes;
}

/** Append-only log of every create, update and delete of partnership data. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /**
   * The event of a record that one statement writes, as the INSERT of one of its CTEs: the
   * entity id is the `id` of CTE `source`, the other values are parameters from `$first` on. A
   * single statement is atomic without a transaction: the event exists exactly when the change does.
   */
  insertFrom(
    source: string,
    first: number,
    entry: Omit<AuditEntry, 'entityId'>,
  ): { sql: string; values: [string | null, string, AuditAction, string] } {
    const [actor, type, action, changes] = [first, first + 1, first + 2, first + 3].map((n) => `$${n}`);
    return {
      sql: `INSERT INTO audit_events (actor_id, entity_type, entity_id, action, changes)
            SELECT ${actor}::uuid, ${type}::varchar, ${source}.id, ${action}::varchar, ${changes}::jsonb FROM ${source}`,
      values: [entry.actorId, entry.entityType, entry.action, JSON.stringify(entry.changes ?? {})],
    };
  }

  /** Records an event inside the caller's transaction, so it exists exactly when the change does. */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    // Every write ends here, so no query builder: the id and time are the columns' defaults and
    // nothing reads them back (TypeORM's insert would build the statement and return both).
    await manager.query(
      'INSERT INTO audit_events (actor_id, entity_type, entity_id, action, changes) VALUES ($1, $2, $3, $4, $5)',
      [entry.actorId, entry.entityType, entry.entityId, entry.action, JSON.stringify(entry.changes ?? {})],
    );
  }

  /**
   * The one shape of an audited delete, inside the owner's transaction: lock the row (the
   * owner's 404 without one), run `beforeDelete`, read the audited fields, delete, record the
   * `delete` event. Returns the row as it was.
   */
  async deleteAudited<T extends { id: string }>(manager: EntityManager, spec: AuditedDelete<T>): Promise<T> {
    const where = { id: spec.id } as FindOptionsWhere<T>;
    const row = await manager.findOne(spec.entity, { where, lock: { mode: 'pessimistic_write' } });
    if (!row) throw spec.notFound();
    await spec.beforeDelete?.(row);
    const changes = await spec.changes(row);
    await manager.delete(spec.entity, where);
    await this.record(manager, {
      actorId: spec.actorId,
      entityType: spec.entityType,
      entityId: spec.id,
      action: 'delete',
      changes,
    });
    return row;
  }

  async list(query: ListAuditQueryDto): Promise<Page<AuditEvent>> {
    const where: FindOptionsWhere<AuditEvent> = {
      ...(query.entityType !== undefined && { entityType: query.entityType }),
      ...(query.entityId !== undefined && { entityId: query.entityId }),
      ...(query.actorId !== undefined && { actorId: query.actorId }),
    };
    if (query.from && query.to) where.occurredAt = Between(new Date(query.from), new Date(query.to));
    else if (query.from) where.occurredAt = MoreThanOrEqual(new Date(query.from));
    else if (query.to) where.occurredAt = LessThanOrEqual(new Date(query.to));
    const [data, total] = await this.events.findAndCount({
      where,
      order: { occurredAt: 'DESC', id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return { data, meta: { total, limit: query.limit, offset: query.offset } };
  }
}
