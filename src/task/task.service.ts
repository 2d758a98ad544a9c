import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { guardReferences } from '../common/database-errors';
import { Clock } from '../common/clock/clock';
import { isDateOnly } from '../common/dto/date-time';
import { Page } from '../common/dto/pagination.dto';
import { orderBySort, pageWithTotal } from '../common/query';
import { FieldError, StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { endOfDayIn, LibraryCalendar } from '../library/library-calendar';
import { OrganizationNotFoundError } from '../organization/organization.errors';
import { OrganizationService } from '../organization/organization.service';
import { ProgramNotFoundError } from '../program/program.errors';
import { ProgramService } from '../program/program.service';
import { UserService } from '../user/user.service';
import { VisitNotFoundError } from '../visit/visit.errors';
import { VisitService } from '../visit/visit.service';
import { OutboxService } from '../outbox/outbox.service';
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

const SORT_COLUMNS = { dueAt: 't.due_at', createdAt: 't.created_at' } as const;

/** A task as another domain makes it (see TaskService.createWithin). */
export interface NewTask {
  title: string;
  dueAt: Date;
  assigneeId: string;
  organizationId: string | null;
  programId: string | null;
  visitId: string | null;
  /** Open unless said otherwise. */
  status?: TaskStatus;
}

/**
 * What the body references, checked before the write; `visitOrganizationId` is the given visit's
 * organization, `dueAt` the given due time as an instant (a date only is the end of that library day).
 */
interface CheckedReferences {
  visitOrganizationId?: string;
  dueAt?: Date;
}

@Injectable()
export class TaskService {
  private readonly logger = new Logger(TaskService.name);

  constructor(
    @InjectRepository(Task) private readonly tasks: Repository<Task>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
    private readonly programs: ProgramService,
    private readonly visits: VisitService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly users: UserService,
    private readonly calendar: LibraryCalendar,
  ) {}

  async get(id: string): Promise<Task> {
    const task = await this.tasks.findOneBy({ id });
    if (!task) throw new TaskNotFoundError();
    return task;
  }

  /** Inside the caller's transaction: whether the task exists (another domain's reference check). */
  existsWithin(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Task, { id });
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
   * organization, the task belongs to the visit's organization. The common task reads nothing
   * first: the foreign keys vouch for its organization and program, this request's
   * authentication for the actor being active; a refused one gets the up-front checks' answer.
   */
  async create(dto: CreateTaskDto, actor: AuthUser): Promise<Task> {
    const dueAt = await this.dueInstant(dto.dueAt);
    // A due time out of range: the up-front checks refuse it, naming any bad reference with it.
    if (dueAtProblem(dueAt, this.clock.now())) await this.assertReferences(dto);
    return this.refusedLikeBefore(dto, () =>
      guardReferences(FK_FIELDS, async () => {
        // No transaction around the checks and the write: under READ COMMITTED each statement
        // sees its own snapshot either way and the checks lock nothing, so one would hold them
        // together no better; the write (row and audit event) is one statement, all or nothing.
        const manager = this.dataSource.manager;
        const visitOrganizationId = await this.visitOrganization(manager, dto.visitId ?? null);
        const organizationId = dto.organizationId ?? visitOrganizationId ?? null;
        this.assertVisitOrganization(dto.visitId ?? null, visitOrganizationId, organizationId, 'organizationId');
        return this.createWithin(
          manager,
          {
            title: dto.title,
            dueAt,
            assigneeId: dto.assigneeId ?? actor.id,
            organizationId,
            programId: dto.programId ?? null,
            visitId: dto.visitId ?? null,
            status: dto.status,
          },
          actor.id,
          actor.id,
        );
      }),
    );
  }

  /**
   * Runs a create that skipped the reference checks. When it is refused (a 400: an unknown
   * visit or one of another organization, an inactive assignee, a foreign key), those checks
   * run after all and their answer wins, as when they ran first: every bad reference named at once.
   */
  private async refusedLikeBefore<R>(dto: CreateTaskDto, create: () => Promise<R>): Promise<R> {
    try {
      return await create();
    } catch (error) {
      if (error instanceof ValidationFailedError) await this.assertReferences(dto);
      throw error;
    }
  }

  /** The organization of the task's visit, in the caller's transaction; a 400 when there is no such visit. */
  private async visitOrganization(manager: EntityManager, visitId: string | null): Promise<string | undefined> {
    if (!visitId) return undefined;
    const organizationId = await this.visits.organizationIdOf(visitId, manager);
    if (organizationId === undefined)
      throw new ValidationFailedError([{ field: 'visitId', message: 'is not a known visit' }]);
    return organizationId;
  }

  /**
   * Saves a task inside the caller's transaction with the rules and audit of POST /tasks: the
   * assignee must be an active user, `completedAt` follows the status (open by default). For
   * other domains whose change makes tasks (a check-in closing with concerns); the caller has
   * checked what the task refers to. `actorId` is null for the system. `signedInId` is the
   * user whose request this is, found active by its authentication: assigning to them needs no check.
   */
  async createWithin(
    manager: EntityManager,
    input: NewTask,
    actorId: string | null,
    signedInId?: string,
  ): Promise<Task> {
    if (input.assigneeId !== signedInId) await this.assertAssignee(manager, input.assigneeId, null);
    const status = input.status ?? TaskStatus.Open;
    const columns = {
      ...input,
      status,
      completedAt: completedAtFor(null, status, this.clock.now()),
      createdById: actorId,
    };
    const event = this.audit.insertFrom('task', 10, {
      actorId,
      entityType: 'task',
      action: 'create',
      changes: auditChanges(null, columns, AUDITED_FIELDS),
    });
    // The row and its audit event in one statement.
    const [row] = await manager.query<{ id: string; version: number; created_at: Date; updated_at: Date }[]>(
      `WITH task AS (
         INSERT INTO tasks (title, due_at, assignee_id, organization_id, program_id, visit_id, status, completed_at, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING id, version, created_at, updated_at
       ), event AS (${event.sql})
       SELECT * FROM task`,
      [
        columns.title,
        columns.dueAt,
        columns.assigneeId,
        columns.organizationId,
        columns.programId,
        columns.visitId,
        columns.status,
        columns.completedAt,
        columns.createdById,
        ...event.values,
      ],
    );
    const task = Object.assign(new Task(), columns, {
      id: row.id,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
    this.logger.log(
      { taskId: task.id, assigneeId: task.assigneeId, organizationId: task.organizationId, actorId },
      'task created',
    );
    return task;
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
          visitOrganizationId = await this.visits.organizationIdOf(visitId, manager);
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
          ...(refs.dueAt !== undefined && { dueAt: refs.dueAt }),
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
    if (dto.dueAt !== undefined || dto.status !== undefined) void this.outbox.requestReconcile('task changed');
    return updated;
  }

  /**
   * Inside the caller's transaction: deletes the task if it is still open (audited as DELETE
   * /tasks/:id is) and says whether it did; a done one stays (the work happened). For another
   * domain undoing what made the task (an introduction restored).
   */
  async removeIfOpenWithin(manager: EntityManager, id: string, actorId: string): Promise<boolean> {
    const task = await manager.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (task?.status !== TaskStatus.Open) return false;
    await manager.delete(Task, { id });
    await this.audit.record(manager, {
      actorId,
      entityType: 'task',
      entityId: id,
      action: 'delete',
      changes: auditChanges(task, null, AUDITED_FIELDS),
    });
    this.logger.log({ taskId: id, actorId }, 'task deleted');
    return true;
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.deleteAudited(manager, {
        entity: Task,
        id,
        entityType: 'task',
        actorId: actor.id,
        notFound: () => new TaskNotFoundError(),
        changes: (task) => auditChanges(task, null, AUDITED_FIELDS),
      }),
    );
    this.logger.log({ taskId: id, actorId: actor.id }, 'task deleted');
  }

  /**
   * Organization, program and visit must exist and `dueAt` be plausible (read as an instant): 400 naming each
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
      refs.dueAt = await this.dueInstant(input.dueAt);
      const problem = dueAtProblem(refs.dueAt, this.clock.now());
      if (problem) errors.push({ field: 'dueAt', message: problem });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return refs;
  }

  /** A validated `dueAt` as an instant: a date only is due by the end of that day in the library's zone. */
  private async dueInstant(dueAt: string): Promise<Date> {
    return isDateOnly(dueAt) ? endOfDayIn(dueAt, await this.calendar.zone()) : new Date(dueAt);
  }

  /** The assignee must be an active user (one already assigned may keep the task after deactivation). */
  private async assertAssignee(manager: EntityManager, assigneeId: string, current: string | null): Promise<void> {
    if (assigneeId === current) return;
    if (!(await this.users.activeIds([assigneeId], manager)).has(assigneeId))
      throw new ValidationFailedError([{ field: 'assigneeId', message: 'is not an active user' }]);
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
