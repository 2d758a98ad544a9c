import type { Locale } from '../common/i18n/locale';
import { BUTTON_STYLE, EmailDocument, FOOTNOTE_STYLE, renderEmail } from '../mail/email-layout';

export interface ReminderMailInput {
  /** The language, the library and its zone the email is written in and for. */
  locale: Locale;
  recipientName: string;
  title: string;
  message: string;
  /** What the reminder is about, each line a label and a value ("When", "Where", "Partner"…), already in the locale's words. */
  details: ReadonlyArray<{ label: string; value: string }>;
  /** Where in Tandem to look (the program, the task): for staff only; partner contacts have no account. */
  link?: string;
  /** For partner contacts: the one-click unsubscribe page. */
  unsubscribeUrl?: string;
  /** Sent after its time because Tandem was down; says so. */
  late: boolean;
}

/** A reminder in the recipient's language (the rule's own title and message as staff wrote them). */
export function reminderMail(input: ReminderMailInput): { subject: string; text: string; html: string } {
  const { locale } = input;
  const { t } = locale;
  const subject = t(input.late ? 'reminder.subjectLate' : 'reminder.subject', { title: input.title });
  const hello = t('email.hello', { name: input.recipientName });
  const why = t('reminder.why', { library: locale.libraryName });
  const text = [
    hello,
    '',
    input.late ? t('reminder.late') : null,
    input.title,
    input.message ? `\n${input.message}\n` : null,
    ...input.details.map((detail) => `${detail.label}: ${detail.value}`),
    input.link ? `\n${t('reminder.openText', { link: input.link })}` : null,
    input.unsubscribeUrl ? `\n${why} ${t('email.stopThese')}: ${input.unsubscribeUrl}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n');
  const html = renderEmail(
    <EmailDocument lang={locale.language}>
      <p>{hello}</p>
      {input.late && (
        <p>
          <strong>{t('reminder.late')}</strong>
        </p>
      )}
      <h1 style={{ fontSize: '1.25em' }}>{input.title}</h1>
      {input.message && <p style={{ whiteSpace: 'pre-line' }}>{input.message}</p>}
      <table>
        <tbody>
          {input.details.map((detail, index) => (
            <tr key={index}>
              <th style={{ textAlign: 'left', padding: '4px 12px 4px 0' }}>{detail.label}</th>
              <td>{detail.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {input.link && (
        <p>
          <a href={input.link} style={BUTTON_STYLE}>
            {t('reminder.open')}
          </a>
        </p>
      )}
      {input.unsubscribeUrl && (
        <p style={FOOTNOTE_STYLE}>
          {why} <a href={input.unsubscribeUrl}>{t('email.stopThese')}</a>.
        </p>
      )}
    </EmailDocument>,
  );
  return { subject, text, html };
}
