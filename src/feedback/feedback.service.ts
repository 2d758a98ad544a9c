import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { AuditService, auditChanges } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Page } from '../common/dto/pagination.dto';
import { DomainEvents } from '../common/events/domain-events';
import { pageWithTotal } from '../common/query';
import { NotFoundError, StaleVersionError } from '../common/errors/domain-error';
import { LibrarySettingsService } from '../library/library-settings.service';
import { OrganizationService } from '../organization/organization.service';
import { SessionsRemoving } from '../program/program.events';
import { ProgramService } from '../program/program.service';
import {
  CreateFeedbackDto,
  ListFeedbackQueryDto,
  OutcomesDto,
  PublicFeedbackDto,
  UpdateFeedbackDto,
} from './dto/feedback.dto';
import { FeedbackLink } from './feedback-link.entity';
import { Feedback, FeedbackSource } from './feedback.entity';
import { FeedbackNotFoundError, SessionNotInProgramError, UnknownFeedbackReferenceError } from './feedback.errors';

/** What the audit log records of feedback. */
const AUDITED_FIELDS = [
  'source',
  'organizationId',
  'programId',
  'sessionId',
  'rating',
  'outcomeKnowledge',
  'outcomeConfidence',
  'outcomeApplication',
  'outcomeAwareness',
  'worked',
  'didntWork',
  'suggestions',
  'actionTaken',
  'language',
  'feedbackLinkId',
] as const;
/**
 * What people wrote (youth among them, anonymously) may name someone: the audit log says
 * these changed, never what they said. `actionTaken` is staff's own record and is kept.
 */
const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set(['worked', 'didntWork', 'suggestions']);

const FOREIGN_KEY_FIELDS: Record<string, 'organizationId' | 'programId' | 'sessionId'> = {
  fk_feedback_organization: 'organizationId',
  fk_feedback_program: 'programId',
  fk_feedback_session: 'sessionId',
};

interface References {
  organizationId: string | null;
  programId: string | null;
  sessionId: string | null;
}

@Injectable()
export class FeedbackService implements OnModuleInit {
  private readonly logger = new Logger(FeedbackService.name);

  constructor(
    @InjectRepository(Feedback) private readonly feedback: Repository<Feedback>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
    private readonly programs: ProgramService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly library: LibrarySettingsService,
  ) {}

  onModuleInit(): void {
    // A schedule edit keeps the sessions feedback is about.
    this.events.on(SessionsRemoving, async (event, manager) => {
      const rows = await manager.query<{ session_id: string }[]>(
        `SELECT DISTINCT session_id FROM feedback WHERE session_id = ANY($1::uuid[])`,
        [event.sessionIds],
      );
      for (const row of rows) event.keep.add(row.session_id);
    });
  }

  /** Newest first. */
  async list(query: ListFeedbackQueryDto): Promise<Page<Feedback>> {
    const qb = this.feedback.createQueryBuilder('f');
    if (query.source) qb.andWhere('f.source = :source', { source: query.source });
    if (query.organizationId)
      qb.andWhere('f.organization_id = :organizationId', { organizationId: query.organizationId });
    if (query.programId) qb.andWhere('f.program_id = :programId', { programId: query.programId });
    if (query.sessionId) qb.andWhere('f.session_id = :sessionId', { sessionId: query.sessionId });
    if (query.from) qb.andWhere('f.created_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('f.created_at < :to', { to: new Date(query.to) });
    if (query.needsAction === 'true') qb.andWhere('f.action_taken IS NULL');
    if (query.needsAction === 'false') qb.andWhere('f.action_taken IS NOT NULL');
    return pageWithTotal(qb.orderBy('f.created_at', 'DESC').addOrderBy('f.id', 'DESC'), query);
  }

  async get(id: string): Promise<Feedback> {
    const found = await this.feedback.findOneBy({ id });
    if (!found) throw new FeedbackNotFoundError();
    return found;
  }

  /** Staff record feedback they received (from a partner, a young person or themselves). */
  async recordFeedback(dto: CreateFeedbackDto, actor: AuthUser): Promise<Feedback> {
    const refs = await this.resolveReferences({
      organizationId: dto.organizationId ?? null,
      programId: dto.programId ?? null,
      sessionId: dto.sessionId ?? null,
    });
    const language = await this.languageOf(dto.language);
    const saved = await this.guardReferences(() =>
      this.dataSource.transaction(async (manager) => {
        const row = await manager.save(
          manager.create(Feedback, {
            source: dto.source,
            ...refs,
            rating: dto.rating,
            ...outcomeColumns(dto.outcomes),
            worked: dto.worked ?? null,
            didntWork: dto.didntWork ?? null,
            suggestions: dto.suggestions ?? null,
            actionTaken: dto.actionTaken ?? null,
            language,
            feedbackLinkId: null,
            createdById: actor.id,
          }),
        );
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'feedback',
          entityId: row.id,
          action: 'create',
          changes: auditChanges(null, row, AUDITED_FIELDS, FREE_TEXT_FIELDS),
        });
        return row;
      }),
    );
    this.logger.log(
      { feedbackId: saved.id, source: saved.source, programId: saved.programId, actorId: actor.id },
      'feedback recorded',
    );
    return saved;
  }

  /**
   * Anonymous feedback through a public link: a young person's (source youth), on the link's
   * program. The caller has resolved the link (not revoked) and applied the rate limits, and
   * may choose the id (PublicFeedbackIntake claims it against duplicates before storing).
   */
  async recordPublicFeedback(link: FeedbackLink, dto: PublicFeedbackDto, id?: string): Promise<Feedback> {
    const language = await this.languageOf(dto.language);
    const saved = await this.guardReferences(() =>
      this.dataSource.transaction(async (manager) => {
        const row = await manager.save(
          manager.create(Feedback, {
            ...(id ? { id } : {}),
            source: FeedbackSource.Youth,
            organizationId: null,
            programId: link.programId,
            sessionId: null,
            rating: dto.rating,
            ...outcomeColumns(dto.outcomes),
            worked: dto.worked ?? null,
            didntWork: dto.didntWork ?? null,
            suggestions: dto.suggestions ?? null,
            actionTaken: null,
            language,
            feedbackLinkId: link.id,
            createdById: null,
          }),
        );
        await this.audit.record(manager, {
          actorId: null,
          entityType: 'feedback',
          entityId: row.id,
          action: 'create',
          changes: auditChanges(null, row, AUDITED_FIELDS, FREE_TEXT_FIELDS),
        });
        return row;
      }),
    );
    this.logger.log(
      { feedbackId: saved.id, feedbackLinkId: link.id, programId: link.programId },
      'public feedback received',
    );
    return saved;
  }

  /** Partial update under optimistic concurrency (PATCH carries the version read). */
  async update(id: string, dto: UpdateFeedbackDto, actor: AuthUser): Promise<Feedback> {
    const current = await this.get(id);
    const touchesReferences =
      dto.organizationId !== undefined || dto.programId !== undefined || dto.sessionId !== undefined;
    const refs = touchesReferences
      ? await this.resolveReferences({
          organizationId: dto.organizationId !== undefined ? dto.organizationId : current.organizationId,
          // A new session given without a program brings its program; a session kept must belong to a new program.
          programId: dto.programId !== undefined ? dto.programId : dto.sessionId ? null : current.programId,
          sessionId: dto.sessionId !== undefined ? dto.sessionId : current.sessionId,
        })
      : undefined;
    const language = dto.language === undefined ? undefined : await this.languageOf(dto.language, current.language);
    const saved = await this.guardReferences(() =>
      this.dataSource.transaction(async (manager) => {
        const row = await manager.findOne(Feedback, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!row) throw new FeedbackNotFoundError();
        if (row.version !== dto.version) throw new StaleVersionError('feedback', row.version);
        const before = { ...row };
        const changes: Partial<Feedback> = { ...refs, ...outcomeColumns(dto.outcomes, true) };
        if (language !== undefined) changes.language = language;
        for (const key of ['source', 'rating', 'worked', 'didntWork', 'suggestions', 'actionTaken'] as const) {
          if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
        }
        manager.merge(Feedback, row, changes);
        const diff = auditChanges(before, row, AUDITED_FIELDS, FREE_TEXT_FIELDS);
        if (Object.keys(diff).length === 0) return row;
        const updated = await manager.save(row);
        await this.audit.record(manager, {
          actorId: actor.id,
          entityType: 'feedback',
          entityId: id,
          action: 'update',
          changes: diff,
        });
        return updated;
      }),
    );
    this.logger.log({ feedbackId: id, actorId: actor.id }, 'feedback updated');
    return saved;
  }

  async remove(id: string, actor: AuthUser): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.deleteAudited(manager, {
        entity: Feedback,
        id,
        entityType: 'feedback',
        actorId: actor.id,
        notFound: () => new FeedbackNotFoundError(),
        changes: (row) => auditChanges(row, null, AUDITED_FIELDS, FREE_TEXT_FIELDS),
      }),
    );
    this.logger.log({ feedbackId: id, actorId: actor.id }, 'feedback deleted');
  }

  /**
   * The language to record: one the library offers (any case; 400 naming the offered ones
   * otherwise), or null (not known) when none is given. `keep`, the current one, stays allowed.
   */
  private async languageOf(requested: string | null | undefined, keep?: string | null): Promise<string | null> {
    if (requested === undefined || requested === null) return null;
    return this.library.languageFor(requested, { keep });
  }

  /**
   * Referenced records must exist (400 naming the field); a session must belong to the
   * program, and gives its program when none is named.
   */
  private async resolveReferences(refs: References): Promise<References> {
    const resolved = { ...refs };
    if (refs.organizationId) await this.exists(() => this.organizations.get(refs.organizationId!), 'organizationId');
    if (refs.programId) await this.exists(() => this.programs.get(refs.programId!), 'programId');
    if (refs.sessionId) {
      const session = await this.exists(() => this.programs.getSession(refs.sessionId!), 'sessionId');
      if (!refs.programId) resolved.programId = session.programId;
      else if (session.programId !== refs.programId) throw new SessionNotInProgramError();
    }
    return resolved;
  }

  private async exists<T>(load: () => Promise<T>, field: 'organizationId' | 'programId' | 'sessionId'): Promise<T> {
    try {
      return await load();
    } catch (error) {
      if (error instanceof NotFoundError) throw new UnknownFeedbackReferenceError(field);
      throw error;
    }
  }

  /** A reference deleted between the check and the write is still a 400, not a 500. */
  private async guardReferences<R>(work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error) {
      const driverError =
        error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
      const field = driverError?.code === '23503' ? FOREIGN_KEY_FIELDS[driverError.constraint ?? ''] : undefined;
      if (field) throw new UnknownFeedbackReferenceError(field);
      throw error;
    }
  }
}

/**
 * Outcome answers → columns. On create every column is set (absent = not answered); on
 * update (`partial`) only the outcomes given change, null clearing one.
 */
export function outcomeColumns(outcomes: OutcomesDto | undefined, partial = false): Partial<Feedback> {
  const columns: Partial<Feedback> = {};
  const pairs = [
    ['knowledge', 'outcomeKnowledge'],
    ['confidence', 'outcomeConfidence'],
    ['application', 'outcomeApplication'],
    ['awareness', 'outcomeAwareness'],
  ] as const;
  for (const [key, column] of pairs) {
    const value = outcomes?.[key];
    if (value !== undefined) columns[column] = value;
    else if (!partial) columns[column] = null;
  }
  return columns;
}
