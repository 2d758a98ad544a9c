import { ReminderQueue } from '../queue/reminder-queue.service';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { guardReferences } from '../common/database-errors';
import { Clock } from '../common/clock/clock';
import { Page } from '../common/dto/pagination.dto';
import { orderBySort, pageWithTotal } from '../common/query';
import { FieldError, StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { OrganizationNotFoundError } from '../organization/organization.errors';
import { OrganizationService } from '../organization/organization.service';
import { ProgramNotFoundError } from '../program/program.errors';
import { ProgramService } from '../program/program.service';
import { TimelineService } from '../timeline/timeline.service';
import { User } from '../user/user.entity';
import { Visit } from '../visit/visit.entity';
import { VisitNotFoundError } from '../visit/visit.errors';
import { VisitService } from '../visit/visit.service';
import { CreateTaskDto, ListTasksQueryDto, UpdateTaskDto } from './dto/task.dto';
import { Task, TaskStatus } from './task.entity';
import { TaskNotFoundError } from './task.errors';
import { completedAtFor, dueAtProblem, overdueCondition } from './task.rules';

const AUDITED_FIELDS = [
  'title',
  'dueAt',
  'assigneeId',
  'organizationId',
  'programId',
  'visitId',
  'status',
  'completedAt',
] as const;

const FK_FIELDS: Record<string, string> = {
  fk_tasks_assignee: 'assigneeId',
  fk_tasks_organization: 'organizationId',
  fk_tasks_program: 'programId',
  fk_tasks_visit: 'visitId',
};

/**
 * The organization timeline's task entries, at creation: title, due date (the UTC calendar
 * date) and whether it is done — never the assignee. E.g. "Follow-up: Send the spring
 * schedule (due 3 Dec 2026, done)".
 */
export const TASK_TIMELINE_SQL = `
  SELECT created_at AS at,
         'Follow-up: ' || title || ' (due ' || to_char(due_at AT TIME ZONE 'UTC', 'FMDD Mon YYYY')
         || CASE WHEN status = 'done' THEN ', done' ELSE '' END || ')' AS summary,
         id AS ref_id
  FROM tasks WHERE organization_id = $1`;

const SORT_COLUMNS = { dueAt: 't.due_at', createdAt: 't.created_at' } as const;

/** What the body references, checked before the write; `visitOrganizationId` is the given visit's organization. */
interface CheckedReferences {
  visitOrganizationId?: string;
}

@Injectable()
export class TaskService implements OnModuleInit {
  private readonly logger = new Logger(TaskService.name);

  constructor(
    @InjectRepository(Task) private readonly tasks: Repository<Task>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
    private readonly programs: ProgramService,
    private readonly visits: VisitService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly reminders: ReminderQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timeline.register({ type: 'task', sql: TASK_TIMELINE_SQL });
  }

  async get(id: string): Promise<Task> {
    const task = await this.tasks.findOneBy({ id });
    if (!task) throw new TaskNotFoundError();
    return task;
  }

  /** One page, soonest due first by default, with its total in the same statement. */
  async list(query: ListTasksQueryDto): Promise<Page<Task>> {
    const qb = this.tasks.createQueryBuilder('t');
    if (query.assigneeId) qb.andWhere('t.assignee_id = :assigneeId', { assigneeId: query.assigneeId });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.overdue !== undefined) qb.andWhere(overdueCondition(query.overdue), { now: this.clock.now() });
    if (query.organizationId)
      qb.andWhere('t.organization_id = :organizationId', { organizationId: query.organizationId });
    if (query.programId) qb.andWhere('t.program_id = :programId', { programId: query.programId });
    if (query.visitId) qb.andWhere('t.visit_id = :visitId', { visitId: query.visitId });
    orderBySort(qb, query.sort ?? 'dueAt', SORT_COLUMNS, 't.id');
    return pageWithTotal(qb, query);
  }

  /**
   * Adds a follow-up, assigned to the actor unless said otherwise. Given a visit and no
   * organization, the task belongs to the visit's organization.
   */
  async create(dto: CreateTaskDto, actor: AuthUser): Promise<Task> {
    const refs = await this.assertReferences(dto);
    const status = dto.status ?? TaskStatus.Open;
    return guardReferences(FK_FIELDS, () =>
      this.dataSource.transaction(async (manager) => {
        const assigneeId = dto.assigneeId ?? actor.id;
        await this.assertAssignee(manager, assigneeId, null);
        const organizationId = dto.organizationId ?? refs.visitOrganizationId ?? null;
        this.assertVisitOrganization(dto.visitId ?? null, refs.visitOrganizationId, organizationId, 'organizationId');
        const task = await manager.save(
          manager.create(Task, {
            title: dto.title,
            dueAt: new Date(dto.dueAt),
            assigneeId,
            organizationId,
            programId: dto.programId ?? null,
            visitId: dto.visitId ?? null,
            status,
            completedAt: completedAtFor(null, status, this.clock.now()),
            createdById: actor.id,
          }),
        );
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'task',
          entityId: task.id,
          action: 'create',
          changes: auditChanges(null, task, AUDITED_FIELDS),
        });
        this.logger.log({ taskId: task.id, assigneeId, organizationId, actorId: actor.id }, 'task created');
        return task;
      }),
    );
  }

  /**
   * Partial update under optimistic concurrency. Marking done sets completedAt, reopening
   * clears it; a task linked to a visit stays with that visit's organization.
   */
  async update(id: string, dto: UpdateTaskDto, actor: AuthUser): Promise<Task> {
    const refs = await this.assertReferences(dto);
    const updated = await guardReferences(FK_FIELDS, () =>
      this.dataSource.transaction(async (manager) => {
        const task = await manager.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!task) throw new TaskNotFoundError();
        if (task.version !== dto.version) throw new StaleVersionError('task', task.version);
        const before = { ...task };
        if (dto.assigneeId !== undefined) await this.assertAssignee(manager, dto.assigneeId, task.assigneeId);

        const visitId = dto.visitId !== undefined ? dto.visitId : task.visitId;
        let visitOrganizationId = refs.visitOrganizationId;
        if (visitId && dto.visitId === undefined) {
          // The kept visit's organization (read in this transaction; a deleted visit was unlinked by its foreign key).
          visitOrganizationId = (
            await manager.findOne(Visit, { select: { id: true, organizationId: true }, where: { id: visitId } })
          )?.organizationId;
        }
        const organizationId =
          dto.organizationId !== undefined
            ? dto.organizationId
            : dto.visitId
              ? (visitOrganizationId ?? null)
              : task.organizationId;
        this.assertVisitOrganization(
          visitId,
          visitOrganizationId,
          organizationId,
          dto.visitId ? 'visitId' : 'organizationId',
        );

        const status = dto.status ?? task.status;
        manager.merge(Task, task, {
          ...(dto.title !== undefined && { title: dto.title }),
          ...(dto.dueAt !== undefined && { dueAt: new Date(dto.dueAt) }),
          ...(dto.assigneeId !== undefined && { assigneeId: dto.assigneeId }),
          ...(dto.programId !== undefined && { programId: dto.programId }),
          organizationId,
          visitId,
          status,
          completedAt: completedAtFor(before, status, this.clock.now()),
        });
        const diff = auditChanges(before, task, AUDITED_FIELDS);
        if (Object.keys(diff).length === 0) return task;
        const saved = await manager.save(task);
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'task',
          entityId: id,
          action: 'update',
          changes: diff,
        });
        return saved;
      }),
    );
    // A moved due time or a done task changes its reminders.
    if (dto.dueAt !== undefined || dto.status !== undefined) void this.reminders.requestReconcile('task changed');
    return updated;
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const task = await manager.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new TaskNotFoundError();
      await manager.delete(Task, { id });
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'task',
        entityId: id,
        action: 'delete',
        changes: auditChanges(task, null, AUDITED_FIELDS),
      });
    });
    this.logger.log({ taskId: id, actorId: actor.id }, 'task deleted');
  }

  /**
   * Organization, program and visit must exist and `dueAt` be plausible: 400 naming each
   * field otherwise. Runs outside any transaction (it goes through the other domains' services).
   */
  private async assertReferences(input: {
    organizationId?: string | null;
    programId?: string | null;
    visitId?: string | null;
    dueAt?: string;
  }): Promise<CheckedReferences> {
    const errors: FieldError[] = [];
    const refs: CheckedReferences = {};
    if (input.organizationId) {
      await this.organizations.get(input.organizationId).catch((error: unknown) => {
        if (!(error instanceof OrganizationNotFoundError)) throw error;
        errors.push({ field: 'organizationId', message: 'is not a known organization' });
      });
    }
    if (input.programId) {
      await this.programs.get(input.programId).catch((error: unknown) => {
        if (!(error instanceof ProgramNotFoundError)) throw error;
        errors.push({ field: 'programId', message: 'is not a known program' });
      });
    }
    if (input.visitId) {
      await this.visits.get(input.visitId).then(
        ({ visit }) => (refs.visitOrganizationId = visit.organizationId),
        (error: unknown) => {
          if (!(error instanceof VisitNotFoundError)) throw error;
          errors.push({ field: 'visitId', message: 'is not a known visit' });
        },
      );
    }
    if (input.dueAt !== undefined) {
      const problem = dueAtProblem(new Date(input.dueAt), this.clock.now());
      if (problem) errors.push({ field: 'dueAt', message: problem });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return refs;
  }

  /** The assignee must be an active user (one already assigned may keep the task after deactivation). */
  private async assertAssignee(manager: EntityManager, assigneeId: string, current: string | null): Promise<void> {
    if (assigneeId === current) return;
    const user = await manager.findOne(User, { select: { id: true }, where: { id: assigneeId, active: true } });
    if (!user) throw new ValidationFailedError([{ field: 'assigneeId', message: 'is not an active user' }]);
  }

  /** A task about a visit belongs to the visit's organization. */
  private assertVisitOrganization(
    visitId: string | null,
    visitOrganizationId: string | undefined,
    organizationId: string | null,
    field: string,
  ): void {
    if (!visitId || visitOrganizationId === undefined) return;
    if (organizationId !== visitOrganizationId) {
      throw new ValidationFailedError([
        { field, message: "must be the visit's organization (leave organizationId out to take it from the visit)" },
      ]);
    }
  }
}
