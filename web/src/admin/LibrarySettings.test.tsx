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

type Answer = { status: number; body: unknown };

/** The library settings at version 1; a PATCH answers `patchAnswer` when given, else the saved version 2. */
function fakeApi({ patchAnswer }: { patchAnswer?: () => Answer } = {}) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  let current = {
    version: 1,
    name: 'The library',
    timezone: 'UTC',
    defaultLanguage: 'en',
    languages: ['en', 'es'],
    fiscalYearStartMonth: 7,
  };
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
      if (url.pathname === '/api/v1/settings/library' && request.method === 'GET') return json(current);
      if (url.pathname === '/api/v1/settings/library' && request.method === 'PATCH') {
        if (patchAnswer) {
          const answer = patchAnswer();
          if (answer.status === 409) current = { ...current, version: 3, name: 'Eastside Library' };
          return json(answer.body, answer.status);
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

function renderSettings(user: User = ADMIN) {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: ['/admin/settings'] }));
  render(
    <App router={router} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} env="test" />,
  );
}

const patches = <T extends { method: string }>(calls: T[]) => calls.filter((call) => call.method === 'PATCH');

describe('library settings', () => {
  it('show the name, zone and languages, move the default off an unticked language, and save with the version', async () => {
    const calls = fakeApi();
    renderSettings();
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Library' });
    const name = await within(section).findByRole('textbox', { name: /^Library name/ });
    expect(name).toHaveValue('The library');
    expect(within(section).getByRole('combobox', { name: /^Time zone/ })).toHaveValue('UTC');
    const english = within(section).getByRole('checkbox', { name: 'English' });
    const spanish = within(section).getByRole('checkbox', { name: 'Español' });
    expect(english).toBeChecked();
    expect(spanish).toBeChecked();
    expect(within(section).getByRole('combobox', { name: /^Default language/ })).toHaveValue('English');
    expect(within(section).getByRole('combobox', { name: /^Fiscal year starts in/ })).toHaveValue('July');

    await user.clear(name);
    await user.click(within(section).getByRole('button', { name: 'Save library settings' }));
    expect(await within(section).findByText('Enter the library’s name')).toBeInTheDocument();
    expect(patches(calls)).toEqual([]);

    await user.type(name, '  Riverside Library ');
    await user.click(english);
    expect(within(section).getByRole('combobox', { name: /^Default language/ })).toHaveValue('Español');
    const zone = within(section).getByRole('combobox', { name: /^Time zone/ });
    await user.clear(zone);
    await user.type(zone, 'Chicago');
    await user.click(await screen.findByRole('option', { name: 'America/Chicago' }));
    await user.click(within(section).getByRole('combobox', { name: /^Fiscal year starts in/ }));
    await user.click(await screen.findByRole('option', { name: 'October' }));
    await user.click(within(section).getByRole('button', { name: 'Save library settings' }));
    await waitFor(() => expect(patches(calls)).toHaveLength(1));
    expect(patches(calls)[0].body).toEqual({
      version: 1,
      name: 'Riverside Library',
      timezone: 'America/Chicago',
      languages: ['es'],
      defaultLanguage: 'es',
      fiscalYearStartMonth: 10,
    });
    expect(await within(section).findByText('Saved.')).toBeInTheDocument();
    expect(within(section).getByRole('combobox', { name: /^Fiscal year starts in/ })).toHaveValue('October');
    expect(within(section).getByRole('textbox', { name: /^Library name/ })).toHaveValue('Riverside Library');
    expect(within(section).getByRole('checkbox', { name: 'English' })).not.toBeChecked();
  });

  it('refuse to offer no language before sending', async () => {
    const calls = fakeApi();
    renderSettings();
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Library' });
    await user.click(await within(section).findByRole('checkbox', { name: 'English' }));
    await user.click(within(section).getByRole('checkbox', { name: 'Español' }));
    await user.click(within(section).getByRole('button', { name: 'Save library settings' }));
    expect(await within(section).findByText('Offer at least one language')).toBeInTheDocument();
    expect(patches(calls)).toEqual([]);
  });

  it("put the server's field errors beside their fields", async () => {
    fakeApi({
      patchAnswer: () => ({
        status: 400,
        body: {
          status: 400,
          code: 'VALIDATION_FAILED',
          detail: 'Some fields are invalid.',
          errors: [{ field: 'timezone', message: 'must be an IANA time zone such as America/Chicago' }],
        },
      }),
    });
    renderSettings();
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Library' });
    await user.click(await within(section).findByRole('button', { name: 'Save library settings' }));
    expect(await within(section).findByText('Must be an IANA time zone such as America/Chicago')).toBeInTheDocument();
    expect(within(section).getByText('Not saved: fix the values marked below.')).toBeInTheDocument();
  });

  it("show a colleague's values after a 409", async () => {
    fakeApi({
      patchAnswer: () => ({ status: 409, body: { status: 409, code: 'STALE_VERSION', detail: 'Changed meanwhile.' } }),
    });
    renderSettings();
    const user = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Library' });
    const name = await within(section).findByRole('textbox', { name: /^Library name/ });
    await user.clear(name);
    await user.type(name, 'Westside');
    await user.click(within(section).getByRole('button', { name: 'Save library settings' }));
    expect(await within(section).findByText(/^Someone changed these settings/)).toBeInTheDocument();
    await waitFor(() =>
      expect(within(section).getByRole('textbox', { name: /^Library name/ })).toHaveValue('Eastside Library'),
    );
  });

  it('are not shown to a manager', async () => {
    const calls = fakeApi();
    renderSettings({ ...ADMIN, role: 'manager' });
    await screen.findByRole('heading', { level: 1, name: 'Not available to your role' });
    expect(screen.queryByRole('region', { name: 'Library' })).toBeNull();
    // Only the app shell reads them (any role may: dates and times are shown in the library's zone); nothing writes them.
    expect(calls.filter((call) => call.path === '/api/v1/settings/library').map((call) => call.method)).toEqual([
      'GET',
    ]);
  });
});
