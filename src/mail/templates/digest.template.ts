import type { DigestContent } from '../../digest/digest.rules';
import { escapeHtml } from '../html';

export interface DigestMailInput {
  recipientName: string;
  content: DigestContent;
  /** PUBLIC_URL without a trailing slash: partners link to /organizations/<id>, the footer to /dashboard. */
  publicUrl: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "30 Nov 2026" from "2026-11-30" (a calendar date: no zone involved). */
export function formatWeekOf(weekOf: string): string {
  const [year, month, day] = weekOf.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "Partnership health — week of 30 Nov 2026: 2 need attention". */
export function digestSubject(content: DigestContent): string {
  const attention = content.newAtRisk.length;
  const changes = content.bandChanges.length;
  const headline =
    attention > 0
      ? `${attention} ${attention === 1 ? 'needs' : 'need'} attention`
      : changes > 0
        ? `${changes} ${changes === 1 ? 'band' : 'bands'} changed, none newly at risk`
        : 'a quiet week';
  return `Partnership health — week of ${formatWeekOf(content.weekOf)}: ${headline}`;
}

/**
 * The weekly digest email, sections in the issue's order: bands that changed, new at-risk
 * partners with their drivers, uncovered priority audiences, top suggested introductions. Every
 * partner links to its page; an empty section says so in a sentence rather than disappearing,
 * and a week where nothing moved says so first.
 */
export function digestMail(input: DigestMailInput): { subject: string; text: string; html: string } {
  const { content, publicUrl } = input;
  const orgLink = (id: string) => `${publicUrl}/organizations/${id}`;
  const dashboard = `${publicUrl}/dashboard`;
  const quiet = content.bandChanges.length === 0 && content.newAtRisk.length === 0;
  const week = formatWeekOf(content.weekOf);
  const counts = `${content.byBand.thriving} thriving, ${content.byBand.steady} steady, ${content.byBand['at-risk']} at-risk, ${content.byBand.dormant} dormant`;
  const quietLine = 'A quiet week: no partner changed band and none newly needs attention.';
  const empty = {
    bandChanges: 'No partner changed band since last week.',
    newAtRisk: 'No partner newly at-risk or dormant.',
    uncovered: 'Every audience has at least one active partner.',
    introductions: 'No introductions to suggest this week.',
  };

  const text = [
    `Hello ${input.recipientName},`,
    '',
    `Partnership health for the week of ${week}.`,
    quiet ? quietLine : null,
    `Partners now: ${counts}.`,
    '',
    'Bands that changed',
    ...(content.bandChanges.length === 0
      ? [empty.bandChanges]
      : content.bandChanges.map((c) => `- ${c.name}: ${c.from} → ${c.to} (score ${c.score}) ${orgLink(c.organizationId)}`)),
    '',
    'New at-risk partners',
    ...(content.newAtRisk.length === 0
      ? [empty.newAtRisk]
      : content.newAtRisk.flatMap((p) => [
          `- ${p.name}: ${p.band}, score ${p.score} ${orgLink(p.organizationId)}`,
          ...p.drivers.map((driver) => `    · ${driver}`),
        ])),
    '',
    'Priority audiences with no active partner',
    ...(content.uncoveredAudiences.length === 0 ? [empty.uncovered] : content.uncoveredAudiences.map((a) => `- ${a.name} (priority ${a.priority})`)),
    '',
    'Suggested introductions',
    ...(content.topIntroductions.length === 0
      ? [empty.introductions]
      : content.topIntroductions.flatMap((m, index) => [
          `${index + 1}. Introduce ${m.providerName} to ${m.seekerName} (strength ${m.strength})`,
          `   ${m.explanation}`,
          `   ${m.providerName}: ${orgLink(m.providerId)}`,
          `   ${m.seekerName}: ${orgLink(m.seekerId)}`,
        ])),
    '',
    `Open the dashboard: ${dashboard}`,
    '',
    'You get this weekly as a Tandem manager or admin.',
  ]
    .filter((line) => line !== null)
    .join('\n');

  const a = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const section = (title: string, body: string) => `<h2 style="font-size:1.1em;margin-top:1.5em">${escapeHtml(title)}</h2>\n${body}`;
  const none = (sentence: string) => `<p style="color:#555">${escapeHtml(sentence)}</p>`;
  const list = (items: string[], tag = 'ul') => `<${tag}>${items.map((item) => `<li style="margin-bottom:6px">${item}</li>`).join('')}</${tag}>`;

  const html = `<!doctype html><html lang="en"><body style="font-family:sans-serif;line-height:1.5">
<p>Hello ${escapeHtml(input.recipientName)},</p>
<p>Partnership health for the week of <strong>${escapeHtml(week)}</strong>.</p>
${quiet ? `<p><strong>${escapeHtml(quietLine)}</strong></p>` : ''}
<p>Partners now: ${escapeHtml(counts)}.</p>
${section(
  'Bands that changed',
  content.bandChanges.length === 0
    ? none(empty.bandChanges)
    : list(content.bandChanges.map((c) => `${a(orgLink(c.organizationId), c.name)}: ${escapeHtml(c.from)} → <strong>${escapeHtml(c.to)}</strong> (score ${c.score})`)),
)}
${section(
  'New at-risk partners',
  content.newAtRisk.length === 0
    ? none(empty.newAtRisk)
    : list(
        content.newAtRisk.map(
          (p) =>
            `${a(orgLink(p.organizationId), p.name)}: <strong>${escapeHtml(p.band)}</strong>, score ${p.score}` +
            (p.drivers.length > 0 ? list(p.drivers.map((driver) => escapeHtml(driver))) : ''),
        ),
      ),
)}
${section(
  'Priority audiences with no active partner',
  content.uncoveredAudiences.length === 0
    ? none(empty.uncovered)
    : list(content.uncoveredAudiences.map((au) => `${escapeHtml(au.name)} (priority ${au.priority})`)),
)}
${section(
  'Suggested introductions',
  content.topIntroductions.length === 0
    ? none(empty.introductions)
    : list(
        content.topIntroductions.map(
          (m) =>
            `Introduce ${a(orgLink(m.providerId), m.providerName)} to ${a(orgLink(m.seekerId), m.seekerName)} (strength ${m.strength})<br>` +
            `<span style="color:#333">${escapeHtml(m.explanation)}</span>`,
        ),
        'ol',
      ),
)}
<p style="margin-top:1.5em"><a href="${escapeHtml(dashboard)}" style="display:inline-block;padding:12px 20px;background:#1c5d99;color:#fff;text-decoration:none;border-radius:6px">Open the dashboard</a></p>
<p style="font-size:0.875em;color:#555">You get this weekly as a Tandem manager or admin.</p>
</body></html>`;
  return { subject: digestSubject(content), text, html };
}
