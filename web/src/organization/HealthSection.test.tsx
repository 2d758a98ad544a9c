import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from '@tanstack/react-router';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../api/client';
import { CurrentUserContext } from '../auth/useSession';
import type { OrganizationHealth } from '../api/types';
import { cssVariablesResolver, theme } from '../theme';
import { HealthSection } from './HealthSection';

const STAFF = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'sam@library.test',
  name: 'Sam Staff',
  role: 'staff',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
const VIEWER = { ...STAFF, id: '22222222-2222-4222-8222-222222222222', name: 'Vic Viewer', role: 'viewer' } as User;

const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const UNSCORED_DRIVER = 'Not enough to go on yet: a visit, a session held, feedback or a check-in will score it';

const detail = (score: number | null, facts: Record<string, unknown>) => ({
  score,
  weight: 15,
  effectiveWeight: score === null ? 0 : 20,
  facts,
});

function health(overrides: Partial<OrganizationHealth> = {}): OrganizationHealth {
  return {
    score: 64,
    band: 'steady',
    cap: null,
    components: { recency: 90, sessions: 80, feedback: null, attendance: 30, followUps: 100, fit: 60, checkIn: null },
    details: {
      recency: detail(90, {
        lastContactAt: '2026-11-30T10:00:00Z',
        lastContactKind: 'session',
        daysSinceContact: 7,
        cadenceDays: 7,
        cadenceFrom: 'programs',
        fullMarksWithinDays: 7,
        zeroAtDays: 28,
        dormantAfterDays: 56,
      }),
      sessions: detail(80, { held: 8, scheduled: 10, cancelledByStaff: 2, cancelledByClosure: 0, windowDays: 90 }),
      feedback: detail(null, {
        count: 0,
        mean: null,
        recentMean: null,
        earlierMean: null,
        recentCount: 0,
        earlierCount: 0,
        trend: null,
        windowDays: 180,
      }),
      attendance: detail(30, {
        sessionsPerHalf: 8,
        earlier: [],
        recent: [],
        earlierMean: 20,
        recentMean: 12,
        changePercent: -40,
      }),
      followUps: detail(100, { overdue: 0, oldestOverdueDays: null }),
      fit: detail(60, { audienceReach: 3, missionOverlap: 3, complementaryResources: 3, total: 9, max: 15 }),
      checkIn: detail(null, {
        at: null,
        ageDays: null,
        stale: false,
        overall: null,
        areas: {},
        concerns: [],
        strengths: [],
      }),
    } as unknown as OrganizationHealth['details'],
    drivers: ['Attendance down 40%'],
    history: [],
    ...overrides,
  };
}

/** GET /organizations/:id/health answering `answer`. */
function fakeApi(answer: OrganizationHealth) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const found = url.pathname === `/api/v1/organizations/${ORG}/health`;
      return new Response(JSON.stringify(found ? answer : { status: 404 }), {
        status: found ? 200 : 404,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
}

/** The section alone (the whole page brings sections jsdom cannot lay out), inside a router for its links. */
function renderPage(user: User) {
  const rootRoute = createRootRoute({ component: () => <HealthSection organizationId={ORG} /> });
  const router = createRouter({
    routeTree: rootRoute,
    history: createMemoryHistory({ initialEntries: [`/organizations/${ORG}`] }),
  });
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

describe('HealthSection', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('says a partnership without evidence is not scored yet, and links to what would score it', async () => {
    fakeApi(health({ score: null, band: 'unscored', drivers: [UNSCORED_DRIVER], cap: null }));
    renderPage(STAFF);
    const section = await screen.findByRole('region', { name: 'Partnership health' });
    await within(section).findByText('Not enough to go on yet');
    expect(within(section).getByText('Not scored yet')).toBeInTheDocument();
    expect(section).not.toHaveTextContent('/ 100');
    expect(within(section).queryByRole('table')).not.toBeInTheDocument();
    expect(within(section).queryByText('Score history')).not.toBeInTheDocument();

    const ways = within(section).getByRole('list', { name: 'What would score this partnership' });
    expect(within(ways).getByRole('link', { name: 'Log a visit' })).toHaveAttribute(
      'href',
      `/log-visit?organizationId=${ORG}`,
    );
    expect(within(ways).getByRole('link', { name: 'Record a session held' })).toHaveAttribute('href', '#programs');
    expect(within(ways).getByRole('link', { name: 'Record feedback' })).toHaveAttribute('href', '#feedback');
    expect(within(ways).getByRole('link', { name: 'Start a check-in' })).toHaveAttribute('href', '#check-ins');
  });

  it('names what would score it without links for a viewer, who may do none of it', async () => {
    fakeApi(health({ score: null, band: 'unscored', drivers: [UNSCORED_DRIVER] }));
    renderPage(VIEWER);
    const section = await screen.findByRole('region', { name: 'Partnership health' });
    const ways = await within(section).findByRole('list', { name: 'What would score this partnership' });
    expect(within(ways).queryAllByRole('link')).toEqual([]);
    expect(ways).toHaveTextContent('A visit logged with the partner');
    expect(ways).toHaveTextContent('A check-in with the partner');
  });

  it('shows the score and its components, and says in a sentence why warnings held the band down', async () => {
    fakeApi(health({ cap: { band: 'steady', reasons: ['attendance-slide'] } }));
    renderPage(STAFF);
    const section = await screen.findByRole('region', { name: 'Partnership health' });
    expect(await within(section).findByTestId('health-cap')).toHaveTextContent('Held at steady: attendance slid 40%.');
    expect(section).toHaveTextContent('64 / 100');
    expect(within(section).getByText('Steady')).toBeInTheDocument();
    expect(within(section).getByTestId('component-attendance')).toHaveTextContent('30');
    expect(within(section).queryByText('Not enough to go on yet')).not.toBeInTheDocument();
  });

  it('says nothing of a cap when there is none', async () => {
    fakeApi(health());
    renderPage(STAFF);
    const section = await screen.findByRole('region', { name: 'Partnership health' });
    await within(section).findByText('Attendance down 40%');
    expect(within(section).queryByTestId('health-cap')).not.toBeInTheDocument();
  });
});
