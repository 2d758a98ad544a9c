import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  Between,
  DataSource,
  EntityManager,
  FindOptionsWhere,
  In,
  LessThanOrEqual,
  MoreThanOrEqual,
  Repository,
} from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { isUniqueViolation } from '../common/database-errors';
import { DomainEvents } from '../common/events/domain-events';
import { ClosureSessionRow, closureSessionRows } from '../read-side/closure-sessions.query';
import { OutboxService } from '../outbox/outbox.service';
import { ClosureDateError, ClosureDateTakenError, ClosureNotFoundError } from './closure.errors';
import { Closure } from './closure.entity';
import { ClosureAdded, ClosureRemoved } from './closure.events';
import { CreateClosureDto, ListClosuresQueryDto } from './dto/closure.dto';

const AUDITED_FIELDS = ['date', 'name'] as const;

/** A real calendar date (Postgres would refuse 2026-02-30 with an error, not a 400). */
export function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 10) === value &&
    date.getUTCFullYear() >= 1900 &&
    date.getUTCFullYear() <= 9999
  );
}

/**
 * Library closure days. A session whose local date is a closure day points at the closure
 * (`program_sessions.closure_id`) and so is cancelled with its name as the reason; sessions
 * materialized later on that date get it too. Only sessions that were not held: one with
 * attendance recorded happened (say, at the partner's site while the library was shut), so a
 * closure never takes it away, and a head count entered later brings it back
 * (ProgramService.updateSession). Deleting the closure sets `closure_id` to null and the
 * sessions are back; a staff cancellation is its own flag (`cancelled`) and stays.
 */
@Injectable()
export class ClosureService {
  private readonly logger = new Logger(ClosureService.name);

  constructor(
    @InjectRepository(Closure) private readonly closures: Repository<Closure>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly outbox: OutboxService,
  ) {}

  list(query: ListClosuresQueryDto): Promise<Closure[]> {
    for (const field of ['from', 'to'] as const)
      if (query[field] && !isRealDate(query[field])) throw new ClosureDateError(field);
    let where: FindOptionsWhere<Closure> = {};
    if (query.from && query.to) where = { date: Between(query.from, query.to) };
    else if (query.from) where = { date: MoreThanOrEqual(query.from) };
    else if (query.to) where = { date: LessThanOrEqual(query.to) };
    return this.closures.find({ where, order: { date: 'ASC' } });
  }

  /** The sessions each closure cancels (closure id → sessions by start), in one statement of the read side. */
  async cancelledSessions(closureIds: readonly string[]): Promise<Map<string, ClosureSessionRow[]>> {
    const byClosure = new Map<string, ClosureSessionRow[]>(closureIds.map((id) => [id, []]));
    if (closureIds.length === 0) return byClosure;
    for (const row of await closureSessionRows(this.dataSource, closureIds)) byClosure.get(row.closureId)?.push(row);
    return byClosure;
  }

  /** The closure on this date, if any, as the caller's transaction sees it. */
  async idOn(date: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    return (await manager.findOne(Closure, { select: { id: true }, where: { date } }))?.id ?? null;
  }

  /** The closures on these dates (date → closure id), as the caller's transaction sees them. */
  async idsOn(
    dates: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    if (dates.length === 0) return new Map();
    const found = await manager.find(Closure, {
      select: { id: true, date: true },
      where: { date: In([...new Set(dates)]) },
    });
    return new Map(found.map((closure) => [closure.date, closure.id]));
  }

  /** Creates the closure and cancels the sessions on its date that were not held (no attendance), in one transaction. */
  async create(dto: CreateClosureDto, actor: AuthUser): Promise<Closure> {
    if (!isRealDate(dto.date)) throw new ClosureDateError('date');
    try {
      const closure = await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(Closure, { date: dto.date, name: dto.name, createdById: actor.id }),
        );
        // The program module cancels the sessions on that date that were not held.
        await this.events.publish(manager, new ClosureAdded(saved.id, saved.date));
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'closure',
          entityId: saved.id,
          action: 'create',
          changes: auditChanges(null, saved, AUDITED_FIELDS),
        });
        return saved;
      });
      this.logger.log({ closureId: closure.id, actorId: actor.id }, 'closure created');
      void this.outbox.requestReconcile('closure created');
      return closure;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_closures_date')) throw new ClosureDateTakenError();
      throw error;
    }
  }

  /** Removes the closure; its sessions are no longer cancelled by it (and get a new version). */
  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.deleteAudited(manager, {
        entity: Closure,
        id,
        entityType: 'closure',
        actorId: actor.id,
        notFound: () => new ClosureNotFoundError(),
        // The program module frees its sessions (rather than ON DELETE SET NULL, so their version moves).
        beforeDelete: () => this.events.publish(manager, new ClosureRemoved(id)),
        changes: (closure) => auditChanges(closure, null, AUDITED_FIELDS),
      }),
    );
    this.logger.log({ closureId: id, actorId: actor.id }, 'closure deleted');
    void this.outbox.requestReconcile('closure deleted');
  }
}
