import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, MoreThan, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { WeakPasswordError } from '../auth/auth.errors';
import { passwordProblem } from '../auth/password-policy';
import { PasswordService } from '../auth/password.service';
import { Role } from '../auth/role.enum';
import { SetupAlreadyDoneError } from '../auth/auth.errors';
import { Clock } from '../common/clock/clock';
import { Page, parseSort } from '../common/dto/pagination.dto';
import { sha256 } from '../common/crypto';
import { isUniqueViolation } from '../common/database-errors';
import { StaleVersionError } from '../common/errors/domain-error';
import { appConfig, AppConfig, authConfig, AuthConfig } from '../config/configuration';
import { DeliveryKind, DeliveryStatus, SkipReason } from '../outbox/delivery-state';
import { OutboxService } from '../outbox/outbox.service';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, USER_SORT_FIELDS } from './dto/user.dto';
import { invitationToken } from './invitation-email.kind';
import { Invitation } from './invitation.entity';
import { User } from './user.entity';
import {
  LastAdminError,
  UserAlreadyActiveError,
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

interface QueuedInvitation {
  invitationId: string;
  deliveryId: string;
}

/** A user's latest invitation and how its email fared (from the delivery log). */
export interface InvitationDeliveryState {
  expiresAt: Date;
  status: DeliveryStatus;
  sentAt: Date | null;
  lastError: string | null;
  skipReason: SkipReason | null;
}

/** Runs inside the transaction that deactivates or reactivates a user. */
export type ActivationListener = (manager: EntityManager, userId: string, active: boolean) => Promise<unknown>;

@Injectable()
export class UserService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UserService.name);
  private readonly activationListeners: ActivationListener[] = [];

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) === 0) {
      this.logger.log(
        { setupUrl: `${this.app.publicUrl}/api/docs` },
        'No users yet: create the first admin with POST /api/v1/auth/setup (try it in the API docs)',
      );
    }
  }

  /** Whether Tandem has no user yet, so the first admin may still be created. */
  async setupOpen(): Promise<boolean> {
    return !(await this.users.exists());
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

  /**
   * Every active user, by name: the team list anyone may read. No pagination: a library's staff is
   * a few hundred people at most, and pickers need them all. Reads only the columns it returns.
   */
  listColleagues(): Promise<Pick<User, 'id' | 'name' | 'role'>[]> {
    return this.users.find({
      select: { id: true, name: true, role: true },
      where: { active: true },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new UserNotFoundError();
    return user;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normalizeEmail(email) });
  }

  /*
   * Reads for other domains. Each takes the caller's EntityManager when the answer must hold
   * in the caller's transaction (e.g. "the assignee is active" checked where the task is saved).
   */

  /** The users with these ids, active or not. */
  findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(User, { where: { id: In([...ids]) } });
  }

  /** Which of `ids` are active users: whom work may be assigned to. */
  async activeIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const active = await manager.find(User, { select: { id: true }, where: { id: In([...ids]), active: true } });
    return new Set(active.map((user) => user.id));
  }

  /** The active users of these roles who have an email address, by id (the weekly digest's recipients). */
  async activeIdsWithRoles(
    roles: readonly Role[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const users = await manager
      .createQueryBuilder(User, 'u')
      .select('u.id', 'id')
      .where("u.active AND u.role::text = ANY(CAST(:roles AS text[])) AND u.email <> ''", { roles })
      .orderBy('u.id')
      .getRawMany<{ id: string }>();
    return users.map((user) => user.id);
  }

  /** The user if active, else null. */
  findActive(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.findOneBy(User, { id, active: true });
  }

  /** Users whose (stored, lower-case) email is one of `emails`. */
  findByEmails(emails: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    if (emails.length === 0) return Promise.resolve([]);
    return manager.createQueryBuilder(User, 'u').where('u.email = ANY(CAST(:emails AS text[]))', { emails }).getMany();
  }

  /** Users whose name, ignoring case, is one of `lowerNames` (already lower-cased), by id. */
  findByNames(lowerNames: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    if (lowerNames.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(User, 'u')
      .where('lower(u.name) = ANY(CAST(:lowerNames AS text[]))', { lowerNames })
      .orderBy('u.id')
      .getMany();
  }

  /**
   * Creates a user. With a password they can sign in at once; without one, an invitation email
   * is queued in the same transaction and sent by a worker. The user is kept whatever happens to
   * that email; `invitationState` tells whether it went out, and `sendInvitation` tries again.
   */
  async create(dto: CreateUserDto, actor: AuthUser): Promise<User> {
    const email = normalizeEmail(dto.email);
    if (dto.password !== undefined) this.assertPasswordAcceptable('password', dto.password, email);
    const passwordHash = dto.password !== undefined ? await this.passwords.hash(dto.password) : null;
    const now = this.clock.now();
    let user: User;
    let queued: QueuedInvitation | null;
    try {
      ({ user, queued } = await this.dataSource.transaction(async (manager) => {
        const created = await manager.save(
          manager.create(User, {
            email,
            name: dto.name,
            role: dto.role,
            timezone: dto.timezone ?? 'UTC',
            passwordHash,
          }),
        );
        return {
          user: created,
          queued: passwordHash === null ? await this.queueInvitation(manager, created, actor, now) : null,
        };
      }));
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email')) throw new UserEmailTakenError();
      throw error;
    }
    this.logger.log({ userId: user.id, actorId: actor.id, role: user.role }, 'user created');
    if (queued) await this.afterInvitationQueued(user, actor, queued, now);
    return user;
  }

  /**
   * Issues a new one-time link to choose a password and queues its email, revoking any earlier
   * link (an earlier email not yet sent is then skipped by the worker). For a user who already
   * has a password this is the admin-initiated password reset. Returns once the email is
   * queued, not sent: SMTP trouble shows up later in `invitationState`, not as an error here.
   */
  async sendInvitation(user: User, actor: AuthUser): Promise<void> {
    const now = this.clock.now();
    const queued = await this.dataSource.transaction(async (manager) => {
      // The row lock serializes two resends for one user, so exactly one link stays open.
      const current = await manager.findOne(User, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new UserNotFoundError();
      if (!current.active) throw new UserInactiveError();
      return this.queueInvitation(manager, current, actor, now);
    });
    await this.afterInvitationQueued(user, actor, queued, now);
  }

  /**
   * Issues a fresh one-time link for an invited user who has not chosen a password yet, for the
   * admin to hand over themselves (when email is not set up or the mail server refused it).
   * Earlier links stop working and their emails not yet sent are skipped; no email is queued.
   * Audited (never the token). 409 once the user has a password, 422 for a deactivated one.
   */
  async issueInvitationLink(id: string, actor: AuthUser): Promise<{ url: string; expiresAt: Date }> {
    const now = this.clock.now();
    const { invitationId, expiresAt } = await this.dataSource.transaction(async (manager) => {
      // The row lock serializes with resends, so exactly one link stays open.
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new UserNotFoundError();
      if (!user.active) throw new UserInactiveError();
      if (user.passwordHash !== null) throw new UserAlreadyActiveError();
      const issued = await this.insertInvitation(manager, user, actor, now);
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'invitation',
        entityId: issued.invitationId,
        action: 'create',
        changes: {
          userId: { before: null, after: user.id },
          delivery: { before: null, after: 'link handed over by an admin' },
          expiresAt: { before: null, after: issued.expiresAt.toISOString() },
        },
      });
      return issued;
    });
    this.logger.log({ userId: id, invitationId, actorId: actor.id }, 'invitation link issued to an admin');
    const token = invitationToken(this.auth.secret, invitationId);
    return { url: `${this.app.publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`, expiresAt };
  }

  /**
   * Inside the caller's transaction: revokes the user's open invitations, inserts a new one and
   * its delivery row (due now). The invitation id is made here so its token,
   * `resourceKey(secret, 'invitation:v1', id)`, can be hashed before the insert; the worker
   * derives the same token when it renders the email, so the token itself is never stored.
   */
  private async queueInvitation(
    manager: EntityManager,
    user: User,
    actor: AuthUser,
    now: Date,
  ): Promise<QueuedInvitation> {
    const { invitationId } = await this.insertInvitation(manager, user, actor, now);
    const [deliveryId] = await this.outbox.enqueueWithin(manager, [
      {
        kind: DeliveryKind.Invitation,
        invitationId,
        recipient: { userId: user.id },
        occurrenceKey: 'invitation',
        occurrenceAt: now,
        dueAt: now,
      },
    ]);
    return { invitationId, deliveryId };
  }

  /** Inside the caller's transaction: revokes the user's open invitations and inserts a new one. */
  private async insertInvitation(
    manager: EntityManager,
    user: User,
    actor: AuthUser,
    now: Date,
  ): Promise<{ invitationId: string; expiresAt: Date }> {
    await manager.update(
      Invitation,
      { userId: user.id, acceptedAt: IsNull(), revokedAt: IsNull() },
      { revokedAt: now },
    );
    const invitationId = randomUUID();
    const expiresAt = new Date(now.getTime() + this.auth.invitationTtlHours * 3600_000);
    await manager.insert(Invitation, {
      id: invitationId,
      userId: user.id,
      tokenHash: sha256(invitationToken(this.auth.secret, invitationId)),
      expiresAt,
      createdById: actor.id,
      // Set, not defaulted: the email states expires_at - created_at as the link's lifetime.
      createdAt: now,
    });
    return { invitationId, expiresAt };
  }

  /** After commit: logs (ids only, never the token) and wakes a worker; the wake-up never throws. */
  private async afterInvitationQueued(user: User, actor: AuthUser, queued: QueuedInvitation, now: Date): Promise<void> {
    this.logger.log({ userId: user.id, ...queued, actorId: actor.id }, 'invitation queued');
    await this.outbox.wake([now]);
  }

  /**
   * Each user's latest invitation with its email's state in the outbox's log (two queries
   * however many users); users with no invitation, or whose latest one was not emailed (the demo
   * seed's), are absent from the map.
   */
  async invitationStates(userIds: readonly string[]): Promise<Map<string, InvitationDeliveryState>> {
    if (userIds.length === 0) return new Map();
    const latest = await this.dataSource.query<{ id: string; user_id: string; expires_at: Date }[]>(
      `SELECT DISTINCT ON (i.user_id) i.id, i.user_id, i.expires_at
       FROM invitations i
       WHERE i.user_id = ANY($1::uuid[])
       ORDER BY i.user_id, i.created_at DESC, (i.revoked_at IS NULL) DESC, i.id`,
      [userIds],
    );
    const emails = new Map(
      (await this.outbox.find({ invitationIds: latest.map((invitation) => invitation.id) })).map((delivery) => [
        delivery.invitationId,
        delivery,
      ]),
    );
    const states = new Map<string, InvitationDeliveryState>();
    for (const invitation of latest) {
      const email = emails.get(invitation.id);
      if (!email) continue;
      states.set(invitation.user_id, {
        expiresAt: invitation.expires_at,
        status: email.status,
        sentAt: email.sentAt,
        lastError: email.lastError,
        skipReason: email.skipReason,
      });
    }
    return states;
  }

  /** One user's latest invitation email state (see `invitationStates`), or null. */
  async invitationState(userId: string): Promise<InvitationDeliveryState | null> {
    return (await this.invitationStates([userId])).get(userId) ?? null;
  }

  /**
   * Registers work that must commit with a change of `active` (auth ends the user's sessions
   * there: auth depends on users, so it registers rather than being called).
   */
  onActivationChange(listener: ActivationListener): void {
    this.activationListeners.push(listener);
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
        user.role === Role.Admin &&
        user.active &&
        ((dto.role !== undefined && dto.role !== Role.Admin) || dto.active === false);
      if (losesAdmin && (await this.countOtherActiveAdmins(manager, user.id)) === 0) throw new LastAdminError();
      // An omitted or null field keeps its value; only what really differs counts as changed
      // (`active: null` must not look like a change of activation, which ends every session).
      const next = {
        name: dto.name ?? user.name,
        role: dto.role ?? user.role,
        active: dto.active ?? user.active,
        timezone: dto.timezone ?? user.timezone,
      };
      const changed = (['name', 'role', 'active', 'timezone'] as const).filter((field) => next[field] !== user[field]);
      if (changed.length === 0) return user;
      manager.merge(User, user, next);
      const saved = await manager.save(user);
      if (changed.includes('active')) {
        for (const listener of this.activationListeners) await listener(manager, saved.id, saved.active);
      }
      this.logger.log({ userId: id, actorId: actor.id, changed }, 'user updated');
      return saved;
    });
    // A deactivated user gets no more emails (and a reactivated one gets the coming reminders).
    if (dto.active !== undefined) void this.outbox.requestReconcile('user changed');
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
      const now = this.clock.now();
      const invitation = await manager.findOne(Invitation, {
        where: { tokenHash: sha256(token), acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) return null;
      const user = await manager.findOneBy(User, { id: invitation.userId, active: true });
      if (!user) return null;
      await manager.update(Invitation, { id: invitation.id }, { acceptedAt: now });
      await manager.update(
        Invitation,
        { userId: user.id, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: now },
      );
      manager.merge(User, user, { passwordHash, name: name ?? user.name });
      return manager.save(user);
    });
  }

  /** Deletes invitations that expired, were used or were replaced more than 30 days ago. */
  async purgeStaleInvitations(now = this.clock.now()): Promise<number> {
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
