import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { anonymousIpKey } from '../common/rate-limit/public-rate-limit';
import { RecentSubmissions, submissionFingerprint } from '../common/rate-limit/recent-submissions';
import { RedisService } from '../redis/redis.module';
import { HONEYPOT_FIELD, PublicFeedbackDto } from './dto/feedback.dto';
import { FeedbackLink } from './feedback-link.entity';
import { FeedbackService } from './feedback.service';

/** How long the same answers to the same link count as one submission (a double tap, a resend). */
export const DUPLICATE_WINDOW_SECONDS = 10;

/** What a post is judged the same by: the answers as stored (not the honeypot or the key itself). */
export function feedbackContent(dto: PublicFeedbackDto): Record<string, unknown> {
  return {
    rating: dto.rating,
    outcomes: dto.outcomes ?? null,
    worked: dto.worked ?? null,
    didntWork: dto.didntWork ?? null,
    suggestions: dto.suggestions ?? null,
    language: dto.language?.toLowerCase() ?? null,
  };
}

/**
 * Who sent a post, for the duplicate guard: the form's key of one filling-in when it came with
 * one (so two people in one room giving the same answers at the same moment are two answers),
 * else the client's address (hashed).
 */
export function senderOf(dto: PublicFeedbackDto, ip: string): string {
  return dto.submissionKey ? `key:${dto.submissionKey}` : `ip:${anonymousIpKey(ip)}`;
}

/**
 * What happens to an anonymous post that passed its limits and validation: a filled honeypot is
 * answered like a stored post and nothing is stored; the same answers sent again within
 * DUPLICATE_WINDOW_SECONDS (same link, same sender) answer with the first one's id and store
 * nothing new; anything else is recorded.
 */
@Injectable()
export class PublicFeedbackIntake {
  private readonly logger = new Logger(PublicFeedbackIntake.name);
  private readonly recent: RecentSubmissions;

  constructor(
    redis: RedisService,
    private readonly feedback: FeedbackService,
  ) {
    this.recent = new RecentSubmissions(redis, 'public-feedback', DUPLICATE_WINDOW_SECONDS);
  }

  /** The id the post is answered with. */
  async receive(link: FeedbackLink, dto: PublicFeedbackDto, ip: string): Promise<string> {
    if (dto[HONEYPOT_FIELD]) {
      this.logger.log({ feedbackLinkId: link.id }, 'public feedback honeypot filled: not stored');
      return randomUUID();
    }
    const fingerprint = submissionFingerprint(link.id, senderOf(dto, ip), feedbackContent(dto));
    const id = randomUUID();
    const first = await this.recent.claim(fingerprint, id);
    if (first !== id) {
      this.logger.log({ feedbackLinkId: link.id, feedbackId: first }, 'public feedback sent again: stored once');
      return first;
    }
    try {
      return (await this.feedback.recordPublicFeedback(link, dto, id)).id;
    } catch (error) {
      await this.recent.release(fingerprint, id);
      throw error;
    }
  }
}
