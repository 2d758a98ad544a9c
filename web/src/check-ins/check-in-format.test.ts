import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import {
  averageText,
  emailText,
  startedText,
  checkInErrorMessage,
  joinNames,
  respondentText,
  roundSummary,
  statusText,
} from './check-in-format';

const day = (iso: string) => iso.slice(0, 10);

describe('check-in wording', () => {
  it('gives averages one decimal of five, and says when an area had no answers', () => {
    expect(averageText(4.25)).toBe('4.3 of 5');
    expect(averageText(3)).toBe('3.0 of 5');
    expect(averageText(null)).toBe('No answers');
  });

  it('says whether each respondent answered, and what an unanswered one means once closed', () => {
    expect(
      respondentText(
        { respondent: 'owner', answered: true, answeredAt: '2026-11-20T10:00:00Z', email: null },
        'open',
        day,
      ),
    ).toBe('Answered 2026-11-20');
    expect(respondentText({ respondent: 'partner', answered: false, answeredAt: null, email: null }, 'open', day)).toBe(
      'Not answered yet',
    );
    expect(
      respondentText({ respondent: 'partner', answered: false, answeredAt: null, email: null }, 'closed', day),
    ).toBe('Did not answer');
    expect(statusText({ status: 'open', closesAt: '2026-12-09T00:00:00Z', closedAt: null }, day)).toBe(
      'Open until 2026-12-09',
    );
    expect(
      statusText({ status: 'closed', closesAt: '2026-12-09T00:00:00Z', closedAt: '2026-11-21T00:00:00Z' }, day),
    ).toBe('Closed 2026-11-21');
  });

  it('joins names as a sentence does', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['Alder'])).toBe('Alder');
    expect(joinNames(['Alder', 'Birch'])).toBe('Alder and Birch');
    expect(joinNames(['Alder', 'Birch', 'Cedar'])).toBe('Alder, Birch and Cedar');
  });
});

describe('roundSummary', () => {
  type Result = Parameters<typeof roundSummary>[0];
  const started = (
    organizationId: string,
    name: string,
    respondents: ('owner' | 'partner')[],
    notAsked: Result['started'][number]['notAsked'] = [],
  ) => ({
    organizationId,
    name,
    checkInId: `c-${organizationId}`,
    respondents,
    emailsQueued: respondents.length,
    notAsked,
  });
  const skipped = (
    organizationId: string,
    name: string | null,
    reason: Result['skipped'][number]['reason'],
    extra: Partial<Result['skipped'][number]> = {},
  ) => ({ organizationId, name, reason, notAsked: [], firstCheckInFrom: null, ...extra });
  const noOwner = { respondent: 'owner' as const, reason: 'no-owner' as const };

  it('says how many partners were sent it, how many not and why, counted and then one line each', () => {
    const summary = roundSummary(
      {
        started: [
          started('a', 'Alder College Access', ['owner', 'partner']),
          started('b', 'Birch Youth Shelter', ['owner'], [{ respondent: 'partner', reason: 'no-email' }]),
          started('d', 'Dogwood Clinic', ['partner'], [noOwner]),
        ],
        skipped: [
          skipped('c', 'Cedar Internship Office', 'too-new', { firstCheckInFrom: '2027-03-05T10:00:00.000Z' }),
          skipped('e', 'Elm Food Bank', 'no-respondent', {
            notAsked: [noOwner, { respondent: 'partner', reason: 'no-contact' }],
          }),
          skipped('f', 'Fir Teen Center', 'no-respondent', {
            notAsked: [noOwner, { respondent: 'partner', reason: 'unsubscribed' }],
          }),
          skipped('gone', null, 'not-found'),
        ],
        notDue: { open: 2, recent: 38 },
      },
      day,
    );
    expect(summary.sent).toBe('Sent to 2 partners (4 survey emails).');
    expect(summary.notSent).toBe(
      'Not sent: 5 — no contact with an email (2), too new to ask yet (1), everyone unsubscribed (1), not in the directory (1).',
    );
    expect(summary.ownerOnly).toBe('The library owner was still asked at one of them.');
    expect(summary.notDue).toBe('Not due: 38 checked in recently, 2 with a check-in still open.');
    expect(summary.sentTo).toEqual(['Alder College Access', 'Dogwood Clinic']);
    expect(summary.details).toEqual([
      'Birch Youth Shelter: not sent to the partner (its primary contact has no email address); only the library owner was asked',
      'Dogwood Clinic: the library owner was not asked (no library owner)',
      'Cedar Internship Office: too new to ask yet; the first check-in is from 2027-03-05',
      'Elm Food Bank: nobody to ask (no library owner; no primary contact)',
      'Fir Teen Center: nobody to ask (no library owner; its primary contact unsubscribed from our emails)',
      'A partner no longer listed: no longer in the directory',
    ]);
  });

  it('says plainly when nothing was sent, and leaves out what did not happen', () => {
    expect(roundSummary({ started: [], skipped: [], notDue: { open: 0, recent: 0 } }, day)).toEqual({
      sent: 'No partner was sent the survey.',
      notSent: null,
      ownerOnly: null,
      notDue: null,
      sentTo: [],
      details: [],
    });
    const one = roundSummary(
      { started: [started('c', 'Cedar Internship Office', ['partner'])], skipped: [], notDue: { open: 0, recent: 3 } },
      day,
    );
    expect(one.sent).toBe('Sent to 1 partner (1 survey email).');
    expect(one.notDue).toBe('Not due: 3 checked in recently.');
    // Only owners asked: no partner was sent it, but the emails that went are said.
    expect(
      roundSummary(
        {
          started: [
            started('b', 'Birch', ['owner'], [{ respondent: 'partner', reason: 'unsubscribed' }]),
            started('c', 'Cedar', ['owner'], [{ respondent: 'partner', reason: 'no-contact' }]),
          ],
          skipped: [],
          notDue: { open: 0, recent: 0 },
        },
        day,
      ),
    ).toMatchObject({
      sent: 'No partner was sent the survey (2 survey emails to library owners).',
      notSent: 'Not sent: 2 — everyone unsubscribed (1), no contact with an email (1).',
      ownerOnly: 'The library owner was still asked at 2 of them.',
    });
  });

  it('takes a name the answer lacks from the names it is given', () => {
    const summary = roundSummary(
      { started: [], skipped: [skipped('a', null, 'ended')], notDue: { open: 0, recent: 0 } },
      day,
      new Map([['a', 'Alder']]),
    );
    expect(summary.details).toEqual(['Alder: the partnership has ended']);
  });
});

describe('checkInErrorMessage', () => {
  it('turns the API’s refusals into words without endpoints', () => {
    const open = new ApiError(409, {
      code: 'CHECK_IN_ALREADY_OPEN',
      detail: 'close it first (POST /check-ins/{id}/close).',
    });
    expect(checkInErrorMessage(open)).toBe(
      'This partner already has an open check-in. Wait for the answers, or close that one first.',
    );
    expect(checkInErrorMessage(new ApiError(422, { code: 'CHECK_IN_NO_RESPONDENT' }))).toMatch(
      /^There is nobody to ask/,
    );
    expect(checkInErrorMessage(new ApiError(422, { code: 'CHECK_IN_ORGANIZATION_ENDED' }))).toMatch(
      /partnership has ended/,
    );
    expect(checkInErrorMessage(new ApiError(409, { code: 'CHECK_IN_ALREADY_CLOSED' }))).toBe(
      'This check-in was already closed.',
    );
  });

  it('falls back to the server’s words, and never shows a 500’s', () => {
    expect(checkInErrorMessage(new ApiError(403, { detail: 'Your role cannot do this.' }))).toBe(
      'Your role cannot do this.',
    );
    expect(checkInErrorMessage(new ApiError(500, { detail: 'stack trace' }))).toBe(
      'Tandem could not answer just now. Please try again in a moment.',
    );
  });
});

describe('survey emails in words', () => {
  it('says whether each email went out, and why not, never the raw mail server answer', () => {
    expect(emailText(null, day)).toBeNull();
    expect(emailText({ status: 'scheduled', sentAt: null, error: null }, day)).toEqual({
      text: 'Email on its way.',
      failed: false,
    });
    expect(emailText({ status: 'sent', sentAt: '2026-11-20T10:00:00Z', error: null }, day)).toEqual({
      text: 'Emailed 2026-11-20.',
      failed: false,
    });
    const failed = emailText(
      { status: 'failed', sentAt: null, error: 'Message failed: 550 Mailbox unavailable (permanent; not retried)' },
      day,
    )!;
    expect(failed).toEqual({
      text: 'Email not sent. The mail server refused this email: the address may be wrong or not take mail.',
      failed: true,
    });
    const unreachable = emailText(
      { status: 'failed', sentAt: null, error: 'connect ECONNREFUSED 127.0.0.1:1025 (gave up after 5 attempts)' },
      day,
    )!;
    expect(unreachable.text).toMatch(/^Email not sent\. Tandem could not reach a mail server: email is not set up yet/);
    expect(unreachable.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect(
      emailText({ status: 'skipped', sentAt: null, error: 'The respondent had already answered the check-in.' }, day),
    ).toEqual({ text: 'Email not sent: The respondent had already answered the check-in.', failed: false });
  });

  it('says who a started check-in asks, and why the other side is not asked', () => {
    expect(startedText(['owner', 'partner'])).toBe(
      'Check-in started: the survey is on its way to the library owner and the partner’s primary contact. Whether each email went out shows below.',
    );
    expect(startedText(['partner'])).toBe(
      'Check-in started: the survey is on its way to the partner’s primary contact. Whether each email went out shows below. ' +
        'The library owner is not asked: this partner has no owner who is an active Tandem user.',
    );
  });
});
