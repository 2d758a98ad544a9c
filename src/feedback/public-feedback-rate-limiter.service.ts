import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { feedbackConfig, FeedbackConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { TooManyFeedbackSubmissionsError } from './feedback.errors';

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

/**
 * Anonymous submissions are counted per client IP (per hour) and per link (per day) in Redis
 * (rate-limiter-flexible), so the limits hold across every API process. While Redis is down an
 * in-process limiter stands in, so the limits never silently disappear (as for logins).
 */
@Injectable()
export class PublicFeedbackRateLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly perLink: RateLimiterAbstract;

  constructor(redis: RedisService, @Inject(feedbackConfig.KEY) config: FeedbackConfig) {
    const build = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis.client,
        keyPrefix: redis.key('public-feedback', name),
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
    this.perIp = build('ip', config.publicLimits.perIpPerHour, HOUR);
    this.perLink = build('link', config.publicLimits.perLinkPerDay, DAY);
  }

  /** Counts one submission from this address; TooManyFeedbackSubmissionsError (429) past the limit. */
  consumeIp(ip: string): Promise<void> {
    return consume(this.perIp, ipKey(ip));
  }

  /** Counts one submission through this link (by id, never the token). */
  consumeLink(linkId: string): Promise<void> {
    return consume(this.perLink, linkId);
  }
}

/** Redis holds a hash of the address, not the address: the feedback is anonymous. */
function ipKey(ip: string): string {
  return createHash('sha256').update(ip).digest('hex').slice(0, 32);
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new TooManyFeedbackSubmissionsError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    throw error;
  }
}
