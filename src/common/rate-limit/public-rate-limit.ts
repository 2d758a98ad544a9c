import { createHash } from 'node:crypto';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RedisService } from '../../redis/redis.module';

/**
 * A counter of `points` per `durationSeconds` in Redis (rate-limiter-flexible), so the limit
 * holds across every API process; while Redis is down an in-process limiter stands in, so the
 * limit never silently disappears. Keys live under `<prefix>:<scope>:<name>`.
 */
export function redisRateLimiter(
  redis: RedisService,
  scope: string,
  name: string,
  points: number,
  durationSeconds: number,
): RateLimiterAbstract {
  return new RateLimiterRedis({
    storeClient: redis.client,
    keyPrefix: redis.key(scope, name),
    points,
    duration: durationSeconds,
    insuranceLimiter: new RateLimiterMemory({ points, duration: durationSeconds }),
  });
}

/** Redis holds a hash of the client's address, not the address: public forms are anonymous. */
export function anonymousIpKey(ip: string): string {
  return createHash('sha256').update(ip).digest('hex').slice(0, 32);
}

/** Counts one request for `key`; past the limit, throws what `tooMany` makes of the seconds to wait (≥ 1). */
export async function consumeOrThrow(
  limiter: RateLimiterAbstract,
  key: string,
  tooMany: (retryAfterSeconds: number) => Error,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    throw error;
  }
}
