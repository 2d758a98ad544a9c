import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager, Repository } from 'typeorm';
import { CompiledSchedule, compileSchedule, Occurrence, ScheduleInput } from '@tandem/shared';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Page } from '../common/dto/pagination.dto';
import { StaleVersionError } from '../common/errors/domain-error';
import { programConfig, ProgramConfig } from '../config/configuration';
import { LibrarySettingsService } from '../library/library-settings.service';
import { OrganizationService } from '../organization/organization.service';
import { ClosureAdded, ClosureRemoved } from '../closure/closure.events';
import { ClosureService } from '../closure/closure.service';
import { Clock } from '../common/clock/clock';
import { DomainEvents } from '../common/events/domain-events';
import { escapeLike, pageWithTotal } from '../common/query';
import { VocabularyTermInUseError } from '../vocabulary/vocabulary.errors';
import { VocabularyTermRemoved } from '../vocabulary/vocabulary.events';
import { AudienceService } from '../vocabulary/vocabulary.service';
import { OutboxService } from '../outbox/outbox.service';
import { CreateProgramDto, ListProgramsQueryDto, ProgramPartnerDto, UpdateProgramDto } from './dto/program.dto';
import {
  DEFAULT_SESSIONS_PAST_DAYS,
  ListCalendarSessionsQueryDto,
  ListSessionsQueryDto,
  MAX_CALENDAR_RANGE_DAYS,
  MAX_SESSION_RANGE_DAYS,
  UpdateSessionDto,
} from './dto/session.dto';
import { ProgramPartner } from './program-partner.entity';
import { ProgramSession } from './program-session.entity';
import { Program, ProgramStatus } from './program.entity';
import { SessionsRemoving } from './program.events';
import { PartnerProblemError, ProgramNotFoundError, SessionNotFoundError, SessionRangeError } from './program.errors';
import { programSessionRows, ProgramSessionRow } from '../read-side/program-sessions.query';

const DAY_MS = 86_400_000;

/** What the audit log records of a program. */
export const AUDITED_FIELDS = [
  'name',
  'description',
  'status',
  'language',
  'partners',
  'audienceIds',
  'libraryGoal',
  'partnerGoal',
  'rrule',
  'timezone',
  'startTime',
  'durationMinutes',
  'location',
  'startDate',
  'endDate',
] as const;

const SESSION_AUDITED_FIELDS = ['attendance', 'cancelled', 'notes'] as const;

/** Columns whose change means the sessions must be recomputed. */
const SCHEDULE_FIELDS = ['rrule', 'timezone', 'startTime', 'durationMinutes', 'startDate', 'endDate'] as const;

/** Rows per INSERT when materializing (5 parameters' worth of arrays each). */
const INSERT_CHUNK = 5000;
/** Programs per transaction in the daily window extension. */
const EXTEND_BATCH = 200;

export interface ExtendResult {
  programs: number;
  sessionsCreated: number;
}

type ProgramColumns = Partial<Omit<Program, 'partners'>>;

function scheduleOf(
  program: Pick<Program, 'rrule' | 'timezone' | 'startTime' | 'durationMinutes' | 'startDate' | 'endDate'>,
): ScheduleInput {
  return {
    rrule: program.rrule,
    timezone: program.timezone,
    startTime: program.startTime,
    durationMinutes: program.durationMinutes,
    startDate: program.startDate,
    endDate: program.endDate,
  };
}

const partnerList = (partners: readonly { organizationId: string; role: string }[]) =>
  [...partners]
    .map((p) => ({ organizationId: p.organizationId, role: p.role }))
    .sort((a, b) => a.organizationId.localeCompare(b.organizationId));

/**
 * Programs, their partners and their sessions. Sessions are materialized rows: every
 * occurrence from the start date (past ones too, for back-filling attendance) up to a rolling
 * horizon (`SESSION_HORIZON_DAYS`), recorded in `programs.materialized_until`. A schedule edit
 * rewrites future sessions only; past sessions, and any with attendance, notes or feedback,
 * are never touched. A session whose local date is a closure day carries that closure.
 */
@Injectable()
export class ProgramService implements OnModuleInit {
  private readonly logger = new Logger(ProgramService.name);

  constructor(
    @InjectRepository(Program) private readonly programs: Repository<Program>,
    @InjectRepository(ProgramSession) private readonly sessions: Repository<ProgramSession>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(programConfig.KEY) private readonly config: ProgramConfig,
    private readonly audiences: AudienceService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly organizations: OrganizationService,
    private readonly events: DomainEvents,
    private readonly closures: ClosureService,
    private readonly library: LibrarySettingsService,
  ) {}

  onModuleInit(): void {
    // Programs keep audience ids in an array (no foreign key): refuse deleting one in use.
    this.events.on(VocabularyTermRemoved, async ({ kind, id }, manager) => {
      if (kind !== 'audience') return;
      const count = await manager
        .createQueryBuilder(Program, 'p')
        .where('p.audience_ids @> ARRAY[:id]::uuid[]', { id })
        .getCount();
      if (count > 0) throw new VocabularyTermInUseError(kind, count, 'program');
    });
    // A closure day cancels the sessions on its date that were not held (see ClosureService);
    // version and updated_at move too, so the calendar's SEQUENCE and DTSTAMP tell subscribers.
    this.events.on(ClosureAdded, async ({ closureId, date }, manager) => {
      await manager.query(
        `UPDATE program_sessions SET closure_id = $1, version = version + 1, updated_at = now()
         WHERE local_date = $2 AND attendance IS NULL`,
        [closureId, date],
      );
    });
    this.events.on(ClosureRemoved, async ({ closureId }, manager) => {
      await manager.query(
        `UPDATE program_sessions SET closure_id = NULL, version = version + 1, updated_at = now() WHERE closure_id = $1`,
        [closureId],
      );
    });
  }

  /** The program with its partners; ProgramNotFoundError (404) when there is none. */
  async get(id: string): Promise<Program> {
    const program = await this.programs.findOneBy({ id });
    if (!program) throw new ProgramNotFoundError();
    program.partners = await this.partnersOf([id]);
    return program;
  }

  /** Inside the caller's transaction: whether the program exists (another domain's reference check). */
  existsWithin(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Program, { id });
  }

  /** The partners of these programs, each with its organization's id and name (for the response). */
  private partnersOf(programIds: readonly string[]): Promise<ProgramPartner[]> {
    if (programIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(ProgramPartner)
      .createQueryBuilder('pp')
      .innerJoin('pp.organization', 'o')
      .addSelect(['o.id', 'o.name'])
      .where('pp.program_id IN (:...programIds)', { programIds })
      .getMany();
  }

  /** One session; SessionNotFoundError (404) when there is none. */
  async getSession(id: string): Promise<ProgramSession> {
    const session = await this.sessions.findOneBy({ id });
    if (!session) throw new SessionNotFoundError();
    return session;
  }

  /**
   * The program's sessions starting in [from, to], ordered by `startsAt`, each with its
   * `closure` relation loaded (a session is cancelled when `cancelled` or `closure` is set;
   * the closure's name is the cancel reason — see `sessionCancelReason`). The caller checks the
   * program exists (`get`).
   */
  listSessions(programId: string, from: Date, to: Date): Promise<ProgramSession[]> {
    return this.sessions.find({
      where: { programId, startsAt: Between(from, to) },
      relations: { closure: true },
      order: { startsAt: 'ASC' },
    });
  }

  /** The sessions route: a default window of 30 days back to the horizon, at most 2 years. */
  async sessionsInWindow(
    programId: string,
    query: ListSessionsQueryDto,
    now = this.clock.now(),
  ): Promise<ProgramSessionRow[]> {
    const from = query.from ? new Date(query.from) : new Date(now.getTime() - DEFAULT_SESSIONS_PAST_DAYS * DAY_MS);
    const to = query.to ? new Date(query.to) : new Date(Math.max(this.horizon(now).getTime(), from.getTime()));
    checkSessionRange(from, to, MAX_SESSION_RANGE_DAYS);
    const sessions = await programSessionRows(this.dataSource, programId, from, to);
    if (!sessions) throw new ProgramNotFoundError();
    return sessions;
  }

  /**
   * Every program's sessions starting in [from, to) — at most MAX_CALENDAR_RANGE_DAYS — for the
   * calendar, ordered by start, then program name. Each carries its `program` (name, status,
   * location) and `closure`. Programs of any status are included; a deleted program's sessions
   * are gone with it. An unknown `programId` is an empty list, as for any filter.
   */
  calendarSessions(query: ListCalendarSessionsQueryDto): Promise<ProgramSession[]> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    checkSessionRange(from, to, MAX_CALENDAR_RANGE_DAYS);
    const qb = this.sessions
      .createQueryBuilder('s')
      .innerJoin('s.program', 'p')
      .addSelect(['p.id', 'p.name', 'p.status', 'p.location'])
      .leftJoinAndSelect('s.closure', 'c')
      .where('s.starts_at >= :from AND s.starts_at < :to', { from, to });
    if (query.programId) qb.andWhere('s.program_id = :programId', { programId: query.programId });
    return qb.orderBy('s.starts_at', 'ASC').addOrderBy('lower(p.name)', 'ASC').addOrderBy('s.id', 'ASC').getMany();
  }

  async list(query: ListProgramsQueryDto): Promise<Page<Program>> {
    const qb = this.programs.createQueryBuilder('p');
    if (query.q) qb.andWhere(`tandem_fold(p.name) LIKE '%' || tandem_fold(:q) || '%'`, { q: escapeLike(query.q) });
    if (query.status?.length) qb.andWhere('p.status IN (:...statuses)', { statuses: query.status });
    if (query.audienceId) qb.andWhere('p.audience_ids @> ARRAY[:audienceId]::uuid[]', { audienceId: query.audienceId });
    if (query.organizationId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM program_partners pp WHERE pp.program_id = p.id AND pp.organization_id = :organizationId)',
        {
          organizationId: query.organizationId,
        },
      );
    }
    const page = await pageWithTotal(qb.orderBy('lower(p.name)', 'ASC').addOrderBy('p.id', 'ASC'), query);
    const partners = await this.partnersOf(page.data.map((p) => p.id));
    for (const program of page.data) program.partners = partners.filter((partner) => partner.programId === program.id);
    return page;
  }

  /** Creates the program, its partners and its sessions (start date → horizon) in one transaction. */
  async create(dto: CreateProgramDto, actor: AuthUser): Promise<Program> {
    const now = this.clock.now();
    const compiled = compileSchedule(
      { ...dto.schedule, startDate: dto.startDate, endDate: dto.endDate ?? null },
      { today: now },
    );
    await this.assertReferences(dto.partners, dto.audienceIds);
    const program = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(Program, {
          name: dto.name,
          description: dto.description ?? null,
          status: dto.status ?? ProgramStatus.Planned,
          language: await this.library.languageFor(dto.language, {}, manager),
          audienceIds: dto.audienceIds ?? [],
          libraryGoal: dto.libraryGoal ?? null,
          partnerGoal: dto.partnerGoal ?? null,
          rrule: compiled.rrule,
          timezone: dto.schedule.timezone,
          startTime: dto.schedule.startTime,
          durationMinutes: dto.schedule.durationMinutes,
          location: dto.schedule.location ?? null,
          startDate: dto.startDate,
          endDate: dto.endDate ?? null,
          createdById: actor.id,
        }),
      );
      const partners = (dto.partners ?? []).map((p) => ({
        programId: saved.id,
        organizationId: p.organizationId,
        role: p.role,
      }));
      if (partners.length) await manager.insert(ProgramPartner, partners);
      if (saved.status !== ProgramStatus.Completed) await this.materializeAll(manager, saved.id, compiled, now);
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'program',
        entityId: saved.id,
        action: 'create',
        changes: auditChanges(null, { ...saved, partners: partnerList(partners) }, AUDITED_FIELDS),
      });
      return saved;
    });
    this.logger.log({ programId: program.id, actorId: actor.id }, 'program created');
    return this.get(program.id);
  }

  /**
   * Partial update under optimistic concurrency. `schedule` replaces the whole schedule;
   * `partners` the whole partner list. A changed schedule, start or end date rewrites the
   * future sessions (see `rematerialize`).
   */
  async update(id: string, dto: UpdateProgramDto, actor: AuthUser): Promise<Program> {
    await this.assertReferences(dto.partners, dto.audienceIds);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const program = await manager.findOne(Program, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!program) throw new ProgramNotFoundError();
      if (program.version !== dto.version) throw new StaleVersionError('program', program.version);
      const currentPartners = await manager.findBy(ProgramPartner, { programId: id });
      const before = { ...program, partners: partnerList(currentPartners) };

      const columns: ProgramColumns = {};
      for (const key of [
        'name',
        'description',
        'status',
        'audienceIds',
        'libraryGoal',
        'partnerGoal',
        'startDate',
        'endDate',
      ] as const) {
        if (dto[key] !== undefined) (columns as Record<string, unknown>)[key] = dto[key];
      }
      if (dto.language !== undefined)
        columns.language = await this.library.languageFor(dto.language, { keep: program.language }, manager);
      if (dto.schedule) {
        columns.rrule = dto.schedule.rrule;
        columns.timezone = dto.schedule.timezone;
        columns.startTime = dto.schedule.startTime;
        columns.durationMinutes = dto.schedule.durationMinutes;
        columns.location = dto.schedule.location ?? null;
      }
      const after = { ...program, ...columns };
      const scheduleTouched = dto.schedule !== undefined || dto.startDate !== undefined || dto.endDate !== undefined;
      let compiled: CompiledSchedule | null = null;
      if (scheduleTouched) {
        // A start date being moved is bounded like a new one; an old program keeps its own.
        compiled = compileSchedule(scheduleOf(after), {
          today: after.startDate !== program.startDate ? now : undefined,
        });
        after.rrule = compiled.rrule;
        columns.rrule = compiled.rrule;
      }
      const partners = dto.partners ? partnerList(dto.partners) : before.partners;
      const diff = auditChanges(before, { ...after, partners }, AUDITED_FIELDS);
      if (Object.keys(diff).length === 0) return;

      const changed = Object.fromEntries(Object.entries(columns).filter(([key]) => key in diff)) as ProgramColumns;
      // update() bumps version and updated_at; a partners-only change still makes a new version.
      await manager.update(Program, { id }, Object.keys(changed).length ? changed : { updatedAt: now });
      if (dto.partners && 'partners' in diff) {
        await manager.delete(ProgramPartner, { programId: id });
        if (partners.length)
          await manager.insert(
            ProgramPartner,
            partners.map((p) => ({ ...p, programId: id }) as ProgramPartner),
          );
      }

      const scheduleChanged = SCHEDULE_FIELDS.some((field) => field in diff);
      const reopened = program.status === ProgramStatus.Completed && after.status !== ProgramStatus.Completed;
      if ((scheduleChanged || reopened) && after.status !== ProgramStatus.Completed) {
        await this.rematerialize(manager, id, compiled ?? compileSchedule(scheduleOf(after)), program.startDate, now);
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'program',
        entityId: id,
        action: 'update',
        changes: diff,
      });
    });
    // Reminders follow the new sessions, status and partners (the worker re-checks each at send time too).
    void this.outbox.requestReconcile('program changed');
    return this.get(id);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.deleteAudited(manager, {
        entity: Program,
        id,
        entityType: 'program',
        actorId: actor.id,
        notFound: () => new ProgramNotFoundError(),
        changes: async (program) => {
          const partners = await manager.findBy(ProgramPartner, { programId: id });
          return auditChanges({ ...program, partners: partnerList(partners) }, null, AUDITED_FIELDS);
        },
      }),
    );
    this.logger.log({ programId: id, actorId: actor.id }, 'program deleted');
  }

  /**
   * Records attendance, notes or a staff cancellation under optimistic concurrency. Attendance
   * takes a session out from under a closure (it was held); clearing it puts it back.
   */
  async updateSession(id: string, dto: UpdateSessionDto, actor: AuthUser): Promise<ProgramSession> {
    let closureChanged = false;
    await this.dataSource.transaction(async (manager) => {
      const session = await manager.findOne(ProgramSession, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!session) throw new SessionNotFoundError();
      if (session.version !== dto.version) throw new StaleVersionError('session', session.version);
      const changes: Partial<ProgramSession> = {};
      if (dto.attendance !== undefined) changes.attendance = dto.attendance;
      if (dto.cancelled !== undefined) changes.cancelled = dto.cancelled;
      if (dto.notes !== undefined) changes.notes = dto.notes;
      const diff = auditChanges(session, { ...session, ...changes }, SESSION_AUDITED_FIELDS);
      if (Object.keys(diff).length === 0) return;
      // A closure cancels only sessions that were not held: a head count means it took place
      // after all, and taking the count away puts a closure day's session back under its closure.
      if (changes.attendance !== undefined && changes.attendance !== null) changes.closureId = null;
      else if (changes.attendance === null && session.closureId === null) {
        const closureId = await this.closures.idOn(session.localDate, manager);
        if (closureId) changes.closureId = closureId;
      }
      closureChanged = changes.closureId !== undefined && changes.closureId !== session.closureId;
      await manager.update(ProgramSession, { id }, changes);
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'session',
        entityId: id,
        action: 'update',
        changes: { ...diff, programId: { before: session.programId, after: session.programId } },
      });
    });
    if (dto.cancelled !== undefined || closureChanged) void this.outbox.requestReconcile('session changed');
    const session = await this.sessions.findOne({ where: { id }, relations: { closure: true } });
    if (!session) throw new SessionNotFoundError();
    return session;
  }

  /**
   * The daily job: moves every running program's session window on to now + horizon.
   * Completed programs and programs whose end date is covered are skipped. Idempotent (an
   * existing session is left alone: ON CONFLICT DO NOTHING) and safe against a concurrent
   * schedule edit (each batch locks its programs FOR SHARE and skips any whose schedule
   * changed since it was read — the edit rewrote their sessions itself).
   */
  async extendSessionWindows(now = this.clock.now()): Promise<ExtendResult> {
    const target = this.horizon(now);
    let afterId = '00000000-0000-0000-0000-000000000000';
    const result: ExtendResult = { programs: 0, sessionsCreated: 0 };
    for (;;) {
      const batch = await this.programs
        .createQueryBuilder('p')
        .where('p.id > :afterId', { afterId })
        .andWhere('p.status <> :completed', { completed: ProgramStatus.Completed })
        .andWhere('(p.materialized_until IS NULL OR p.materialized_until < :target)', { target })
        // endDate is local; two days' margin covers every zone offset.
        .andWhere('(p.end_date IS NULL OR p.materialized_until IS NULL OR p.materialized_until < p.end_date + 2)')
        .orderBy('p.id', 'ASC')
        .take(EXTEND_BATCH)
        .getMany();
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1].id;
      const planned = new Map<string, { program: Program; occurrences: Occurrence[] }>();
      for (const program of batch) {
        try {
          const compiled = compileSchedule(scheduleOf(program));
          const from = program.materializedUntil ?? compiled.earliestInstant();
          planned.set(program.id, { program, occurrences: compiled.between(from, target) });
        } catch (error) {
          // A stored schedule always passed validation; one that no longer does is left as it is.
          this.logger.warn(
            { programId: program.id, reason: (error as Error).message },
            'program schedule not expanded',
          );
        }
      }
      result.sessionsCreated += await this.dataSource.transaction(async (manager) => {
        const locked: Program[] = await manager
          .createQueryBuilder(Program, 'p')
          .setLock('pessimistic_read')
          .where('p.id IN (:...ids)', { ids: [...planned.keys()].length ? [...planned.keys()] : [afterId] })
          .getMany();
        const current = locked.filter((row) => {
          const plan = planned.get(row.id);
          return (
            plan &&
            row.status !== ProgramStatus.Completed &&
            SCHEDULE_FIELDS.every((field) => row[field] === plan.program[field])
          );
        });
        if (current.length === 0) return 0;
        const rows = current.flatMap((row) =>
          planned.get(row.id)!.occurrences.map((occurrence) => ({ programId: row.id, ...occurrence })),
        );
        const created = await this.insertSessions(manager, rows);
        await manager.query(`UPDATE programs SET materialized_until = $2 WHERE id = ANY($1::uuid[])`, [
          current.map((row) => row.id),
          target,
        ]);
        return created;
      });
      result.programs += planned.size;
    }
    this.logger.log({ ...result, until: target.toISOString() }, 'session windows extended');
    return result;
  }

  /** Referenced partner organizations and audiences must exist (400 naming the field otherwise). */
  private async assertReferences(
    partners: readonly ProgramPartnerDto[] | undefined,
    audienceIds: readonly string[] | undefined,
  ): Promise<void> {
    await this.audiences.assertExist(audienceIds ?? [], 'audienceIds');
    if (!partners?.length) return;
    const ids = partners.map((partner) => partner.organizationId.toLowerCase());
    const known = await this.organizations.existingIds(ids);
    const errors = ids.flatMap((orgId, index) => {
      if (!known.has(orgId))
        return [{ field: `partners.${index}.organizationId`, message: 'is not a known organization' }];
      if (ids.indexOf(orgId) !== index)
        return [{ field: `partners.${index}.organizationId`, message: 'is already a partner of this program' }];
      return [];
    });
    if (errors.length) throw new PartnerProblemError(errors);
  }

  private horizon(now: Date): Date {
    return new Date(now.getTime() + this.config.sessionHorizonDays * DAY_MS);
  }

  /** Every occurrence from the start to the horizon, for a new program. */
  private async materializeAll(
    manager: EntityManager,
    programId: string,
    compiled: CompiledSchedule,
    now: Date,
  ): Promise<void> {
    const target = this.horizon(now);
    const occurrences = compiled.between(compiled.earliestInstant(), target);
    await this.insertSessions(
      manager,
      occurrences.map((occurrence) => ({ programId, ...occurrence })),
    );
    await manager.query(`UPDATE programs SET materialized_until = $2 WHERE id = $1`, [programId, target]);
  }

  /**
   * After a schedule edit, inside the edit's transaction (the program row is locked):
   * future sessions that are no longer occurrences go, unless they hold attendance, notes or
   * feedback; kept ones keep their id (the calendar UID) and get the new end time; new
   * occurrences are added. Past sessions stay as they were. A start date moved earlier
   * back-fills the occurrences before the old one.
   */
  private async rematerialize(
    manager: EntityManager,
    programId: string,
    compiled: CompiledSchedule,
    oldStartDate: string,
    now: Date,
  ): Promise<void> {
    const target = this.horizon(now);
    const future = compiled.between(new Date(now.getTime() + 1), target);
    const starts = future.map((o) => o.startsAt);
    const stale = await manager.query<{ id: string }[]>(
      `SELECT s.id FROM program_sessions s
       WHERE s.program_id = $1 AND s.starts_at > $2 AND NOT (s.starts_at = ANY($3::timestamptz[]))
         AND s.attendance IS NULL AND s.notes IS NULL`,
      [programId, now, starts],
    );
    if (stale.length > 0) {
      // Sessions with feedback stay (the feedback module marks them).
      const removing = new SessionsRemoving(stale.map((row) => row.id));
      await this.events.publish(manager, removing);
      await manager.query(`DELETE FROM program_sessions WHERE id = ANY($1::uuid[])`, [
        removing.sessionIds.filter((id) => !removing.keep.has(id)),
      ]);
    }
    const closureOf = await this.closures.idsOn(
      future.map((o) => o.localDate),
      manager,
    );
    await manager.query(
      `UPDATE program_sessions s
       SET ends_at = v.ends_at, local_date = v.local_date, closure_id = v.closure_id, version = s.version + 1, updated_at = now()
       FROM unnest($2::timestamptz[], $3::timestamptz[], $4::date[], $5::uuid[]) AS v(starts_at, ends_at, local_date, closure_id)
       WHERE s.program_id = $1 AND s.starts_at = v.starts_at AND s.attendance IS NULL AND s.notes IS NULL
         AND (s.ends_at <> v.ends_at OR s.local_date <> v.local_date)`,
      [
        programId,
        starts,
        future.map((o) => o.endsAt),
        future.map((o) => o.localDate),
        future.map((o) => closureOf.get(o.localDate) ?? null),
      ],
    );
    const backfill =
      compiled.startDate() < oldStartDate
        ? compiled
            .between(compiled.earliestInstant(), new Date(now.getTime() + 1))
            .filter((o) => o.localDate < oldStartDate)
        : [];
    await this.insertSessions(
      manager,
      [...backfill, ...future].map((occurrence) => ({ programId, ...occurrence })),
    );
    await manager.query(`UPDATE programs SET materialized_until = $2 WHERE id = $1`, [programId, target]);
  }

  /**
   * Inserts sessions that do not exist yet (same program and start = same session), each with
   * the closure of its local date if there is one (asked of ClosureService once for all rows).
   * Set-based: one statement per chunk.
   */
  private async insertSessions(
    manager: EntityManager,
    rows: readonly ({ programId: string } & Occurrence)[],
  ): Promise<number> {
    let created = 0;
    const closureOf = await this.closures.idsOn(
      rows.map((r) => r.localDate),
      manager,
    );
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO program_sessions (program_id, starts_at, ends_at, local_date, closure_id)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::date[], $5::uuid[])
         ON CONFLICT (program_id, starts_at) DO NOTHING
         RETURNING 1`,
        [
          chunk.map((r) => r.programId),
          chunk.map((r) => r.startsAt),
          chunk.map((r) => r.endsAt),
          chunk.map((r) => r.localDate),
          chunk.map((r) => closureOf.get(r.localDate) ?? null),
        ],
      );
      created += inserted.length;
    }
    return created;
  }
}

/** A sessions window [from, to) must be two real instants, in order, at most `maxDays` apart. */
function checkSessionRange(from: Date, to: Date, maxDays: number): void {
  if (Number.isNaN(from.getTime())) throw new SessionRangeError('from', 'must be a date or date-time (ISO 8601)');
  if (Number.isNaN(to.getTime())) throw new SessionRangeError('to', 'must be a date or date-time (ISO 8601)');
  if (to < from) throw new SessionRangeError('to', 'must not be before from');
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw new SessionRangeError('to', `must be at most ${maxDays} days after from`);
  }
}

/** Whether a session is off: cancelled by staff or on a library closure day. */
export function isSessionCancelled(session: ProgramSession): boolean {
  return session.cancelled || session.closureId !== null;
}

/** Why a session is off: the closure's name (needs the `closure` relation), else null. */
export function sessionCancelReason(session: ProgramSession): string | null {
  return session.closure?.name ?? null;
}
