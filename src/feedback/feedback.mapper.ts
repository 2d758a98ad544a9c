import type { FeedbackLinkResponseDto, FeedbackResponseDto } from './dto/feedback.dto';
import type { FeedbackLink } from './feedback-link.entity';
import type { Feedback } from './feedback.entity';

/** The one shape feedback leaves the API in. */
export function toFeedbackResponse(feedback: Feedback): FeedbackResponseDto {
  return {
    id: feedback.id,
    version: feedback.version,
    source: feedback.source,
    organizationId: feedback.organizationId,
    programId: feedback.programId,
    sessionId: feedback.sessionId,
    rating: feedback.rating,
    outcomes: {
      knowledge: feedback.outcomeKnowledge,
      confidence: feedback.outcomeConfidence,
      application: feedback.outcomeApplication,
      awareness: feedback.outcomeAwareness,
    },
    worked: feedback.worked,
    didntWork: feedback.didntWork,
    suggestions: feedback.suggestions,
    actionTaken: feedback.actionTaken,
    language: feedback.language,
    viaLink: feedback.feedbackLinkId !== null,
    feedbackLinkId: feedback.feedbackLinkId,
    createdById: feedback.createdById,
    createdAt: feedback.createdAt.toISOString(),
    updatedAt: feedback.updatedAt.toISOString(),
  };
}

/** A link as listed: never the token (only its hash is kept). */
export function toFeedbackLinkResponse(link: FeedbackLink): FeedbackLinkResponseDto {
  return {
    id: link.id,
    programId: link.programId,
    createdById: link.createdById,
    createdAt: link.createdAt.toISOString(),
    revokedAt: link.revokedAt ? link.revokedAt.toISOString() : null,
  };
}
