import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCheckInClosed, renderCheckInForm, renderCheckInThanks } from '../../src/check-in/public-check-in-page';
import { renderFeedbackForm, renderThanks } from '../../src/feedback/public-feedback-page';
import { checkInMail } from '../../src/check-in/check-in-email';
import { digestMail } from '../../src/digest/digest-email';
import { invitationMail } from '../../src/user/invitation-email';
import { reminderMail } from '../../src/reminder/reminder-email';
import { renderUnsubscribeConfirm, renderUnsubscribed } from '../../src/reminder/unsubscribe-page';
import { localeOf } from '../../src/common/i18n/locale';

/**
 * Every page and email is JSX rendered by React, so anything from outside comes out as text:
 * one hostile name through every text and attribute each of them shows.
 */
const EVIL = '<script>alert(1)</script> & "quotes"';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;';
const EVIL_URL = 'https://x.test/"><script>alert(1)</script>';
/** A library named like an attack, in both languages. */
const EVIL_LIBRARY = { name: EVIL, timezone: 'UTC', defaultLanguage: 'en', languages: ['en', 'es'] };
const EN = localeOf('en', EVIL_LIBRARY);
const ES = localeOf('es', EVIL_LIBRARY);

function expectEscaped(html: string, times = 1): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toContain('"quotes"');
  expect(html.split(ESCAPED).length - 1).toBeGreaterThanOrEqual(times);
}

describe('HTML escapes by construction', () => {
  it('the public feedback form and thank-you page', () => {
    const form = renderFeedbackForm({
      locale: EN,
      programName: EVIL,
      token: EVIL,
      values: { worked: EVIL, rating: EVIL },
      errors: [{ field: EVIL, message: EVIL }],
    });
    expectEscaped(form, 4); // the title, the heading, the library's name, the kept answer
    expect(form).toContain(`action="/api/v1/public/feedback/${encodeURIComponent(EVIL)}"`);
    expectEscaped(renderThanks(EVIL, ES));
  });

  it('the check-in survey and its pages', () => {
    const form = renderCheckInForm({
      locale: ES,
      organizationName: EVIL,
      token: EVIL,
      respondent: 'owner',
      closesAt: new Date('2026-06-12T12:00:00Z'),
      values: { comment: EVIL, 'purpose.shared': EVIL },
    });
    expectEscaped(form, 5); // the title, the intro, "the other side", the library's name, the kept comment
    expectEscaped(renderCheckInThanks(EVIL, EN));
    expect(renderCheckInClosed(ES)).toMatch(/^<!doctype html>\n<html lang="es">/);
  });

  it('the unsubscribe pages', () => {
    const page = renderUnsubscribeConfirm(EVIL, ES);
    expectEscaped(page); // the library's name
    expect(page).toContain(`action="/unsubscribe/${encodeURIComponent(EVIL)}?lang=es"`);
    expect(renderUnsubscribed(false, EN)).toContain('<title>You are unsubscribed</title>');
    expect(renderUnsubscribed(true, ES)).toContain('<title>Ya se había dado de baja</title>');
  });

  it('the invitation email', () => {
    const { html, text } = invitationMail({ inviteeName: EVIL, inviterName: EVIL, link: EVIL_URL, expiresInHours: 72 });
    expectEscaped(html, 2);
    expect(html).toContain('href="https://x.test/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(text).toContain(`Hello ${EVIL},`); // the plain-text part is text: nothing to escape
  });

  it('the reminder email', () => {
    const { html } = reminderMail({
      locale: EN,
      recipientName: EVIL,
      title: EVIL,
      message: EVIL,
      details: [{ label: EVIL, value: EVIL }],
      link: EVIL_URL,
      unsubscribeUrl: EVIL_URL,
      late: true,
    });
    expectEscaped(html, 6); // … and the library's name
    expect(html).toContain('<strong>This reminder is late: it could not be sent on time.</strong>');
  });

  it('the check-in email', () => {
    const { html } = checkInMail({
      locale: ES,
      recipientName: EVIL,
      respondent: 'partner',
      organizationName: EVIL,
      ownerName: EVIL,
      link: EVIL_URL,
      closesOn: EVIL,
      unsubscribeUrl: EVIL_URL,
    });
    expectEscaped(html, 4);
  });

  it('the weekly digest email', () => {
    const { html } = digestMail({
      recipientName: EVIL,
      publicUrl: 'https://tandem.test',
      content: {
        weekOf: '2026-11-30',
        byBand: { thriving: 1, steady: 0, 'at-risk': 1, dormant: 0, unscored: 0 },
        bandChanges: [{ organizationId: 'o1', name: EVIL, from: 'steady', to: 'at-risk', score: 30 }],
        newAtRisk: [{ organizationId: 'o1', name: EVIL, band: 'at-risk', score: 30, drivers: [EVIL] }],
        uncoveredAudiences: [{ audienceId: 'a1', name: EVIL, priority: 1 }],
        topIntroductions: [
          { providerId: 'p1', providerName: EVIL, seekerId: 's1', seekerName: EVIL, explanation: EVIL, strength: 80 },
        ],
      },
    });
    expectEscaped(html, 8);
  });

  it('leaves no hand-written escaping in src/', () => {
    const src = join(__dirname, '..', '..', 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file));
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => /escapeHtml/.test(readFileSync(join(src, file), 'utf8')))).toEqual([]);
  });
});
