import { createHash } from 'node:crypto';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RedisService } from '../../redis/redis.module';
import type { TooManyRequestsError } from '../errors/domain-error';

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

export const MINUTE_SECONDS = 60;
export const HOUR_SECONDS = 60 * 60;
export const DAY_SECONDS = 24 * HOUR_SECONDS;

/** `points` requests per `seconds`. */
export interface RateLimit {
  points: number;
  seconds: number;
}

/** The limits of one public surface (a page people reach through a link in an email or on a flyer). */
export interface PublicRateLimits {
  /** The surface's Redis scope ('public-feedback'): its counters are its own. */
  scope: string;
  /** Posts from one client address (counted by its hash). */
  perIp: RateLimit;
  /** Posts to what one link's token names; `name` is the key segment ('link', 'contact'). */
  perLink: RateLimit & { name: string };
  /**
   * Posts from one address to one link, counted before `perLink` so one address cannot use up a
   * link for everyone else (optional: the feedback form, which a room on one Wi-Fi shares).
   */
  perIpAndLink?: RateLimit;
  /** The 429 of this surface, with the seconds to wait. */
  tooMany: (retryAfterSeconds: number) => TooManyRequestsError;
}

/**
 * The rate limits of a public surface: per client address and per link, in Redis so they hold
 * across API processes, an in-process limiter standing in while Redis is down. One instance per
 * surface (its PublicLinkGuard makes it).
 */
export class PublicRateLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly perLink: RateLimiterAbstract;
  private readonly perIpAndLink: RateLimiterAbstract | undefined;

  constructor(
    redis: RedisService,
    private readonly limits: PublicRateLimits,
  ) {
    const { scope, perIp, perLink, perIpAndLink } = limits;
    this.perIp = redisRateLimiter(redis, scope, 'ip', perIp.points, perIp.seconds);
    this.perLink = redisRateLimiter(redis, scope, perLink.name, perLink.points, perLink.seconds);
    this.perIpAndLink =
      perIpAndLink && redisRateLimiter(redis, scope, `ip-${perLink.name}`, perIpAndLink.points, perIpAndLink.seconds);
  }

  /** Counts one post from this address; the surface's TooManyRequestsError (429) past the limit. */
  consumeIp(ip: string): Promise<void> {
    return consumeOrThrow(this.perIp, anonymousIpKey(ip), this.limits.tooMany);
  }

  /**
   * Counts one post to this link, by the id of what it names (never the token): first from this
   * address to it (when the surface has that limit), then from everyone.
   */
  async consumeLink(id: string, ip: string): Promise<void> {
    if (this.perIpAndLink) await consumeOrThrow(this.perIpAndLink, `${anonymousIpKey(ip)}:${id}`, this.limits.tooMany);
    await consumeOrThrow(this.perLink, id, this.limits.tooMany);
  }
}
