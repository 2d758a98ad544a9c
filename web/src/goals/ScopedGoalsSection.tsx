import { Stack, Text } from '@mantine/core';
import { can } from '../auth/permissions';
import { useCurrentUser } from '../auth/useSession';
import { AnchorLink } from '../common/AnchorLink';
import { Section } from '../organization/Section';
import { GoalList } from './GoalCard';
import { useGoals } from './goal-queries';

/**
 * The goals counting in one partner or one program, on its page. Hidden when there are none,
 * except for managers, who get "Set a goal" with the scope filled in. A goal list that fails to
 * load leaves the page as it was (goals are an extra here, not what the page is for).
 */
export function ScopedGoalsSection(
  props: { organizationId: string; programId?: undefined } | { programId: string; organizationId?: undefined },
) {
  const user = useCurrentUser();
  const canManage = can(user, 'goal.manage');
  const query = props.organizationId ? { organizationId: props.organizationId } : { programId: props.programId };
  const goals = useGoals(query, { enabled: can(user, 'report.read') });
  if (!goals.data) return null;
  if (goals.data.length === 0 && !canManage) return null;

  const setGoal = canManage && (
    <AnchorLink to="/goals" search={{ new: 1, ...query }} size="sm">
      Set a goal
    </AnchorLink>
  );
  const noun = props.organizationId ? 'partner' : 'program';
  return (
    <Section id="goals" title="Goals" actions={goals.data.length > 0 ? setGoal : undefined}>
      {goals.data.length === 0 ? (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            No work-plan goal counts this {noun}’s outreach yet.
          </Text>
          {setGoal}
        </Stack>
      ) : (
        <Stack gap="xs">
          <GoalList goals={goals.data} showScope={false} label={`Goals for this ${noun}`} />
          <AnchorLink to="/goals" size="sm">
            All goals
          </AnchorLink>
        </Stack>
      )}
    </Section>
  );
}
