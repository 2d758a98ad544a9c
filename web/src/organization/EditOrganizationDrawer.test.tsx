import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import type { Organization } from '../api/types';
import { CurrentUserContext } from '../auth/useSession';
import { userEvent } from '../test/user-event';
import { cssVariablesResolver, theme } from '../theme';
import { EditOrganizationDrawer } from './EditOrganizationDrawer';

// jsdom has no FontFaceSet; Mantine's autosizing textareas listen to it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

const STAFF = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
} as unknown as User;
const ORG = {
  id: '22222222-2222-4222-8222-222222222222',
  version: 3,
  name: 'Casa Esperanza',
  type: 'Youth shelter',
  website: null,
  email: null,
  phone: null,
  address: null,
  mission: 'Safe beds.',
  notes: null,
  stage: 'active',
  ownerId: null,
  audienceIds: [],
  capabilityIds: [],
  seeksCapabilityIds: [],
  tags: [],
  fit: { audienceReach: 0, missionOverlap: 0, complementaryResources: 0, notes: null },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
} as unknown as Organization;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The API: vocabularies, the team list, the partner as `current` says, and PATCHes answered by `answer`. */
function fakeApi(answer: (body: Record<string, unknown>) => Response, current: () => Organization = () => ORG) {
  const patches: Record<string, unknown>[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/users/directory')
        return json({ data: [{ id: STAFF.id, name: STAFF.name, role: 'staff' }] });
      if (url.pathname === '/api/v1/audiences' || url.pathname === '/api/v1/capabilities') return json({ data: [] });
      if (url.pathname === `/api/v1/organizations/${ORG.id}` && request.method === 'PATCH') {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push(body);
        return answer(body);
      }
      if (url.pathname === `/api/v1/organizations/${ORG.id}`) return json(current());
      return json({ status: 404, detail: 'not here' }, 404);
    }),
  );
  return patches;
}

function renderDrawer(onClose = vi.fn()) {
  session.signInForTest(STAFF);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={queryClient}>
        <CurrentUserContext.Provider value={STAFF}>
          <EditOrganizationDrawer organization={ORG} opened onClose={onClose} />
        </CurrentUserContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return onClose;
}

describe('EditOrganizationDrawer', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('weighs the partner on the three criteria and sends only what changed, with the version read', async () => {
    const patches = fakeApi((body) => json({ ...ORG, version: 4, ...body }));
    const onClose = renderDrawer();
    const dialog = await screen.findByRole('dialog', { name: 'Edit Casa Esperanza' });
    await userEvent.click(
      within(within(dialog).getByRole('radiogroup', { name: /Audience reach/ })).getByLabelText('5'),
    );
    await userEvent.click(
      within(within(dialog).getByRole('radiogroup', { name: /Mission overlap/ })).getByLabelText('3'),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Notes on fit' }),
      'Their interns need tech skills.',
    );
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Address' }), '12 Pike St');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(patches).toEqual([
      {
        address: '12 Pike St',
        fit: { audienceReach: 5, missionOverlap: 3, notes: 'Their interns need tech skills.' },
        version: 3,
      },
    ]);
  });

  it('shows the server’s field errors on their fields and keeps what was typed', async () => {
    fakeApi(() =>
      json(
        { status: 400, title: 'Bad Request', errors: [{ field: 'website', message: 'must be a web address' }] },
        400,
      ),
    );
    renderDrawer();
    const dialog = await screen.findByRole('dialog', { name: 'Edit Casa Esperanza' });
    const website = within(dialog).getByRole('textbox', { name: 'Website' });
    await userEvent.type(website, 'not a site');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText('Must be a web address')).toBeInTheDocument();
    expect(website).toHaveValue('not a site');
    await userEvent.type(website, 'x');
    expect(within(dialog).queryByText('Must be a web address')).not.toBeInTheDocument();
  });

  it('on a colleague’s save (409) shows their version, keeps mine, and saves mine over theirs on their version', async () => {
    const theirs = { ...ORG, version: 4, phone: '206-555-0101', mission: 'Safe beds and meals.' };
    const patches = fakeApi(
      (body) =>
        body.version === 3
          ? json({ status: 409, title: 'Conflict', code: 'STALE_VERSION', detail: 'stale' }, 409)
          : json({ ...theirs, ...body, version: 5 }),
      () => theirs,
    );
    const onClose = renderDrawer();
    const dialog = await screen.findByRole('dialog', { name: 'Edit Casa Esperanza' });
    const type = within(dialog).getByRole('textbox', { name: 'Type' });
    await userEvent.clear(type);
    await userEvent.type(type, 'Youth shelter and drop-in');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('A colleague changed this partner while you were editing it');
    expect(alert).toHaveTextContent('Phone: 206-555-0101');
    expect(alert).toHaveTextContent('Mission: Safe beds and meals.');
    expect(type).toHaveValue('Youth shelter and drop-in');
    await userEvent.click(within(alert).getByRole('button', { name: 'Save mine over theirs' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(patches.at(-1)).toEqual({ type: 'Youth shelter and drop-in', version: 4 });
  });
});
