import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { anonymousIpKey, consumeOrThrow, redisRateLimiter } from '../common/rate-limit/public-rate-limit';
import { feedbackConfig, FeedbackConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { TooManyCheckInSubmissionsError } from './check-in.errors';

const HOUR = 60 * 60;
const tooMany = (retryAfterSeconds: number) => new TooManyCheckInSubmissionsError(retryAfterSeconds);

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
    this.perIp = redisRateLimiter(redis, 'public-check-in', 'ip', config.publicLimits.perIpPerHour, HOUR);
    this.perResponse = redisRateLimiter(redis, 'public-check-in', 'response', PER_RESPONSE_PER_HOUR, HOUR);
  }

  /** Counts one post from this address; TooManyCheckInSubmissionsError (429) past the limit. */
  consumeIp(ip: string): Promise<void> {
    return consumeOrThrow(this.perIp, anonymousIpKey(ip), tooMany);
  }

  /** Counts one post to this respondent's link (by response id, never the token). */
  consumeResponse(responseId: string): Promise<void> {
    return consumeOrThrow(this.perResponse, responseId, tooMany);
  }
}
