import { describe, expect, it } from 'vitest';
import { accountState, invitationState, mailProblemInWords, type AdminUser } from './user-status';

const NOW = new Date('2026-03-10T12:00:00Z');

function user(overrides: Partial<AdminUser> = {}): AdminUser {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    email: 'ana@library.test',
    name: 'Ana Ruiz',
    role: 'staff',
    active: true,
    timezone: 'UTC',
    invitationPending: true,
    mfaEnabled: false,
    version: 1,
    createdAt: '2026-03-01T00:00:00.000Z',
    invitation: {
      status: 'sent',
      sentAt: '2026-03-09T08:00:00.000Z',
      error: null,
      expiresAt: '2026-03-16T08:00:00.000Z',
    },
    ...overrides,
  };
}

describe('accountState', () => {
  it('tells active, waiting for a password and deactivated apart', () => {
    expect(accountState(user({ invitationPending: false }))).toEqual({ label: 'Active', tone: 'green' });
    expect(accountState(user())).toEqual({ label: 'Not signed in yet', tone: 'orange' });
    expect(accountState(user({ active: false }))).toEqual({ label: 'Deactivated', tone: 'gray' });
  });
});

describe('invitationState', () => {
  it('is null when no invitation was ever emailed', () => {
    expect(invitationState(user({ invitation: null }), NOW)).toBeNull();
  });

  it('says a sent email’s date and how long its link works', () => {
    const state = invitationState(user(), NOW)!;
    expect(state.label).toMatch(/^Email sent /);
    expect(state.tone).toBe('green');
    expect(state.detail).toMatch(/^The link works until /);
  });

  it('says when the link has expired unused, and to send a new one', () => {
    const state = invitationState(
      user({
        invitation: { status: 'sent', sentAt: '2026-03-01T08:00:00Z', error: null, expiresAt: '2026-03-08T08:00:00Z' },
      }),
      NOW,
    )!;
    expect(state.detail).toMatch(/^The link expired .*: send a new one\.$/);
  });

  it('says nothing about the link once the person has chosen a password', () => {
    expect(invitationState(user({ invitationPending: false }), NOW)!.detail).toBeNull();
  });

  it('tells a queued email from one being retried, with the mail server’s words', () => {
    expect(
      invitationState(
        user({ invitation: { status: 'scheduled', sentAt: null, error: null, expiresAt: '2026-03-16T08:00:00Z' } }),
        NOW,
      ),
    ).toMatchObject({
      label: 'Email queued',
      tone: 'blue',
    });
    expect(
      invitationState(
        user({
          invitation: {
            status: 'scheduled',
            sentAt: null,
            error: '421 Try again later',
            expiresAt: '2026-03-16T08:00:00Z',
          },
        }),
        NOW,
      ),
    ).toEqual({
      label: 'Email being retried',
      tone: 'orange',
      detail: 'The mail server was busy and asked Tandem to try again later. Tandem keeps trying for a while.',
    });
  });

  it('gives the reason a failed or skipped email did not go out', () => {
    expect(
      invitationState(
        user({
          invitation: {
            status: 'failed',
            sentAt: null,
            error: '550 Mailbox unavailable',
            expiresAt: '2026-03-16T08:00:00Z',
          },
        }),
        NOW,
      ),
    ).toEqual({
      label: 'Email failed',
      tone: 'red',
      detail:
        'The mail server refused this email: the address may be wrong or not take mail. ' +
        'Copy the invitation link and hand it over yourself, or send a new one once email works.',
    });
    expect(
      invitationState(
        user({
          invitation: {
            status: 'skipped',
            sentAt: null,
            error: "The recipient's user account is deactivated.",
            expiresAt: '2026-03-16T08:00:00Z',
          },
        }),
        NOW,
      ),
    ).toEqual({ label: 'Email not sent', tone: 'gray', detail: "The recipient's user account is deactivated." });
  });
});

describe('mailProblemInWords', () => {
  it('never passes on a raw socket or SMTP error, and says when email is not set up', () => {
    const cases: [string, string, boolean][] = [
      [
        'connect ECONNREFUSED 127.0.0.1:1025 (gave up after 5 attempts)',
        'Tandem could not reach a mail server: email is not set up yet, or the mail server is down. Tandem tried 5 times.',
        true,
      ],
      [
        'getaddrinfo ENOTFOUND smtp.example.org',
        'Tandem could not reach a mail server: email is not set up yet, or the mail server is down.',
        true,
      ],
      [
        'Invalid login: 535 5.7.8 Authentication failed',
        'The mail server would not let Tandem sign in: the email settings need checking.',
        false,
      ],
      ['Greeting never received', 'The mail server did not answer in time.', false],
      [
        'Message failed: 550 Mailbox unavailable (permanent; not retried)',
        'The mail server refused this email: the address may be wrong or not take mail.',
        false,
      ],
      ['Message failed: 451 Try again later', 'The mail server was busy and asked Tandem to try again later.', false],
      ['something odd', 'The email could not be sent.', false],
    ];
    for (const [raw, sentence, notSetUp] of cases) {
      expect(mailProblemInWords(raw)).toEqual({ sentence, notSetUp });
    }
  });

  it('labels a failed invitation whose mail server cannot be reached "Email not set up", with the way out', () => {
    const state = invitationState(
      user({
        invitation: {
          status: 'failed',
          sentAt: null,
          error: 'connect ECONNREFUSED 127.0.0.1:1025 (gave up after 5 attempts)',
          expiresAt: '2026-03-16T08:00:00Z',
        },
      }),
      NOW,
    )!;
    expect(state.label).toBe('Email not set up');
    expect(state.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect(state.detail).toMatch(/Copy the invitation link and hand it over yourself/);
  });
});
