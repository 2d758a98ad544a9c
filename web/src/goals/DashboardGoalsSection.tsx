import { Stack, Text } from '@mantine/core';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { Section } from '../organization/Section';
import { GoalList } from './GoalCard';
import type { Goal } from './goal-types';

/**
 * The dashboard's current work-plan goals with their progress, off track first (as the
 * dashboard answer orders them), and the way to the Goals screen; with none, an invitation to
 * set one.
 */
export function DashboardGoalsSection({ goals }: { goals: readonly Goal[] }) {
  const user = useCurrentUser();
  const canManage = can(user, 'goal.manage');
  const offTrack = goals.filter((goal) => goal.progress.status === 'off-track').length;
  return (
    <Section
      id="goals"
      title="Work-plan goals"
      actions={
        goals.length > 0 && (
          <AnchorLink to="/goals" size="sm">
            All goals
          </AnchorLink>
        )
      }
    >
      {goals.length === 0 ? (
        <Stack gap={4} align="flex-start">
          <Text c="dimmed">No goal runs today.</Text>
          {canManage ? (
            <AnchorLink to="/goals" search={{ new: 1 }}>
              Set a goal for this year’s work plan
            </AnchorLink>
          ) : (
            <AnchorLink to="/goals">See the goals</AnchorLink>
          )}
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            {goals.length} current {goals.length === 1 ? 'goal' : 'goals'}
            {offTrack > 0 ? `, ${offTrack} off track (listed first)` : ', none off track'}
          </Text>
          <GoalList goals={goals} columns={3} label="Current goals" />
        </Stack>
      )}
    </Section>
  );
}
