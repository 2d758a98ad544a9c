import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { WeakPasswordError } from '../auth/auth.errors';
import { passwordProblem } from '../auth/password-policy';
import { PasswordService } from '../auth/password.service';
import { Role } from '../auth/role.enum';
import { SetupAlreadyDoneError } from '../auth/auth.errors';
import { Page, parseSort } from '../common/dto/pagination.dto';
import { randomToken, sha256 } from '../common/crypto';
import { isUniqueViolation } from '../common/database-errors';
import { StaleVersionError } from '../common/errors/domain-error';
import { appConfig, AppConfig, authConfig, AuthConfig } from '../config/configuration';
import { MailService } from '../mail/mail.service';
import { invitationMail } from '../mail/templates/invitation.template';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, USER_SORT_FIELDS } from './dto/user.dto';
import { Invitation } from './invitation.entity';
import { User } from './user.entity';
import {
  InvitationEmailFailedError,
  LastAdminError,
  UserEmailTakenError,
  UserInactiveError,
  UserNotFoundError,
} from './user.errors';

/** Serializes first-admin setup across concurrent requests and processes. */
const SETUP_LOCK_KEY = 727_001;
/** Serializes changes that could leave Tandem without an active admin. */
const ADMIN_LOCK_KEY = 727_002;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class UserService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UserService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly mail: MailService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) === 0) {
      this.logger.log(
        { setupUrl: `${this.app.publicUrl}/api/docs` },
        'No users yet: create the first admin with POST /api/v1/auth/setup (try it in the API docs)',
      );
    }
  }

  /** Creates the first admin; only while no user exists (409 afterwards), safe under races. */
  async createFirstAdmin(input: { email: string; password: string; name: string }): Promise<User> {
    const email = normalizeEmail(input.email);
    this.assertPasswordAcceptable('password', input.password, email);
    const passwordHash = await this.passwords.hash(input.password);
    const user = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK_KEY]);
      if ((await manager.count(User)) > 0) throw new SetupAlreadyDoneError();
      return manager.save(manager.create(User, { email, name: input.name, role: Role.Admin, passwordHash }));
    });
    this.logger.log({ userId: user.id }, 'first admin created');
    return user;
  }

  async list(query: ListUsersQueryDto): Promise<Page<User>> {
    const { field, direction } = parseSort<(typeof USER_SORT_FIELDS)[number]>(query.sort, 'name');
    const [data, total] = await this.users.findAndCount({
      where: {
        ...(query.role !== undefined && { role: query.role }),
        ...(query.active !== undefined && { active: query.active }),
      },
      order: { [field]: direction, id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { data, meta: { total, limit: query.limit, offset: query.offset } };
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new UserNotFoundError();
    return user;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normalizeEmail(email) });
  }

  /**
   * Creates a user. With a password they can sign in at once; without one they get an
   * invitation email, and if it cannot be sent nothing is kept (so the admin can retry).
   */
  async create(dto: CreateUserDto, actor: AuthUser): Promise<User> {
    const email = normalizeEmail(dto.email);
    if (dto.password !== undefined) this.assertPasswordAcceptable('password', dto.password, email);
    const passwordHash = dto.password !== undefined ? await this.passwords.hash(dto.password) : null;
    let user: User;
    try {
      user = await this.users.save(
        this.users.create({ email, name: dto.name, role: dto.role, timezone: dto.timezone ?? 'UTC', passwordHash }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email')) throw new UserEmailTakenError();
      throw error;
    }
    this.logger.log({ userId: user.id, actorId: actor.id, role: user.role }, 'user created');
    if (passwordHash === null) {
      try {
        await this.sendInvitation(user, actor);
      } catch (error) {
        await this.users.delete({ id: user.id });
        throw error;
      }
    }
    return user;
  }

  /**
   * Emails a one-time link to choose a password, replacing any earlier link. For a user who
   * already has a password this is the admin-initiated password reset.
   */
  async sendInvitation(user: User, actor: AuthUser): Promise<void> {
    if (!user.active) throw new UserInactiveError();
    const token = randomToken();
    const expiresAt = new Date(Date.now() + this.auth.invitationTtlHours * 3600_000);
    const invitation = await this.dataSource.transaction(async (manager) => {
      await manager.update(Invitation, { userId: user.id, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      return manager.save(
        manager.create(Invitation, { userId: user.id, tokenHash: sha256(token), expiresAt, createdById: actor.id }),
      );
    });
    const link = `${this.app.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
    const mail = invitationMail({
      inviteeName: user.name,
      inviterName: actor.name,
      link,
      expiresInHours: this.auth.invitationTtlHours,
    });
    try {
      await this.mail.send({ to: user.email, ...mail }, 'invitation');
    } catch (error) {
      await this.invitations.delete({ id: invitation.id });
      this.logger.error({ userId: user.id, err: (error as Error).message }, 'invitation email failed');
      throw new InvitationEmailFailedError(user.passwordHash === null ? 'the user was not created' : 'no new link was issued');
    }
    this.logger.log({ userId: user.id, invitationId: invitation.id, actorId: actor.id }, 'invitation sent');
  }

  async update(id: string, dto: UpdateUserDto, actor: AuthUser): Promise<User> {
    const updated = await this.dataSource.transaction(async (manager) => {
      if (dto.role !== undefined || dto.active !== undefined) {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOCK_KEY]);
      }
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new UserNotFoundError();
      if (dto.version !== undefined && dto.version !== user.version) throw new StaleVersionError('user', user.version);
      const losesAdmin =
        user.role === Role.Admin && user.active && ((dto.role !== undefined && dto.role !== Role.Admin) || dto.active === false);
      if (losesAdmin && (await this.countOtherActiveAdmins(manager, user.id)) === 0) throw new LastAdminError();
      const changed = (['name', 'role', 'active', 'timezone'] as const).filter(
        (field) => dto[field] !== undefined && dto[field] !== user[field],
      );
      if (changed.length === 0) return user;
      manager.merge(User, user, {
        name: dto.name ?? user.name,
        role: dto.role ?? user.role,
        active: dto.active ?? user.active,
        timezone: dto.timezone ?? user.timezone,
      });
      const saved = await manager.save(user);
      this.logger.log({ userId: id, actorId: actor.id, changed }, 'user updated');
      return saved;
    });
    return updated;
  }

  /** Sets a new password hash (the caller has checked the policy and hashed it). */
  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.users.update({ id: userId }, { passwordHash });
  }

  /**
   * Spends an invitation token: sets the password (and name) of its user. Each token works
   * once, before it expires, for an active user; anything else is `null`.
   */
  async acceptInvitation(token: string, passwordHash: string, name?: string): Promise<User | null> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const invitation = await manager.findOne(Invitation, {
        where: { tokenHash: sha256(token), acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) return null;
      const user = await manager.findOneBy(User, { id: invitation.userId, active: true });
      if (!user) return null;
      await manager.update(Invitation, { id: invitation.id }, { acceptedAt: now });
      await manager.update(Invitation, { userId: user.id, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: now });
      manager.merge(User, user, { passwordHash, name: name ?? user.name });
      return manager.save(user);
    });
  }

  /** Deletes invitations that expired, were used or were replaced more than 30 days ago. */
  async purgeStaleInvitations(now = new Date()): Promise<number> {
    const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
    const result = await this.invitations
      .createQueryBuilder()
      .delete()
      .where('expires_at < :monthAgo OR accepted_at < :monthAgo OR revoked_at < :monthAgo', { monthAgo })
      .execute();
    return result.affected ?? 0;
  }

  /** Throws WeakPasswordError (400) naming the field when the password breaks the policy. */
  assertPasswordAcceptable(field: string, password: string, email?: string): void {
    const problem = passwordProblem(password, email);
    if (problem) throw new WeakPasswordError(field, problem);
  }

  private countOtherActiveAdmins(manager: EntityManager, exceptId: string): Promise<number> {
    return manager
      .createQueryBuilder(User, 'u')
      .where('u.role = :role AND u.active AND u.id <> :id', { role: Role.Admin, id: exceptId })
      .getCount();
  }
}
