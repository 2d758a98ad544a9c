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
  const names = new Map([
    ['a', 'Alder College Access'],
    ['b', 'Birch Youth Shelter'],
    ['c', 'Cedar Internship Office'],
  ]);

  it('names the partners asked and, one line each, those skipped and why', () => {
    const summary = roundSummary(
      {
        started: [
          { organizationId: 'a', checkInId: 'x', respondents: ['owner', 'partner'] },
          { organizationId: 'b', checkInId: 'y', respondents: ['owner'] },
        ],
        skipped: [
          { organizationId: 'c', reason: 'no-respondent' },
          { organizationId: 'gone', reason: 'open' },
        ],
      },
      names,
    );
    expect(summary.started).toBe('Started 2 check-ins: Alder College Access and Birch Youth Shelter.');
    expect(summary.skipped).toEqual([
      'Cedar Internship Office: nobody to ask (no owner who is an active user, no primary contact with an email address)',
      'A partner no longer listed: a check-in is already open',
    ]);
    // Birch's primary contact is not asked: said, with why.
    expect(summary.partial).toEqual([
      'Birch Youth Shelter: The partner’s primary contact is not asked: there is none with an email address, or they unsubscribed from emails.',
    ]);
  });

  it('says plainly when nothing was started', () => {
    expect(roundSummary({ started: [], skipped: [] }, names)).toEqual({
      started: 'No check-in was started: every active partner has one open, had one recently, or has nobody to ask.',
      skipped: [],
      partial: [],
    });
    expect(
      roundSummary({ started: [{ organizationId: 'c', checkInId: 'z', respondents: ['partner'] }], skipped: [] }, names)
        .started,
    ).toBe('Started 1 check-in: Cedar Internship Office.');
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
