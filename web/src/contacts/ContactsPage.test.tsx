import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import type { Contact } from '../api/types';
import { App } from '../app';
import { createAppRouter, type AppRouter } from '../router';
import { userEvent } from '../test/user-event';

const STAFF = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
const VIEWER = { ...STAFF, id: '44444444-4444-4444-8444-444444444444', role: 'viewer' } as User;
const SHELTER = '22222222-2222-4222-8222-222222222222';
const COLLEGE = '33333333-3333-4333-8333-333333333333';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function organization(id: string, name: string) {
  return {
    id,
    version: 1,
    name,
    type: null,
    website: null,
    email: null,
    phone: null,
    address: null,
    mission: null,
    notes: null,
    stage: 'active',
    ownerId: null,
    audienceIds: [],
    capabilityIds: [],
    seeksCapabilityIds: [],
    tags: [],
    fit: { audienceReach: 0, missionOverlap: 0, complementaryResources: 0, notes: null },
    createdAt: '2026-02-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
  };
}
const PARTNERS = [
  organization(SHELTER, 'Harbor House Youth Shelter'),
  organization(COLLEGE, 'Next Step College Access'),
];

function contact(name: string, organizationId: string, overrides: Partial<Contact> = {}): Contact {
  return {
    id: crypto.randomUUID(),
    version: 1,
    organizationId,
    name,
    title: 'Case manager',
    email: `${name.split(' ')[0].toLowerCase()}@partner.example.org`,
    phone: '+1 503 555 0142',
    preferredChannel: 'email',
    language: 'en',
    isPrimary: false,
    notes: null,
    ...overrides,
  };
}

/** A stand-in for the API: records each contacts query and answers with `contacts` (as the caller's role gets them). */
function fakeApi(contacts: Contact[], total = contacts.length) {
  const contactQueries: URLSearchParams[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname === '/api/v1/contacts') {
        contactQueries.push(url.searchParams);
        return json({ data: contacts, meta: { total, limit: 25, offset: Number(url.searchParams.get('offset')) } });
      }
      if (url.pathname === '/api/v1/organizations')
        return json({ data: PARTNERS, meta: { total: PARTNERS.length, limit: 20, offset: 0 } });
      const partner = PARTNERS.find((candidate) => url.pathname === `/api/v1/organizations/${candidate.id}`);
      if (partner) return json(partner);
      return json({ status: 404, detail: 'not here' }, 404);
    }),
  );
  const last = () => Object.fromEntries(contactQueries.at(-1) ?? []);
  return { contactQueries, last };
}

function renderAt(path: string, user: User = STAFF): AppRouter {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<App router={router} queryClient={queryClient} env="test" />);
  return router;
}

describe('ContactsPage', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('asks the API for what the address says: words, partner and page', async () => {
    const api = fakeApi([contact('Dana Whitfield', SHELTER)], 30);
    renderAt(`/contacts?q=whit&organizationId=${SHELTER}&page=2`);
    await screen.findByRole('heading', { level: 1, name: 'Contacts' });
    await waitFor(() => expect(api.last()).toEqual({ q: 'whit', organizationId: SHELTER, limit: '25', offset: '25' }));
    expect(screen.getByRole('searchbox', { name: /Search contacts/ })).toHaveValue('whit');
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /^Partner/ })).toHaveValue('Harbor House Youth Shelter'),
    );
    expect(await screen.findByRole('status')).toHaveTextContent('30 contacts found');
    expect(screen.getByRole('button', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
  });

  it('drops what a hand-edited address gets wrong instead of sending it', async () => {
    const api = fakeApi([]);
    renderAt(`/contacts?q=${'x'.repeat(201)}&organizationId=not-an-id&page=-3`);
    await screen.findByRole('heading', { level: 1, name: 'Contacts' });
    await waitFor(() => expect(api.last()).toEqual({ limit: '25', offset: '0' }));
    expect(await screen.findByText('No contacts yet. Add them on a partner’s page.')).toBeInTheDocument();
  });

  it('puts typed words into the address once typing pauses, back on page 1, and searches them', async () => {
    const api = fakeApi([contact('Dana Whitfield', SHELTER)]);
    const router = renderAt('/contacts?page=3');
    const box = await screen.findByRole('searchbox', { name: /Search contacts/ });
    await userEvent.type(box, 'case manager');
    await waitFor(() => expect(router.state.location.search).toEqual({ q: 'case manager' }));
    await waitFor(() => expect(api.last()).toEqual({ q: 'case manager', limit: '25', offset: '0' }));
    // One search for the words typed, not one per key.
    expect(api.contactQueries.filter((query) => query.has('q'))).toHaveLength(1);
  });

  it('filters by the partner chosen, and clears filters', async () => {
    const api = fakeApi([contact('Dana Whitfield', SHELTER)]);
    const router = renderAt('/contacts');
    await userEvent.click(await screen.findByRole('combobox', { name: /^Partner/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Next Step College Access' }));
    await waitFor(() => expect(router.state.location.search).toEqual({ organizationId: COLLEGE }));
    await waitFor(() => expect(api.last()).toEqual({ organizationId: COLLEGE, limit: '25', offset: '0' }));

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
    await waitFor(() => expect(api.last()).toEqual({ limit: '25', offset: '0' }));
  });

  it('shows staff each contact’s partner (linked to its contacts), email and phone', async () => {
    fakeApi([contact('Dana Whitfield', SHELTER, { isPrimary: true }), contact('Luis Ortega', COLLEGE)]);
    renderAt('/contacts', STAFF);
    const rows = await screen.findAllByTestId('contact-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('Primary')).toBeInTheDocument();
    const partner = await within(rows[0]).findByRole('link', { name: 'Harbor House Youth Shelter' });
    expect(partner).toHaveAttribute('href', `/organizations/${SHELTER}#contacts`);
    expect(within(rows[0]).getByRole('link', { name: 'dana@partner.example.org' })).toHaveAttribute(
      'href',
      'mailto:dana@partner.example.org',
    );
    expect(within(rows[1]).getByRole('link', { name: '+1 503 555 0142' })).toHaveAttribute('href', 'tel:+15035550142');
    expect(screen.getByRole('searchbox', { name: /Search contacts/ })).toHaveAccessibleDescription(
      'Name, title, email or phone',
    );
  });

  it('shows viewers names, titles and partners only', async () => {
    fakeApi([contact('Dana Whitfield', SHELTER, { email: null, phone: null, notes: null })]);
    renderAt('/contacts', VIEWER);
    const [row] = await screen.findAllByTestId('contact-row');
    expect(row).toHaveTextContent('Dana Whitfield');
    expect(row).toHaveTextContent('Case manager');
    await within(row).findByRole('link', { name: 'Harbor House Youth Shelter' });
    expect(within(row).getAllByRole('link')).toHaveLength(1);
    expect(row.textContent).not.toMatch(/@|null|undefined/);
    expect(screen.getByRole('searchbox', { name: /Search contacts/ })).toHaveAccessibleDescription('Name or title');
    expect(screen.queryByRole('button', { name: /Add|Edit|Erase/ })).toBeNull();
  });

  it('is in the navigation for every role, after the partner directory', async () => {
    fakeApi([]);
    renderAt('/contacts', VIEWER);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const labels = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(labels.slice(0, 2)).toEqual(['Partner directory', 'Contacts']);
    expect(within(nav).getByRole('link', { name: 'Contacts' })).toHaveAttribute('aria-current', 'page');
  });
});
