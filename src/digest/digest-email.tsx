import { GOAL_METRIC_LABELS } from '@tandem/shared';
import type { DigestContent, DigestGoalOffTrack } from './digest.rules';
import type { ReactNode } from 'react';
import { BUTTON_STYLE, EmailDocument, FOOTNOTE_STYLE, renderEmail } from '../mail/email-layout';

export interface DigestMailInput {
  recipientName: string;
  content: DigestContent;
  /** PUBLIC_URL without a trailing slash: partners link to /organizations/<id>, the footer to /dashboard. */
  publicUrl: string;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h2 style={{ fontSize: '1.1em', marginTop: '1.5em' }}>{title}</h2>
      {children}
    </>
  );
}

function None({ sentence }: { sentence: string }) {
  return <p style={{ color: '#555' }}>{sentence}</p>;
}

function Item({ children }: { children: ReactNode }) {
  return <li style={{ marginBottom: 6 }}>{children}</li>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "30 Nov 2026" from "2026-11-30" (a calendar date: no zone involved). */
export function formatWeekOf(weekOf: string): string {
  const [year, month, day] = weekOf.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * "4 thriving, 7 steady, 2 at-risk, 1 dormant", then ", 3 not scored yet" when some partners have
 * no evidence yet (left out at 0, and in a digest stored before partners could be unscored).
 */
export function bandCounts(byBand: DigestContent['byBand']): string {
  const scored = `${byBand.thriving} thriving, ${byBand.steady} steady, ${byBand['at-risk']} at-risk, ${byBand.dormant} dormant`;
  const unscored = byBand.unscored ?? 0;
  return unscored > 0 ? `${scored}, ${unscored} not scored yet` : scored;
}

/** "Partnership health — week of 30 Nov 2026: 2 need attention". */
export function digestSubject(content: DigestContent): string {
  const attention = content.newAtRisk.length;
  const changes = content.bandChanges.length;
  const fell = (content.goalsOffTrack ?? []).filter((goal) => goal.newlyOffTrack).length;
  const goals = fell > 0 ? `${fell} ${fell === 1 ? 'goal' : 'goals'} fell off track` : null;
  const headline =
    attention > 0
      ? [`${attention} ${attention === 1 ? 'needs' : 'need'} attention`, goals].filter(Boolean).join(', ')
      : changes > 0
        ? [`${changes} ${changes === 1 ? 'band' : 'bands'} changed, none newly at risk`, goals]
            .filter(Boolean)
            .join('; ')
        : (goals ?? 'a quiet week');
  return `Partnership health — week of ${formatWeekOf(content.weekOf)}: ${headline}`;
}

/** "120 of 600 attendees at sessions (250 expected by now)", what the goal line says of its numbers. */
export function goalStanding(goal: DigestGoalOffTrack): string {
  return `${goal.value} of ${goal.target} ${GOAL_METRIC_LABELS[goal.metric]} (${goal.expectedByNow} expected by now)`;
}

/** "Teen attendance — Harbor House", or the title alone for a goal of the whole library. */
export function goalName(goal: DigestGoalOffTrack): string {
  return goal.scope.name ? `${goal.title} — ${goal.scope.name}` : goal.title;
}

const FELL_OFF = 'fell off track this week';

/**
 * The weekly digest email, sections in the issue's order: bands that changed, new at-risk
 * partners with their drivers, uncovered priority audiences, top suggested introductions, then
 * the work-plan goals off track (those that fell off track this week marked). Every
 * partner links to its page; an empty section says so in a sentence rather than disappearing,
 * and a week where nothing moved says so first.
 */
export function digestMail(input: DigestMailInput): { subject: string; text: string; html: string } {
  const { content, publicUrl } = input;
  const orgLink = (id: string) => `${publicUrl}/organizations/${id}`;
  const dashboard = `${publicUrl}/dashboard`;
  const goalsPage = `${publicUrl}/goals`;
  // A digest stored before goals existed has none.
  const goals = content.goalsOffTrack ?? [];
  const quiet = content.bandChanges.length === 0 && content.newAtRisk.length === 0;
  const week = formatWeekOf(content.weekOf);
  const counts = bandCounts(content.byBand);
  const quietLine = 'A quiet week: no partner changed band and none newly needs attention.';
  const empty = {
    bandChanges: 'No partner changed band since last week.',
    newAtRisk: 'No partner newly at-risk or dormant.',
    uncovered: 'Every audience has at least one active partner.',
    introductions: 'No introductions to suggest this week.',
    goals: 'Every current goal is on track.',
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
      : content.bandChanges.map(
          (c) => `- ${c.name}: ${c.from} → ${c.to} (score ${c.score}) ${orgLink(c.organizationId)}`,
        )),
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
    ...(content.uncoveredAudiences.length === 0
      ? [empty.uncovered]
      : content.uncoveredAudiences.map((a) => `- ${a.name} (priority ${a.priority})`)),
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
    'Goals off track',
    ...(goals.length === 0
      ? [empty.goals]
      : goals.map((g) => `- ${goalName(g)}: ${goalStanding(g)}${g.newlyOffTrack ? ` — ${FELL_OFF}` : ''}`)),
    ...(goals.length === 0 ? [] : [`See the goals: ${goalsPage}`]),
    '',
    `Open the dashboard: ${dashboard}`,
    '',
    'You get this weekly as a Tandem manager or admin.',
  ]
    .filter((line) => line !== null)
    .join('\n');

  const html = renderEmail(
    <EmailDocument>
      <p>Hello {input.recipientName},</p>
      <p>
        Partnership health for the week of <strong>{week}</strong>.
      </p>
      {quiet && (
        <p>
          <strong>{quietLine}</strong>
        </p>
      )}
      <p>Partners now: {counts}.</p>
      <Section title="Bands that changed">
        {content.bandChanges.length === 0 ? (
          <None sentence={empty.bandChanges} />
        ) : (
          <ul>
            {content.bandChanges.map((c) => (
              <Item key={c.organizationId}>
                <a href={orgLink(c.organizationId)}>{c.name}</a>: {c.from} → <strong>{c.to}</strong> (score {c.score})
              </Item>
            ))}
          </ul>
        )}
      </Section>
      <Section title="New at-risk partners">
        {content.newAtRisk.length === 0 ? (
          <None sentence={empty.newAtRisk} />
        ) : (
          <ul>
            {content.newAtRisk.map((p) => (
              <Item key={p.organizationId}>
                <a href={orgLink(p.organizationId)}>{p.name}</a>: <strong>{p.band}</strong>, score {p.score}
                {p.drivers.length > 0 && (
                  <ul>
                    {p.drivers.map((driver, index) => (
                      <Item key={index}>{driver}</Item>
                    ))}
                  </ul>
                )}
              </Item>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Priority audiences with no active partner">
        {content.uncoveredAudiences.length === 0 ? (
          <None sentence={empty.uncovered} />
        ) : (
          <ul>
            {content.uncoveredAudiences.map((au) => (
              <Item key={au.audienceId}>
                {au.name} (priority {au.priority})
              </Item>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Suggested introductions">
        {content.topIntroductions.length === 0 ? (
          <None sentence={empty.introductions} />
        ) : (
          <ol>
            {content.topIntroductions.map((m) => (
              <Item key={`${m.providerId}:${m.seekerId}`}>
                Introduce <a href={orgLink(m.providerId)}>{m.providerName}</a> to{' '}
                <a href={orgLink(m.seekerId)}>{m.seekerName}</a> (strength {m.strength})
                <br />
                <span style={{ color: '#333' }}>{m.explanation}</span>
              </Item>
            ))}
          </ol>
        )}
      </Section>
      <Section title="Goals off track">
        {goals.length === 0 ? (
          <None sentence={empty.goals} />
        ) : (
          <ul>
            {goals.map((g) => (
              <Item key={g.goalId}>
                <a href={goalsPage}>{goalName(g)}</a>: {goalStanding(g)}
                {g.newlyOffTrack && <strong> — {FELL_OFF}</strong>}
              </Item>
            ))}
          </ul>
        )}
      </Section>
      <p style={{ marginTop: '1.5em' }}>
        <a href={dashboard} style={BUTTON_STYLE}>
          Open the dashboard
        </a>
      </p>
      <p style={FOOTNOTE_STYLE}>You get this weekly as a Tandem manager or admin.</p>
    </EmailDocument>,
  );
  return { subject: digestSubject(content), text, html };
}
