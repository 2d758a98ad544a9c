import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';

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

/** The matching settings at version 1; a PATCH answers 409 when `stale`, else the saved version 2. */
function fakeApi({ stale = false } = {}) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  let current = { version: 1, minStrength: 60, maxPerPartner: 3 };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url);
      const body =
        request.method === 'GET' ? undefined : await request.text().then((t) => (t ? JSON.parse(t) : undefined));
      calls.push({ method: request.method, path: url.pathname, body });
      const json = (data: unknown, status = 200) =>
        new Response(JSON.stringify(data), {
          status,
          headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
        });
      if (url.pathname === '/api/v1/settings/matching' && request.method === 'GET') return json(current);
      if (url.pathname === '/api/v1/settings/matching' && request.method === 'PATCH') {
        if (stale) {
          current = { version: 3, minStrength: 70, maxPerPartner: 4 };
          return json({ status: 409, code: 'STALE_VERSION', detail: 'Changed meanwhile.' }, 409);
        }
        const { version: _version, ...change } = body as { version: number };
        current = { ...current, ...change, version: current.version + 1 };
        return json(current);
      }
      return json({ status: 404, detail: 'not here' }, 404);
    }),
  );
  return calls;
}

function renderSettings() {
  session.signInForTest(ADMIN);
  const router = createAppRouter(createMemoryHistory({ initialEntries: ['/admin/settings'] }));
  render(
    <App router={router} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} env="test" />,
  );
}

describe('suggested introductions settings', () => {
  it('show the floor and the cap, refuse a bad number before sending, and save the rest with the version', async () => {
    const calls = fakeApi();
    renderSettings();
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Suggested introductions' });
    const floor = await within(section).findByRole('textbox', { name: /^Lowest strength shown/ });
    const cap = within(section).getByRole('textbox', { name: /^Suggestions per partner/ });
    expect(floor).toHaveValue('60');
    expect(cap).toHaveValue('3');
    await user.clear(cap);
    await user.type(cap, '2');
    await user.click(within(section).getByRole('button', { name: 'Save introduction settings' }));
    expect(await within(section).findByText('Enter a whole number from 3 to 100')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([]);
    await user.clear(cap);
    await user.type(cap, '5');
    await user.clear(floor);
    await user.type(floor, '50');
    await user.click(within(section).getByRole('button', { name: 'Save introduction settings' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      version: 1,
      minStrength: 50,
      maxPerPartner: 5,
    });
    expect(
      await within(section).findByText('Saved. The list of suggested introductions uses them from now on.'),
    ).toBeInTheDocument();
    expect(within(section).getByRole('textbox', { name: /^Suggestions per partner/ })).toHaveValue('5');
  });

  it("show a colleague's values after a 409", async () => {
    fakeApi({ stale: true });
    renderSettings();
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Suggested introductions' });
    const floor = await within(section).findByRole('textbox', { name: /^Lowest strength shown/ });
    await user.clear(floor);
    await user.type(floor, '40');
    await user.click(within(section).getByRole('button', { name: 'Save introduction settings' }));
    expect(await within(section).findByText(/^Someone changed these settings/)).toBeInTheDocument();
    await waitFor(() =>
      expect(within(section).getByRole('textbox', { name: /^Lowest strength shown/ })).toHaveValue('70'),
    );
  });
});
