import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { roleHasPermission } from '@tandem/shared';
import { AuthUser } from '../auth/auth-user';
import { LinkNotFoundError } from '../auth/auth.errors';
import { resourceToken } from '../auth/resource-key';
import { appConfig, AppConfig, authConfig, AuthConfig } from '../config/configuration';
import { UserService } from '../user/user.service';
import { CalendarLink } from './calendar-link.entity';
import { ProgramNotFoundError } from './program.errors';
import { Program } from './program.entity';

/** A user's current subscription link to a program. */
export interface CalendarLinkView {
  url: string;
  createdAt: Date;
}

/**
 * Calendar subscription links: calendar apps cannot send a bearer token, so each user gets a
 * link of their own per program, `…/programs/<id>/calendar.ics?key=<link id>.<HMAC>`. It opens
 * the feed only while its user is active and may read programs, and until they make a new one;
 * deactivating (or reactivating) the user deletes their links for good. The key is derived from
 * the row id (nothing secret is stored), so the page can show the current link again.
 */
@Injectable()
export class CalendarLinkService implements OnModuleInit {
  private readonly logger = new Logger(CalendarLinkService.name);

  constructor(
    @InjectRepository(CalendarLink) private readonly links: Repository<CalendarLink>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  onModuleInit(): void {
    // In the transaction that changes `active`, as for sign-in sessions: a link never outlives a deactivation.
    this.users.onActivationChange((manager, userId) => manager.delete(CalendarLink, { userId }));
  }

  /** The caller's link to the program, or null before they made one (ProgramNotFoundError when there is no program). */
  async current(programId: string, user: AuthUser): Promise<CalendarLinkView | null> {
    await this.assertProgram(programId);
    const link = await this.links.findOneBy({ userId: user.id, programId });
    return link ? this.view(link.id, programId, link.createdAt) : null;
  }

  /**
   * A new link for the caller; their previous link to this program stops working at once. One
   * statement (an upsert that gives the row a new id), so two clicks at once leave one link.
   */
  async renew(programId: string, user: AuthUser): Promise<CalendarLinkView> {
    await this.assertProgram(programId);
    const [row] = await this.dataSource.query<{ id: string; created_at: Date }[]>(
      `INSERT INTO calendar_links (user_id, program_id) VALUES ($1, $2)
       ON CONFLICT (user_id, program_id) DO UPDATE SET id = gen_random_uuid(), created_at = now()
       RETURNING id, created_at`,
      [user.id, programId],
    );
    this.logger.log({ programId, userId: user.id }, 'calendar link made');
    return this.view(row.id, programId, row.created_at);
  }

  /**
   * Whether the link `linkId` (from a verified `?key=`) opens this program's feed: it must be the
   * current link of an active user who may read programs. LinkNotFoundError (404) otherwise.
   * `programId` as ParseIdPipe gives it (lower case).
   */
  async assertOpens(linkId: string, programId: string): Promise<void> {
    const link = await this.links.findOneBy({ id: linkId });
    if (!link || link.programId !== programId) throw new LinkNotFoundError();
    // The row goes with its user (ON DELETE CASCADE), so the owner exists.
    const owner = await this.users.get(link.userId);
    if (!owner.active || !roleHasPermission(owner.role, 'directory.read')) throw new LinkNotFoundError();
  }

  private async assertProgram(programId: string): Promise<void> {
    if (!(await this.dataSource.getRepository(Program).existsBy({ id: programId }))) throw new ProgramNotFoundError();
  }

  private view(linkId: string, programId: string, createdAt: Date): CalendarLinkView {
    const key = resourceToken(this.auth.secret, 'calendar-link:v1', linkId);
    return { url: `${this.app.publicUrl}/api/v1/programs/${programId}/calendar.ics?key=${key}`, createdAt };
  }
}
