import { Inject, Injectable } from '@nestjs/common';
import { PublicLinkGuard } from '../common/public/public-link.guard';
import {
  HOUR_SECONDS,
  MINUTE_SECONDS,
  PublicRateLimiter,
  PublicRateLimits,
} from '../common/rate-limit/public-rate-limit';
import { feedbackConfig, FeedbackConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { FeedbackLinkService } from './feedback-link.service';
import { TooManyFeedbackSubmissionsError } from './feedback.errors';

/** A feedback link and its program, as the token of a public post resolved them. */
export type ResolvedFeedbackLink = Awaited<ReturnType<FeedbackLinkService['resolve']>>;

/**
 * The limits of anonymous feedback, sized for a room: a drop-in group of ~40 young people on one
 * library Wi-Fi (one address to us) answering the same link within minutes must all get through,
 * while a script is still bounded. Defaults (env, see env.schema.ts):
 *
 * - per address and link, 60 per 10 minutes: the room's 40 with half again to spare for resends
 *   and forms sent back with a missing answer (every post counts, a 400 too); a script on one
 *   address stores at most 6 a minute. Counted before the per-link limit, so one address cannot
 *   use up a link for everyone else.
 * - per address across links, 120 per hour: two or three groups in one building in one hour
 *   (the library's Wi-Fi, other programs' links), yet a flood hopping links stays bounded. Counted
 *   first, before the token is even looked up.
 * - per link, 200 per hour from every address: five rooms' worth through one poster; a flood
 *   from many addresses stores at most that much junk on one program an hour.
 */
export function feedbackLimits(config: FeedbackConfig): Omit<PublicRateLimits, 'tooMany'> {
  const { formLimits } = config;
  return {
    scope: 'public-feedback',
    perIp: { points: formLimits.perIpPerHour, seconds: HOUR_SECONDS },
    perIpAndLink: { points: formLimits.perIpAndLinkPer10Minutes, seconds: 10 * MINUTE_SECONDS },
    perLink: { name: 'link', points: formLimits.perLinkPerHour, seconds: HOUR_SECONDS },
  };
}

/**
 * The door of anonymous feedback posts: counted per client address across links, then per
 * address and link, then per link (feedbackLimits); an unknown or revoked token is a 404.
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
        ...feedbackLimits(config),
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
