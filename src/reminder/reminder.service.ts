import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock/clock';
import { guardReferences } from '../common/database-errors';
import { Page } from '../common/dto/pagination.dto';
import { pageWithTotal } from '../common/query';
import { FieldError, StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { ContactService } from '../contact/contact.service';
import type { Delivery } from '../outbox/delivery.entity';
import { OutboxService } from '../outbox/outbox.service';
import { ProgramService } from '../program/program.service';
import { TaskService } from '../task/task.service';
import { UserService } from '../user/user.service';
import {
  CreateReminderDto,
  ListDeliveriesQueryDto,
  ListRemindersQueryDto,
  UpdateReminderDto,
} from './dto/reminder.dto';
import { ReminderPlanner } from './reminder-planner.service';
import { Reminder } from './reminder.entity';
import { ReminderNotFoundError } from './reminder.errors';
import { ReminderRecord } from './reminder.mapper';
import { atChanged, atProblem, TriggerColumns, triggerColumns } from './reminder.rules';
import { loadPeople, PeopleLinks, replacePeople } from '../common/people-links';

const PEOPLE: PeopleLinks = { owner: 'reminder_id', users: 'reminder_users', contacts: 'reminder_contacts' };

/** What the audit log records of a rule; the email text only as changed (it may name people). */
const AUDITED_FIELDS = [
  'title',
  'message',
  'triggerType',
  'programId',
  'taskId',
  'offsetMinutes',
  'at',
  'active',
  'recipientIds',
  'recipientContactIds',
] as const;
const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['message']);

/** Columns of the reminders row an update writes. */
const COLUMNS = ['title', 'message', 'triggerType', 'programId', 'taskId', 'offsetMinutes', 'at', 'active'] as const;

/** A foreign key that fails because a referenced row went away mid-request → the body field to name. */
const FK_FIELDS: Record<string, string> = {
  fk_reminders_program: 'trigger.programId',
  fk_reminders_task: 'trigger.taskId',
  fk_reminder_users_user: 'recipientIds',
  fk_reminder_contacts_contact: 'recipientContactIds',
};

const NO_RECIPIENT: FieldError = {
  field: 'recipientIds',
  message: 'a reminder needs at least one recipient (recipientIds or recipientContactIds)',
};

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

function triggerOf(reminder: Reminder): TriggerColumns {
  const { triggerType, programId, taskId, offsetMinutes, at } = reminder;
  return { triggerType, programId, taskId, offsetMinutes, at };
}

function flatten({ reminder, recipientIds, recipientContactIds }: ReminderRecord): Record<string, unknown> {
  return { ...reminder, recipientIds, recipientContactIds };
}

@Injectable()
export class ReminderService {
  private readonly logger = new Logger(ReminderService.name);

  constructor(
    @InjectRepository(Reminder) private readonly reminders: Repository<Reminder>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly planner: ReminderPlanner,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly programs: ProgramService,
    private readonly tasks: TaskService,
    private readonly users: UserService,
    private readonly contacts: ContactService,
  ) {}

  /** The rule with its recipients; ReminderNotFoundError (404) when there is none. */
  async get(id: string): Promise<ReminderRecord> {
    const reminder = await this.reminders.findOneBy({ id });
    if (!reminder) throw new ReminderNotFoundError();
    const links = await this.loadLinks(this.dataSource.manager, [id]);
    return { reminder, ...links.get(id)! };
  }

  /** One page, newest rule first, with its total in the same statement and the page's recipients in one more. */
  async list(query: ListRemindersQueryDto): Promise<Page<ReminderRecord>> {
    const qb = this.reminders.createQueryBuilder('r');
    if (query.programId) qb.andWhere('r.program_id = :programId', { programId: query.programId });
    if (query.taskId) qb.andWhere('r.task_id = :taskId', { taskId: query.taskId });
    if (query.active !== undefined) qb.andWhere('r.active = :active', { active: query.active });
    if (query.type) qb.andWhere('r.trigger_type = :type', { type: query.type });
    qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC');
    const page = await pageWithTotal(qb, query);
    const links = await this.loadLinks(
      this.dataSource.manager,
      page.data.map((reminder) => reminder.id),
    );
    return { data: page.data.map((reminder) => ({ reminder, ...links.get(reminder.id)! })), meta: page.meta };
  }

  /**
   * Adds a rule and plans its first deliveries. The trigger must have exactly the fields of
   * its type, its program or task must exist, a `once` time must not be past, and there must
   * be at least one recipient: active users and existing contacts.
   */
  async create(dto: CreateReminderDto, actor: AuthUser): Promise<ReminderRecord> {
    const { columns: trigger, errors } = triggerColumns(dto.trigger);
    if (atChanged(null, trigger)) this.checkAt(trigger.at!, errors);
    const recipientIds = dto.recipientIds ?? [];
    const recipientContactIds = dto.recipientContactIds ?? [];
    if (recipientIds.length + recipientContactIds.length === 0) errors.push(NO_RECIPIENT);
    if (errors.length > 0) throw new ValidationFailedError(errors);

    const record = await guardReferences(FK_FIELDS, () =>
      this.dataSource.transaction(async (manager) => {
        await this.assertReferences(
          manager,
          trigger,
          null,
          { recipientIds, recipientContactIds },
          { recipientIds: [] },
        );
        const reminder = await manager.save(
          manager.create(Reminder, {
            title: dto.title,
            message: dto.message ?? '',
            ...trigger,
            active: dto.active ?? true,
            createdById: actor.id,
          }),
        );
        const created: ReminderRecord = {
          reminder,
          recipientIds: sorted(recipientIds),
          recipientContactIds: sorted(recipientContactIds),
        };
        await replacePeople(manager, PEOPLE, 'users', reminder.id, created.recipientIds);
        await replacePeople(manager, PEOPLE, 'contacts', reminder.id, created.recipientContactIds);
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'reminder',
          entityId: reminder.id,
          action: 'create',
          changes: auditChanges(null, flatten(created), AUDITED_FIELDS, PERSONAL_FIELDS),
        });
        return created;
      }),
    );
    this.logger.log(
      { reminderId: record.reminder.id, triggerType: trigger.triggerType, actorId: actor.id },
      'reminder created',
    );
    await this.plan(record.reminder.id);
    return record;
  }

  /**
   * Partial update under optimistic concurrency. A given trigger replaces the whole trigger;
   * given recipient lists replace the lists. A user already on the rule may stay on it after
   * being deactivated (nothing is sent to them); a new one must be active.
   */
  async update(id: string, dto: UpdateReminderDto, actor: AuthUser): Promise<ReminderRecord> {
    const given = dto.trigger ? triggerColumns(dto.trigger) : null;
    if (given && given.errors.length > 0) throw new ValidationFailedError(given.errors);

    const result = await guardReferences(FK_FIELDS, () =>
      this.dataSource.transaction(async (manager) => {
        const reminder = await manager.findOne(Reminder, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!reminder) throw new ReminderNotFoundError();
        if (reminder.version !== dto.version) throw new StaleVersionError('reminder', reminder.version);
        const current = (await this.loadLinks(manager, [id])).get(id)!;
        const before = flatten({ reminder: { ...reminder }, ...current });

        const errors: FieldError[] = [];
        const trigger = given?.columns ?? triggerOf(reminder);
        if (atChanged(triggerOf(reminder), trigger)) this.checkAt(trigger.at!, errors);
        const recipientIds = dto.recipientIds !== undefined ? sorted(dto.recipientIds) : current.recipientIds;
        const recipientContactIds =
          dto.recipientContactIds !== undefined ? sorted(dto.recipientContactIds) : current.recipientContactIds;
        if (recipientIds.length + recipientContactIds.length === 0) errors.push(NO_RECIPIENT);
        if (errors.length > 0) throw new ValidationFailedError(errors);
        await this.assertReferences(
          manager,
          trigger,
          triggerOf(reminder),
          { recipientIds: dto.recipientIds, recipientContactIds: dto.recipientContactIds },
          current,
        );

        Object.assign(reminder, {
          ...(dto.title !== undefined && { title: dto.title }),
          ...(dto.message !== undefined && { message: dto.message }),
          ...(dto.active !== undefined && { active: dto.active }),
          ...trigger,
        });
        const diff = auditChanges(
          before,
          flatten({ reminder, recipientIds, recipientContactIds }),
          AUDITED_FIELDS,
          PERSONAL_FIELDS,
        );
        if (Object.keys(diff).length === 0) return { record: { reminder, ...current }, changed: false };

        // Through the query builder rather than save(): a change of recipients only is still a
        // new version of the rule, and save() would skip an unchanged row.
        const columns = Object.fromEntries(COLUMNS.map((key) => [key, reminder[key]]));
        await manager.createQueryBuilder().update(Reminder).set(columns).where('id = :id', { id }).execute();
        if (diff.recipientIds) await replacePeople(manager, PEOPLE, 'users', id, recipientIds);
        if (diff.recipientContactIds) await replacePeople(manager, PEOPLE, 'contacts', id, recipientContactIds);
        const saved = await manager.findOneByOrFail(Reminder, { id });
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'reminder',
          entityId: id,
          action: 'update',
          changes: diff,
        });
        return { record: { reminder: saved, recipientIds, recipientContactIds }, changed: true };
      }),
    );
    if (result.changed) {
      this.logger.log(
        { reminderId: id, version: result.record.reminder.version, actorId: actor.id },
        'reminder updated',
      );
      await this.plan(id);
    }
    return result.record;
  }

  /** Deletes the rule; its deliveries and recipient rows go with it (cascading keys). */
  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const reminder = await manager.findOne(Reminder, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!reminder) throw new ReminderNotFoundError();
      const links = (await this.loadLinks(manager, [id])).get(id)!;
      await manager.delete(Reminder, { id });
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'reminder',
        entityId: id,
        action: 'delete',
        changes: auditChanges(flatten({ reminder, ...links }), null, AUDITED_FIELDS, PERSONAL_FIELDS),
      });
    });
    this.logger.log({ reminderId: id, actorId: actor.id }, 'reminder deleted');
  }

  /** The rule's delivery log, latest due first; `scheduled` includes rows a worker is sending right now. */
  async listDeliveries(reminderId: string, query: ListDeliveriesQueryDto): Promise<Page<Delivery>> {
    if (!(await this.reminders.existsBy({ id: reminderId }))) throw new ReminderNotFoundError();
    return this.outbox.page({ reminderIds: [reminderId] }, query);
  }

  private checkAt(at: Date, errors: FieldError[]): void {
    const problem = atProblem(at, this.clock.now());
    if (problem) errors.push({ field: 'trigger.at', message: problem });
  }

  /**
   * The trigger's program or task must exist (checked only when it changed), given users must
   * be active (or already on the rule), given contacts must exist: 400 naming each field.
   * Asked of their owners with the transaction's manager, so the rows checked are the rows
   * written against.
   */
  private async assertReferences(
    manager: EntityManager,
    trigger: TriggerColumns,
    previous: TriggerColumns | null,
    given: { recipientIds?: string[]; recipientContactIds?: string[] },
    current: { recipientIds: string[] },
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (
      trigger.programId &&
      trigger.programId !== previous?.programId &&
      !(await this.programs.existsWithin(manager, trigger.programId))
    ) {
      errors.push({ field: 'trigger.programId', message: 'is not a known program' });
    }
    if (
      trigger.taskId &&
      trigger.taskId !== previous?.taskId &&
      !(await this.tasks.existsWithin(manager, trigger.taskId))
    ) {
      errors.push({ field: 'trigger.taskId', message: 'is not a known task' });
    }
    if (given.recipientIds?.length) {
      const active = await this.users.activeIds(given.recipientIds, manager);
      const allowed = new Set([...active, ...current.recipientIds]);
      given.recipientIds.forEach((id, index) => {
        if (!allowed.has(id)) errors.push({ field: `recipientIds.${index}`, message: 'is not an active user' });
      });
    }
    if (given.recipientContactIds?.length) {
      const known = await this.contacts.existingIdsWithin(manager, given.recipientContactIds);
      given.recipientContactIds.forEach((id, index) => {
        if (!known.has(id)) errors.push({ field: `recipientContactIds.${index}`, message: 'is not a known contact' });
      });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }

  /** User and contact ids of these records in one query (a page is never N+1). */
  private async loadLinks(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, { recipientIds: string[]; recipientContactIds: string[] }>> {
    const people = await loadPeople(manager, PEOPLE, ids);
    return new Map([...people].map(([id, p]) => [id, { recipientIds: p.userIds, recipientContactIds: p.contactIds }]));
  }

  /**
   * Plans the saved rule's deliveries. The rule is committed by now, so a planning failure must
   * not turn the save into an error (a client would retry and create a second rule): the
   * worker's periodic reconcile plans it on its next pass.
   */
  private async plan(reminderId: string): Promise<void> {
    try {
      await this.planner.planRules([reminderId]);
    } catch (error) {
      this.logger.error({ reminderId, err: error }, 'reminder planning failed; the next reconcile will plan it');
    }
  }
}
