import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '../test/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import type { Organization } from '../api/types';
import { App } from '../app';
import { createAppRouter, type AppRouter } from '../router';

const STAFF: User = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
const VIEWER: User = { ...STAFF, id: '22222222-2222-4222-8222-222222222222', name: 'Vic Viewer', role: 'viewer' };
const YOUTH = '33333333-3333-4333-8333-333333333333';
const BEN = { id: '44444444-4444-4444-8444-444444444444', name: 'Ben Outreach', role: 'staff' };
const FORMER = '55555555-5555-4555-8555-555555555555';

function organization(name: string, overrides: Partial<Organization> = {}): Organization {
  return {
    id: crypto.randomUUID(),
    version: 1,
    name,
    type: 'Youth shelter',
    website: null,
    email: null,
    phone: null,
    address: null,
    mission: null,
    notes: null,
    stage: 'active',
    ownerId: STAFF.id,
    audienceIds: [YOUTH],
    capabilityIds: [],
    seeksCapabilityIds: [],
    tags: [],
    fit: { audienceReach: 0, missionOverlap: 0, complementaryResources: 0, notes: null },
    createdAt: '2026-02-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A stand-in for the API: records every directory query and answers from a small list. */
function fakeApi(total = 2, totalIsEstimate = false) {
  const listQueries: URLSearchParams[] = [];
  const fetch = vi.fn(async (input: Request | URL | string) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    switch (url.pathname) {
      case '/api/v1/organizations':
        listQueries.push(url.searchParams);
        return json({
          data: [
            organization('Harbor House Youth Shelter'),
            organization('Next Step College Access', { stage: 'exploring', ownerId: BEN.id }),
            organization('Dogwood Literacy Circle', { ownerId: FORMER }),
          ],
          meta: {
            total,
            limit: 25,
            offset: Number(url.searchParams.get('offset') ?? 0),
            totalIsEstimate,
            nextCursor: null,
          },
        });
      case '/api/v1/audiences':
        return json({ data: [{ id: YOUTH, name: 'Youth experiencing homelessness', priority: 1 }] });
      case '/api/v1/capabilities':
        return json({ data: [] });
      case '/api/v1/users/directory':
        // The team list: active colleagues only (the owner FORMER has left), no emails.
        return json({
          data: [
            BEN,
            { id: STAFF.id, name: STAFF.name, role: 'staff' },
            { id: VIEWER.id, name: VIEWER.name, role: 'viewer' },
          ],
        });
      default:
        return new Response(JSON.stringify({ status: 404, detail: 'not here' }), { status: 404 });
    }
  });
  vi.stubGlobal('fetch', fetch);
  return { listQueries, lastQuery: () => listQueries.at(-1)! };
}

function renderAt(path: string, user: User = STAFF): AppRouter {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<App router={router} queryClient={queryClient} env="test" />);
  return router;
}

const search = (router: AppRouter) => router.state.location.search as Record<string, unknown>;

describe('DirectoryPage: filters live in the URL', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('says "about" when a large directory’s total is the server’s estimate', async () => {
    fakeApi(51_234, true);
    renderAt('/organizations');
    expect(await screen.findByText('About 51,234 partners')).toBeInTheDocument();
  });

  it('reads the filters, sort and page from the URL and asks the API for exactly that', async () => {
    const api = fakeApi(60);
    renderAt(`/organizations?q=shelter&stage=active&audienceId=${YOUTH}&sort=-updatedAt&page=2`);

    expect(await screen.findByRole('link', { name: 'Harbor House Youth Shelter' })).toBeInTheDocument();
    const query = Object.fromEntries(api.lastQuery());
    expect(query).toEqual({
      q: 'shelter',
      stage: 'active',
      audienceId: YOUTH,
      sort: '-updatedAt',
      limit: '25',
      offset: '25',
    });
    expect(screen.getByRole('searchbox', { name: /search partners/i })).toHaveValue('shelter');
    expect(screen.getByRole('combobox', { name: 'Stage' })).toHaveValue('Active');
    expect(screen.getByRole('status')).toHaveTextContent('60 partners found');
    expect(screen.getByRole('columnheader', { name: /updated/i })).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByRole('columnheader', { name: /^name/i })).toHaveAttribute('aria-sort', 'none');
  });

  it('puts the search into the URL once typing pauses, back on page 1, replacing the history entry', async () => {
    const api = fakeApi();
    const router = renderAt('/organizations?page=3');
    const box = await screen.findByRole('searchbox', { name: /search partners/i });
    const entriesBefore = router.history.length;

    await userEvent.type(box, 'college');
    // Not one request per keystroke: the URL changes once, after the pause.
    await waitFor(() => expect(search(router)).toEqual({ q: 'college' }));
    await waitFor(() => expect(api.lastQuery().get('q')).toBe('college'));
    expect(api.listQueries.filter((query) => query.get('q')?.startsWith('c')).map((query) => query.get('q'))).toEqual([
      'college',
    ]);
    expect(api.lastQuery().get('offset')).toBe('0');
    expect(router.history.length).toBe(entriesBefore);
  });

  it('sets a stage from the filter and drops it again with "Clear filters"', async () => {
    fakeApi();
    const router = renderAt('/organizations?sort=-name');
    await userEvent.click(await screen.findByRole('combobox', { name: 'Stage' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Paused' }));
    await waitFor(() => expect(search(router)).toEqual({ stage: 'paused', sort: '-name' }));

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(search(router)).toEqual({ sort: '-name' }));
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });

  it('sorts by a column header, and flips the direction on a second click', async () => {
    fakeApi();
    const router = renderAt('/organizations');
    const header = await screen.findByRole('columnheader', { name: /^stage/i });
    await userEvent.click(within(header).getByRole('button'));
    await waitFor(() => expect(search(router)).toEqual({ sort: 'stage' }));
    await userEvent.click(within(screen.getByRole('columnheader', { name: /^stage/i })).getByRole('button'));
    await waitFor(() => expect(search(router)).toEqual({ sort: '-stage' }));
    expect(screen.getByRole('columnheader', { name: /^stage/i })).toHaveAttribute('aria-sort', 'descending');
  });

  it('follows the URL when it changes from elsewhere (back button)', async () => {
    fakeApi();
    const router = renderAt('/organizations?q=harbor');
    const box = await screen.findByRole('searchbox', { name: /search partners/i });
    await router.navigate({ to: '/organizations', search: { q: 'fafsa' } });
    await waitFor(() => expect(box).toHaveValue('fafsa'));
    router.history.back();
    await waitFor(() => expect(box).toHaveValue('harbor'));
  });

  it('ignores filters a hand-edited link gets wrong instead of sending them to the API', async () => {
    const api = fakeApi();
    renderAt('/organizations?stage=thriving&audienceId=nope&page=-4&sort=password');
    await screen.findByRole('link', { name: 'Harbor House Youth Shelter' });
    expect(Object.fromEntries(api.lastQuery())).toEqual({ sort: 'name', limit: '25', offset: '0' });
  });

  it('offers "Add partner" to staff but not to viewers', async () => {
    fakeApi();
    renderAt('/organizations', STAFF);
    expect(await screen.findByRole('button', { name: 'Add partner' })).toBeInTheDocument();
  });

  it('names each partner’s owner from the team list, for viewers too (a name, or "A colleague" for someone who left)', async () => {
    fakeApi();
    renderAt('/organizations', VIEWER);
    await screen.findByRole('link', { name: 'Dogwood Literacy Circle' });
    const ownerOf = (name: string) =>
      within(screen.getByRole('link', { name }).closest('tr')!).getAllByRole('cell')[3].textContent;
    await waitFor(() => expect(ownerOf('Next Step College Access')).toBe('Ben Outreach'));
    expect(ownerOf('Harbor House Youth Shelter')).toBe('Ana Staff');
    expect(ownerOf('Dogwood Literacy Circle')).toBe('A colleague');
  });

  it('lets anyone filter by any colleague as owner, not only "Me"', async () => {
    const api = fakeApi();
    const router = renderAt('/organizations', STAFF);
    await userEvent.click(await screen.findByRole('combobox', { name: 'Owner' }));
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      'Me',
      'Ben Outreach',
      'Vic Viewer',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'Ben Outreach' }));
    await waitFor(() => expect(search(router)).toEqual({ ownerId: BEN.id }));
    await waitFor(() => expect(api.lastQuery().get('ownerId')).toBe(BEN.id));
    expect(screen.getByRole('combobox', { name: 'Owner' })).toHaveValue('Ben Outreach');
  });

  it('shows viewers no edit controls', async () => {
    fakeApi();
    renderAt('/organizations', VIEWER);
    await screen.findByRole('link', { name: 'Harbor House Youth Shelter' });
    expect(screen.queryByRole('button', { name: 'Add partner' })).not.toBeInTheDocument();
  });
});

describe('DirectoryPage on a phone', () => {
  const realMatchMedia = window.matchMedia;
  beforeEach(() => {
    vi.unstubAllGlobals();
    // A 360 px screen: every max-width query below Mantine's "sm" matches.
    window.matchMedia = (query: string) => ({
      ...realMatchMedia(query),
      matches: /max-width/.test(query),
    });
  });
  afterEach(() => {
    window.matchMedia = realMatchMedia;
    vi.unstubAllGlobals();
  });

  it('lists partners as cards, not a table, with the filters folded behind a button that says how many are set', async () => {
    fakeApi();
    renderAt(`/organizations?stage=active&tag=drop-in&q=shelter`);
    const list = await screen.findByRole('list', { name: 'Partners' });
    expect(await within(list).findByRole('link', { name: 'Harbor House Youth Shelter' })).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('table')).toBeNull();
    // The search words are in view and not counted; stage and tag are.
    expect(screen.getByRole('searchbox', { name: /Search partners/ })).toBeVisible();
    const filters = screen.getByRole('button', { name: 'Filters (2 set)' });
    expect(filters).toHaveAttribute('aria-expanded', 'false');
    expect(document.getElementById('directory-filters')).not.toBeVisible();

    await userEvent.click(filters);
    expect(filters).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(document.getElementById('directory-filters')).toBeVisible());
    expect(screen.getByRole('textbox', { name: 'Tag' })).toHaveValue('drop-in');
  });
});
