import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Not, Repository } from 'typeorm';
import { randomToken, sha256 } from '../common/crypto';
import { authConfig, AuthConfig } from '../config/configuration';
import { User } from '../user/user.entity';
import { AuthSession } from './auth-session.entity';
import { AuthUser } from './auth-user';
import { InvalidRefreshTokenError, RefreshTokenReusedError } from './auth.errors';
import { RefreshToken } from './refresh-token.entity';

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

export type RevokeReason = 'logout' | 'reuse-detected' | 'password-changed' | 'password-reset';

/**
 * Sign-in sessions: short-lived JWT access tokens plus rotating refresh tokens, of which only
 * SHA-256 hashes are stored. Presenting a refresh token that was already rotated revokes its
 * whole session (token family), as a stolen copy would otherwise live on.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  /** Starts a session for a user whose credentials the caller has verified. */
  async start(user: User): Promise<IssuedTokens> {
    const refreshExpiresAt = this.refreshExpiry();
    const refreshToken = randomToken();
    const session = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(manager.create(AuthSession, { userId: user.id, expiresAt: refreshExpiresAt }));
      await manager.insert(RefreshToken, { sessionId: created.id, tokenHash: sha256(refreshToken), expiresAt: refreshExpiresAt });
      return created;
    });
    this.logger.log({ userId: user.id, sessionId: session.id }, 'session started');
    return this.issue(user.id, session.id, refreshToken, refreshExpiresAt);
  }

  /** Trades a refresh token for a new pair; the presented token can never be used again. */
  async rotate(presented: string): Promise<IssuedTokens> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await manager.findOne(RefreshToken, { where: { tokenHash: sha256(presented) }, relations: { session: true } });
      const session = token?.session;
      if (!token || !session) return { error: new InvalidRefreshTokenError() } as const;
      if (session.revokedAt) return { error: new InvalidRefreshTokenError() } as const;
      // Claim the token atomically, so two concurrent refreshes cannot both succeed.
      const claimed = await manager.update(RefreshToken, { id: token.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (token.usedAt || claimed.affected !== 1) return { reused: session } as const;
      const now = Date.now();
      if (token.expiresAt.getTime() <= now) return { error: new InvalidRefreshTokenError() } as const;
      const user = await manager.findOneBy(User, { id: session.userId, active: true });
      if (!user) return { error: new InvalidRefreshTokenError() } as const;
      const refreshToken = randomToken();
      const refreshExpiresAt = this.refreshExpiry();
      await manager.insert(RefreshToken, { sessionId: session.id, tokenHash: sha256(refreshToken), expiresAt: refreshExpiresAt });
      await manager.update(AuthSession, { id: session.id }, { expiresAt: refreshExpiresAt });
      return { userId: user.id, sessionId: session.id, refreshToken, refreshExpiresAt } as const;
    });
    if ('reused' in outcome && outcome.reused) {
      const { id, userId } = outcome.reused;
      await this.revoke(id, 'reuse-detected');
      this.logger.warn({ userId, sessionId: id }, 'refresh token reuse detected; session revoked');
      throw new RefreshTokenReusedError();
    }
    if ('error' in outcome) throw outcome.error;
    return this.issue(outcome.userId, outcome.sessionId, outcome.refreshToken, outcome.refreshExpiresAt);
  }

  async revoke(sessionId: string, reason: RevokeReason): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** Revokes every live session of a user, optionally keeping the one in use. */
  async revokeAllForUser(userId: string, reason: RevokeReason, keepSessionId?: string): Promise<number> {
    const result = await this.sessions.update(
      { userId, revokedAt: IsNull(), ...(keepSessionId ? { id: Not(keepSessionId) } : {}) },
      { revokedAt: new Date(), revokedReason: reason },
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
    const row = await this.dataSource
      .createQueryBuilder(User, 'u')
      .innerJoin(AuthSession, 's', 's.user_id = u.id AND s.id = :sid AND s.revoked_at IS NULL AND s.expires_at > now()', {
        sid: claims.sid,
      })
      .where('u.id = :sub AND u.active', { sub: claims.sub })
      .getOne();
    return row ? { id: row.id, email: row.email, name: row.name, role: row.role, sessionId: claims.sid } : null;
  }

  /**
   * Deletes refresh tokens a day past expiry and sessions that ended more than 30 days ago
   * (kept that long so a reuse attempt on a recently revoked session is still recognised).
   */
  async purgeExpired(now = new Date()): Promise<{ refreshTokens: number; sessions: number }> {
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

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
  }

  private async issue(userId: string, sessionId: string, refreshToken: string, refreshExpiresAt: Date): Promise<IssuedTokens> {
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds, refreshToken, refreshExpiresAt, sessionId };
  }
}
