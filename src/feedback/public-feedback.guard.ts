import { Inject, Injectable } from '@nestjs/common';
import { PublicLinkGuard } from '../common/public/public-link.guard';
import { DAY_SECONDS, HOUR_SECONDS, PublicRateLimiter } from '../common/rate-limit/public-rate-limit';
import { feedbackConfig, FeedbackConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { FeedbackLinkService } from './feedback-link.service';
import { TooManyFeedbackSubmissionsError } from './feedback.errors';

/** A feedback link and its program, as the token of a public post resolved them. */
export type ResolvedFeedbackLink = Awaited<ReturnType<FeedbackLinkService['resolve']>>;

/**
 * The door of anonymous feedback posts: counted per client address per hour and per link per
 * day (PUBLIC_FEEDBACK_PER_IP_PER_HOUR, PUBLIC_FEEDBACK_PER_LINK_PER_DAY); an unknown or revoked
 * token is a 404.
 */
@Injectable()
export class PublicFeedbackGuard extends PublicLinkGuard<ResolvedFeedbackLink> {
  constructor(
    redis: RedisService,
    @Inject(feedbackConfig.KEY) config: FeedbackConfig,
    private readonly links: FeedbackLinkService,
  ) {
    super(
      new PublicRateLimiter(redis, {
        scope: 'public-feedback',
        perIp: { points: config.publicLimits.perIpPerHour, seconds: HOUR_SECONDS },
        perLink: { name: 'link', points: config.publicLimits.perLinkPerDay, seconds: DAY_SECONDS },
        tooMany: (retryAfterSeconds) => new TooManyFeedbackSubmissionsError(retryAfterSeconds),
      }),
    );
  }

  protected resolve(token: string): Promise<ResolvedFeedbackLink> {
    return this.links.resolve(token);
  }

  protected idOf({ link }: ResolvedFeedbackLink): string {
    return link.id;
  }
}
