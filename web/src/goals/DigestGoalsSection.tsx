import { Badge, Group, Stack, Text } from '@mantine/core';
import { AnchorLink } from '../common/AnchorLink';
import { Section } from '../organization/Section';
import { GoalScopeLink } from './GoalCard';
import { formatNumber, goalPeriodText, SCOPE_TYPE_LABELS, valueOfTarget } from './goal-format';
import type { DigestGoalOffTrack } from './goal-types';

/**
 * The digest's current goals behind an even pace: those that fell off track this week first
 * (marked in words), then the furthest behind, as the digest lists them.
 */
export function DigestGoalsSection({ goals }: { goals: readonly DigestGoalOffTrack[] }) {
  return (
    <Section
      id="digest-goals"
      title="Goals off track"
      actions={
        <AnchorLink to="/goals" size="sm">
          All goals
        </AnchorLink>
      }
    >
      {goals.length === 0 ? (
        <Text c="dimmed">Every current goal is on track.</Text>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {goals.map((goal) => (
            <li key={goal.goalId} data-testid="digest-goal">
              <Group gap="xs" wrap="wrap">
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {goal.title}
                </Text>
                {goal.newlyOffTrack && (
                  <Badge variant="filled" color="red.9" tt="none">
                    Fell off track this week
                  </Badge>
                )}
              </Group>
              <Text size="sm">
                {valueOfTarget(goal.value, goal.target, goal.metric)}; expected {formatNumber(goal.expectedByNow)} by
                now
              </Text>
              <Text size="sm" c="dimmed">
                {goalPeriodText(goal.from, goal.to)} ·{' '}
                {goal.scope.type === 'library' ? '' : `${SCOPE_TYPE_LABELS[goal.scope.type]}: `}
                <GoalScopeLink scope={goal.scope} />
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}
