import type { Locale } from '../common/i18n/locale';
import { BUTTON_STYLE, EmailDocument, FOOTNOTE_STYLE, renderEmail } from '../mail/email-layout';

export interface CheckInMailInput {
  /** The language, the library and its zone the email is written in and for. */
  locale: Locale;
  recipientName: string;
  /** owner: the library's owner of the partnership; partner: the partner's primary contact. */
  respondent: 'owner' | 'partner';
  organizationName: string;
  /** The library's owner of the partnership (who the partner hears from), when there is one. */
  ownerName: string | null;
  /** The survey page (one link per respondent). */
  link: string;
  /** The last day answers are taken, as people read it in the locale ("lunes, 7 de diciembre de 2026"). */
  closesOn: string;
  /** For partner contacts: the one-click unsubscribe page. */
  unsubscribeUrl?: string;
}

/**
 * The check-in invitation: who asks, why, how long it takes, the link and the deadline. A partner
 * hears from the library's owner of the partnership, in their own language; the owner is asked as
 * the library's side.
 */
export function checkInMail(input: CheckInMailInput): { subject: string; text: string; html: string } {
  const { locale } = input;
  const { t } = locale;
  const library = locale.libraryName;
  const organization = input.organizationName;
  const partner = input.respondent === 'partner';
  const subject = partner
    ? t('checkInEmail.subject.partner', { library })
    : t('checkInEmail.subject.owner', { organization });
  const from = partner
    ? t('checkInEmail.from.partner', {
        hasOwner: input.ownerName ? 'yes' : 'no',
        owner: input.ownerName ?? '',
        library,
        organization,
      })
    : t('checkInEmail.from.owner', { library, organization });
  const why = t(partner ? 'checkInEmail.why.partner' : 'checkInEmail.why.owner');
  const hello = t('email.hello', { name: input.recipientName });
  const openUntil = t('checkInEmail.openUntil', { closesOn: input.closesOn });
  const whyYou = t('checkInEmail.whyYou', { library, organization });
  const text = [
    hello,
    '',
    from,
    why,
    t('checkInEmail.time'),
    '',
    t('checkInEmail.answerHere', { link: input.link }),
    '',
    openUntil,
    input.unsubscribeUrl ? `\n${whyYou} ${t('email.stopThese')}: ${input.unsubscribeUrl}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n');
  const html = renderEmail(
    <EmailDocument lang={locale.language}>
      <p>{hello}</p>
      <p>{from}</p>
      <p>
        {why} {t('checkInEmail.time')}
      </p>
      <p>
        <a href={input.link} style={BUTTON_STYLE}>
          {t('checkInEmail.button')}
        </a>
      </p>
      <p>{t('checkInEmail.copyLink', { link: input.link })}</p>
      <p>{openUntil}</p>
      {input.unsubscribeUrl && (
        <p style={FOOTNOTE_STYLE}>
          {whyYou} <a href={input.unsubscribeUrl}>{t('email.stopThese')}</a>.
        </p>
      )}
    </EmailDocument>,
  );
  return { subject, text, html };
}
