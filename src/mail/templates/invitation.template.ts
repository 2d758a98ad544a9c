import { escapeHtml } from '../html';

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
  const html = `<!doctype html><html lang="en"><body style="font-family:sans-serif;line-height:1.5">
<p>Hello ${escapeHtml(input.inviteeName)},</p>
<p>${escapeHtml(input.inviterName)} invited you to Tandem, your library team's partnership CRM.</p>
<p><a href="${escapeHtml(input.link)}" style="display:inline-block;padding:12px 20px;background:#1c5d99;color:#fff;text-decoration:none;border-radius:6px">Choose your password</a></p>
<p>Or copy this link: ${escapeHtml(input.link)}</p>
<p>The link works once and expires in ${input.expiresInHours} hours. If it has expired, ask your admin to send a new one.</p>
</body></html>`;
  return { subject, text, html };
}
