import { type GoalMetric } from '@tandem/shared';
import { DateTime } from 'luxon';
import type { AuthUser } from '../auth/auth-user';
import { GoalService } from '../goal/goal.service';
import { LibraryCalendar } from '../library/library-calendar';
import { FOSTER, INTERNSHIP_AGENCY } from './demo-data';
import { DROP_IN, TECH_WORKSHOP } from './demo-outreach';
import type { DemoServices, Tally } from './seed-outreach';

const key = (name: string) => name.trim().toLowerCase();

interface DemoGoal {
  title: string;
  metric: GoalMetric;
  target: number;
  scope?: { audience: string } | { program: string } | { organization: string };
}

/**
 * The team's work plan for this fiscal year, as a teen-services manager writes it: some goals
 * ahead of pace, some behind, so the dashboard shows both.
 */
export const DEMO_GOALS: readonly DemoGoal[] = [
  {
    title: '400 teens at the Wednesday drop-in this year',
    metric: 'attendance',
    target: 400,
    scope: { program: DROP_IN },
  },
  {
    title: '4 active partners serving youth in foster care',
    metric: 'active-partners',
    target: 4,
    scope: { audience: FOSTER },
  },
  {
    title: '40 sessions with the internship agency',
    metric: 'sessions-held',
    target: 40,
    scope: { organization: INTERNSHIP_AGENCY },
  },
  { title: 'Reach 500 young people on outreach visits', metric: 'people-reached', target: 500 },
  {
    title: '24 tech workshop sessions for interns',
    metric: 'sessions-held',
    target: 24,
    scope: { program: TECH_WORKSHOP },
  },
  { title: '60 feedback responses from youth and partners', metric: 'feedback-count', target: 60 },
];

/**
 * The demo goals, by title (ignoring case; one already there is left as it is), each for the twelve
 * months that began on the first of the month four months ago: the demo's history is dated back
 * from today, so a goal is always about a third of the way through its year, and those ahead of
 * pace and those behind stay so whatever day the demo is loaded.
 */
export async function seedGoals(ctx: {
  app: DemoServices;
  actor: AuthUser;
  report: (tally: Tally) => void;
  ids: { audiences: Map<string, string>; programs: Map<string, string>; organizations: Map<string, string> };
}): Promise<void> {
  const goals = ctx.app.get(GoalService);
  const today = await ctx.app.get(LibraryCalendar).today();
  const from = DateTime.fromISO(today).minus({ months: 4 }).startOf('month');
  const period = { from: from.toISODate()!, to: from.plus({ years: 1 }).minus({ days: 1 }).toISODate()! };
  const existing = new Set((await goals.list({})).map(({ goal }) => key(goal.title)));
  const tally: Tally = { created: 0, unchanged: 0 };
  const id = (ids: Map<string, string>, name: string) => {
    const found = ids.get(key(name));
    if (!found) throw new Error(`demo goal refers to the unknown "${name}"`);
    return found;
  };
  for (const demo of DEMO_GOALS) {
    if (existing.has(key(demo.title))) {
      tally.unchanged += 1;
      continue;
    }
    const scope = demo.scope;
    await goals.create(
      {
        title: demo.title,
        metric: demo.metric,
        target: demo.target,
        ...period,
        audienceId: scope && 'audience' in scope ? id(ctx.ids.audiences, scope.audience) : null,
        programId: scope && 'program' in scope ? id(ctx.ids.programs, scope.program) : null,
        organizationId: scope && 'organization' in scope ? id(ctx.ids.organizations, scope.organization) : null,
      },
      ctx.actor,
    );
    tally.created += 1;
  }
  ctx.report(tally);
}
