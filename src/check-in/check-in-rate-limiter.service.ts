import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { feedbackConfig, FeedbackConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { TooManyCheckInSubmissionsError } from './check-in.errors';

const HOUR = 60 * 60;
/**
 * Posts to one respondent's link per hour. A link is answered once; this only bounds someone
 * retrying bad input (or a script) against one link.
 */
const PER_RESPONSE_PER_HOUR = 30;

/**
 * Posts of check-in answers are counted per client IP per hour (the same number as for
 * anonymous feedback, PUBLIC_FEEDBACK_PER_IP_PER_HOUR, in a counter of their own) and per
 * link, in Redis (rate-limiter-flexible), so the limits hold across API processes; while Redis is
 * down an in-process limiter stands in.
 */
@Injectable()
export class CheckInRateLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly perResponse: RateLimiterAbstract;

  constructor(redis: RedisService, @Inject(feedbackConfig.KEY) config: FeedbackConfig) {
    const build = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis.client,
        keyPrefix: redis.key('public-check-in', name),
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
    this.perIp = build('ip', config.publicLimits.perIpPerHour, HOUR);
    this.perResponse = build('response', PER_RESPONSE_PER_HOUR, HOUR);
  }

  /** Counts one post from this address; TooManyCheckInSubmissionsError (429) past the limit. */
  consumeIp(ip: string): Promise<void> {
    return consume(this.perIp, createHash('sha256').update(ip).digest('hex').slice(0, 32));
  }

  /** Counts one post to this respondent's link (by response id, never the token). */
  consumeResponse(responseId: string): Promise<void> {
    return consume(this.perResponse, responseId);
  }
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new TooManyCheckInSubmissionsError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    throw error;
  }
}
