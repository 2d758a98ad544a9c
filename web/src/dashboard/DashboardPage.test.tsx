import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '../test/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
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
};

function dashboard(): HealthDashboard {
  return {
    data: [
      {
        organizationId: CEDAR,
        name: 'Cedar Internship Office',
        stage: 'active',
        score: 24,
        band: 'dormant',
        drivers: ['No contact in 150 days'],
        trend: { change: -25, direction: 'falling', spanDays: 21 },
      },
      {
        organizationId: BIRCH,
        name: 'Birch Youth Shelter',
        stage: 'active',
        score: 48,
        band: 'at-risk',
        drivers: ['3 follow-ups overdue'],
        trend: null,
      },
      {
        organizationId: ALDER,
        name: 'Alder College Access',
        stage: 'active',
        score: 99,
        band: 'thriving',
        drivers: [],
        trend: { change: 3, direction: 'steady', spanDays: 28 },
      },
    ],
    summary: {
      byBand: { thriving: 1, steady: 0, 'at-risk': 1, dormant: 1 },
      byStage: { prospect: 0, exploring: 0, active: 3, paused: 0, ended: 1 },
    },
    audienceCoverage: [
      { audienceId: '1', name: 'Teens', priority: 1, activePartners: 2 },
      { audienceId: '2', name: 'Seniors', priority: 2, activePartners: 0 },
      { audienceId: '3', name: 'Foster youth', priority: 1, activePartners: 0 },
    ],
    upcomingSessions: { total: 0, data: [] },
    overdueTasks: { total: 0, data: [] },
    introductions: { total: 1, data: [MATCH] },
  };
}

/** A stand-in for the API: the dashboard, its history, organizations by id and a dismiss that empties the introductions. */
function fakeApi() {
  const calls: string[] = [];
  let current = dashboard();
  const fetch = vi.fn(async (input: Request | URL | string) => {
    const request = input instanceof Request ? input : new Request(String(input));
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}`);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    if (url.pathname === '/api/v1/dashboard/health') return json(current);
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
  return { calls };
}

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
});
