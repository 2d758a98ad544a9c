import { ApiError, errorMessage } from '../api/problem';
import { mailProblemInWords } from '../common/mail-problem';
import type { CheckIn, CheckInArea, RoundResult } from '../dashboard/types';

type Classification = NonNullable<CheckInArea['classification']>;
type Respondent = CheckIn['respondents'][number]['respondent'];
type SkipReason = RoundResult['skipped'][number]['reason'];

export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  strength: 'Strength',
  borderline: 'Borderline',
  concern: 'Concern',
};

/** Colours of the dot beside each word; the word is always shown too, so colour is never the only cue. */
export const CLASSIFICATION_COLORS: Record<Classification, string> = {
  strength: 'var(--mantine-color-green-8)',
  borderline: 'var(--mantine-color-yellow-7)',
  concern: 'var(--mantine-color-red-9)',
};

export const RESPONDENT_LABELS: Record<Respondent, string> = {
  owner: 'Library owner',
  partner: 'Partner’s primary contact',
};

/** Why a round left an organization out, in words a manager can act on. */
export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  'not-found': 'no longer in the directory',
  ended: 'the partnership has ended',
  open: 'a check-in is already open',
  recent: 'checked in recently',
  'no-respondent': 'nobody to ask (no owner who is an active user, no primary contact with an email address)',
};

/** "4.3 of 5" or, when nobody answered the area, "No answers". */
export function averageText(average: number | null): string {
  return average === null ? 'No answers' : `${average.toFixed(1)} of 5`;
}

/** "Open until 3 Dec 2026" / "Closed 1 Dec 2026". */
export function statusText(
  checkIn: Pick<CheckIn, 'status' | 'closesAt' | 'closedAt'>,
  formatDate: (iso: string) => string,
): string {
  return checkIn.status === 'open'
    ? `Open until ${formatDate(checkIn.closesAt)}`
    : `Closed ${formatDate(checkIn.closedAt ?? checkIn.closesAt)}`;
}

/** "Answered 2 Dec 2026" / "Not answered yet" (or "Did not answer" once closed). */
export function respondentText(
  respondent: CheckIn['respondents'][number],
  status: CheckIn['status'],
  formatDate: (iso: string) => string,
): string {
  if (respondent.answered) return respondent.answeredAt ? `Answered ${formatDate(respondent.answeredAt)}` : 'Answered';
  return status === 'open' ? 'Not answered yet' : 'Did not answer';
}

/** Organization names for a list of ids, joined for a sentence: "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export interface RoundSummary {
  /** "Started 2 check-ins: Alder and Birch." or "No check-in was started." */
  started: string;
  /** One line per skipped organization: "Cedar: a check-in is already open". */
  skipped: string[];
  /** One line per partner started where one side is not asked, and why: "Birch: only the library owner is asked (…)". */
  partial: string[];
}

/** Said under a round that started any: the emails are sent after the answer, so where to see how they fared. */
export const ROUND_EMAILS_NOTE =
  'The survey emails go out within a minute. Each partner’s Check-ins section shows whether its emails went out, and why not when one failed.';

/** The answer of POST /check-ins/rounds in words, names looked up in `names` (id → name). */
export function roundSummary(result: RoundResult, names: ReadonlyMap<string, string>): RoundSummary {
  const nameOf = (id: string) => names.get(id) ?? 'A partner no longer listed';
  const startedNames = result.started.map((entry) => nameOf(entry.organizationId));
  const started =
    startedNames.length === 0
      ? 'No check-in was started: every active partner has one open, had one recently, or has nobody to ask.'
      : `Started ${startedNames.length} ${startedNames.length === 1 ? 'check-in' : 'check-ins'}: ${joinNames(startedNames)}.`;
  return {
    started,
    skipped: result.skipped.map((entry) => `${nameOf(entry.organizationId)}: ${SKIP_REASON_TEXT[entry.reason]}`),
    partial: result.started.flatMap((entry) =>
      (['owner', 'partner'] as const)
        .filter((respondent) => !entry.respondents.includes(respondent))
        .map((respondent) => `${nameOf(entry.organizationId)}: ${NOT_ASKED[respondent]}`),
    ),
  };
}

/**
 * A refused start or close in plain words: the API's own details name endpoints ("POST
 * /check-ins/{id}/close"), which mean nothing to a librarian.
 */
export function checkInErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.problem.code) {
      case 'CHECK_IN_ALREADY_OPEN':
        return 'This partner already has an open check-in. Wait for the answers, or close that one first.';
      case 'CHECK_IN_NO_RESPONDENT':
        return 'There is nobody to ask. Give this partner an owner who is an active Tandem user, or make a contact with an email address its primary contact, then try again.';
      case 'CHECK_IN_ORGANIZATION_ENDED':
        return 'This partnership has ended, so there is nothing to check in on. Change its stage first if it has started again.';
      case 'CHECK_IN_ALREADY_CLOSED':
        return 'This check-in was already closed.';
      case 'CHECK_IN_NOT_FOUND':
        return 'This check-in no longer exists.';
      default:
        break;
    }
  }
  return errorMessage(error);
}

type RespondentEmail = CheckIn['respondents'][number]['email'];

/**
 * How the survey email to one respondent fared, in words (never the mail server's raw answer);
 * `failed` when it did not and will not go out for a reason someone should act on. Null when
 * no email was queued.
 */
export function emailText(
  email: RespondentEmail,
  formatDate: (iso: string) => string,
): { text: string; failed: boolean } | null {
  if (!email) return null;
  switch (email.status) {
    case 'scheduled':
      return email.error
        ? { text: `Email not sent yet, being retried. ${mailProblemInWords(email.error).sentence}`, failed: false }
        : { text: 'Email on its way.', failed: false };
    case 'sent':
      return { text: email.sentAt ? `Emailed ${formatDate(email.sentAt)}.` : 'Emailed.', failed: false };
    case 'failed':
      return { text: `Email not sent. ${mailProblemInWords(email.error).sentence}`, failed: true };
    case 'skipped':
      return {
        text: `Email not sent: ${(email.error ?? 'it was no longer needed').replace(/\.?$/, '.')}`,
        failed: false,
      };
  }
}

const NOT_ASKED: Record<Respondent, string> = {
  owner: 'The library owner is not asked: this partner has no owner who is an active Tandem user.',
  partner:
    'The partner’s primary contact is not asked: there is none with an email address, or they unsubscribed from emails.',
};

const ASKED: Record<Respondent, string> = { owner: 'the library owner', partner: 'the partner’s primary contact' };

/** What "Start a check-in" did, from who the API says was asked. */
export function startedText(respondents: readonly Respondent[]): string {
  const missing = (['owner', 'partner'] as const).filter((respondent) => !respondents.includes(respondent));
  return [
    `Check-in started: the survey is on its way to ${joinNames(respondents.map((respondent) => ASKED[respondent]))}. Whether each email went out shows below.`,
    ...missing.map((respondent) => NOT_ASKED[respondent]),
  ].join(' ');
}
