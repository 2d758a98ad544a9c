import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '../test/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import { goal } from '../goals/goal-fixtures';
import type { HealthDashboard, Match } from './types';

const MANAGER = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'maya@library.test',
  name: 'Maya Manager',
  role: 'manager',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
const STAFF = { ...MANAGER, id: '22222222-2222-4222-8222-222222222222', name: 'Sam Staff', role: 'staff' } as User;

const ALDER = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const BIRCH = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CEDAR = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const ELM = '0eeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
const BEN = '33333333-3333-4333-8333-333333333333';
const UNSCORED_DRIVER = 'Not enough to go on yet: a visit, a session held, feedback or a check-in will score it';
/** Ended, so not on the dashboard: its name comes from GET /organizations/:id. */
const DOGWOOD = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';

const MATCH: Match = {
  id: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  providerId: DOGWOOD,
  seekerId: BIRCH,
  capabilityId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  audienceIds: [],
  kind: 'sought',
  strength: 64,
  explanation: 'Dogwood offers a meeting space, which Birch is looking for.',
  status: 'open',
  note: null,
  decidedAt: null,
  decidedById: null,
  taskId: null,
};

function dashboard(): HealthDashboard {
  return {
    data: [
      {
        organizationId: CEDAR,
        name: 'Cedar Internship Office',
        stage: 'active',
        ownerId: MANAGER.id,
        score: 24,
        band: 'dormant',
        drivers: ['No contact in 150 days'],
        trend: { change: -25, direction: 'falling', spanDays: 21 },
      },
      {
        organizationId: BIRCH,
        name: 'Birch Youth Shelter',
        stage: 'active',
        ownerId: BEN,
        score: 48,
        band: 'at-risk',
        drivers: ['3 follow-ups overdue'],
        trend: null,
      },
      {
        organizationId: ALDER,
        name: 'Alder College Access',
        stage: 'active',
        ownerId: null,
        score: 99,
        band: 'thriving',
        drivers: [],
        trend: { change: 3, direction: 'steady', spanDays: 28 },
      },
      {
        organizationId: ELM,
        name: 'Elm Reading Club',
        stage: 'prospect',
        ownerId: MANAGER.id,
        score: null,
        band: 'unscored',
        drivers: [UNSCORED_DRIVER],
        trend: null,
      },
    ],
    total: 4,
    summary: {
      byBand: { thriving: 1, steady: 0, 'at-risk': 1, dormant: 1, unscored: 1 },
      byStage: { prospect: 1, exploring: 0, active: 3, paused: 0, ended: 1 },
    },
    audienceCoverage: [
      { audienceId: '1', name: 'Teens', priority: 1, activePartners: 2 },
      { audienceId: '2', name: 'Seniors', priority: 2, activePartners: 0 },
      { audienceId: '3', name: 'Foster youth', priority: 1, activePartners: 0 },
    ],
    upcomingSessions: { total: 0, data: [] },
    overdueTasks: { total: 0, data: [] },
    introductions: { total: 1, data: [MATCH] },
    goals: [],
  };
}

/** `count` partners, all steady (for paging), named so that they sort by number. */
function manyPartners(count: number): HealthDashboard {
  const base = dashboard();
  const data = Array.from({ length: count }, (_, index) => ({
    organizationId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    name: `Partner ${String(index + 1).padStart(3, '0')}`,
    stage: 'active' as const,
    ownerId: null,
    score: 60,
    band: 'steady' as const,
    drivers: [],
    trend: null,
  }));
  return {
    ...base,
    data,
    total: count,
    summary: {
      byBand: { thriving: 0, steady: count, 'at-risk': 0, dormant: 0, unscored: 0 },
      byStage: { prospect: 0, exploring: 0, active: count, paused: 0, ended: 0 },
    },
  };
}

/**
 * A stand-in for the API: the dashboard (filtered and paged as the server does, from `portfolio`),
 * its history, the team list, organizations by id and a dismiss that empties the introductions.
 */
function fakeApi(portfolio: HealthDashboard = dashboard()) {
  const calls: string[] = [];
  /** The query of each GET /dashboard/health, in order. */
  const dashboardQueries: URLSearchParams[] = [];
  let current = portfolio;
  const page = (query: URLSearchParams): HealthDashboard => {
    const matching = current.data.filter(
      (entry) =>
        (!query.get('band') || entry.band === query.get('band')) &&
        (!query.get('stage') || entry.stage === query.get('stage')) &&
        (!query.get('ownerId') || entry.ownerId === query.get('ownerId')),
    );
    const offset = Number(query.get('offset') ?? 0);
    const limit = Number(query.get('limit') ?? 50);
    return { ...current, data: matching.slice(offset, offset + limit), total: matching.length };
  };
  const fetch = vi.fn(async (input: Request | URL | string) => {
    const request = input instanceof Request ? input : new Request(String(input));
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}`);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (url.pathname === '/api/v1/dashboard/health') {
      dashboardQueries.push(url.searchParams);
      return json(page(url.searchParams));
    }
    if (url.pathname === '/api/v1/users/directory')
      return json({
        data: [
          { id: MANAGER.id, name: MANAGER.name, role: 'manager' },
          { id: BEN, name: 'Ben Outreach', role: 'staff' },
        ],
      });
    if (url.pathname === '/api/v1/dashboard/health/history') return json({ data: [] });
    if (url.pathname === `/api/v1/organizations/${DOGWOOD}`)
      return json({ id: DOGWOOD, name: 'Dogwood Literacy Circle' });
    if (url.pathname === `/api/v1/matches/${MATCH.id}/dismiss` && request.method === 'POST') {
      current = { ...current, introductions: { total: 0, data: [] } };
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/api/v1/audiences' || url.pathname === '/api/v1/capabilities') return json({ data: [] });
    return json({ status: 404, detail: 'not here' }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  return { calls, dashboardQueries, lastQuery: () => Object.fromEntries(dashboardQueries.at(-1) ?? []) };
}

const search = (router: ReturnType<typeof renderAt>) => router.state.location.search as Record<string, unknown>;

function renderAt(path: string, user: User) {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<App router={router} queryClient={queryClient} env="test" />);
  return router;
}

describe('DashboardPage', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('lists the portfolio worst first with each trend in words', async () => {
    fakeApi();
    renderAt('/dashboard', MANAGER);
    const table = await screen.findByRole('table', { name: 'Partners not ended, lowest health score first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('link')[0].textContent)).toEqual([
      'Cedar Internship Office',
      'Birch Youth Shelter',
      'Alder College Access',
      'Elm Reading Club',
    ]);
    expect(within(rows[0]).getByText('Down 25 points in 3 weeks')).toBeInTheDocument();
    expect(within(rows[0]).getByText('No contact in 150 days')).toBeInTheDocument();
    expect(within(rows[1]).getByText('No trend yet')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Steady: up 3 points in 4 weeks')).toBeInTheDocument();
  });

  it('puts the uncovered high-priority audience first and marks it, and only it', async () => {
    fakeApi();
    renderAt('/dashboard', MANAGER);
    const coverage = await screen.findByRole('region', { name: 'Audience coverage' });
    const items = within(coverage).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Foster youthHigh priorityNot covered',
      'TeensHigh priority2 active partners',
      'SeniorsMedium priorityNo active partner',
    ]);
    expect(items[0]).toHaveAttribute('data-highlight', 'true');
    expect(items.filter((item) => item.hasAttribute('data-highlight'))).toHaveLength(1);
    expect(within(coverage).getByText('1 high-priority audience has no active partner.')).toBeInTheDocument();
  });

  it('names both sides of an introduction, asking for the one the dashboard does not list, and dismisses it', async () => {
    const api = fakeApi();
    renderAt('/dashboard', MANAGER);
    const introductions = await screen.findByRole('region', { name: 'Suggested introductions' });
    expect(
      await within(introductions).findByRole('heading', {
        name: 'Introduce Dogwood Literacy Circle to Birch Youth Shelter',
      }),
    ).toBeInTheDocument();
    // Birch came with the dashboard; only Dogwood was looked up.
    expect(api.calls.filter((call) => call.startsWith('GET /api/v1/organizations/'))).toEqual([
      `GET /api/v1/organizations/${DOGWOOD}`,
    ]);

    const dismiss = within(introductions).getByRole('button', { name: /^Dismiss/ });
    // The button says which suggestion it dismisses (the browser spec checks the accessible name in Chromium).
    expect(dismiss).toHaveTextContent('Dismiss “Introduce Dogwood Literacy Circle to Birch Youth Shelter”');
    await userEvent.click(dismiss);
    await waitFor(() =>
      expect(within(introductions).getByText('No introductions to suggest right now.')).toBeInTheDocument(),
    );
    expect(api.calls).toContain(`POST /api/v1/matches/${MATCH.id}/dismiss`);
  });

  it('shows staff a 403 page without asking the API for the dashboard', async () => {
    const api = fakeApi();
    renderAt('/dashboard', STAFF);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your role' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('You do not have access to this page (403)');
    expect(screen.queryByRole('link', { name: 'Dashboard' })).not.toBeInTheDocument();
    expect(api.calls.some((call) => call.includes('/dashboard'))).toBe(false);
  });

  it('shows a partner not scored yet with a grey "Not scored yet" badge and no number, and counts it', async () => {
    fakeApi();
    renderAt('/dashboard', MANAGER);
    const table = await screen.findByRole('table', { name: 'Partners not ended, lowest health score first' });
    const elm = within(table).getByRole('link', { name: 'Elm Reading Club' }).closest('tr')!;
    const cells = within(elm).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent(/^—no score yet$/);
    expect(cells[2]).toHaveTextContent('Not scored yet');
    expect(within(elm).queryByText('No trend yet')).not.toBeInTheDocument();
    expect(within(elm).getByText(UNSCORED_DRIVER)).toBeInTheDocument();
    // The phone's card shows no "/ 100" for it.
    const card = screen
      .getAllByTestId('portfolio-card')
      .find((item) => item.textContent?.includes('Elm Reading Club'))!;
    expect(card).toHaveTextContent('Not scored yet');
    expect(card).not.toHaveTextContent('/ 100');
    expect(screen.getByTestId('band-unscored')).toHaveTextContent('Not scored yet1');
  });

  it('sends each filter to the API, keeps them in the URL, and walks back with the history', async () => {
    const api = fakeApi();
    const router = renderAt('/dashboard', MANAGER);
    await screen.findByRole('table', { name: 'Partners not ended, lowest health score first' });
    expect(api.lastQuery()).toEqual({ limit: '50', offset: '0' });

    await userEvent.click(screen.getByRole('combobox', { name: 'Band' }));
    await userEvent.click(await screen.findByRole('option', { name: 'At risk' }));
    await waitFor(() => expect(search(router)).toEqual({ band: 'at-risk' }));
    await waitFor(() => expect(api.lastQuery()).toEqual({ band: 'at-risk', limit: '50', offset: '0' }));

    await userEvent.click(screen.getByRole('combobox', { name: 'Stage' }));
    // Ended partners are never in the portfolio: no such choice.
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      'Prospect',
      'Exploring',
      'Active',
      'Paused',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'Active' }));
    await waitFor(() => expect(search(router)).toEqual({ band: 'at-risk', stage: 'active' }));

    await userEvent.click(screen.getByRole('combobox', { name: 'Looked after by' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Ben Outreach' }));
    await waitFor(() =>
      expect(api.lastQuery()).toEqual({ band: 'at-risk', stage: 'active', ownerId: BEN, limit: '50', offset: '0' }),
    );
    expect(search(router)).toEqual({ band: 'at-risk', stage: 'active', ownerId: BEN });
    expect(
      await screen.findByText('1 of 4 partners: at risk, active, looked after by Ben Outreach'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('switch', { name: 'My partners' }));
    await waitFor(() => expect(search(router)).toEqual({ band: 'at-risk', stage: 'active', mine: true }));
    await waitFor(() => expect(api.lastQuery().ownerId).toBe(MANAGER.id));
    expect(screen.getByRole('combobox', { name: 'Looked after by' })).toHaveValue('Me');

    router.history.back();
    await waitFor(() => expect(search(router)).toEqual({ band: 'at-risk', stage: 'active', ownerId: BEN }));
    await waitFor(() => expect(screen.getByRole('switch', { name: 'My partners' })).not.toBeChecked());
    expect(screen.getByRole('combobox', { name: 'Looked after by' })).toHaveValue('Ben Outreach');
  });

  it('opens with the filters of a link, "My partners" meaning whoever opens it', async () => {
    const api = fakeApi();
    renderAt('/dashboard?mine=true&band=unscored', MANAGER);
    const table = await screen.findByRole('table', { name: 'Partners not ended, lowest health score first' });
    expect(api.lastQuery()).toEqual({ band: 'unscored', ownerId: MANAGER.id, limit: '50', offset: '0' });
    await waitFor(() =>
      expect(
        within(table)
          .getAllByRole('row')
          .slice(1)
          .map((row) => within(row).getAllByRole('link')[0].textContent),
      ).toEqual(['Elm Reading Club']),
    );
    expect(screen.getByRole('switch', { name: 'My partners' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Band' })).toHaveValue('Not scored yet');
  });

  it('ignores filters a hand-edited link gets wrong instead of sending them to the API', async () => {
    const api = fakeApi();
    renderAt('/dashboard?band=great&stage=ended&ownerId=nope&page=-2', MANAGER);
    await screen.findByRole('table', { name: 'Partners not ended, lowest health score first' });
    expect(api.lastQuery()).toEqual({ limit: '50', offset: '0' });
  });

  it('pages through the portfolio 50 partners at a time, and a new filter starts again at page 1', async () => {
    const api = fakeApi(manyPartners(120));
    const router = renderAt('/dashboard', MANAGER);
    const table = await screen.findByRole('table', { name: 'Partners not ended, lowest health score first' });
    const firstName = () => within(table).getAllByRole('row')[1].querySelector('a')?.textContent;
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('120 partners, worst first · page 1 of 3')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Page 2' }));
    await waitFor(() => expect(search(router)).toEqual({ page: 2 }));
    await waitFor(() => expect(firstName()).toBe('Partner 051'));
    expect(api.lastQuery()).toEqual({ limit: '50', offset: '50' });

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(firstName()).toBe('Partner 101'));
    expect(api.lastQuery()).toEqual({ limit: '50', offset: '100' });
    expect(within(table).getAllByRole('row')).toHaveLength(21);

    await userEvent.click(screen.getByRole('combobox', { name: 'Stage' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Active' }));
    await waitFor(() => expect(search(router)).toEqual({ stage: 'active' }));
    await waitFor(() => expect(api.lastQuery()).toEqual({ stage: 'active', limit: '50', offset: '0' }));
  });

  it('lists only a band when its count is clicked, and every band again on a second click; the counts stay whole', async () => {
    const api = fakeApi();
    const router = renderAt('/dashboard', MANAGER);
    await screen.findByRole('table', { name: 'Partners not ended, lowest health score first' });
    const dormant = within(screen.getByTestId('band-dormant')).getByRole('button');
    await userEvent.click(dormant);
    await waitFor(() => expect(search(router)).toEqual({ band: 'dormant' }));
    await waitFor(() => expect(api.lastQuery()).toEqual({ band: 'dormant', limit: '50', offset: '0' }));
    expect(within(screen.getByTestId('band-dormant')).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
    // Counts are for the whole portfolio, whatever the filter.
    expect(screen.getByTestId('band-thriving')).toHaveTextContent('Thriving1');
    await waitFor(() => expect(screen.getAllByTestId('portfolio-row')).toHaveLength(1));

    await userEvent.click(within(screen.getByTestId('band-dormant')).getByRole('button'));
    await waitFor(() => expect(search(router)).toEqual({}));
    await waitFor(() => expect(screen.getAllByTestId('portfolio-row')).toHaveLength(4));
  });

  it('says why nothing matches and clears the filters with one button', async () => {
    const api = fakeApi();
    const router = renderAt('/dashboard?band=dormant&stage=prospect', MANAGER);
    const empty = await screen.findByTestId('portfolio-empty');
    expect(empty).toHaveTextContent(
      'No partner matches these filters (dormant, prospect). Loosen one, or clear them to see the whole portfolio.',
    );
    expect(
      screen.queryByRole('table', { name: 'Partners not ended, lowest health score first' }),
    ).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Clear filters' })).toHaveLength(1);

    await userEvent.click(within(empty).getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(search(router)).toEqual({}));
    await waitFor(() => expect(api.lastQuery()).toEqual({ limit: '50', offset: '0' }));
    await waitFor(() => expect(screen.getAllByTestId('portfolio-row')).toHaveLength(4));
  });

  it('shows the current work-plan goals, off track first as the API orders them, with the way to all goals', async () => {
    fakeApi({
      ...dashboard(),
      goals: [
        goal({
          title: 'Partners for teens',
          metric: 'active-partners',
          target: 12,
          progress: { value: 3, ratio: 0.25, expectedByNow: 5, onTrack: false, status: 'off-track' },
        }),
        goal({ title: 'Teens at our sessions' }),
      ],
    });
    renderAt('/dashboard', MANAGER);
    const section = await screen.findByRole('region', { name: 'Work-plan goals' });
    expect(within(section).getByText('2 current goals, 1 off track (listed first)')).toBeInTheDocument();
    const cards = within(section).getAllByTestId('goal-card');
    expect(cards.map((card) => within(card).getByRole('heading').textContent)).toEqual([
      'Partners for teens',
      'Teens at our sessions',
    ]);
    expect(cards[0]).toHaveTextContent('3 of 12 active partners');
    expect(within(cards[0]).getByText('Off track')).toBeInTheDocument();
    expect(within(cards[0]).getByRole('progressbar')).toHaveAttribute('aria-valuetext', '3 of 12, expected 5 by now');
    expect(within(cards[1]).getByText('On track')).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'All goals' })).toHaveAttribute('href', '/goals');
  });

  it('invites a manager to set a goal when none runs', async () => {
    fakeApi();
    renderAt('/dashboard', MANAGER);
    const section = await screen.findByRole('region', { name: 'Work-plan goals' });
    expect(within(section).getByText('No goal runs today.')).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'Set a goal for this year’s work plan' })).toHaveAttribute(
      'href',
      '/goals?new=1',
    );
    expect(within(section).queryByTestId('goal-card')).toBeNull();
  });

  it('says a band is empty across the whole portfolio when it is', async () => {
    fakeApi();
    renderAt('/dashboard?band=steady', MANAGER);
    expect(await screen.findByTestId('portfolio-empty')).toHaveTextContent('No partner is steady right now.');
  });
});
