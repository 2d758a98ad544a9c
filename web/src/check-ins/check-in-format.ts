import { ApiError, errorMessage } from '../api/problem';
import { mailProblemInWords } from '../common/mail-problem';
import type { CheckIn, CheckInArea, RoundResult } from '../dashboard/types';

type Classification = NonNullable<CheckInArea['classification']>;
type Respondent = CheckIn['respondents'][number]['respondent'];
type SkipReason = RoundResult['skipped'][number]['reason'];
type Gap = RoundResult['started'][number]['notAsked'][number];
type Started = RoundResult['started'][number];
type Skipped = RoundResult['skipped'][number];

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
  'too-new': 'too new to ask yet',
  'not-active': 'no longer an active partner',
  'no-respondent': 'nobody to ask (no owner who is an active user, no primary contact with an email address)',
};

/** Why one side was not asked, in words. */
export const GAP_TEXT: Record<Gap['reason'], string> = {
  'no-owner': 'no library owner',
  'owner-inactive': 'its library owner is no longer an active Tandem user',
  'no-contact': 'no primary contact',
  'no-email': 'its primary contact has no email address',
  unsubscribed: 'its primary contact unsubscribed from our emails',
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

/** A round's answer in plain words (see roundSummary). */
export interface RoundSummary {
  /** "Sent to 12 partners (20 survey emails)." or "No partner was sent the survey." */
  sent: string;
  /** "Not sent: 3 — no contact with an email (2), everyone unsubscribed (1)." or null when every partner picked was sent it. */
  notSent: string | null;
  /** "The library owner was still asked at 2 of them." (the partner side not reached) or null. */
  ownerOnly: string | null;
  /** "Not due: 38 checked in recently, 2 with a check-in still open." (counted, not listed) or null. */
  notDue: string | null;
  /** The partners sent it, by name. */
  sentTo: string[];
  /** One line per partner not sent it, or asked on one side only: "Cedar: too new to ask yet; the first check-in is from 3 Mar 2027". */
  details: string[];
}

/** Said under a round that started any: the emails are sent after the answer, so where to see how they fared. */
export const ROUND_EMAILS_NOTE =
  'The survey emails go out within a minute. Each partner’s Check-ins section shows whether its emails went out, and why not when one failed.';

/** Why a partner was not sent the survey, grouped as a manager would count them. */
type NotSentKey = SkipReason | 'no-email' | 'unsubscribed';

const NOT_SENT_TEXT: Record<NotSentKey, string> = {
  'too-new': 'too new to ask yet',
  'no-email': 'no contact with an email',
  unsubscribed: 'everyone unsubscribed',
  'no-respondent': 'nobody to ask',
  open: 'a check-in already open',
  recent: 'checked in recently',
  ended: 'partnership ended',
  'not-active': 'no longer active',
  'not-found': 'not in the directory',
};

/** The partner side's gap of a started or skipped entry, if any. */
const partnerGap = (notAsked: readonly Gap[]) => notAsked.find((gap) => gap.respondent === 'partner');
const ownerGap = (notAsked: readonly Gap[]) => notAsked.find((gap) => gap.respondent === 'owner');

function notSentKey(entry: Pick<Skipped, 'reason' | 'notAsked'>): NotSentKey {
  if (entry.reason !== 'no-respondent') return entry.reason;
  const gap = partnerGap(entry.notAsked);
  if (!gap) return 'no-respondent';
  return gap.reason === 'unsubscribed' ? 'unsubscribed' : 'no-email';
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "too new to ask yet (2), no contact with an email (1)", biggest first (ties in the order met). */
function counted(keys: readonly NotSentKey[]): string {
  const counts = new Map<NotSentKey, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `${NOT_SENT_TEXT[key]} (${count})`)
    .join(', ');
}

/**
 * The answer of POST /check-ins/rounds in words: which partners were sent the survey (their
 * primary contact was emailed), which were not and why, counted and then one line each, and how
 * many were simply not due. A check-in that went to the library owner alone counts as not sent
 * to the partner, with the reason, and says the owner was asked. Names come with the answer;
 * `names` (id → name) is a fallback.
 */
export function roundSummary(
  result: RoundResult,
  formatDate: (iso: string) => string,
  names: ReadonlyMap<string, string> = new Map(),
): RoundSummary {
  const nameOf = (entry: { organizationId: string; name: string | null }) =>
    entry.name ?? names.get(entry.organizationId) ?? 'A partner no longer listed';
  const reached = result.started.filter((entry) => entry.respondents.includes('partner'));
  const ownerOnly = result.started.filter((entry) => !entry.respondents.includes('partner'));
  const emails = result.started.reduce((sum, entry) => sum + entry.emailsQueued, 0);
  const notSentKeys: NotSentKey[] = [
    ...ownerOnly.map((entry) => notSentKey({ reason: 'no-respondent', notAsked: entry.notAsked })),
    ...result.skipped.map(notSentKey),
  ];

  const details: string[] = [];
  for (const entry of result.started) details.push(...startedDetails(entry, nameOf(entry)));
  for (const entry of result.skipped) details.push(`${nameOf(entry)}: ${skippedDetail(entry, formatDate)}`);

  const notDueParts = [
    result.notDue.recent > 0 ? `${result.notDue.recent} checked in recently` : null,
    result.notDue.open > 0 ? `${result.notDue.open} with a check-in still open` : null,
  ].filter((part): part is string => part !== null);

  return {
    sent:
      reached.length === 0
        ? emails === 0
          ? 'No partner was sent the survey.'
          : `No partner was sent the survey (${plural(emails, 'survey email', 'survey emails')} to library owners).`
        : `Sent to ${plural(reached.length, 'partner', 'partners')} (${plural(emails, 'survey email', 'survey emails')}).`,
    notSent: notSentKeys.length === 0 ? null : `Not sent: ${notSentKeys.length} — ${counted(notSentKeys)}.`,
    ownerOnly:
      ownerOnly.length === 0
        ? null
        : `The library owner was still asked at ${ownerOnly.length === 1 ? 'one of them' : `${ownerOnly.length} of them`}.`,
    notDue: notDueParts.length === 0 ? null : `Not due: ${notDueParts.join(', ')}.`,
    sentTo: reached.map(nameOf),
    details,
  };
}

function startedDetails(entry: Started, name: string): string[] {
  const partner = partnerGap(entry.notAsked);
  const owner = ownerGap(entry.notAsked);
  const lines: string[] = [];
  if (partner)
    lines.push(`${name}: not sent to the partner (${GAP_TEXT[partner.reason]}); only the library owner was asked`);
  if (owner) lines.push(`${name}: the library owner was not asked (${GAP_TEXT[owner.reason]})`);
  return lines;
}

function skippedDetail(entry: Skipped, formatDate: (iso: string) => string): string {
  if (entry.reason === 'too-new')
    return entry.firstCheckInFrom
      ? `too new to ask yet; the first check-in is from ${formatDate(entry.firstCheckInFrom)}`
      : 'too new to ask yet';
  if (entry.reason === 'no-respondent' && entry.notAsked.length > 0)
    return `nobody to ask (${entry.notAsked.map((gap) => GAP_TEXT[gap.reason]).join('; ')})`;
  return SKIP_REASON_TEXT[entry.reason];
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
