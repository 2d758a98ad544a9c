import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { authConfig, AuthConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { TooManyLoginAttemptsError } from './auth.errors';

/**
 * Failed logins are counted per account and per client IP in Redis (rate-limiter-flexible),
 * so the limit holds across every API process. Past the limit the key is blocked for
 * LOGIN_BLOCK_MINUTES, even for the right password. While Redis is down, an in-process
 * limiter stands in so the limit never silently disappears.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;

  constructor(redis: RedisService, @Inject(authConfig.KEY) config: AuthConfig) {
    const duration = config.login.blockMinutes * 60;
    const build = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: redis.client,
        keyPrefix: redis.key('login', name),
        points,
        duration,
        blockDuration: duration,
        insuranceLimiter: new RateLimiterMemory({ points, duration, blockDuration: duration }),
      });
    this.perAccount = build('account', config.login.maxFailuresPerAccount);
    this.perIp = build('ip', config.login.maxFailuresPerIp);
  }

  /** Throws TooManyLoginAttemptsError (429 with Retry-After) while either key is blocked. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([
      this.perAccount.get(accountKey(email)),
      this.perIp.get(ip),
    ]);
    const waitMs = Math.max(blockedFor(account, this.perAccount.points), blockedFor(address, this.perIp.points));
    if (waitMs > 0) throw new TooManyLoginAttemptsError(Math.ceil(waitMs / 1000));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.perAccount.consume(accountKey(email)).catch(ignoreLimitReached),
      this.perIp.consume(ip).catch(ignoreLimitReached),
    ]);
  }

  /** A successful login clears the account's failures (the IP's count stays). */
  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(accountKey(email));
  }
}

/** Redis keys hold a hash of the email, not the address itself. */
function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

function blockedFor(res: RateLimiterRes | null, points: number): number {
  return res && res.consumedPoints >= points ? Math.max(res.msBeforeNext, 1000) : 0;
}

function ignoreLimitReached(error: unknown): void {
  if (error instanceof RateLimiterRes) return;
  throw error;
}
