import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../api/client';
import { CurrentUserContext } from '../auth/useSession';
import { ReportGoals } from '../reports/ReportGoals';
import { cssVariablesResolver, theme } from '../theme';
import { DigestGoalsSection } from './DigestGoalsSection';
import { fakeGoalsApi, MANAGER, STAFF } from './fake-goals-api';
import { DROP_IN, goal, SHELTER, TEENS } from './goal-fixtures';
import { ScopedGoalsSection } from './ScopedGoalsSection';

function renderWith(user: User, content: () => ReactNode) {
  const rootRoute = createRootRoute({ component: content });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: ['/'] }) });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={queryClient}>
        <CurrentUserContext.Provider value={user}>
          <RouterProvider router={router} />
        </CurrentUserContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const SHELTER_GOAL = goal({
  title: 'Shelter visits',
  metric: 'people-reached',
  organizationId: SHELTER,
  scope: { type: 'organization', id: SHELTER, name: 'Eastside Youth Shelter' },
});
const DROP_IN_GOAL = goal({
  title: 'Drop-in sessions',
  metric: 'sessions-held',
  programId: DROP_IN,
  scope: { type: 'program', id: DROP_IN, name: 'After-school drop-in' },
});

describe('goals on a partner’s and a program’s page', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('lists the partner’s goals, asked for by its id, with a manager’s "Set a goal" for it', async () => {
    const api = fakeGoalsApi({ goals: [SHELTER_GOAL, DROP_IN_GOAL] });
    renderWith(MANAGER, () => <ScopedGoalsSection organizationId={SHELTER} />);
    const section = await screen.findByRole('region', { name: 'Goals' });
    expect(within(section).getAllByTestId('goal-card')).toHaveLength(1);
    expect(within(section).getByRole('heading', { name: 'Shelter visits' })).toBeInTheDocument();
    // The page is the partner's: the card does not name it again.
    expect(within(section).queryByText('Partner:')).toBeNull();
    expect(within(section).getByRole('link', { name: 'Set a goal' })).toHaveAttribute(
      'href',
      `/goals?new=1&organizationId=${SHELTER}`,
    );
    const asked = api.calls.filter((call) => call.path === '/api/v1/goals');
    expect(asked.map((call) => Object.fromEntries(call.query))).toEqual([{ organizationId: SHELTER }]);
  });

  it('lists the program’s goals for staff without "Set a goal"', async () => {
    const api = fakeGoalsApi({ goals: [SHELTER_GOAL, DROP_IN_GOAL] });
    renderWith(STAFF, () => <ScopedGoalsSection programId={DROP_IN} />);
    const section = await screen.findByRole('region', { name: 'Goals' });
    expect(within(section).getByRole('heading', { name: 'Drop-in sessions' })).toBeInTheDocument();
    expect(within(section).queryByRole('link', { name: 'Set a goal' })).toBeNull();
    expect(api.calls.find((call) => call.path === '/api/v1/goals')?.query.get('programId')).toBe(DROP_IN);
  });

  it('is hidden from staff when no goal counts the partner, and offers a manager to set one', async () => {
    const api = fakeGoalsApi({ goals: [DROP_IN_GOAL] });
    renderWith(STAFF, () => <ScopedGoalsSection organizationId={SHELTER} />);
    await waitFor(() => expect(api.calls.some((call) => call.path === '/api/v1/goals')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('region', { name: 'Goals' })).toBeNull();
  });

  it('offers a manager "Set a goal" when no goal counts the program', async () => {
    fakeGoalsApi({ goals: [SHELTER_GOAL] });
    renderWith(MANAGER, () => <ScopedGoalsSection programId={DROP_IN} />);
    const section = await screen.findByRole('region', { name: 'Goals' });
    expect(section).toHaveTextContent('No work-plan goal counts this program’s outreach yet.');
    expect(within(section).getByRole('link', { name: 'Set a goal' })).toHaveAttribute(
      'href',
      `/goals?new=1&programId=${DROP_IN}`,
    );
  });
});

describe('goals in the digest', () => {
  it('lists goals off track and marks those that fell off track this week in words', async () => {
    renderWith(MANAGER, () => (
      <DigestGoalsSection
        goals={[
          {
            goalId: '1',
            title: 'Partners for teens',
            metric: 'active-partners',
            target: 12,
            value: 3,
            expectedByNow: 5,
            from: '2026-07-01',
            to: '2027-06-30',
            newlyOffTrack: true,
            scope: { type: 'audience', id: TEENS, name: 'Teens' },
          },
          {
            goalId: '2',
            title: 'Attendance',
            metric: 'attendance',
            target: 600,
            value: 100,
            expectedByNow: 250,
            from: '2026-07-01',
            to: '2027-06-30',
            newlyOffTrack: false,
            scope: { type: 'library', id: null, name: null },
          },
        ]}
      />
    ));
    const section = await screen.findByRole('region', { name: 'Goals off track' });
    const items = within(section).getAllByTestId('digest-goal');
    expect(items[0]).toHaveTextContent('Partners for teensFell off track this week');
    expect(items[0]).toHaveTextContent('3 of 12 active partners; expected 5 by now');
    expect(within(items[0]).getByRole('link', { name: 'Teens' })).toBeInTheDocument();
    expect(items[1]).not.toHaveTextContent('Fell off track this week');
    expect(items[1]).toHaveTextContent('100 of 600 attendees at sessions; expected 250 by now');
    expect(items[1]).toHaveTextContent('Whole library');
  });

  it('says every goal is on track when none is listed', async () => {
    renderWith(MANAGER, () => <DigestGoalsSection goals={[]} />);
    expect(await screen.findByText('Every current goal is on track.')).toBeInTheDocument();
  });
});

describe('goals in the report', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('shows the goals whose period meets the report’s, for its scope', async () => {
    const past = goal({ title: 'Last year', from: '2025-07-01', to: '2026-06-30' });
    const api = fakeGoalsApi({ goals: [goal({ title: 'This year' }), past, SHELTER_GOAL] });
    renderWith(STAFF, () => (
      <ReportGoals
        from="2026-10-01"
        to="2026-12-31"
        scope={{ organizationId: null, programId: null, audienceId: null }}
      />
    ));
    const list = await screen.findByRole('list', { name: 'Work-plan goals in this period' });
    expect(
      within(list)
        .getAllByRole('heading')
        .map((heading) => heading.textContent),
    ).toEqual(['This year', 'Shelter visits']);
    expect(screen.getByText('Progress as of Dec 7, 2026.')).toBeInTheDocument();
    expect(api.calls.find((call) => call.path === '/api/v1/goals')?.query.toString()).toBe('');
  });

  it('asks for the report’s scope, and says so when no goal covers the period', async () => {
    const api = fakeGoalsApi({ goals: [SHELTER_GOAL] });
    renderWith(STAFF, () => (
      <ReportGoals
        from="2024-01-01"
        to="2024-12-31"
        scope={{ organizationId: SHELTER, programId: null, audienceId: null }}
      />
    ));
    expect(await screen.findByText(/No work-plan goal covers this period/)).toBeInTheDocument();
    expect(api.calls.find((call) => call.path === '/api/v1/goals')?.query.get('organizationId')).toBe(SHELTER);
  });
});
