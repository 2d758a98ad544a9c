import { DateTime } from 'luxon';
import { BUTTON_STYLE, EmailDocument, FOOTNOTE_STYLE, renderEmail } from '../mail/email-layout';

export interface CheckInMailInput {
  recipientName: string;
  /** owner: the library's owner of the partnership; partner: the partner's primary contact. */
  respondent: 'owner' | 'partner';
  organizationName: string;
  /** The library's owner of the partnership (who the partner hears from), when there is one. */
  ownerName: string | null;
  /** The survey page (one link per respondent). */
  link: string;
  /** The last day answers are taken, as people read it ("Friday, June 12, 2026"). */
  closesOn: string;
  /** For partner contacts: the one-click unsubscribe page. */
  unsubscribeUrl?: string;
}

/** "Friday, June 12, 2026": a day as people read it, in the given zone. */
export function formatDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone })
    .setLocale('en-US')
    .toLocaleString({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
}

/**
 * The check-in invitation: who asks, why, how long it takes, the link and the deadline. A partner
 * hears from the library's owner of the partnership; the owner is asked as the library's side.
 */
export function checkInMail(input: CheckInMailInput): { subject: string; text: string; html: string } {
  const partner = input.respondent === 'partner';
  const subject = partner
    ? `How is our partnership going? A 3-minute check-in from the library`
    : `Check-in: how is the partnership with ${input.organizationName} going?`;
  const from = partner
    ? `${input.ownerName ? `${input.ownerName} and the library team` : 'The library team'} would like to hear how our partnership with ${input.organizationName} is going.`
    : `It is time for the regular check-in on the library's partnership with ${input.organizationName}, which you look after. Their primary contact is asked the same questions.`;
  const why = partner
    ? 'Twelve short statements about how we work together; your honest answers tell us what to keep doing and what to fix. Anything that needs attention becomes a follow-up on our side.'
    : 'Twelve short statements about how the partnership works from the library’s side; areas that score low become follow-up tasks.';
  const text = [
    `Hello ${input.recipientName},`,
    '',
    from,
    why,
    'It takes about 3 minutes, and you can skip any statement.',
    '',
    `Answer here: ${input.link}`,
    '',
    `The check-in is open until ${input.closesOn}.`,
    input.unsubscribeUrl
      ? `\nYou get this because you are the library's contact at ${input.organizationName}. Stop these emails: ${input.unsubscribeUrl}`
      : null,
  ]
    .filter((line) => line !== null)
    .join('\n');
  const html = renderEmail(
    <EmailDocument>
      <p>Hello {input.recipientName},</p>
      <p>{from}</p>
      <p>{why} It takes about 3 minutes, and you can skip any statement.</p>
      <p>
        <a href={input.link} style={BUTTON_STYLE}>
          Answer the check-in
        </a>
      </p>
      <p>Or copy this link: {input.link}</p>
      <p>The check-in is open until {input.closesOn}.</p>
      {input.unsubscribeUrl && (
        <p style={FOOTNOTE_STYLE}>
          You get this because you are the library&apos;s contact at {input.organizationName}.{' '}
          <a href={input.unsubscribeUrl}>Stop these emails</a>.
        </p>
      )}
    </EmailDocument>,
  );
  return { subject, text, html };
}
