import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { goalProgress } from '@tandem/shared';
import { DataSource, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { guardReferences } from '../common/database-errors';
import { DomainEvents } from '../common/events/domain-events';
import { FieldError, StaleVersionError, ValidationFailedError } from '../common/errors/domain-error';
import { endOfDayIn, isoDateIn, LibraryCalendar } from '../library/library-calendar';
import { activePartnerCountRows, ActivePartnerRequest, goalScopeNameRows } from '../read-side/goal.query';
import { ReportService } from '../report/report.service';
import type { ReportScope } from '../report/report-measures';
import { VocabularyTermRemoved } from '../vocabulary/vocabulary.events';
import { Clock } from '../common/clock/clock';
import { CreateGoalDto, ListGoalsQueryDto, UpdateGoalDto } from './dto/goal.dto';
import { Goal } from './goal.entity';
import { AudienceUsedByGoalsError, GoalNotFoundError } from './goal.errors';
import type { GoalWithProgress } from './goal.mapper';
import {
  activePartnersDay,
  goalOrder,
  measuredRange,
  METRIC_MEASURE,
  periodProblems,
  scopeOf,
  scopeProblems,
  weekBefore,
} from './goal.rules';

const AUDITED_FIELDS = [
  'title',
  'metric',
  'target',
  'from',
  'to',
  'audienceId',
  'programId',
  'organizationId',
] as const;

const FK_FIELDS: Record<string, string> = {
  fk_goals_audience: 'audienceId',
  fk_goals_program: 'programId',
  fk_goals_organization: 'organizationId',
};

const SCOPE_FIELDS = [
  { field: 'audienceId', kind: 'audience' },
  { field: 'programId', kind: 'program' },
  { field: 'organizationId', kind: 'organization' },
] as const;

/** The most goals a list answers with. */
export const MAX_GOALS_LISTED = 200;

/** How many report measurements run at once for one list (each is a few statements). */
const MEASURE_CONCURRENCY = 4;

/** A current goal with its standing a week ago (the weekly digest's input). */
export interface GoalWithLastWeek extends GoalWithProgress {
  /** On track on the day a week before `asOf`, by the same rule, with the value measured as of then. */
  onTrackWeekBefore: boolean;
}

/**
 * The team's work-plan goals: a measure, a target, a period and at most one scope. Progress is
 * measured whenever a goal is read, never stored: the outreach report's totals (ReportService,
 * the same SQL as GET /reports/outreach) over the goal's period up to the library's today and
 * its scope; active partners from the read side (activePartnerCountRows), now while the period
 * runs and at its end once it has ended. Goals with the same period and scope share one
 * measurement.
 */
@Injectable()
export class GoalService implements OnModuleInit {
  private readonly logger = new Logger(GoalService.name);

  constructor(
    @InjectRepository(Goal) private readonly goals: Repository<Goal>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly calendar: LibraryCalendar,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // A goal counting an audience keeps it: deleting the audience is refused as organizations refuse it.
    this.events.on(VocabularyTermRemoved, async ({ kind, id }, manager) => {
      if (kind !== 'audience') return;
      const count = await manager.countBy(Goal, { audienceId: id });
      if (count > 0) throw new AudienceUsedByGoalsError(count);
    });
  }

  /** Goals matching the filters with their progress, in the list's order (see goalOrder), at most 200. */
  async list(query: ListGoalsQueryDto): Promise<GoalWithProgress[]> {
    const { today, zone } = await this.today();
    return this.listOn(query, today, zone);
  }

  /** The list on a given library day (one reading of the zone and the clock per request). */
  private async listOn(query: ListGoalsQueryDto, today: string, zone: string): Promise<GoalWithProgress[]> {
    const qb = this.goals.createQueryBuilder('g');
    if (query.organizationId)
      qb.andWhere('g.organization_id = :organizationId', { organizationId: query.organizationId });
    if (query.programId) qb.andWhere('g.program_id = :programId', { programId: query.programId });
    if (query.audienceId) qb.andWhere('g.audience_id = :audienceId', { audienceId: query.audienceId });
    if (query.current === true) qb.andWhere('g.starts_on <= :today AND g.ends_on >= :today', { today });
    if (query.current === false) qb.andWhere('(g.starts_on > :today OR g.ends_on < :today)', { today });
    // Past goals last in the answer, so the 200 kept are the current and future ones first.
    qb.orderBy('CASE WHEN g.ends_on < :today THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('g.ends_on', 'DESC')
      .addOrderBy('g.id', 'ASC')
      .setParameter('today', today)
      .take(MAX_GOALS_LISTED);
    return this.withProgress(await qb.getMany(), today, zone);
  }

  /** Goals whose period contains the library's today, with their progress, off track first (the dashboard's). */
  async current(): Promise<GoalWithProgress[]> {
    const { today, zone } = await this.today();
    return this.listOn({ current: true }, today, zone);
  }

  /**
   * Current goals with their progress on the library day of `now` and whether they were on track
   * a week before (the weekly digest's "fell off track since last week"): the value then is
   * measured over the period up to that day (active partners: at that day's end).
   */
  async currentWithLastWeek(now = this.clock.now()): Promise<GoalWithLastWeek[]> {
    const { today, zone } = await this.today(now);
    const goals = await this.listOn({ current: true }, today, zone);
    const weekAgo = weekBefore(today);
    const then = await this.values(
      goals.map(({ goal }) => goal),
      weekAgo,
      today,
      zone,
    );
    return goals.map((entry) => ({
      ...entry,
      onTrackWeekBefore: goalProgress(entry.goal, then.get(entry.goal.id) ?? 0, weekAgo).onTrack,
    }));
  }

  async get(id: string): Promise<GoalWithProgress> {
    const goal = await this.goals.findOneBy({ id });
    if (!goal) throw new GoalNotFoundError();
    const { today, zone } = await this.today();
    const [measured] = await this.withProgress([goal], today, zone);
    return measured;
  }

  async create(dto: CreateGoalDto, actor: AuthUser): Promise<GoalWithProgress> {
    const fields = {
      title: dto.title,
      metric: dto.metric,
      target: dto.target,
      from: dto.from,
      to: dto.to,
      audienceId: dto.audienceId ?? null,
      programId: dto.programId ?? null,
      organizationId: dto.organizationId ?? null,
    };
    await this.assertValid(fields, dto);
    const goal = await guardReferences(FK_FIELDS, () =>
      this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(manager.create(Goal, { ...fields, createdById: actor.id }));
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'goal',
          entityId: saved.id,
          action: 'create',
          changes: auditChanges(null, saved, AUDITED_FIELDS),
        });
        return saved;
      }),
    );
    this.logger.log({ goalId: goal.id, metric: goal.metric, actorId: actor.id }, 'goal created');
    return this.get(goal.id);
  }

  /** Partial update under optimistic concurrency; the goal as changed must still be valid as a whole. */
  async update(id: string, dto: UpdateGoalDto, actor: AuthUser): Promise<GoalWithProgress> {
    // Scope ids given are checked up front (a 400 naming each unknown one), the whole under the lock.
    await this.assertScopesExist(dto);
    await guardReferences(FK_FIELDS, () =>
      this.dataSource.transaction(async (manager) => {
        const goal = await manager.findOne(Goal, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!goal) throw new GoalNotFoundError();
        if (goal.version !== dto.version) throw new StaleVersionError('goal', goal.version);
        const before = { ...goal };
        const { version: _version, ...changes } = dto;
        const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
        manager.merge(Goal, goal, defined);
        const problems = [...scopeProblems(goal), ...periodProblems(goal)];
        if (problems.length > 0) throw new ValidationFailedError(problems);
        const diff = auditChanges(before, goal, AUDITED_FIELDS);
        if (Object.keys(diff).length === 0) return goal;
        const saved = await manager.save(goal);
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'goal',
          entityId: id,
          action: 'update',
          changes: diff,
        });
        this.logger.log({ goalId: id, actorId: actor.id }, 'goal updated');
        return saved;
      }),
    );
    return this.get(id);
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.deleteAudited(manager, {
        entity: Goal,
        id,
        entityType: 'goal',
        actorId: actor.id,
        notFound: () => new GoalNotFoundError(),
        changes: (goal) => auditChanges(goal, null, AUDITED_FIELDS),
      }),
    );
    this.logger.log({ goalId: id, actorId: actor.id }, 'goal deleted');
  }

  /** The library's today and zone, read once per request. */
  private async today(now = this.clock.now()): Promise<{ today: string; zone: string }> {
    const zone = await this.calendar.zone();
    return { today: isoDateIn(now, zone), zone };
  }

  /** The goals with their scope names and progress on `today`, in the list's order. */
  private async withProgress(goals: Goal[], today: string, zone: string): Promise<GoalWithProgress[]> {
    const [names, values] = await Promise.all([this.scopeNames(goals), this.values(goals, today, today, zone)]);
    return goals
      .map((goal) => {
        const scope = scopeOf(goal);
        return {
          goal,
          scopeName: scope.id ? (names.get(scope.id) ?? null) : null,
          progress: goalProgress(goal, values.get(goal.id) ?? 0, today),
          asOf: today,
        };
      })
      .sort((a, b) =>
        goalOrder(today)(
          { id: a.goal.id, title: a.goal.title, from: a.goal.from, to: a.goal.to, progress: a.progress },
          { id: b.goal.id, title: b.goal.title, from: b.goal.from, to: b.goal.to, progress: b.progress },
        ),
      );
  }

  /**
   * Each goal's value as of `day` (goal id → value): the report's measure over the period up to
   * `day`, 0 before it starts; active partners now (`day` is today and the period runs) or at the
   * end of `day` or of the period, whichever is first.
   */
  private async values(goals: readonly Goal[], day: string, today: string, zone: string): Promise<Map<string, number>> {
    const values = new Map<string, number>();
    const partnerRequests: ActivePartnerRequest[] = [];
    const measurements = new Map<string, { range: { from: string; to: string }; scope: ReportScope; goals: Goal[] }>();
    for (const goal of goals) {
      const scope = { audienceId: goal.audienceId, programId: goal.programId, organizationId: goal.organizationId };
      if (goal.metric === 'active-partners') {
        const at = activePartnersDay(goal, day, today);
        partnerRequests.push({ key: goal.id, ...scope, at: at === null ? null : endOfDayIn(at, zone) });
        continue;
      }
      const range = measuredRange(goal, day);
      if (!range) {
        values.set(goal.id, 0);
        continue;
      }
      const key = [range.from, range.to, goal.audienceId, goal.programId, goal.organizationId].join('|');
      const measurement = measurements.get(key) ?? { range, scope, goals: [] };
      measurement.goals.push(goal);
      measurements.set(key, measurement);
    }
    const pending = [...measurements.values()];
    const measureAll = async () => {
      for (let start = 0; start < pending.length; start += MEASURE_CONCURRENCY) {
        await Promise.all(
          pending.slice(start, start + MEASURE_CONCURRENCY).map(async ({ range, scope, goals: measured }) => {
            const measures = await this.reports.measures(range, scope, { zone });
            for (const goal of measured)
              if (goal.metric !== 'active-partners') values.set(goal.id, measures[METRIC_MEASURE[goal.metric]]);
          }),
        );
      }
    };
    const [partnerCounts] = await Promise.all([activePartnerCountRows(this.dataSource, partnerRequests), measureAll()]);
    for (const row of partnerCounts) values.set(row.key, row.count);
    return values;
  }

  /** Scope id → name for the goals' scopes (one statement). */
  private async scopeNames(goals: readonly Goal[]): Promise<Map<string, string>> {
    const ids = {
      audienceIds: [...new Set(goals.flatMap((goal) => (goal.audienceId ? [goal.audienceId] : [])))],
      programIds: [...new Set(goals.flatMap((goal) => (goal.programId ? [goal.programId] : [])))],
      organizationIds: [...new Set(goals.flatMap((goal) => (goal.organizationId ? [goal.organizationId] : [])))],
    };
    if (ids.audienceIds.length + ids.programIds.length + ids.organizationIds.length === 0) return new Map();
    const rows = await goalScopeNameRows(this.dataSource, ids);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** A new goal: one scope at most, a period in order, and scopes that exist (400 naming each field otherwise). */
  private async assertValid(
    goal: Parameters<typeof scopeProblems>[0] & { from: string; to: string },
    given: Parameters<GoalService['assertScopesExist']>[0],
  ): Promise<void> {
    const problems = [...scopeProblems(goal), ...periodProblems(goal)];
    if (problems.length > 0) throw new ValidationFailedError(problems);
    await this.assertScopesExist(given);
  }

  /** Every scope id given names an audience, program or organization: a 400 naming each field otherwise. */
  private async assertScopesExist(given: {
    audienceId?: string | null;
    programId?: string | null;
    organizationId?: string | null;
  }): Promise<void> {
    const wanted = SCOPE_FIELDS.filter(({ field }) => given[field]);
    if (wanted.length === 0) return;
    const rows = await goalScopeNameRows(this.dataSource, {
      audienceIds: given.audienceId ? [given.audienceId] : [],
      programIds: given.programId ? [given.programId] : [],
      organizationIds: given.organizationId ? [given.organizationId] : [],
    });
    const errors: FieldError[] = wanted
      .filter(({ field, kind }) => !rows.some((row) => row.kind === kind && row.id === given[field]?.toLowerCase()))
      .map(({ field, kind }) => ({ field, message: `is not a known ${kind}` }));
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}
