import { DateTime } from 'luxon';
import { BUTTON_STYLE, EmailDocument, FOOTNOTE_STYLE, renderEmail } from '../mail/email-layout';

export interface ReminderMailInput {
  recipientName: string;
  title: string;
  message: string;
  /** What the reminder is about, each line a label and a value ("When", "Where", "Partner"…). */
  details: ReadonlyArray<{ label: string; value: string }>;
  /** Where in Tandem to look (the program, the task). */
  link: string;
  /** For partner contacts: the one-click unsubscribe page. */
  unsubscribeUrl?: string;
  /** Sent after its time because Tandem was down; says so. */
  late: boolean;
}

/** "Wednesday, March 4, 2026 at 3:30 PM PST": a time as people read it, in the given zone. */
export function formatWhen(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale('en-US').toLocaleString({
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** "3:30 PM": the end of a session on the same day. */
export function formatTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale('en-US').toLocaleString({ hour: 'numeric', minute: '2-digit' });
}

export function reminderMail(input: ReminderMailInput): { subject: string; text: string; html: string } {
  const subject = `${input.late ? '[Late] ' : ''}Reminder: ${input.title}`;
  const text = [
    `Hello ${input.recipientName},`,
    '',
    input.late ? 'This reminder is late: Tandem could not send it on time.' : null,
    input.title,
    input.message ? `\n${input.message}\n` : null,
    ...input.details.map((detail) => `${detail.label}: ${detail.value}`),
    '',
    `Open in Tandem: ${input.link}`,
    input.unsubscribeUrl
      ? `\nYou get this because a library team added you to a reminder. Stop these emails: ${input.unsubscribeUrl}`
      : null,
  ]
    .filter((line) => line !== null)
    .join('\n');
  const html = renderEmail(
    <EmailDocument>
      <p>Hello {input.recipientName},</p>
      {input.late && (
        <p>
          <strong>This reminder is late:</strong> Tandem could not send it on time.
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
      <p>
        <a href={input.link} style={BUTTON_STYLE}>
          Open in Tandem
        </a>
      </p>
      {input.unsubscribeUrl && (
        <p style={FOOTNOTE_STYLE}>
          You get this because a library team added you to a reminder.{' '}
          <a href={input.unsubscribeUrl}>Stop these emails</a>.
        </p>
      )}
    </EmailDocument>,
  );
  return { subject, text, html };
}
