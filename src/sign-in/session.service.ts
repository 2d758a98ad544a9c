import { createHmac, hkdfSync } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not, Repository } from 'typeorm';
import { Clock, realNow } from '../common/clock/clock';
import { randomToken, sha256 } from '../common/crypto';
import { authConfig, AuthConfig } from '../config/configuration';
import type { User } from '../user/user.entity';
import { UserService } from '../user/user.service';
import { AuthSession } from './auth-session.entity';
import { AuthUser } from '../auth/auth-user';
import { InvalidRefreshTokenError, RefreshTokenReusedError } from './sign-in.errors';
import { RefreshToken } from './refresh-token.entity';
import { accessRow } from '../read-side/access.query';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
  sessionId: string;
}

export type RevokeReason =
  | 'logout'
  | 'reuse-detected'
  | 'password-changed'
  | 'password-reset'
  | 'deactivated'
  | 'two-factor-changed'
  | 'two-factor-reset';

/** How many rotations within the grace window a repeated presentation follows (more is no browser's tabs). */
const MAX_GRACE_CHAIN = 16;

/**
 * Sign-in sessions: short-lived JWT access tokens plus rotating refresh tokens, of which only
 * SHA-256 hashes are stored. Presenting a refresh token that was already rotated revokes its
 * whole session (token family), as a stolen copy would otherwise live on; except within
 * REFRESH_GRACE_SECONDS of its rotation, when it is answered like the first presentation.
 */
@Injectable()
export class SessionService implements OnModuleInit {
  private readonly logger = new Logger(SessionService.name);
  /** HMAC key deriving each refresh token's successor from it (see `successorOf`). */
  private readonly successorKey: Buffer;

  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UserService,
    private readonly clock: Clock,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {
    this.successorKey = Buffer.from(
      hkdfSync('sha256', Buffer.from(config.secret, 'utf8'), Buffer.alloc(0), 'tandem:refresh-successor:v1', 32),
    );
  }

  onModuleInit(): void {
    // In the transaction that changes `active`: deactivation ends every session for good, and
    // reactivation ends any a user deactivated before this rule existed might still have.
    this.users.onActivationChange((manager, userId) => this.revokeAllWithin(manager, userId, 'deactivated'));
  }

  /** Starts a session for a user whose credentials the caller has verified. */
  async start(user: User): Promise<IssuedTokens> {
    const refreshExpiresAt = this.refreshExpiry();
    const refreshToken = randomToken();
    const session = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(manager.create(AuthSession, { userId: user.id, expiresAt: refreshExpiresAt }));
      await manager.insert(RefreshToken, {
        sessionId: created.id,
        tokenHash: sha256(refreshToken),
        expiresAt: refreshExpiresAt,
      });
      return created;
    });
    this.logger.log({ userId: user.id, sessionId: session.id }, 'session started');
    return this.issue(user.id, session.id, refreshToken, refreshExpiresAt);
  }

  /**
   * Trades a refresh token for a new pair; the presented token can never be rotated again.
   * Presented again within the grace window (several tabs refreshing with one cookie), it is
   * answered like the first time: the same successor (the chain's current token, should that
   * one have moved on too), so the family stays one chain and reuse detection keeps working.
   * Later, it revokes the whole session.
   */
  async rotate(presented: string): Promise<IssuedTokens> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      // The row lock queues concurrent presentations of one token: each sees the committed
      // outcome of the one before (never two rotations, never a successor not yet committed).
      const token = await manager.findOne(RefreshToken, {
        where: { tokenHash: sha256(presented) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token) return { error: new InvalidRefreshTokenError() } as const;
      const session = await manager.findOneBy(AuthSession, { id: token.sessionId });
      if (!session || session.revokedAt) return { error: new InvalidRefreshTokenError() } as const;
      const now = this.clock.now();
      if (token.usedAt) {
        const withinGrace = now.getTime() - token.usedAt.getTime() <= this.config.refreshGraceSeconds * 1000;
        const current = withinGrace ? await this.currentOfChain(manager, presented, session.id) : null;
        if (!current) return { reused: session } as const;
        if (!(await this.users.findActive(session.userId, manager)))
          return { error: new InvalidRefreshTokenError() } as const;
        this.logger.log(
          { userId: session.userId, sessionId: session.id },
          'rotated refresh token presented again within the grace window',
        );
        return {
          userId: session.userId,
          sessionId: session.id,
          refreshToken: current.token,
          refreshExpiresAt: current.expiresAt,
        } as const;
      }
      if (token.expiresAt.getTime() <= realNow().getTime()) return { error: new InvalidRefreshTokenError() } as const;
      const user = await this.users.findActive(session.userId, manager);
      if (!user) return { error: new InvalidRefreshTokenError() } as const;
      const refreshToken = this.successorOf(presented);
      const refreshExpiresAt = this.refreshExpiry();
      await manager.update(RefreshToken, { id: token.id }, { usedAt: now });
      await manager.insert(RefreshToken, {
        sessionId: session.id,
        tokenHash: sha256(refreshToken),
        expiresAt: refreshExpiresAt,
      });
      await manager.update(AuthSession, { id: session.id }, { expiresAt: refreshExpiresAt });
      return { userId: user.id, sessionId: session.id, refreshToken, refreshExpiresAt } as const;
    });
    if ('reused' in outcome && outcome.reused) {
      const { id, userId } = outcome.reused;
      await this.revoke(id, 'reuse-detected');
      this.logger.warn({ userId, sessionId: id }, 'refresh token reuse detected; session revoked');
      throw new RefreshTokenReusedError();
    }
    if ('error' in outcome) throw outcome.error as InvalidRefreshTokenError;
    return this.issue(outcome.userId, outcome.sessionId, outcome.refreshToken, outcome.refreshExpiresAt);
  }

  /**
   * A token's successor is derived from it (HMAC under a sub-key of AUTH_SECRET) rather than
   * drawn at random, so a repeated presentation can be given the very token the first one got,
   * though only its hash is stored. Without the server's secret it is as unpredictable as a
   * random token; and the server answers with it only within the grace window.
   */
  private successorOf(token: string): string {
    return createHmac('sha256', this.successorKey).update(token, 'utf8').digest('base64url');
  }

  /**
   * The live token of the chain after `presented` (its successor, or that one's successor if a
   * tab has already rotated it too, …), or null when the chain is broken (then the presentation
   * counts as reuse).
   */
  private async currentOfChain(
    manager: EntityManager,
    presented: string,
    sessionId: string,
  ): Promise<{ token: string; expiresAt: Date } | null> {
    let token = presented;
    for (let step = 0; step < MAX_GRACE_CHAIN; step += 1) {
      token = this.successorOf(token);
      const row = await manager.findOne(RefreshToken, {
        where: { tokenHash: sha256(token), sessionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) return null;
      if (!row.usedAt)
        return row.expiresAt.getTime() > realNow().getTime() ? { token, expiresAt: row.expiresAt } : null;
    }
    return null;
  }

  async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: realNow(), revokedReason: reason });
  }

  /** Inside the caller's transaction: revokes every live session of a user. */
  async revokeAllWithin(manager: EntityManager, userId: string, reason: RevokeReason): Promise<number> {
    const result = await manager.update(
      AuthSession,
      { userId, revokedAt: IsNull() },
      { revokedAt: realNow(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  /** Revokes every live session of a user, optionally keeping the one in use. */
  async revokeAllForUser(userId: string, reason: RevokeReason, keepSessionId?: string): Promise<number> {
    const result = await this.sessions.update(
      { userId, revokedAt: IsNull(), ...(keepSessionId ? { id: Not(keepSessionId) } : {}) },
      { revokedAt: realNow(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  /** Finds the session a refresh token belongs to (for logout), or null. */
  async sessionIdOfRefreshToken(presented: string): Promise<string | null> {
    const token = await this.dataSource.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(presented) });
    return token?.sessionId ?? null;
  }

  /**
   * Resolves an access token's claims to the current user on every request, so that a
   * deactivation, a role change or a revoked session takes effect at once.
   */
  async resolveAccess(claims: AccessTokenClaims): Promise<AuthUser | null> {
    const user = await accessRow(this.dataSource, claims.sub, claims.sid);
    return user ? { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: claims.sid } : null;
  }

  /**
   * Deletes refresh tokens a day past expiry and sessions that ended more than 30 days ago
   * (kept that long so a reuse attempt on a recently revoked session is still recognised).
   */
  async purgeExpired(now = realNow()): Promise<{ refreshTokens: number; sessions: number }> {
    const dayAgo = new Date(now.getTime() - 86_400_000);
    const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
    const tokens = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(RefreshToken)
      .where('expires_at < :dayAgo', { dayAgo })
      .execute();
    const sessions = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(AuthSession)
      .where('expires_at < :monthAgo OR revoked_at < :monthAgo', { monthAgo })
      .execute();
    return { refreshTokens: tokens.affected ?? 0, sessions: sessions.affected ?? 0 };
  }

  /**
   * Session lifetimes run on real time, like the access token's `exp` and the database's now()
   * that resolveAccess compares with; only the grace window follows the Clock.
   */
  private refreshExpiry(): Date {
    return new Date(realNow().getTime() + this.config.refreshTokenTtlDays * 86_400_000);
  }

  private async issue(
    userId: string,
    sessionId: string,
    refreshToken: string,
    refreshExpiresAt: Date,
  ): Promise<IssuedTokens> {
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds, refreshToken, refreshExpiresAt, sessionId };
  }
}
