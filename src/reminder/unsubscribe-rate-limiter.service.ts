import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { anonymousIpKey, consumeOrThrow, redisRateLimiter } from '../common/rate-limit/public-rate-limit';
import { feedbackConfig, FeedbackConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { TooManyUnsubscribeRequestsError } from './reminder.errors';

const HOUR = 60 * 60;
const tooMany = (retryAfterSeconds: number) => new TooManyUnsubscribeRequestsError(retryAfterSeconds);

/** Posts to one contact's link per hour: unsubscribing is idempotent, so this only bounds a script. */
const PER_CONTACT_PER_HOUR = 30;

/**
 * Unsubscribe posts are counted per client IP per hour (the public pages' number,
 * PUBLIC_FEEDBACK_PER_IP_PER_HOUR, in a counter of their own) and per contact, in Redis, so the
 * limits hold across API processes; while Redis is down an in-process limiter stands in.
 */
@Injectable()
export class UnsubscribeRateLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly perContact: RateLimiterAbstract;

  constructor(redis: RedisService, @Inject(feedbackConfig.KEY) config: FeedbackConfig) {
    this.perIp = redisRateLimiter(redis, 'public-unsubscribe', 'ip', config.publicLimits.perIpPerHour, HOUR);
    this.perContact = redisRateLimiter(redis, 'public-unsubscribe', 'contact', PER_CONTACT_PER_HOUR, HOUR);
  }

  /** Counts one post from this address; TooManyUnsubscribeRequestsError (429) past the limit. */
  consumeIp(ip: string): Promise<void> {
    return consumeOrThrow(this.perIp, anonymousIpKey(ip), tooMany);
  }

  /** Counts one post to this contact's link (by contact id, never the token). */
  consumeContact(contactId: string): Promise<void> {
    return consumeOrThrow(this.perContact, contactId, tooMany);
  }
}
