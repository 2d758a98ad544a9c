import type { components } from '../api/schema';
import { OUTCOMES, type CreateFeedback, type Feedback, type FeedbackSource, type OutcomeKey } from './feedback-search';

export type UpdateFeedback = components['schemas']['UpdateFeedbackDto'];

/** Longest free-text answer the API takes (src/feedback/dto/feedback.dto.ts, MAX_FEEDBACK_TEXT). */
export const MAX_FEEDBACK_TEXT = 4000;

/** Who staff can say gave feedback they enter; young people answer through a program's public link. */
export const STAFF_SOURCES = ['partner', 'staff'] as const satisfies readonly FeedbackSource[];

/**
 * Feedback as its form holds it: text as typed, the rating and outcomes as the choices' values
 * ("1"–"5", blank or null for not answered), and the session it is about (not a field: kept, or
 * dropped when the program changes).
 */
export interface FeedbackFormValues {
  source: FeedbackSource;
  organizationId: string | null;
  programId: string | null;
  sessionId: string | null;
  rating: string;
  outcomes: Record<OutcomeKey, string | null>;
  worked: string;
  didntWork: string;
  suggestions: string;
  actionTaken: string;
}

/** What each field is called on the form, for messages and for a colleague's changes. */
export const FEEDBACK_FIELD_LABELS: Record<string, string> = {
  source: 'Who gave it',
  organizationId: 'Partner',
  programId: 'Program',
  sessionId: 'Session',
  rating: 'Overall rating',
  ...Object.fromEntries(OUTCOMES.map(({ key, statement }) => [`outcomes.${key}`, `“${statement}”`])),
  worked: 'What worked',
  didntWork: 'What didn’t work',
  suggestions: 'Suggestions',
  actionTaken: 'Action taken',
};

/** Where a server error about a feedback field goes on the form (the session has no field of its own). */
export const FEEDBACK_PROBLEM_OPTIONS = { paths: { sessionId: 'programId' }, labels: FEEDBACK_FIELD_LABELS };

const TEXT_FIELDS = ['worked', 'didntWork', 'suggestions', 'actionTaken'] as const;
const blankToNull = (text: string) => text.trim() || null;

export function newFeedbackValues(organizationId: string | null = null): FeedbackFormValues {
  return {
    source: 'partner',
    organizationId,
    programId: null,
    sessionId: null,
    rating: '',
    outcomes: { knowledge: null, confidence: null, application: null, awareness: null },
    worked: '',
    didntWork: '',
    suggestions: '',
    actionTaken: '',
  };
}

export function feedbackFormValues(feedback: Feedback): FeedbackFormValues {
  const outcome = (key: OutcomeKey) => (feedback.outcomes[key] === null ? null : String(feedback.outcomes[key]));
  return {
    source: feedback.source,
    organizationId: feedback.organizationId,
    programId: feedback.programId,
    sessionId: feedback.sessionId,
    rating: String(feedback.rating),
    outcomes: {
      knowledge: outcome('knowledge'),
      confidence: outcome('confidence'),
      application: outcome('application'),
      awareness: outcome('awareness'),
    },
    worked: feedback.worked ?? '',
    didntWork: feedback.didntWork ?? '',
    suggestions: feedback.suggestions ?? '',
    actionTaken: feedback.actionTaken ?? '',
  };
}

export function validateFeedbackForm(values: FeedbackFormValues): Partial<Record<string, string>> {
  return /^[1-5]$/.test(values.rating) ? {} : { rating: 'Choose a rating from 1 to 5' };
}

/** The POST body. Call only when validateFeedbackForm() found nothing. */
export function createFeedbackBody(values: FeedbackFormValues): CreateFeedback {
  const outcomes: CreateFeedback['outcomes'] = {};
  for (const { key } of OUTCOMES) if (values.outcomes[key]) outcomes[key] = Number(values.outcomes[key]);
  return {
    source: values.source,
    organizationId: values.organizationId,
    programId: values.programId,
    rating: Number(values.rating),
    outcomes,
    worked: blankToNull(values.worked),
    didntWork: blankToNull(values.didntWork),
    suggestions: blankToNull(values.suggestions),
    actionTaken: blankToNull(values.actionTaken),
  };
}

/**
 * The PATCH body without its version: only what the person changed from `base`. Outcomes are
 * sent one by one (null clears one), as the API changes only those given.
 */
export function feedbackChanges(base: FeedbackFormValues, values: FeedbackFormValues): Omit<UpdateFeedback, 'version'> {
  const changes: Omit<UpdateFeedback, 'version'> = {};
  if (values.source !== base.source) changes.source = values.source;
  if (values.organizationId !== base.organizationId) changes.organizationId = values.organizationId;
  if (values.programId !== base.programId) changes.programId = values.programId;
  if (values.sessionId !== base.sessionId) changes.sessionId = values.sessionId;
  if (values.rating !== base.rating && /^[1-5]$/.test(values.rating)) changes.rating = Number(values.rating);
  const outcomes: NonNullable<UpdateFeedback['outcomes']> = {};
  for (const { key } of OUTCOMES) {
    if (values.outcomes[key] !== base.outcomes[key])
      outcomes[key] = values.outcomes[key] ? Number(values.outcomes[key]) : null;
  }
  if (Object.keys(outcomes).length > 0) changes.outcomes = outcomes;
  for (const field of TEXT_FIELDS) {
    if (blankToNull(values[field]) !== blankToNull(base[field])) changes[field] = blankToNull(values[field]);
  }
  return changes;
}

/**
 * What "Save action" sends for the action-taken text as typed: the trimmed text, null to clear a
 * saved action (the feedback needs action again), or undefined when there is nothing to save
 * (blank, and none saved).
 */
export function actionTakenToSave(typed: string, saved: string | null): string | null | undefined {
  const text = typed.trim();
  if (text) return text;
  return saved ? null : undefined;
}
