import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { ContactService } from '../contact/contact.service';
import { guardReferences } from '../common/database-errors';
import { Clock } from '../common/clock/clock';
import { LibraryCalendar } from '../library/library-calendar';
import { Page } from '../common/dto/pagination.dto';
import { orderBySort, pageWithTotal } from '../common/query';
import { FieldError, StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { OrganizationNotFoundError } from '../organization/organization.errors';
import { OrganizationService } from '../organization/organization.service';
import { ProgramNotFoundError } from '../program/program.errors';
import { ProgramService } from '../program/program.service';
import { UserService } from '../user/user.service';
import { CreateVisitDto, ListVisitsQueryDto, UpdateVisitDto } from './dto/visit.dto';
import { Visit } from './visit.entity';
import { VisitNotFoundError } from './visit.errors';
import { VisitRecord } from './visit.mapper';
import { timeWindow, visitedAtProblem } from './visit.rules';
import { insertWithPeopleSql, loadPeople, PeopleLinks, replacePeople } from '../common/people-links';

const PEOPLE: PeopleLinks = { owner: 'visit_id', users: 'visit_staff', contacts: 'visit_contacts' };

/** What the audit log records of a visit; `notes` (free text about people met) only as changed. */
const AUDITED_FIELDS = [
  'organizationId',
  'programId',
  'visitedAt',
  'location',
  'purpose',
  'staffIds',
  'contactIds',
  'invitationsHandedOut',
  'peopleReached',
  'notes',
] as const;
const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['notes']);

/** Columns of the visits row a PATCH may set. */
const COLUMNS = [
  'organizationId',
  'programId',
  'visitedAt',
  'location',
  'purpose',
  'invitationsHandedOut',
  'peopleReached',
  'notes',
] as const;

/** A foreign key that fails because a referenced row went away mid-request → the body field to name. */
const FK_FIELDS: Record<string, string> = {
  fk_visits_organization: 'organizationId',
  fk_visits_program: 'programId',
  fk_visit_staff_user: 'staffIds',
  fk_visit_contacts_contact: 'contactIds',
};

const SORT_COLUMNS = { visitedAt: 'v.visited_at', createdAt: 'v.created_at' } as const;

/** What a new visit's row holds besides what the database fills in. */
type NewVisit = Pick<Visit, (typeof COLUMNS)[number] | 'createdById'>;

/** A new visit's row: $1–$9 its columns (see VisitService.insert: $10 the staff, $11 the contacts, then the audit event's). */
const INSERT_VISIT = `INSERT INTO visits (organization_id, program_id, visited_at, location, purpose, invitations_handed_out, people_reached, notes, created_by_id)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
   RETURNING id, version, created_at, updated_at`;

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

@Injectable()
export class VisitService {
  private readonly logger = new Logger(VisitService.name);

  constructor(
    @InjectRepository(Visit) private readonly visits: Repository<Visit>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
    private readonly programs: ProgramService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly users: UserService,
    private readonly contacts: ContactService,
    private readonly calendar: LibraryCalendar,
  ) {}

  /** The visit with its staff and contact ids; VisitNotFoundError (404) when there is none. */
  async get(id: string): Promise<VisitRecord> {
    const visit = await this.visits.findOneBy({ id });
    if (!visit) throw new VisitNotFoundError();
    const links = await this.loadLinks(this.dataSource.manager, [id]);
    return { visit, ...links.get(id)! };
  }

  /** The visit's organization, read in the caller's transaction; undefined for an unknown visit. */
  async organizationIdOf(id: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    return (await manager.findOne(Visit, { select: { id: true, organizationId: true }, where: { id } }))
      ?.organizationId;
  }

  /**
   * One page, newest visit first by default: the rows with their total (a window count) in one
   * statement, and the staff and contact ids of the whole page in one more.
   */
  async list(query: ListVisitsQueryDto): Promise<Page<VisitRecord>> {
    const window = timeWindow(query.from, query.to, await this.calendar.zone());
    const qb = this.visits.createQueryBuilder('v');
    if (query.organizationId)
      qb.andWhere('v.organization_id = :organizationId', { organizationId: query.organizationId });
    if (query.programId) qb.andWhere('v.program_id = :programId', { programId: query.programId });
    if (query.purpose) qb.andWhere('v.purpose = :purpose', { purpose: query.purpose });
    if (window.from) qb.andWhere('v.visited_at >= :from', { from: window.from });
    if (window.until) qb.andWhere('v.visited_at <= :until', { until: window.until });
    if (window.before) qb.andWhere('v.visited_at < :before', { before: window.before });
    orderBySort(qb, query.sort ?? '-visitedAt', SORT_COLUMNS, 'v.id');
    const page = await pageWithTotal(qb, query);
    const links = await this.loadLinks(
      this.dataSource.manager,
      page.data.map((visit) => visit.id),
    );
    return { data: page.data.map((visit) => ({ visit, ...links.get(visit.id)! })), meta: page.meta };
  }

  /**
   * Records a visit: when defaults to now, staff to the actor, counts to 0. The common visit is
   * one statement: nothing is read first (the foreign keys vouch for the organization and
   * program, this request's authentication for the actor being active), and the row, its links
   * and its audit event are written together, atomic without a transaction. A refused one gets
   * the up-front checks' answer (see refusedLikeBefore).
   */
  async recordVisit(dto: CreateVisitDto, actor: AuthUser): Promise<VisitRecord> {
    const visitedAt = dto.visitedAt !== undefined ? new Date(dto.visitedAt) : this.clock.now();
    // Checked in the order given, so an error's index points into the request's array.
    const givenStaff = dto.staffIds ?? [actor.id];
    const givenContacts = dto.contactIds ?? [];
    const staffIds = sorted(givenStaff);
    const contactIds = sorted(givenContacts);
    // A time out of range: the up-front checks refuse it, naming any bad reference with it.
    if (dto.visitedAt !== undefined && visitedAtProblem(visitedAt, this.clock.now())) await this.assertReferences(dto);
    return this.refusedLikeBefore(dto, () =>
      guardReferences(FK_FIELDS, async () => {
        // No transaction around the checks and the write: under READ COMMITTED each statement
        // sees its own snapshot either way and the checks lock nothing, so one would hold them
        // together no better; the write alone is all or nothing.
        const manager = this.dataSource.manager;
        await this.assertStaff(manager, givenStaff, [actor.id]);
        await this.assertContacts(manager, givenContacts, dto.organizationId);
        const visit = await this.insert(
          manager,
          {
            organizationId: dto.organizationId,
            programId: dto.programId ?? null,
            visitedAt,
            location: dto.location ?? null,
            purpose: dto.purpose,
            invitationsHandedOut: dto.invitationsHandedOut ?? 0,
            peopleReached: dto.peopleReached ?? 0,
            notes: dto.notes ?? null,
            createdById: actor.id,
          },
          staffIds,
          contactIds,
        );
        this.logger.log(
          { visitId: visit.id, organizationId: visit.organizationId, actorId: actor.id },
          'visit recorded',
        );
        return { visit, staffIds, contactIds };
      }),
    );
  }

  /**
   * Runs a create that skipped the reference checks. When it is refused (a 400: a bad staff
   * member or contact, a foreign key), those checks run after all and their answer wins, as
   * when they ran first: every bad reference named at once, before any staff or contact error.
   */
  private async refusedLikeBefore<R>(dto: CreateVisitDto, create: () => Promise<R>): Promise<R> {
    try {
      return await create();
    } catch (error) {
      if (error instanceof ValidationFailedError) await this.assertReferences(dto);
      throw error;
    }
  }

  /**
   * The visits row, its links and its `create` audit event, in one statement; the visit as
   * saving the entity would leave it.
   */
  private async insert(
    manager: EntityManager,
    columns: NewVisit,
    staffIds: string[],
    contactIds: string[],
  ): Promise<Visit> {
    const audit = this.audit.insertFrom('record', 12, {
      actorId: columns.createdById,
      entityType: 'visit',
      action: 'create',
      changes: auditChanges(null, { ...columns, staffIds, contactIds }, AUDITED_FIELDS, PERSONAL_FIELDS),
    });
    const [row] = await manager.query<{ id: string; version: number; created_at: Date; updated_at: Date }[]>(
      insertWithPeopleSql(PEOPLE, INSERT_VISIT, '$10', '$11', [audit.sql]),
      [
        columns.organizationId,
        columns.programId,
        columns.visitedAt,
        columns.location,
        columns.purpose,
        columns.invitationsHandedOut,
        columns.peopleReached,
        columns.notes,
        columns.createdById,
        staffIds,
        contactIds,
        ...audit.values,
      ],
    );
    return Object.assign(new Visit(), columns, {
      id: row.id,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }

  /**
   * Partial update under optimistic concurrency. Given staff must be active users (or already
   * on the visit); the contacts, given or kept, must belong to the visit's (possibly new)
   * organization.
   */
  async update(id: string, dto: UpdateVisitDto, actor: AuthUser): Promise<VisitRecord> {
    await this.assertReferences(dto);
    return guardReferences(FK_FIELDS, () =>
      this.dataSource.transaction(async (manager) => {
        const visit = await manager.findOne(Visit, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!visit) throw new VisitNotFoundError();
        if (visit.version !== dto.version) throw new StaleVersionError('visit', visit.version);
        const current = (await this.loadLinks(manager, [id])).get(id)!;
        const before = flatten({ visit: { ...visit }, ...current });
        const staffIds = dto.staffIds !== undefined ? sorted(dto.staffIds) : current.staffIds;
        const contactIds = dto.contactIds !== undefined ? sorted(dto.contactIds) : current.contactIds;
        const organizationId = dto.organizationId ?? visit.organizationId;
        if (dto.staffIds !== undefined) await this.assertStaff(manager, dto.staffIds, current.staffIds);
        if (dto.contactIds !== undefined || organizationId !== visit.organizationId) {
          await this.assertContacts(manager, dto.contactIds ?? current.contactIds, organizationId);
        }

        for (const key of COLUMNS) {
          const value = key === 'visitedAt' && dto.visitedAt !== undefined ? new Date(dto.visitedAt) : dto[key];
          if (value !== undefined) (visit as unknown as Record<string, unknown>)[key] = value;
        }
        const diff = auditChanges(before, flatten({ visit, staffIds, contactIds }), AUDITED_FIELDS, PERSONAL_FIELDS);
        if (Object.keys(diff).length === 0) return { visit, ...current };

        // Through the query builder rather than save(): a change of staff or contacts only is
        // still a new version of the visit, and save() would skip an unchanged row.
        const columns = Object.fromEntries(COLUMNS.map((key) => [key, visit[key]]));
        await manager.createQueryBuilder().update(Visit).set(columns).where('id = :id', { id }).execute();
        if (diff.staffIds) await replacePeople(manager, PEOPLE, 'users', id, staffIds);
        if (diff.contactIds) await replacePeople(manager, PEOPLE, 'contacts', id, contactIds);
        const saved = await manager.findOneByOrFail(Visit, { id });
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'visit',
          entityId: id,
          action: 'update',
          changes: diff,
        });
        return { visit: saved, staffIds, contactIds };
      }),
    );
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.deleteAudited(manager, {
        entity: Visit,
        id,
        entityType: 'visit',
        actorId: actor.id,
        notFound: () => new VisitNotFoundError(),
        changes: async (visit) => {
          const links = (await this.loadLinks(manager, [id])).get(id)!;
          return auditChanges(flatten({ visit, ...links }), null, AUDITED_FIELDS, PERSONAL_FIELDS);
        },
      }),
    );
    this.logger.log({ visitId: id, actorId: actor.id }, 'visit deleted');
  }

  /**
   * Organization and program must exist and `visitedAt` be plausible: 400 naming each field
   * otherwise. Runs outside any transaction (it goes through the other domains' services).
   */
  private async assertReferences(input: {
    organizationId?: string;
    programId?: string | null;
    visitedAt?: string;
  }): Promise<void> {
    const errors: FieldError[] = [];
    if (input.organizationId !== undefined) {
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
    if (input.visitedAt !== undefined) {
      const problem = visitedAtProblem(new Date(input.visitedAt), this.clock.now());
      if (problem) errors.push({ field: 'visitedAt', message: problem });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }

  /**
   * Staff must be active users. `allowed` need no check: someone already on the visit may stay
   * after deactivation, and the actor's token was checked against an active user by this request.
   */
  private async assertStaff(manager: EntityManager, staffIds: string[], allowed: string[]): Promise<void> {
    const unchecked = staffIds.filter((id) => !allowed.includes(id));
    if (unchecked.length === 0) return;
    const active = new Set([...(await this.users.activeIds(unchecked, manager)), ...allowed]);
    const errors = staffIds.flatMap((id, index) =>
      active.has(id) ? [] : [{ field: `staffIds.${index}`, message: 'is not an active user' }],
    );
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }

  /** Contacts must exist and be people of the visit's organization. */
  private async assertContacts(manager: EntityManager, contactIds: string[], organizationId: string): Promise<void> {
    if (contactIds.length === 0) return;
    const orgOf = await this.contacts.organizationsOf(contactIds, manager);
    const errors = contactIds.flatMap((id, index) => {
      const org = orgOf.get(id);
      if (org === undefined) return [{ field: `contactIds.${index}`, message: 'is not a known contact' }];
      if (org !== organizationId)
        return [{ field: `contactIds.${index}`, message: "is not a contact of the visit's organization" }];
      return [];
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }

  /** Staff and contact ids of these records in one query (a page is never N+1). */
  private async loadLinks(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, { staffIds: string[]; contactIds: string[] }>> {
    const people = await loadPeople(manager, PEOPLE, ids);
    return new Map([...people].map(([id, p]) => [id, { staffIds: p.userIds, contactIds: p.contactIds }]));
  }
}

function flatten({ visit, staffIds, contactIds }: VisitRecord): Record<string, unknown> {
  return { ...visit, staffIds, contactIds };
}
