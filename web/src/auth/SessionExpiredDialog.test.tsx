import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';

const ANA = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
  timezone: 'America/Chicago',
  mfaEnabled: false,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
const BEN = { ...ANA, id: '22222222-2222-4222-8222-222222222222', email: 'ben@library.test', name: 'Ben Outreach' };

/**
 * A stand-in for the API whose session has ended: the access token in memory is refused, and so is
 * the refresh cookie, until someone signs in (or `cookieSignedIn` says another tab did).
 */
function fakeApi({ twoFactor = false } = {}) {
  const state = { token: 'valid-token', cookie: false, signedInAs: ANA };
  const calls: { method: string; path: string; body: string; authorization: string | null }[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
    });
  const fetch = vi.fn(async (input: Request | URL | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const path = new URL(request.url).pathname;
    const body = await request.text();
    const authorization = request.headers.get('Authorization');
    calls.push({ method: request.method, path, body, authorization });
    if (path === '/api/v1/auth/refresh') {
      if (!state.cookie) return json({ status: 401, title: 'Unauthorized' }, 401);
      state.token = 'tab-token';
      return json({ accessToken: 'tab-token', expiresIn: 900 });
    }
    if (path === '/api/v1/auth/login') {
      const { email, password, otp } = JSON.parse(body) as { email: string; password: string; otp?: string };
      if (password !== 'right password') return json({ status: 401, title: 'Unauthorized' }, 401);
      if (twoFactor && !otp) return json({ status: 401, code: 'MFA_REQUIRED', title: 'Unauthorized' }, 401);
      if (twoFactor && otp !== '123456') return json({ status: 401, code: 'MFA_INVALID', title: 'Unauthorized' }, 401);
      state.signedInAs = email === BEN.email ? BEN : ANA;
      state.token = `token-of-${state.signedInAs.id}`;
      state.cookie = true;
      return json({ accessToken: state.token, expiresIn: 900, user: state.signedInAs });
    }
    if (authorization !== `Bearer ${state.token}`) return json({ status: 401, title: 'Unauthorized' }, 401);
    if (path === '/api/v1/auth/me' && request.method === 'GET') return json(state.signedInAs);
    if (path === '/api/v1/auth/me' && request.method === 'PATCH') {
      const change = JSON.parse(body) as { name: string; timezone: string };
      return json({ ...state.signedInAs, ...change, version: 2 });
    }
    if (path === '/api/v1/organizations') return json({ data: [], meta: { total: 0, limit: 25, offset: 0 } });
    return json({ data: [] });
  });
  return { fetch, state, calls };
}

async function openAccountAndEndSession(api: ReturnType<typeof fakeApi>) {
  vi.stubGlobal('fetch', api.fetch);
  session.signInForTest(ANA, 'valid-token');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createAppRouter(createMemoryHistory({ initialEntries: ['/account'] }));
  render(<App router={router} queryClient={queryClient} env="test" />);
  const name = await screen.findByRole('textbox', { name: /^Name/ });
  await userEvent.clear(name);
  await userEvent.type(name, 'Ana Ruiz-Staff');
  // The session ends server-side: the access token and the refresh cookie are refused from now on.
  api.state.token = 'nobody';
  await userEvent.click(screen.getByRole('button', { name: 'Save profile' }));
  const dialog = await screen.findByRole('dialog', { name: 'Sign in again' });
  return { dialog, router, queryClient };
}

const patches = (api: ReturnType<typeof fakeApi>) =>
  api.calls.filter((call) => call.method === 'PATCH' && call.path === '/api/v1/auth/me');

describe('the sign-in dialog when the session ends over a screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    session.signInForTest(ANA);
  });

  it('keeps the screen and what was typed, and sends the refused save once more after signing in again', async () => {
    const api = fakeApi();
    const { dialog, router } = await openAccountAndEndSession(api);

    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'Your session ended. Sign in again to carry on — what you typed is kept.',
    );
    expect(within(dialog).getByRole('textbox', { name: /^Email/ })).toHaveValue(ANA.email);
    expect(router.state.location.pathname).toBe('/account');
    expect(session.getSnapshot().status).toBe('expired');
    // The screen is still there underneath, with what was typed.
    expect(screen.getByRole('textbox', { name: /^Name/, hidden: true })).toHaveValue('Ana Ruiz-Staff');
    expect(patches(api)).toHaveLength(1);

    await userEvent.type(within(dialog).getByLabelText(/^Password/), 'wrong password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('That email and password do not match');
    expect(patches(api)).toHaveLength(1);

    await userEvent.clear(within(dialog).getByLabelText(/^Password/));
    await userEvent.type(within(dialog).getByLabelText(/^Password/), 'right password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    // Refused once (not carried out), then sent once with the new token, exactly as typed.
    expect(patches(api).map((call) => [call.authorization, JSON.parse(call.body).name])).toEqual([
      ['Bearer valid-token', 'Ana Ruiz-Staff'],
      [`Bearer token-of-${ANA.id}`, 'Ana Ruiz-Staff'],
    ]);
    expect(router.state.location.pathname).toBe('/account');
    expect(session.getSnapshot()).toMatchObject({ status: 'signed-in', user: { id: ANA.id } });
  });

  it('asks for the two-factor code in the dialog when the account has it on', async () => {
    const api = fakeApi({ twoFactor: true });
    const { dialog } = await openAccountAndEndSession(api);
    await userEvent.type(within(dialog).getByLabelText(/^Password/), 'right password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    await userEvent.type(
      await within(dialog).findByRole('textbox', { name: /Code from your authenticator app/ }),
      '123456',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(patches(api)).toHaveLength(2);
    expect(JSON.parse(patches(api)[1].body)).toMatchObject({ name: 'Ana Ruiz-Staff' });
  });

  it('does not carry the screen over to someone else signing in: the cache is emptied and they start at the directory', async () => {
    const api = fakeApi();
    const { dialog, router, queryClient } = await openAccountAndEndSession(api);
    expect(queryClient.getQueryData(['auth', 'me'])).toMatchObject({ id: ANA.id });
    queryClient.setQueryData(['organizations', 'ana-only'], { name: 'Something only Ana may see' });

    const email = within(dialog).getByRole('textbox', { name: /^Email/ });
    await userEvent.clear(email);
    await userEvent.type(email, BEN.email);
    await userEvent.type(within(dialog).getByLabelText(/^Password/), 'right password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/organizations'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Nothing Ana loaded is left in the cache (what is there now was loaded for Ben).
    expect(queryClient.getQueryData(['organizations', 'ana-only'])).toBeUndefined();
    const cached = JSON.stringify(
      queryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.state.data),
    );
    expect(cached).not.toContain(ANA.id);
    expect(cached).not.toContain('Ana');
    expect(screen.queryByDisplayValue('Ana Ruiz-Staff')).not.toBeInTheDocument();
    // Ana's save was never sent as Ben.
    expect(patches(api)).toHaveLength(1);
    expect(session.getSnapshot().user?.id).toBe(BEN.id);
  });

  it('closes by itself when another tab signed the same person in again, and the save goes through', async () => {
    const api = fakeApi();
    await openAccountAndEndSession(api);
    // Another tab signs in: the shared refresh cookie works again.
    api.state.cookie = true;
    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(patches(api).map((call) => call.authorization)).toEqual(['Bearer valid-token', 'Bearer tab-token']);
  });

  it('"Sign out instead" goes to the sign-in page', async () => {
    const api = fakeApi();
    const { dialog, router } = await openAccountAndEndSession(api);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out instead' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(session.getSnapshot().status).toBe('signed-out');
    expect(patches(api)).toHaveLength(1);
  });
});
