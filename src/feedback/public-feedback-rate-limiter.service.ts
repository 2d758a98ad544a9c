import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { anonymousIpKey, consumeOrThrow, redisRateLimiter } from '../common/rate-limit/public-rate-limit';
import { feedbackConfig, FeedbackConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { TooManyFeedbackSubmissionsError } from './feedback.errors';

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

const tooMany = (retryAfterSeconds: number) => new TooManyFeedbackSubmissionsError(retryAfterSeconds);

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
    this.perIp = redisRateLimiter(redis, 'public-feedback', 'ip', config.publicLimits.perIpPerHour, HOUR);
    this.perLink = redisRateLimiter(redis, 'public-feedback', 'link', config.publicLimits.perLinkPerDay, DAY);
  }

  /** Counts one submission from this address; TooManyFeedbackSubmissionsError (429) past the limit. */
  consumeIp(ip: string): Promise<void> {
    return consumeOrThrow(this.perIp, anonymousIpKey(ip), tooMany);
  }

  /** Counts one submission through this link (by id, never the token). */
  consumeLink(linkId: string): Promise<void> {
    return consumeOrThrow(this.perLink, linkId, tooMany);
  }
}
