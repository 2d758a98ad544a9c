import { Inject, Injectable } from '@nestjs/common';
import { PublicLinkGuard } from '../common/public/public-link.guard';
import { HOUR_SECONDS, PublicRateLimiter } from '../common/rate-limit/public-rate-limit';
import { feedbackConfig, FeedbackConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { TooManyUnsubscribeRequestsError } from './unsubscribe.errors';
import { UnsubscribeService } from './unsubscribe.service';

/** Posts to one contact's link per hour: unsubscribing is idempotent, so this only bounds a script. */
const PER_CONTACT_PER_HOUR = 30;

/**
 * The door of unsubscribe posts: counted per client address per hour (the public pages' number,
 * PUBLIC_FEEDBACK_PER_IP_PER_HOUR, in counters of their own) and per contact; a forged or
 * malformed token is a 404. The link resolves to the contact's id.
 */
@Injectable()
export class UnsubscribeGuard extends PublicLinkGuard<string> {
  constructor(
    redis: RedisService,
    @Inject(feedbackConfig.KEY) config: FeedbackConfig,
    private readonly unsubscribes: UnsubscribeService,
  ) {
    super(
      new PublicRateLimiter(redis, {
        scope: 'public-unsubscribe',
        perIp: { points: config.publicLimits.perIpPerHour, seconds: HOUR_SECONDS },
        perLink: { name: 'contact', points: PER_CONTACT_PER_HOUR, seconds: HOUR_SECONDS },
        tooMany: (retryAfterSeconds) => new TooManyUnsubscribeRequestsError(retryAfterSeconds),
      }),
    );
  }

  protected resolve(token: string): Promise<string> {
    return Promise.resolve(this.unsubscribes.contactIdOf(token));
  }

  protected idOf(contactId: string): string {
    return contactId;
  }
}
