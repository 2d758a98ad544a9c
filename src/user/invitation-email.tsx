import { BUTTON_STYLE, EmailDocument, renderEmail } from '../mail/email-layout';

export interface InvitationMailInput {
  inviteeName: string;
  inviterName: string;
  link: string;
  expiresInHours: number;
}

export function invitationMail(input: InvitationMailInput): { subject: string; text: string; html: string } {
  const subject = `${input.inviterName} invited you to Tandem`;
  const text = [
    `Hello ${input.inviteeName},`,
    '',
    `${input.inviterName} invited you to Tandem, your library team's partnership CRM.`,
    'Open this link to choose your password and sign in:',
    '',
    input.link,
    '',
    `The link works once and expires in ${input.expiresInHours} hours. If it has expired, ask your admin to send a new one.`,
  ].join('\n');
  const html = renderEmail(
    <EmailDocument>
      <p>Hello {input.inviteeName},</p>
      <p>{input.inviterName} invited you to Tandem, your library team&apos;s partnership CRM.</p>
      <p>
        <a href={input.link} style={BUTTON_STYLE}>
          Choose your password
        </a>
      </p>
      <p>Or copy this link: {input.link}</p>
      <p>
        The link works once and expires in {input.expiresInHours} hours. If it has expired, ask your admin to send a new
        one.
      </p>
    </EmailDocument>,
  );
  return { subject, text, html };
}
