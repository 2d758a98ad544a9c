import { Injectable, Logger } from '@nestjs/common';
import type { User } from '../user/user.entity';
import { UserService } from '../user/user.service';
import { AuthUser } from '../auth/auth-user';
import { InvalidCredentialsError, InvalidInvitationError, WrongCurrentPasswordError } from './sign-in.errors';
import { AcceptInvitationDto, ChangePasswordDto, SetupDto, UpdateProfileDto } from './dto/sign-in.dto';
import { LoginRateLimiter } from './login-rate-limiter.service';
import { MfaService } from './mfa/mfa.service';
import { PasswordService } from '../auth/password.service';
import { IssuedTokens, SessionService } from './session.service';

@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    private readonly users: UserService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly limiter: LoginRateLimiter,
    private readonly mfa: MfaService,
  ) {}

  setupOpen(): Promise<boolean> {
    return this.users.setupOpen();
  }

  setup(dto: SetupDto): Promise<User> {
    return this.users.createFirstAdmin(dto);
  }

  /**
   * Checks credentials under the login limits (see LoginRateLimiter). Upgrades the stored hash
   * when the argon2 parameters have changed since it was made. With two-factor on, `otp` is
   * the second step (a wrong code counts as a failure, before any success is recorded).
   */
  async verifyCredentials(email: string, password: string, ip: string, otp?: string): Promise<User> {
    await this.limiter.assertAllowed(email, ip);
    const user = await this.users.findByEmail(email);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || !user.active) {
      await this.limiter.recordFailure(email, ip);
      this.logger.log({ userId: user?.id }, 'login failed');
      throw new InvalidCredentialsError();
    }
    await this.mfa.verifySignIn(user, otp, ip);
    await this.limiter.recordSuccess(email, ip);
    if (user.passwordHash && this.passwords.needsRehash(user.passwordHash)) {
      user.passwordHash = await this.passwords.hash(password);
      await this.users.setPasswordHash(user.id, user.passwordHash);
      this.logger.log({ userId: user.id }, 'password rehashed with current parameters');
    }
    return user;
  }

  async login(user: User): Promise<IssuedTokens> {
    const tokens = await this.sessions.start(user);
    this.logger.log({ userId: user.id, sessionId: tokens.sessionId }, 'login succeeded');
    return tokens;
  }

  refresh(refreshToken: string): Promise<IssuedTokens> {
    return this.sessions.rotate(refreshToken);
  }

  /** Ends the session of the access token, and the one of the refresh cookie if different. */
  async logout(user: AuthUser, refreshToken?: string): Promise<void> {
    await this.sessions.revoke(user.sessionId, 'logout');
    if (refreshToken) {
      const sessionId = await this.sessions.sessionIdOfRefreshToken(refreshToken);
      if (sessionId && sessionId !== user.sessionId) {
        const owner = await this.sessions.resolveAccess({ sub: user.id, sid: sessionId });
        if (owner) await this.sessions.revoke(sessionId, 'logout');
      }
    }
    this.logger.log({ userId: user.id, sessionId: user.sessionId }, 'logout');
  }

  me(user: AuthUser): Promise<User> {
    return this.users.get(user.id);
  }

  /** The user's own name and time zone (never their role or whether they are active). */
  updateProfile(user: AuthUser, dto: UpdateProfileDto): Promise<User> {
    return this.users.update(user.id, { name: dto.name, timezone: dto.timezone, version: dto.version }, user);
  }

  /** Changes the password and signs out every other session of the user. */
  async changePassword(actor: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const user = await this.users.get(actor.id);
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) throw new WrongCurrentPasswordError();
    this.users.assertPasswordAcceptable('newPassword', dto.newPassword, user.email);
    await this.users.setPasswordHash(user.id, await this.passwords.hash(dto.newPassword));
    const revoked = await this.sessions.revokeAllForUser(user.id, 'password-changed', actor.sessionId);
    this.logger.log({ userId: user.id, revokedSessions: revoked }, 'password changed');
  }

  /** Spends an invitation (or admin-sent reset link) and signs the user in. */
  async acceptInvitation(dto: AcceptInvitationDto): Promise<{ user: User; tokens: IssuedTokens }> {
    // The account (and so its email) is known only once the token is spent, so the
    // email rule of the policy cannot apply here; the others do.
    this.users.assertPasswordAcceptable('password', dto.password);
    const hash = await this.passwords.hash(dto.password);
    const user = await this.users.acceptInvitation(dto.token, hash, dto.name);
    if (!user) throw new InvalidInvitationError();
    const revoked = await this.sessions.revokeAllForUser(user.id, 'password-reset');
    this.logger.log({ userId: user.id, revokedSessions: revoked }, 'invitation accepted');
    return { user, tokens: await this.sessions.start(user) };
  }
}
