import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '../test/user-event';
import { describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter, type AppRouter } from '../router';

// jsdom has no FontFaceSet; Mantine's autosizing textareas listen to it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

const ADMIN: User = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'maya@library.test',
  name: 'Maya Chen',
  role: 'admin',
  active: true,
  timezone: 'UTC',
  invitationPending: false,
  mfaEnabled: false,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const MANAGER: User = { ...ADMIN, id: '22222222-2222-4222-8222-222222222222', name: 'Kim Lee', role: 'manager' };
const STAFF: User = { ...ADMIN, id: '33333333-3333-4333-8333-333333333333', name: 'Sam Staff', role: 'staff' };

const HEALTH = {
  version: 4,
  weights: { recency: 25, sessions: 15, feedback: 15, attendance: 15, followUps: 10, fit: 10, checkIn: 10 },
  bands: { thriving: 75, steady: 50, atRisk: 25 },
};

/** A stand-in for the API that records every call. */
function fakeApi() {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url);
      const body =
        request.method === 'GET'
          ? undefined
          : await request.text().then((text) => (text ? JSON.parse(text) : undefined));
      calls.push({ method: request.method, path: url.pathname, body });
      const json = (data: unknown) =>
        new Response(JSON.stringify(data), { status: 200, headers: { 'Content-Type': 'application/json' } });
      switch (`${request.method} ${url.pathname}`) {
        case 'GET /api/v1/settings/health':
          return json(HEALTH);
        case 'GET /api/v1/settings/check-ins':
          return json({
            version: 1,
            intervalMonths: 6,
            respondWithinDays: 21,
            automatic: true,
            firstAfterDays: 90,
            dailyLimit: 25,
          });
        case 'PATCH /api/v1/settings/check-ins':
          return json({
            intervalMonths: 6,
            respondWithinDays: 21,
            automatic: true,
            firstAfterDays: 90,
            ...(body as object),
            version: 2,
          });
        case 'GET /api/v1/audiences':
        case 'GET /api/v1/capabilities':
          return json({ data: [] });
        case 'POST /api/v1/audiences':
          return json({ id: '44444444-4444-4444-8444-444444444444', version: 1, ...(body as object) });
        case 'GET /api/v1/users':
          return json({ data: [], meta: { total: 0, limit: 50, offset: 0 } });
        default:
          return new Response(JSON.stringify({ status: 404, detail: 'not here' }), {
            status: 404,
            headers: { 'Content-Type': 'application/problem+json' },
          });
      }
    }),
  );
  return calls;
}

function renderAt(path: string, user: User): AppRouter {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  render(
    <App router={router} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} env="test" />,
  );
  return router;
}

describe('administration screens', () => {
  it('show a staff member the 403 page and no Administration navigation, without asking the API for users', async () => {
    const calls = fakeApi();
    renderAt('/admin/users', STAFF);
    await screen.findByRole('heading', { level: 1, name: 'Not available to your role' });
    expect(screen.getByText(/Users \(administration\) is for admins/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Administration' })).toBeNull();
    expect(calls.filter((call) => call.path === '/api/v1/users')).toEqual([]);
  });

  it('send a manager from /admin to the first section they may use, with only those in the navigation', async () => {
    fakeApi();
    const router = renderAt('/admin', MANAGER);
    await screen.findByRole('heading', { level: 1, name: 'Audiences' });
    expect(router.state.location.pathname).toBe('/admin/audiences');
    const nav = screen.getByRole('navigation', { name: 'Administration' });
    expect(nav).toHaveTextContent('Skills & resources');
    expect(nav).not.toHaveTextContent('Users');
    expect(nav).not.toHaveTextContent('Settings');
  });

  it('keep a live sum of the health weights and send nothing while they do not add up to 100', async () => {
    const calls = fakeApi();
    renderAt('/admin/settings', ADMIN);
    const recency = await screen.findByRole('textbox', { name: /Contact recency/ });
    expect(screen.getByText('The weights add up to 100.')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.clear(recency);
    await user.type(recency, '20');
    expect(screen.getByText('The weights add up to 95: add 5 more to reach 100.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save health settings' }));
    expect(await screen.findByText('Not saved: fix the values marked below.')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([]);

    const fit = screen.getByRole('textbox', { name: /^Fit/ });
    await user.clear(fit);
    await user.type(fit, '15');
    expect(screen.getByText('The weights add up to 100.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save health settings' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: '/api/v1/settings/health',
      body: { version: 4, weights: { ...HEALTH.weights, recency: 20, fit: 15 }, bands: HEALTH.bands },
    });
  });
});

describe('Number boxes on the admin pages', () => {
  it('keep a weight, a band and the check-in months as typed, refuse them with a message, and send nothing until fixed', async () => {
    const calls = fakeApi();
    renderAt('/admin/settings', ADMIN);
    const user = userEvent.setup();
    const fit = await screen.findByRole('textbox', { name: /^Fit/ });
    await user.clear(fit);
    await user.type(fit, '-5');
    expect(fit).toHaveValue('-5');
    const steady = screen.getByRole('textbox', { name: /^Steady from/ });
    await user.clear(steady);
    await user.type(steady, '12.5');
    expect(steady).toHaveValue('12.5');
    await user.click(screen.getByRole('button', { name: 'Save health settings' }));
    expect(fit).toHaveAttribute('aria-invalid', 'true');
    expect(steady).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getAllByText('Enter a whole number from 0 to 100')).toHaveLength(2);

    // Each message goes as soon as its box is right.
    await user.clear(steady);
    await user.type(steady, '50');
    expect(steady).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getAllByText('Enter a whole number from 0 to 100')).toHaveLength(1);
    await user.clear(fit);
    await user.type(fit, '10');
    expect(screen.queryByText('Enter a whole number from 0 to 100')).toBeNull();

    const months = screen.getByRole('textbox', { name: /^Ask each partner every/ });
    await user.clear(months);
    await user.type(months, '1.5');
    expect(months).toHaveValue('1.5');
    await user.click(screen.getByRole('button', { name: 'Save check-in settings' }));
    expect(await screen.findByText('Enter a whole number of months from 1 to 24')).toBeInTheDocument();
    await user.clear(months);
    await user.type(months, '99999');
    // Typing went through "9", which is right, so the message went; saving brings it back.
    await user.click(screen.getByRole('button', { name: 'Save check-in settings' }));
    expect(screen.getByText('Enter a whole number of months from 1 to 24')).toBeInTheDocument();
    await user.clear(months);
    await user.type(months, '3');
    expect(screen.queryByText('Enter a whole number of months from 1 to 24')).toBeNull();
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([]);
  });

  it('take the days a new partner waits for its first check-in, with what they mean, and refuse a bad number', async () => {
    const calls = fakeApi();
    renderAt('/admin/settings', ADMIN);
    const user = userEvent.setup();
    const wait = await screen.findByRole('textbox', { name: /^First check-in after/ });
    expect(wait).toHaveValue('90');
    expect(wait).toHaveAccessibleDescription(
      'In days. A new partner gets its first check-in after it has been active this many days.',
    );
    await user.clear(wait);
    await user.type(wait, '400');
    await user.click(screen.getByRole('button', { name: 'Save check-in settings' }));
    expect(await screen.findByText('Enter a whole number of days from 0 to 365')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([]);
    await user.clear(wait);
    await user.type(wait, '30');
    await user.click(screen.getByRole('button', { name: 'Save check-in settings' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: '/api/v1/settings/check-ins',
      body: {
        version: 1,
        intervalMonths: 6,
        respondWithinDays: 21,
        automatic: true,
        firstAfterDays: 30,
        dailyLimit: 25,
      },
    });
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
  });

  it('keep an audience’s estimated population as typed and refuse a negative or a decimal with a message', async () => {
    const calls = fakeApi();
    renderAt('/admin/audiences', ADMIN);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Add an? / }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Teens');
    const population = within(dialog).getByRole('textbox', { name: /^Estimated population/ });
    await user.type(population, '-40');
    expect(population).toHaveValue('-40');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(await within(dialog).findByText('An estimate can’t be below 0. Enter 0 or more.')).toBeInTheDocument();
    await user.clear(population);
    await user.type(population, '12.5');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByText('Enter a whole number, without decimals.')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST')).toEqual([]);
    await user.clear(population);
    await user.type(population, '12,000');
    expect(within(dialog).queryByText(/Enter a|can’t be below/)).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({
      name: 'Teens',
      estimatedPopulation: 12000,
    });
  });
});
