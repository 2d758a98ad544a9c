import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock/clock';
import { authConfig, AuthConfig } from '../config/configuration';
import { SkipReason } from '../outbox/delivery-state';
import { OutboxService } from '../outbox/outbox.service';
import { CheckInRespondent, CheckInResponse } from './check-in-response.entity';
import { areaScores, CheckInAnswers } from './check-in-survey';
import { responseIdOfCheckInToken } from './check-in-token';
import { CheckIn, CheckInStatus } from './check-in.entity';
import { CheckInAlreadyAnsweredError, CheckInClosedError, CheckInLinkNotFoundError } from './check-in.errors';
import { CheckInService, ClosedCheckIn } from './check-in.service';

/** What the public page needs to know about the survey a token opens. */
export interface OpenedSurvey {
  responseId: string;
  checkInId: string;
  respondent: CheckInRespondent;
  organizationName: string;
  closesAt: Date;
  /** The language of the partner contact asked (their pages speak it); null for the library's own respondent. */
  language: string | null;
  state: 'open' | 'answered' | 'closed';
}

/**
 * Answering a check-in without an account, through the emailed link. The token names one
 * response row (checkInToken); answers are stored in one transaction that also recomputes the
 * check-in's per-area averages and closes it when everyone has answered. The token and the
 * answers are never logged, only ids.
 */
@Injectable()
export class PublicCheckInService {
  private readonly logger = new Logger(PublicCheckInService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly checkIns: CheckInService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  /** The survey a token opens; CheckInLinkNotFoundError (404) for a forged, malformed or unknown one alike. */
  async open(token: string): Promise<OpenedSurvey> {
    const responseId = responseIdOfCheckInToken(this.auth.secret, token);
    if (!responseId) throw new CheckInLinkNotFoundError();
    const view = await this.checkIns.respondentView(responseId);
    if (!view) throw new CheckInLinkNotFoundError();
    const { response, checkIn } = view;
    const closed = checkIn.status === CheckInStatus.Closed || checkIn.closesAt.getTime() <= this.clock.now().getTime();
    return {
      responseId: response.id,
      checkInId: checkIn.id,
      respondent: response.respondent,
      organizationName: view.organizationName,
      closesAt: checkIn.closesAt,
      language: view.language,
      state: response.answeredAt ? 'answered' : closed ? 'closed' : 'open',
    };
  }

  /** 409 when this respondent already answered, 410 when the check-in is closed (or past its deadline). */
  assertOpen(survey: OpenedSurvey): void {
    if (survey.state === 'answered') throw new CheckInAlreadyAnsweredError();
    if (survey.state === 'closed') throw new CheckInClosedError();
  }

  /**
   * Stores one respondent's (validated) answers. In one transaction: the check-in row is locked
   * first (so two respondents answering at once are applied one after the other, each
   * recomputing the averages over every answer so far), then the response; both are re-checked
   * under the locks (409 answered, 410 closed); the averages, count and last answer time are
   * recomputed; the respondent's unsent email is skipped; and the check-in closes when every
   * respondent has answered.
   */
  async answer(
    survey: OpenedSurvey,
    answers: CheckInAnswers,
    comment: string | null,
  ): Promise<{ answeredAt: Date; closed: boolean }> {
    const now = this.clock.now();
    const result = await this.dataSource.transaction(async (manager) => {
      const checkIn = await manager.findOne(CheckIn, {
        where: { id: survey.checkInId },
        lock: { mode: 'pessimistic_write' },
      });
      const response = await manager.findOne(CheckInResponse, {
        where: { id: survey.responseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!checkIn || !response) throw new CheckInLinkNotFoundError();
      if (response.answeredAt) throw new CheckInAlreadyAnsweredError();
      if (checkIn.status === CheckInStatus.Closed || checkIn.closesAt.getTime() <= now.getTime())
        throw new CheckInClosedError();

      await manager.update(CheckInResponse, { id: response.id }, { answers, comment, answeredAt: now });
      const all = await manager.find(CheckInResponse, { where: { checkInId: checkIn.id } });
      const answered = all.filter((row) => row.answeredAt !== null);
      await manager.query(
        `UPDATE check_ins SET area_scores = $2::jsonb, response_count = $3, last_response_at = $4, version = version + 1, updated_at = now() WHERE id = $1`,
        [checkIn.id, JSON.stringify(areaScores(answered.map((row) => row.answers))), answered.length, now],
      );
      await this.outbox.skipWithin(manager, { checkInResponseIds: [response.id] }, SkipReason.CheckInAnswered);
      await this.audit.record(manager, {
        actorId: null,
        entityType: 'check-in-response',
        entityId: response.id,
        action: 'update',
        // That it was answered, never what: the answers and the comment stay out of the log.
        changes: {
          answeredAt: { before: null, after: now.toISOString() },
          answers: { redacted: true },
          ...(comment !== null && { comment: { redacted: true } }),
        },
      });
      let closed: ClosedCheckIn | null = null;
      if (answered.length === all.length)
        closed = await this.checkIns.closeInTransaction(manager, checkIn.id, {
          actorId: null,
          now,
          reason: 'complete',
        });
      return { closed };
    });
    this.logger.log(
      {
        checkInId: survey.checkInId,
        responseId: survey.responseId,
        respondent: survey.respondent,
        answered: Object.keys(answers).length,
      },
      'check-in answered',
    );
    if (result.closed) this.checkIns.logClosed(result.closed, 'complete', null);
    return { answeredAt: now, closed: result.closed !== null };
  }
}
