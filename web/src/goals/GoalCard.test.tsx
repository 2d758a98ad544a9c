import { MantineProvider } from '@mantine/core';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { cssVariablesResolver, theme } from '../theme';
import { GoalCard } from './GoalCard';
import { DROP_IN, goal, SHELTER, TEENS } from './goal-fixtures';
import type { Goal } from './goal-types';

async function renderCard(shown: Goal) {
  const rootRoute = createRootRoute({ component: () => <GoalCard goal={shown} /> });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: ['/'] }) });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <RouterProvider router={router} />
    </MantineProvider>,
  );
  return screen.findByTestId('goal-card');
}

describe('GoalCard', () => {
  it('says where an on-track goal stands in words, with the bar’s numbers for assistive technology', async () => {
    const card = await renderCard(goal());
    expect(within(card).getByRole('heading', { level: 3, name: 'Teens at our sessions' })).toBeInTheDocument();
    expect(card).toHaveTextContent('412 of 600 attendees at sessions');
    expect(within(card).getByText('On track')).toBeInTheDocument();
    const bar = within(card).getByRole('progressbar', { name: 'Progress of Teens at our sessions' });
    expect(bar).toHaveAttribute('aria-valuenow', '412');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '600');
    expect(bar).toHaveAttribute('aria-valuetext', '412 of 600, expected 380 by now');
    expect(within(card).getByText('Expected by now: 380')).toBeInTheDocument();
    // The tick sits at 380 / 600 of the bar; only one progressbar is announced.
    expect(within(card).getByTestId('goal-expected-tick').style.left).toBe('calc(63.3% - 1.5px)');
    expect(within(card).getAllByRole('progressbar')).toHaveLength(1);
    expect(card).toHaveTextContent('Period:Jul 1, 2026 – Jun 30, 2027');
    expect(card).toHaveTextContent('Counts in:Whole library');
  });

  it('marks an off-track goal in words, and links its partner', async () => {
    const card = await renderCard(
      goal({
        organizationId: SHELTER,
        scope: { type: 'organization', id: SHELTER, name: 'Eastside Youth Shelter' },
        progress: { value: 120, ratio: 0.2, expectedByNow: 380, onTrack: false, status: 'off-track' },
      }),
    );
    expect(within(card).getByText('Off track')).toBeInTheDocument();
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-valuetext', '120 of 600, expected 380 by now');
    expect(within(card).getByRole('link', { name: 'Eastside Youth Shelter' })).toHaveAttribute(
      'href',
      `/organizations/${SHELTER}`,
    );
    expect(card).toHaveTextContent('Partner:Eastside Youth Shelter');
  });

  it('shows a met goal full, its value past the target said as it is', async () => {
    const card = await renderCard(
      goal({
        programId: DROP_IN,
        scope: { type: 'program', id: DROP_IN, name: 'After-school drop-in' },
        metric: 'sessions-held',
        target: 40,
        progress: { value: 52, ratio: 1.3, expectedByNow: 17, onTrack: true, status: 'met' },
      }),
    );
    expect(within(card).getByText('Met')).toBeInTheDocument();
    expect(card).toHaveTextContent('52 of 40 sessions held');
    const bar = within(card).getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(bar).toHaveAttribute('aria-valuetext', '52 of 40, expected 17 by now');
    expect(within(card).getByRole('link', { name: 'After-school drop-in' })).toHaveAttribute(
      'href',
      `/programs/${DROP_IN}`,
    );
  });

  it('says a missed goal ended short, without the expected-by-now tick', async () => {
    const card = await renderCard(
      goal({
        from: '2025-07-01',
        to: '2026-06-30',
        audienceId: TEENS,
        scope: { type: 'audience', id: TEENS, name: 'Teens' },
        metric: 'active-partners',
        target: 12,
        progress: { value: 9, ratio: 0.75, expectedByNow: 12, onTrack: false, status: 'missed' },
      }),
    );
    expect(within(card).getByText('Missed')).toBeInTheDocument();
    expect(card).toHaveTextContent('9 of 12 active partners');
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-valuetext', '9 of 12, ended Jun 30, 2026');
    expect(within(card).getByText('Ended Jun 30, 2026')).toBeInTheDocument();
    expect(within(card).queryByTestId('goal-expected-tick')).toBeNull();
    // An audience links to the partners serving it.
    expect(within(card).getByRole('link', { name: 'Teens' })).toHaveAttribute(
      'href',
      `/organizations?audienceId=${TEENS}`,
    );
  });

  it('says a goal not started yet starts later, with nothing expected', async () => {
    const card = await renderCard(
      goal({
        from: '2027-07-01',
        to: '2028-06-30',
        metric: 'feedback-count',
        target: 1200,
        progress: { value: 0, ratio: 0, expectedByNow: 0, onTrack: true, status: 'not-started' },
      }),
    );
    expect(within(card).getByText('Not started')).toBeInTheDocument();
    expect(card).toHaveTextContent('0 of 1,200 feedback responses');
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-valuetext', '0 of 1,200, starts Jul 1, 2027');
    expect(within(card).getByText('Starts Jul 1, 2027')).toBeInTheDocument();
    expect(within(card).queryByTestId('goal-expected-tick')).toBeNull();
  });
});
