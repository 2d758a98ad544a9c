import { Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from '../common/AnchorLink';
import { GoalList } from '../goals/GoalCard';
import { formatGoalDate, overlaps } from '../goals/goal-format';
import { useGoals } from '../goals/goal-queries';
import type { GoalListQuery } from '../goals/goal-types';
import type { OutreachReportDto } from './report-types';

export interface ReportGoalsProps {
  /** The report's period (resolved dates), both days included. */
  from: string;
  to: string;
  /** The report's scope: goals for the same partner, program or audience (all null: the whole library). */
  scope: OutreachReportDto['scope'];
}

/** GET /goals filters for the report's scope (none: every goal). */
function scopeQuery(scope: ReportGoalsProps['scope']): GoalListQuery {
  if (scope.organizationId) return { organizationId: scope.organizationId };
  if (scope.programId) return { programId: scope.programId };
  if (scope.audienceId) return { audienceId: scope.audienceId };
  return {};
}

/**
 * The work-plan goals on the Reports screen and in its print (issue 19): the goals whose period
 * shares a day with the report's, for the report's scope, each with its progress as of today.
 * Nothing is shown while they load or if they cannot be read (the report stands without them);
 * with none, a line on screen only, pointing to the Goals screen.
 */
export function ReportGoals({ from, to, scope }: ReportGoalsProps) {
  const goals = useGoals(scopeQuery(scope));
  if (!goals.data) return null;
  const shown = goals.data.filter((goal) => overlaps(goal, from, to));
  if (shown.length === 0) {
    return (
      <Text size="sm" c="dimmed" className="report-no-print">
        No work-plan goal covers this period. <AnchorLink to="/goals">See the goals</AnchorLink>
      </Text>
    );
  }
  const asOf = shown[0].asOf;
  return (
    <section className="report-section report-goals" aria-labelledby="report-goals-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="report-goals-title">
          Work-plan goals
        </Title>
        <Text size="sm">Progress as of {formatGoalDate(asOf)}.</Text>
        <GoalList goals={shown} columns={2} label="Work-plan goals in this period" />
        <AnchorLink to="/goals" size="sm" className="report-no-print">
          All goals
        </AnchorLink>
      </Stack>
    </section>
  );
}
