import { ReminderQueue } from '../queue/reminder-queue.service';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Between, DataSource, FindOptionsWhere, LessThanOrEqual, MoreThanOrEqual, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { isUniqueViolation } from '../common/database-errors';
import { Closure } from './closure.entity';
import { ClosureDateError, ClosureDateTakenError, ClosureNotFoundError } from './closure.errors';
import type { ClosureSessionRow } from './closure.mapper';
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
    private readonly reminders: ReminderQueue,
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

  /** The sessions each closure cancels (closure id → sessions by start), in one statement. */
  async cancelledSessions(closureIds: readonly string[]): Promise<Map<string, ClosureSessionRow[]>> {
    const byClosure = new Map<string, ClosureSessionRow[]>(closureIds.map((id) => [id, []]));
    if (closureIds.length === 0) return byClosure;
    const rows: ClosureSessionRow[] = await this.dataSource.query(
      `SELECT s.id, s.closure_id AS "closureId", s.program_id AS "programId", p.name AS "programName",
              p.timezone AS "programTimezone", s.starts_at AS "startsAt", s.ends_at AS "endsAt"
       FROM program_sessions s JOIN programs p ON p.id = s.program_id
       WHERE s.closure_id = ANY($1::uuid[])
       ORDER BY s.starts_at, lower(p.name), s.id`,
      [closureIds],
    );
    for (const row of rows) byClosure.get(row.closureId)?.push(row);
    return byClosure;
  }

  /** Creates the closure and cancels the sessions on its date that were not held (no attendance), in one transaction. */
  async create(dto: CreateClosureDto, actor: AuthUser): Promise<Closure> {
    if (!isRealDate(dto.date)) throw new ClosureDateError('date');
    try {
      const { closure, sessions } = await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(Closure, { date: dto.date, name: dto.name, createdById: actor.id }),
        );
        const updated: unknown[] = await manager.query(
          // version and updated_at move too, so the calendar's SEQUENCE and DTSTAMP tell subscribers.
          `UPDATE program_sessions SET closure_id = $1, version = version + 1, updated_at = now()
           WHERE local_date = $2 AND attendance IS NULL RETURNING 1`,
          [saved.id, saved.date],
        );
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'closure',
          entityId: saved.id,
          action: 'create',
          changes: auditChanges(null, saved, AUDITED_FIELDS),
        });
        return { closure: saved, sessions: updated.length };
      });
      this.logger.log({ closureId: closure.id, sessions, actorId: actor.id }, 'closure created');
      void this.reminders.requestReconcile('closure created');
      return closure;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_closures_date')) throw new ClosureDateTakenError();
      throw error;
    }
  }

  /** Removes the closure; its sessions are no longer cancelled by it (and get a new version). */
  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const closure = await manager.findOne(Closure, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!closure) throw new ClosureNotFoundError();
      // Done here rather than left to ON DELETE SET NULL so the sessions' version moves (calendar SEQUENCE).
      await manager.query(
        `UPDATE program_sessions SET closure_id = NULL, version = version + 1, updated_at = now() WHERE closure_id = $1`,
        [id],
      );
      await manager.delete(Closure, { id });
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'closure',
        entityId: id,
        action: 'delete',
        changes: auditChanges(closure, null, AUDITED_FIELDS),
      });
    });
    this.logger.log({ closureId: id, actorId: actor.id }, 'closure deleted');
    void this.reminders.requestReconcile('closure deleted');
  }
}
