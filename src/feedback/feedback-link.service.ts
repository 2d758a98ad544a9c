import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock/clock';
import { Page } from '../common/dto/pagination.dto';
import { randomToken, sha256 } from '../common/crypto';
import { appConfig, AppConfig } from '../config/configuration';
import type { Program } from '../program/program.entity';
import { ProgramService } from '../program/program.service';
import { FeedbackLink } from './feedback-link.entity';
import { FeedbackLinkNotFoundError } from './feedback.errors';

/** What `randomToken()` makes: 32 bytes as base64url, 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A link as just made: the token is known only now. */
export interface CreatedFeedbackLink {
  link: FeedbackLink;
  token: string;
  url: string;
}

/**
 * Public feedback links of a program. The token is shown once; only its SHA-256 is stored,
 * so the database (or a backup) cannot be used to post as a link.
 */
@Injectable()
export class FeedbackLinkService {
  private readonly logger = new Logger(FeedbackLinkService.name);

  constructor(
    @InjectRepository(FeedbackLink) private readonly links: Repository<FeedbackLink>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly programs: ProgramService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The page's address for a token. */
  urlFor(token: string): string {
    return `${this.app.publicUrl}/feedback/${token}`;
  }

  async createLink(programId: string, actor: AuthUser): Promise<CreatedFeedbackLink> {
    await this.programs.get(programId);
    const token = randomToken();
    const link = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(FeedbackLink, { programId, tokenHash: sha256(token), createdById: actor.id, revokedAt: null }),
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'feedback-link',
        entityId: saved.id,
        action: 'create',
        changes: { programId: { before: null, after: programId } },
      });
      return saved;
    });
    this.logger.log({ feedbackLinkId: link.id, programId, actorId: actor.id }, 'feedback link created');
    return { link, token, url: this.urlFor(token) };
  }

  /** Newest first, revoked ones included (with `revokedAt`). */
  async listLinks(programId: string, limit: number, offset: number): Promise<Page<FeedbackLink>> {
    await this.programs.get(programId);
    const [data, total] = await this.links.findAndCount({
      where: { programId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { data, meta: { total, limit, offset } };
  }

  /** Turns a link off for good; revoking it again changes nothing. */
  async revokeLink(programId: string, linkId: string, actor: AuthUser): Promise<void> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const link = await manager.findOne(FeedbackLink, {
        where: { id: linkId, programId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!link) throw new FeedbackLinkNotFoundError();
      if (link.revokedAt) return false;
      link.revokedAt = this.clock.now();
      await manager.save(link);
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'feedback-link',
        entityId: link.id,
        action: 'update',
        changes: { revokedAt: { before: null, after: link.revokedAt.toISOString() } },
      });
      return true;
    });
    if (revoked) this.logger.log({ feedbackLinkId: linkId, programId, actorId: actor.id }, 'feedback link revoked');
  }

  /**
   * The live link a token opens, with its program; FeedbackLinkNotFoundError (404) for an
   * unknown, malformed or revoked token alike.
   */
  async resolve(token: string): Promise<{ link: FeedbackLink; program: Program }> {
    if (!TOKEN_SHAPE.test(token)) throw new FeedbackLinkNotFoundError();
    const link = await this.links.findOneBy({ tokenHash: sha256(token), revokedAt: IsNull() });
    if (!link) throw new FeedbackLinkNotFoundError();
    return { link, program: await this.programs.get(link.programId) };
  }
}
