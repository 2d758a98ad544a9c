import { Inject, Injectable } from '@nestjs/common';
import { PublicLinkGuard } from '../common/public/public-link.guard';
import { HOUR_SECONDS, PublicRateLimiter } from '../common/rate-limit/public-rate-limit';
import { feedbackConfig, FeedbackConfig } from '../config/configuration';
import { RedisService } from '../redis/redis.module';
import { TooManyCheckInSubmissionsError } from './check-in.errors';
import { OpenedSurvey, PublicCheckInService } from './public-check-in.service';

/**
 * Posts to one respondent's link per hour. A link is answered once; this only bounds someone
 * retrying bad input (or a script) against one link.
 */
const PER_RESPONSE_PER_HOUR = 30;

/**
 * The door of check-in answers: counted per client address per hour (the anonymous-feedback
 * number, PUBLIC_FEEDBACK_PER_IP_PER_HOUR, in counters of their own) and per respondent's link;
 * a forged or unknown token is a 404, an answered survey a 409, a closed one a 410, all before
 * the body is looked at.
 */
@Injectable()
export class PublicCheckInGuard extends PublicLinkGuard<OpenedSurvey> {
  constructor(
    redis: RedisService,
    @Inject(feedbackConfig.KEY) config: FeedbackConfig,
    private readonly surveys: PublicCheckInService,
  ) {
    super(
      new PublicRateLimiter(redis, {
        scope: 'public-check-in',
        perIp: { points: config.publicLimits.perIpPerHour, seconds: HOUR_SECONDS },
        perLink: { name: 'response', points: PER_RESPONSE_PER_HOUR, seconds: HOUR_SECONDS },
        tooMany: (retryAfterSeconds) => new TooManyCheckInSubmissionsError(retryAfterSeconds),
      }),
    );
  }

  protected resolve(token: string): Promise<OpenedSurvey> {
    return this.surveys.open(token);
  }

  protected idOf(survey: OpenedSurvey): string {
    return survey.responseId;
  }

  protected override admit(survey: OpenedSurvey): void {
    this.surveys.assertOpen(survey);
  }
}
