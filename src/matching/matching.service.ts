import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock/clock';
import { foreignKeyViolation } from '../common/database-errors';
import { Page } from '../common/dto/pagination.dto';
import { LibraryCalendar } from '../library/library-calendar';
import { matchDecisionRows } from '../read-side/matching.query';
import { TaskService } from '../task/task.service';
import { ListMatchesQueryDto, MatchStatus } from './dto/match.dto';
import { MatchDecision } from './match-decision.entity';
import { MatchingSettingsService } from './matching-settings.service';
import { MatchAlreadyIntroducedError, MatchNotFoundError } from './matching.errors';
import { MatchItem, openItem } from './matching.mapper';
import { MatchKind, Suggestion } from './matching.rules';
import { RankingThread } from './ranking-thread.service';

/** An introduction's follow-up task is due by the end of the library day this many days after it was made. */
export const INTRODUCTION_TASK_DUE_DAYS = 7;

/** The task title's column is 200 characters. */
const TITLE_MAX = 200;

/** "Introduce A to B": A offers, B is looking. */
export function introductionTaskTitle(providerName: string, seekerName: string): string {
  const title = `Introduce ${providerName} to ${seekerName}`;
  return title.length <= TITLE_MAX ? title : `${title.slice(0, TITLE_MAX - 1)}…`;
}

/** The suggestion as a decision keeps it. */
type Snapshot = Pick<MatchDecision, 'capabilityId' | 'audienceIds' | 'kind' | 'strength' | 'explanation'>;

function snapshotOf(suggestion: Suggestion): Snapshot {
  return {
    capabilityId: suggestion.capabilityId,
    audienceIds: suggestion.audienceIds,
    kind: suggestion.kind,
    strength: suggestion.strength,
    explanation: suggestion.explanation,
  };
}

/** Suggested introductions between partners (see matching.rules.ts for the rules). */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MatchDecision) private readonly decisions: Repository<MatchDecision>,
    private readonly audit: AuditService,
    private readonly settings: MatchingSettingsService,
    private readonly tasks: TaskService,
    private readonly clock: Clock,
    private readonly calendar: LibraryCalendar,
    private readonly ranking: RankingThread,
  ) {}

  /**
   * One page of suggestions and how many there are. Open ones (the default): the current
   * suggestions, strongest first, under the strength floor and per-partner cap of the settings
   * unless `all`; ranking happens in the application, not in SQL (every suggestion's strength, by
   * the rules, is needed to sort and count them), on the ranking thread (RankingThread), which
   * keeps what it ranked while nothing it is ranked from changes. Introduced or dismissed ones:
   * as they were when decided, most recent decision first.
   */
  async list(query: ListMatchesQueryDto): Promise<Page<MatchItem>> {
    const status: MatchStatus = query.status ?? 'open';
    if (status !== 'open') return this.decided(status, query);
    const { settings } = await this.settings.current();
    const { data, total } = await this.ranking.page(
      { organizationId: query.organizationId, capabilityId: query.capabilityId },
      query.all ? {} : { minStrength: settings.minStrength, maxPerPartner: settings.maxPerPartner },
      query.offset,
      query.limit,
    );
    return { data: data.map(openItem), meta: { total, limit: query.limit, offset: query.offset } };
  }

  /**
   * The `n` strongest open suggestions (under the settings' floor and cap) and how many there
   * are: the dashboard's and the digest's introductions to make first. The first page of the open
   * list: while nothing it is ranked from has changed, one small statement and a slice of what the
   * ranking thread already holds.
   */
  strongest(n: number): Promise<Page<MatchItem>> {
    return this.list({ offset: 0, limit: n });
  }

  /**
   * Hides a suggestion for good. Dismissing one already dismissed is a no-op, one introduced a
   * 409; an id that is neither a current suggestion nor a decided one is a 404 (the caller has
   * already checked it is a uuid).
   */
  async dismiss(id: string, actor: AuthUser): Promise<void> {
    const existing = await this.decisions.findOneBy({ id });
    if (existing?.status === 'introduced') throw new MatchAlreadyIntroducedError(existing.taskId);
    if (existing) return;
    // Decided ones included: one dismissed meanwhile by someone else is still a 204, not a 404.
    const suggestion = await this.ranking.find(id);
    if (!suggestion) throw new MatchNotFoundError();
    try {
      await this.recordDismissal(id, suggestion, actor);
    } catch (error) {
      // An organization of the pair was deleted in between: the suggestion is gone.
      if (foreignKeyViolation(error)) throw new MatchNotFoundError();
      throw error;
    }
  }

  /**
   * Records that someone introduced the pair: the suggestion becomes `introduced` (a dismissed
   * one too), with the note, and a follow-up task "Introduce A to B" is made for the caller, due
   * by the end of the library day INTRODUCTION_TASK_DUE_DAYS from now, on the provider (the
   * seeker's timeline shows it through the decision). One task per introduction: introducing
   * again, or at the same moment, is a 409 MATCH_ALREADY_INTRODUCED carrying the task's id.
   */
  async introduce(id: string, note: string | null, actor: AuthUser): Promise<{ match: MatchItem; taskId: string }> {
    const current = await this.ranking.find(id);
    try {
      return await this.dataSource.transaction(async (manager) => {
        let existing = await this.lockedDecision(manager, id);
        if (!existing && !current) throw new MatchNotFoundError();
        const now = this.clock.now();
        if (!existing) {
          const inserted = await manager
            .createQueryBuilder()
            .insert()
            .into(MatchDecision)
            .values({
              id,
              providerId: current!.providerId,
              seekerId: current!.seekerId,
              status: 'introduced',
              decidedById: actor.id,
              decidedAt: now,
              note,
              ...snapshotOf(current!),
            })
            .orIgnore()
            .returning(['id'])
            .execute();
          // Someone decided at the same moment: their decision, committed, is what stands.
          if ((inserted.raw as unknown[]).length === 0) existing = await this.lockedDecision(manager, id);
        }
        if (existing?.status === 'introduced') throw new MatchAlreadyIntroducedError(existing.taskId);
        const before = existing ? { ...existing } : null;
        if (existing) {
          // A dismissal becomes the introduction, with the suggestion as it is now if it still holds.
          await manager.update(
            MatchDecision,
            { id },
            {
              status: 'introduced',
              decidedById: actor.id,
              decidedAt: now,
              note,
              ...(current ? snapshotOf(current) : {}),
            },
          );
        }
        const decision = await manager.findOneByOrFail(MatchDecision, { id });
        const names = await this.namesWithin(manager, decision.providerId, decision.seekerId);
        const task = await this.tasks.createWithin(
          manager,
          {
            title: introductionTaskTitle(names.provider, names.seeker),
            dueAt: await this.calendar.endOfDayAfter(now, INTRODUCTION_TASK_DUE_DAYS, manager),
            assigneeId: actor.id,
            organizationId: decision.providerId,
            programId: null,
            visitId: null,
          },
          actor.id,
        );
        await manager.update(MatchDecision, { id }, { taskId: task.id });
        decision.taskId = task.id;
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'match-introduction',
          entityId: id,
          action: before ? 'update' : 'create',
          changes: auditChanges(before, decision, [
            'status',
            'providerId',
            'seekerId',
            'capabilityId',
            'kind',
            'strength',
            'decidedById',
            'taskId',
          ]),
        });
        this.logger.log(
          {
            matchId: id,
            providerId: decision.providerId,
            seekerId: decision.seekerId,
            taskId: task.id,
            actorId: actor.id,
          },
          'match introduced',
        );
        return {
          match: this.decidedItem(
            { ...decision, providerName: names.provider, seekerName: names.seeker },
            current ?? null,
          ),
          taskId: task.id,
        };
      });
    } catch (error) {
      // An organization of the pair was deleted in between: the suggestion is gone.
      if (foreignKeyViolation(error)) throw new MatchNotFoundError();
      throw error;
    }
  }

  /**
   * Undoes a decision: a dismissal, or an introduction (its follow-up task is deleted while
   * still open; a done one stays, the work happened). The suggestion is listed again if its
   * reasons still hold. Restoring one that is not decided is a no-op; an id that is neither
   * decided nor a current suggestion is a 404.
   */
  async restore(id: string, actor: AuthUser): Promise<void> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const row = await this.lockedDecision(manager, id);
      if (!row) return false;
      const taskDeleted =
        row.status === 'introduced' && row.taskId
          ? await this.tasks.removeIfOpenWithin(manager, row.taskId, actor.id)
          : false;
      await manager.delete(MatchDecision, { id });
      const dismissal = row.status === 'dismissed';
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: dismissal ? 'match-dismissal' : 'match-introduction',
        entityId: id,
        action: 'delete',
        changes: dismissal
          ? auditChanges({ ...row, dismissedById: row.decidedById }, null, ['providerId', 'seekerId', 'dismissedById'])
          : auditChanges(row, null, ['status', 'providerId', 'seekerId', 'decidedById', 'taskId']),
      });
      this.logger.log({ matchId: id, actorId: actor.id, status: row.status, taskDeleted }, 'match decision undone');
      return true;
    });
    if (removed) return;
    // Not decided: fine if it is a current suggestion (restored meanwhile by someone else).
    if (!(await this.ranking.find(id))) throw new MatchNotFoundError();
  }

  private lockedDecision(manager: EntityManager, id: string): Promise<MatchDecision | null> {
    return manager.findOne(MatchDecision, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async namesWithin(
    manager: EntityManager,
    providerId: string,
    seekerId: string,
  ): Promise<{ provider: string; seeker: string }> {
    const rows: { id: string; name: string }[] = await manager.query(
      `SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])`,
      [[providerId, seekerId]],
    );
    const byId = new Map(rows.map((row) => [row.id, row.name]));
    return { provider: byId.get(providerId) ?? '', seeker: byId.get(seekerId) ?? '' };
  }

  private async recordDismissal(id: string, suggestion: Suggestion, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(MatchDecision)
        .values({
          id,
          providerId: suggestion.providerId,
          seekerId: suggestion.seekerId,
          status: 'dismissed',
          decidedById: actor.id,
          decidedAt: this.clock.now(),
          ...snapshotOf(suggestion),
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      // A concurrent decision about the same suggestion got there first: nothing more to record.
      if ((inserted.raw as unknown[]).length === 0) return;
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'match-dismissal',
        entityId: id,
        action: 'create',
        changes: auditChanges(null, { ...suggestion }, ['providerId', 'seekerId', 'capabilityId', 'kind', 'strength']),
      });
      this.logger.log(
        { matchId: id, providerId: suggestion.providerId, seekerId: suggestion.seekerId, actorId: actor.id },
        'match dismissed',
      );
    });
  }

  /** The introduced or dismissed list: one statement, plus the ranking only for decisions older than the snapshot. */
  private async decided(status: Exclude<MatchStatus, 'open'>, query: ListMatchesQueryDto): Promise<Page<MatchItem>> {
    const rows = await matchDecisionRows(this.dataSource, {
      status,
      organizationId: query.organizationId,
      capabilityId: query.capabilityId,
      limit: query.limit,
      offset: query.offset,
    });
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && query.offset > 0) {
      // Past the end: the window count has no row to ride on.
      total =
        (await matchDecisionRows(this.dataSource, { ...query, status, limit: 1, offset: 0 })).map((r) =>
          Number(r.total),
        )[0] ?? 0;
    }
    // Dismissals older than the snapshot: the suggestion the rules make now.
    const unkept = rows.filter((row) => row.strength === null);
    const current = new Map<string, Suggestion | null>();
    if (unkept.length > 0) {
      const suggestions = await this.ranking.suggestionsFor(unkept.map((row) => [row.provider_id, row.seeker_id]));
      unkept.forEach((row, i) => current.set(row.id, suggestions[i]));
    }
    const data = rows.map((row) =>
      this.decidedItem(
        {
          id: row.id,
          providerId: row.provider_id,
          providerName: row.provider_name,
          seekerId: row.seeker_id,
          seekerName: row.seeker_name,
          status: row.status as MatchDecision['status'],
          decidedById: row.decided_by_id,
          decidedAt: new Date(row.decided_at),
          taskId: row.task_id,
          note: row.note,
          capabilityId: row.capability_id,
          audienceIds: row.audience_ids,
          kind: row.kind,
          strength: row.strength,
          explanation: row.explanation,
        },
        current.get(row.id) ?? null,
      ),
    );
    return { data, meta: { total, limit: query.limit, offset: query.offset } };
  }

  /**
   * A decision as a list item: its snapshot, or (for dismissals older than the snapshot) the
   * suggestion the rules make now, or, when they make none, the pair without reasons.
   */
  private decidedItem(
    decision: Omit<MatchDecision, 'provider' | 'seeker' | 'decidedBy' | 'task'> & {
      providerName: string;
      seekerName: string;
    },
    current: Suggestion | null,
  ): MatchItem {
    const snapshot: Snapshot | null = decision.strength !== null ? decision : current ? snapshotOf(current) : null;
    return {
      id: decision.id,
      providerId: decision.providerId,
      providerName: decision.providerName,
      seekerId: decision.seekerId,
      seekerName: decision.seekerName,
      capabilityId: snapshot?.capabilityId ?? null,
      audienceIds: snapshot?.audienceIds ?? [],
      kind: (snapshot?.kind as MatchKind | null) ?? null,
      strength: snapshot?.strength ?? 0,
      explanation:
        snapshot?.explanation ??
        `${decision.providerName} and ${decision.seekerName}: the reasons for this suggestion no longer hold.`,
      status: decision.status,
      decidedAt: decision.decidedAt,
      decidedById: decision.decidedById,
      taskId: decision.taskId,
      note: decision.note,
    };
  }
}
