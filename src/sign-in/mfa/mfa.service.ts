import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { generateSecret, generateURI, verify } from 'otplib';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock/clock';
import { authConfig, AuthConfig } from '../../config/configuration';
import type { User } from '../../user/user.entity';
import { toUserResponse } from '../../user/user.mapper';
import { UserService } from '../../user/user.service';
import { AuthUser } from '../../auth/auth-user';
import { LoginRateLimiter } from '../login-rate-limiter.service';
import { PasswordService } from '../../auth/password.service';
import { SessionService } from '../session.service';
import { CurrentUserResponseDto, DisableMfaDto, MfaRecoveryCodesResponseDto, MfaSetupResponseDto } from './dto/mfa.dto';
import { MfaRecoveryCode } from './mfa-recovery-code.entity';
import {
  MfaAlreadyEnabledError,
  MfaFieldError,
  MfaInvalidError,
  MfaNotEnabledError,
  MfaRequiredError,
  MfaResetSelfError,
  MfaSetupNotStartedError,
} from './mfa.errors';
import { generateRecoveryCodes, normalizeRecoveryCode, normalizeTotpCode } from './recovery-codes';
import { MFA_REQUIRABLE_ROLES, mfaRequiredFor } from './security-settings';
import { SecuritySettingsService } from './security-settings.service';
import { TotpSecretCipher } from './totp-secret-cipher';
import { UserMfa } from './user-mfa.entity';

/** The name authenticator apps show next to the account. */
const ISSUER = 'Tandem';
/** 160-bit secrets, as RFC 4226 recommends. */
const SECRET_BYTES = 20;
/** Clock drift accepted: one 30-second step either side. */
const DRIFT_SECONDS = 30;

/**
 * TOTP two-factor sign-in (RFC 6238 through otplib): setup and confirmation, recovery codes,
 * the second step of login, turning it off, and an admin's reset. Codes count against the same
 * limits as passwords (LoginRateLimiter), and each code is accepted once: a TOTP code only for a
 * later time step than the last one accepted, a recovery code only while unused, both claimed
 * with a conditional UPDATE so two requests cannot both spend one code. Secrets, codes and
 * otpauth URIs never reach the log.
 */
@Injectable()
export class MfaService {
  private readonly logger = new Logger(MfaService.name);
  private readonly cipher: TotpSecretCipher;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserMfa) private readonly mfa: Repository<UserMfa>,
    @InjectRepository(MfaRecoveryCode) private readonly recoveryCodes: Repository<MfaRecoveryCode>,
    private readonly users: UserService,
    private readonly passwords: PasswordService,
    private readonly limiter: LoginRateLimiter,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly settings: SecuritySettingsService,
    private readonly clock: Clock,
    @Inject(authConfig.KEY) config: AuthConfig,
  ) {
    this.cipher = new TotpSecretCipher(config.secret);
  }

  /**
   * The second step of login, for a user whose password the caller has just verified: nothing
   * to do without two-factor; otherwise `otp` must be a current code or an unused recovery
   * code (401 MFA_REQUIRED without one, 401 MFA_INVALID for a wrong one, which counts as a
   * failed login).
   */
  async verifySignIn(user: User, otp: string | undefined, ip: string): Promise<void> {
    if (user.mfaEnabled === false) return;
    const row = await this.mfa.findOneBy({ userId: user.id });
    if (!row?.enabledAt) return;
    if (otp === undefined || otp.trim() === '') throw new MfaRequiredError();
    const spent = await this.spend(row, otp);
    if (spent) {
      this.logger.log({ userId: user.id, factor: spent }, 'login second factor accepted');
      return;
    }
    await this.limiter.recordFailure(user.email, ip);
    this.logger.log({ userId: user.id }, 'login second factor refused');
    throw new MfaInvalidError();
  }

  /** A new secret to add to an authenticator app; not in force until `enable` confirms it. Replaces an unconfirmed one. */
  async startSetup(actor: AuthUser): Promise<MfaSetupResponseDto> {
    const secret = generateSecret({ length: SECRET_BYTES });
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO user_mfa (user_id, pending_secret) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET pending_secret = EXCLUDED.pending_secret WHERE user_mfa.enabled_at IS NULL
       RETURNING user_id`,
      [actor.id, this.cipher.encrypt(secret, actor.id)],
    );
    if (rows.length === 0) throw new MfaAlreadyEnabledError();
    this.logger.log({ userId: actor.id }, 'two-factor setup started');
    return { secret, otpauthUri: generateURI({ issuer: ISSUER, label: actor.email, secret }) };
  }

  /**
   * Confirms setup with a current code: two-factor is on from now, ten recovery codes are made
   * (returned this once, stored hashed) and the user's other sessions are signed out.
   */
  async enable(actor: AuthUser, code: string, ip: string): Promise<MfaRecoveryCodesResponseDto> {
    await this.limiter.assertAllowed(actor.email, ip);
    const row = await this.mfa.findOneBy({ userId: actor.id });
    if (row?.enabledAt) throw new MfaAlreadyEnabledError();
    if (!row?.pendingSecret) throw new MfaSetupNotStartedError();
    const step = await this.matchingStep(actor.id, row.pendingSecret, null, code);
    if (step === null) {
      await this.limiter.recordFailure(actor.email, ip);
      this.logger.log({ userId: actor.id }, 'two-factor setup code refused');
      throw new MfaFieldError(
        'MFA_INVALID',
        'code',
        'That code does not match; enter the current code from your authenticator app.',
      );
    }

    const codes = generateRecoveryCodes();
    const hashes = await Promise.all(codes.map((shown) => this.passwords.hash(normalizeRecoveryCode(shown) as string)));
    await this.dataSource.transaction(async (manager) => {
      // Only the setup that was checked: a setup restarted meanwhile (new secret) or a concurrent
      // enable changes the row, and this one then turns nothing on.
      const enabled = await manager
        .createQueryBuilder()
        .update(UserMfa)
        .set({ secret: () => 'pending_secret', pendingSecret: null, enabledAt: () => 'now()', lastUsedStep: step })
        .where('user_id = :userId AND enabled_at IS NULL AND pending_secret = :pending', {
          userId: actor.id,
          pending: row.pendingSecret,
        })
        .execute();
      if (enabled.affected !== 1) throw new MfaAlreadyEnabledError();
      await manager.delete(MfaRecoveryCode, { userId: actor.id });
      await manager.insert(
        MfaRecoveryCode,
        hashes.map((codeHash) => ({ userId: actor.id, codeHash })),
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        entityType: 'user',
        entityId: actor.id,
        action: 'update',
        changes: { mfaEnabled: { before: false, after: true } },
      });
    });
    const revoked = await this.sessions.revokeAllForUser(actor.id, 'two-factor-changed', actor.sessionId);
    this.logger.log({ userId: actor.id, revokedSessions: revoked }, 'two-factor enabled');
    return { recoveryCodes: codes };
  }

  /** Turns two-factor off with the password and a code (or recovery code); other sessions are signed out. */
  async disable(actor: AuthUser, dto: DisableMfaDto, ip: string): Promise<void> {
    await this.limiter.assertAllowed(actor.email, ip);
    const row = await this.mfa.findOneBy({ userId: actor.id });
    if (!row?.enabledAt) throw new MfaNotEnabledError();
    const user = await this.users.get(actor.id);
    // The password first: a code is spent only once the password is known to be right.
    if (!(await this.passwords.verify(user.passwordHash, dto.password))) {
      await this.limiter.recordFailure(actor.email, ip);
      this.logger.log({ userId: actor.id }, 'two-factor disable refused');
      throw new MfaFieldError('WRONG_PASSWORD', 'password', 'The password is wrong.');
    }
    if (!(await this.spend(row, dto.otp))) {
      await this.limiter.recordFailure(actor.email, ip);
      this.logger.log({ userId: actor.id }, 'two-factor disable refused');
      throw new MfaFieldError('MFA_INVALID', 'otp', 'That code is wrong, expired or already used.');
    }
    await this.removeWithAudit(actor.id, actor.id);
    const revoked = await this.sessions.revokeAllForUser(actor.id, 'two-factor-changed', actor.sessionId);
    this.logger.log({ userId: actor.id, revokedSessions: revoked }, 'two-factor disabled');
  }

  /**
   * An admin turns someone's two-factor off (a lost phone): their setup and recovery codes are
   * deleted, and all their sessions end (the lost device may hold one). Audited; a no-op when
   * it was off. Not for one's own account, which takes password and code.
   */
  async reset(admin: AuthUser, userId: string): Promise<void> {
    if (admin.id === userId) throw new MfaResetSelfError();
    await this.users.get(userId);
    const wasOn = await this.removeWithAudit(userId, admin.id);
    if (!wasOn) return;
    const revoked = await this.sessions.revokeAllForUser(userId, 'two-factor-reset');
    this.logger.log({ userId, actorId: admin.id, revokedSessions: revoked }, 'two-factor reset by an admin');
  }

  /** The signed-in user as login and /auth/me answer: with whether they must set up two-factor first. */
  async currentUser(user: User): Promise<CurrentUserResponseDto> {
    const mfaEnabled = user.mfaEnabled ?? (await this.isEnabled(user.id));
    const settings = await this.settings.cachedSettings();
    return {
      ...toUserResponse({ ...user, mfaEnabled }),
      mfaSetupRequired: !mfaEnabled && mfaRequiredFor(settings, user.role),
    };
  }

  /**
   * Whether this signed-in user must set up two-factor before anything else (MfaSetupGuard, on
   * every request): only admins and managers can be required to, so other roles cost nothing;
   * for them a cached read of the settings and, when their role is required, one primary-key read.
   */
  async mustSetUp(user: AuthUser): Promise<boolean> {
    if (!(MFA_REQUIRABLE_ROLES as readonly string[]).includes(user.role)) return false;
    if (!mfaRequiredFor(await this.settings.cachedSettings(), user.role)) return false;
    return !(await this.isEnabled(user.id));
  }

  private async isEnabled(userId: string): Promise<boolean> {
    const row = await this.mfa.findOne({ where: { userId }, select: { userId: true, enabledAt: true } });
    return !!row?.enabledAt;
  }

  /** Deletes a user's two-factor state; audits when it was on. Whether it was on. */
  private removeWithAudit(userId: string, actorId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // Locked: of two resets (or a reset and a disable) at once, one finds the row and audits.
      const row = await manager.findOne(UserMfa, { where: { userId }, lock: { mode: 'pessimistic_write' } });
      if (!row) return false;
      await manager.delete(MfaRecoveryCode, { userId });
      await manager.delete(UserMfa, { userId });
      const wasOn = row.enabledAt !== null;
      if (wasOn) {
        await this.audit.record(manager, {
          actorId,
          entityType: 'user',
          entityId: userId,
          action: 'update',
          changes: { mfaEnabled: { before: true, after: false } },
        });
      }
      return wasOn;
    });
  }

  /** Checks and spends `otp` (a TOTP code or a recovery code) for a user with two-factor on: which kind it was, or null. */
  private async spend(row: UserMfa, otp: string): Promise<'totp' | 'recovery-code' | null> {
    if (normalizeTotpCode(otp)) {
      const step = row.secret ? await this.matchingStep(row.userId, row.secret, row.lastUsedStep, otp) : null;
      if (step === null) return null;
      // Claim the step: of two requests with the same code only one moves last_used_step to it.
      const claimed = await this.dataSource
        .createQueryBuilder()
        .update(UserMfa)
        .set({ lastUsedStep: step })
        .where('user_id = :userId AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < :step)', {
          userId: row.userId,
          step,
        })
        .execute();
      return claimed.affected === 1 ? 'totp' : null;
    }
    const code = normalizeRecoveryCode(otp);
    if (!code) return null;
    const unused = await this.recoveryCodes.find({
      where: { userId: row.userId, usedAt: IsNull() },
      select: { id: true, codeHash: true },
    });
    const matches = await Promise.all(unused.map((candidate) => this.passwords.verify(candidate.codeHash, code)));
    const match = unused[matches.indexOf(true)];
    if (!match) return null;
    const claimed = await this.recoveryCodes.update({ id: match.id, usedAt: IsNull() }, { usedAt: this.clock.now() });
    if (claimed.affected !== 1) return null;
    this.logger.log({ userId: row.userId, recoveryCodesLeft: unused.length - 1 }, 'recovery code used');
    return 'recovery-code';
  }

  /**
   * The time step at which `otp` matches the encrypted secret, within one step of clock drift
   * and later than `afterStep`; null when it does not (or the secret cannot be decrypted).
   */
  private async matchingStep(
    userId: string,
    encrypted: string,
    afterStep: number | null,
    otp: string,
  ): Promise<number | null> {
    const token = normalizeTotpCode(otp);
    if (!token) return null;
    const secret = this.cipher.decrypt(encrypted, userId);
    if (!secret) {
      this.logger.warn(
        { userId },
        'two-factor secret cannot be decrypted (was AUTH_SECRET changed?); only recovery codes work',
      );
      return null;
    }
    const result = await verify({
      secret,
      token,
      epochTolerance: DRIFT_SECONDS,
      ...(afterStep !== null && { afterTimeStep: afterStep }),
    });
    // The TOTP result carries its time step (otplib's result type also covers HOTP, which has none).
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }
}
