import { Badge, Box, Group, Paper, Progress, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import type { ReactNode } from 'react';
import { AnchorLink } from '../common/AnchorLink';
import {
  expectedPercent,
  filledPercent,
  formatGoalDate,
  formatNumber,
  GOAL_STATUS_COLORS,
  GOAL_STATUS_LABELS,
  goalPeriodText,
  goalTiming,
  progressText,
  SCOPE_TYPE_LABELS,
  scopeName,
  valueOfTarget,
} from './goal-format';
import type { Goal, GoalScope, GoalStatus } from './goal-types';

/** Bars keep their colours on paper (the Reports screen prints its goals); browsers drop backgrounds otherwise. */
const PRINT_COLORS = { printColorAdjust: 'exact', WebkitPrintColorAdjust: 'exact' } as const;

/** Mantine's Badge cuts a long word with an ellipsis when short of room; these wrap instead. */
const WHOLE_WORD = {
  root: { flexShrink: 0, maxWidth: '100%', height: 'auto', minHeight: 'var(--badge-height)' },
  label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'normal', overflowWrap: 'normal' },
} as const;

/** "On track", "Off track", … in words; the dot's colour only repeats them. */
export function GoalStatusBadge({ status }: { status: GoalStatus }) {
  return (
    <Badge variant="dot" color={GOAL_STATUS_COLORS[status]} tt="none" size="lg" styles={WHOLE_WORD}>
      {GOAL_STATUS_LABELS[status]}
    </Badge>
  );
}

/**
 * The share reached as a bar, with a tick where an even pace would be by now (while the period
 * runs). One progressbar for assistive technology: "412 of 600, expected 380 by now".
 */
export function GoalProgressBar({ goal }: { goal: Goal }) {
  const expected = expectedPercent(goal);
  const text = progressText(goal);
  return (
    <Box pos="relative" py={4}>
      <Progress.Root
        size="lg"
        radius="sm"
        role="progressbar"
        aria-label={`Progress of ${goal.title}`}
        aria-valuemin={0}
        aria-valuemax={goal.target}
        aria-valuenow={Math.min(goal.progress.value, goal.target)}
        aria-valuetext={text}
        data-testid="goal-progress"
        style={PRINT_COLORS}
      >
        <Progress.Section
          withAria={false}
          value={filledPercent(goal.progress.ratio)}
          color={GOAL_STATUS_COLORS[goal.progress.status]}
        />
      </Progress.Root>
      {expected !== null && (
        // The tick spans the bar's height and a little more, in the body colour: visible on the fill and off it.
        <Box
          aria-hidden="true"
          data-testid="goal-expected-tick"
          pos="absolute"
          top={0}
          bottom={0}
          w={3}
          bg="var(--mantine-color-text)"
          style={{ left: `calc(${expected}% - 1.5px)`, borderRadius: 1, ...PRINT_COLORS }}
        />
      )}
    </Box>
  );
}

/** The goal's scope as a link to its partner or program (an audience: the partners serving it), or "Whole library". */
export function GoalScopeLink({ scope }: { scope: GoalScope }): ReactNode {
  const name = scopeName(scope);
  if (scope.type === 'library' || !scope.id) return name;
  if (scope.type === 'organization')
    return (
      <AnchorLink to="/organizations/$organizationId" params={{ organizationId: scope.id }}>
        {name}
      </AnchorLink>
    );
  if (scope.type === 'program')
    return (
      <AnchorLink to="/programs/$programId" params={{ programId: scope.id }}>
        {name}
      </AnchorLink>
    );
  return (
    <AnchorLink to="/organizations" search={{ audienceId: scope.id }}>
      {name}
    </AnchorLink>
  );
}

/** Under the bar: what an even pace expects by now, or when the period starts or ended. */
function paceText(goal: Goal): string {
  switch (goalTiming(goal, goal.asOf)) {
    case 'upcoming':
      return `Starts ${formatGoalDate(goal.from)}`;
    case 'past':
      return `Ended ${formatGoalDate(goal.to)}`;
    default:
      return `Expected by now: ${formatNumber(goal.progress.expectedByNow)}`;
  }
}

/**
 * One goal: its title and standing (a badge in words), "412 of 600 attendees at sessions", the bar
 * with the expected-by-now tick, the period and what it counts in. `actions` (edit, delete) go
 * at the top right.
 */
export function GoalCard({
  goal,
  headingOrder = 3,
  actions,
  showScope = true,
}: {
  goal: Goal;
  headingOrder?: TitleOrder;
  actions?: ReactNode;
  /** Off on a partner's or program's own page, where the scope goes without saying. */
  showScope?: boolean;
}) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid="goal-card" data-status={goal.progress.status}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
          <Title order={headingOrder} size="h5" style={{ overflowWrap: 'anywhere', flex: '1 1 12rem' }}>
            {goal.title}
          </Title>
          <GoalStatusBadge status={goal.progress.status} />
        </Group>
        <Text fw={600}>{valueOfTarget(goal.progress.value, goal.target, goal.metric)}</Text>
        <GoalProgressBar goal={goal} />
        <Text size="sm">{paceText(goal)}</Text>
        <Stack component="dl" gap={2} m={0}>
          <Group gap={4} wrap="wrap">
            <Text component="dt" size="sm" c="dimmed">
              Period:
            </Text>
            <Text component="dd" size="sm" m={0}>
              {goalPeriodText(goal.from, goal.to)}
            </Text>
          </Group>
          {showScope && (
            <Group gap={4} wrap="wrap">
              <Text component="dt" size="sm" c="dimmed">
                {goal.scope.type === 'library' ? 'Counts in:' : `${SCOPE_TYPE_LABELS[goal.scope.type]}:`}
              </Text>
              <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
                <GoalScopeLink scope={goal.scope} />
              </Text>
            </Group>
          )}
        </Stack>
        {actions && (
          <Group gap="xs" justify="flex-end" wrap="wrap">
            {actions}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Goals as a list of cards; `actions` gives each its buttons (managers' edit and delete). */
export function GoalList({
  goals,
  headingOrder = 3,
  actions,
  showScope = true,
  columns = 1,
  label,
}: {
  goals: readonly Goal[];
  headingOrder?: TitleOrder;
  actions?: (goal: Goal) => ReactNode;
  showScope?: boolean;
  /** Cards side by side from a tablet's width up (one per row on a phone). */
  columns?: 1 | 2 | 3;
  label?: string;
}) {
  return (
    <Box
      component="ul"
      aria-label={label}
      className="goal-list"
      m={0}
      p={0}
      style={{
        listStyle: 'none',
        display: 'grid',
        gap: 'var(--mantine-spacing-sm)',
        gridTemplateColumns: `repeat(auto-fill, minmax(min(100%, ${columns === 1 ? '100%' : columns === 2 ? '20rem' : '16rem'}), 1fr))`,
      }}
    >
      {goals.map((goal) => (
        <li key={goal.id}>
          <GoalCard goal={goal} headingOrder={headingOrder} actions={actions?.(goal)} showScope={showScope} />
        </li>
      ))}
    </Box>
  );
}
