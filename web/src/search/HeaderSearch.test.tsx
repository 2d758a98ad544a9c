import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter, type AppRouter } from '../router';
import { userEvent } from '../test/user-event';
import { isSearchShortcut } from './HeaderSearch';
import type { SearchResults } from './search-queries';

const STAFF: User = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
const HARBOR = '22222222-2222-4222-8222-222222222222';
const DANA = '33333333-3333-4333-8333-333333333333';
const LAB = '44444444-4444-4444-8444-444444444444';

const ANSWER: SearchResults = {
  organizations: [{ id: HARBOR, name: 'Harbor House', stage: 'active', type: 'Youth shelter' }],
  contacts: [
    {
      id: DANA,
      version: 1,
      organizationId: HARBOR,
      organizationName: 'Harbor House',
      name: 'Dana Whitfield',
      title: 'Case manager',
      email: 'dana@harbor.example.org',
      phone: null,
      preferredChannel: 'email',
      language: 'en',
      isPrimary: true,
      notes: null,
    },
  ],
  programs: [{ id: LAB, name: 'Dana’s Tech Lab', status: 'running' }],
};
const NOTHING: SearchResults = { organizations: [], contacts: [], programs: [] };

/** A stand-in for the API: records every search and answers "dan…" with one of each kind. */
function fakeApi() {
  const searches: string[] = [];
  const fetch = vi.fn(async (input: Request | URL | string) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    switch (url.pathname) {
      case '/api/v1/search': {
        const q = url.searchParams.get('q') ?? '';
        searches.push(q);
        return json(q.toLowerCase().startsWith('dan') ? ANSWER : NOTHING);
      }
      case '/api/v1/organizations':
        return json({ data: [], meta: { total: 0, limit: 25, offset: 0 } });
      case '/api/v1/audiences':
      case '/api/v1/capabilities':
      case '/api/v1/users/directory':
        return json({ data: [] });
      default:
        return new Response(JSON.stringify({ status: 404, detail: 'not here' }), { status: 404 });
    }
  });
  vi.stubGlobal('fetch', fetch);
  return { searches };
}

function renderAt(path: string): AppRouter {
  session.signInForTest(STAFF);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<App router={router} queryClient={queryClient} env="test" />);
  return router;
}

async function openWithShortcut(keys: string) {
  const user = userEvent.setup();
  await screen.findByRole('button', { name: 'Search' });
  await user.keyboard(keys);
  const dialog = await screen.findByRole('dialog', { name: 'Search Tandem' });
  return {
    user,
    dialog,
    box: within(dialog).getByRole('combobox', { name: /search partners, contacts and programs/i }),
  };
}

describe('HeaderSearch', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('opens with Ctrl+K, asks once typing pauses, and groups the answer as Partners, Contacts, Programs', async () => {
    const api = fakeApi();
    renderAt('/organizations');
    const { user, box, dialog } = await openWithShortcut('{Control>}k{/Control}');
    expect(box).toHaveFocus();
    expect(screen.getByText(/type part of a name/i)).toBeInTheDocument();

    await user.type(box, 'dana');
    const listbox = await screen.findByRole('listbox', { name: 'Search results' });
    // Not one request per keystroke.
    expect(api.searches).toEqual(['dana']);
    const groups = within(listbox).getAllByRole('group');
    expect(
      groups.map((group) =>
        within(group)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ),
    ).toEqual([
      ['Harbor HouseYouth shelter · Active'],
      ['Dana WhitfieldCase manager · Harbor House · dana@harbor.example.org'],
      ['Dana’s Tech LabProgram · Running'],
    ]);
    expect(groups.map((group) => document.getElementById(group.getAttribute('aria-labelledby')!)?.textContent)).toEqual(
      ['Partners', 'Contacts', 'Programs'],
    );
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(box).toHaveAttribute('aria-controls', listbox.id);
    expect(within(dialog).getByRole('status')).toHaveTextContent('3 matches');
  });

  it('moves through the options with the arrow keys and opens a contact on its partner’s page at #contacts', async () => {
    fakeApi();
    const router = renderAt('/organizations');
    const { user, box } = await openWithShortcut('{Meta>}k{/Meta}');
    await user.type(box, 'dan');
    const options = await screen.findAllByRole('option');
    expect(box).toHaveAttribute('aria-activedescendant', options[0].id);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[1].id);
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    expect(options[0]).toHaveAttribute('aria-selected', 'false');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    // Wraps around to the last one.
    expect(box).toHaveAttribute('aria-activedescendant', options[2].id);
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');

    await waitFor(() => expect(router.state.location.pathname).toBe(`/organizations/${HARBOR}`));
    expect(router.state.location.hash).toBe('contacts');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('opens a program by a click', async () => {
    fakeApi();
    const router = renderAt('/organizations');
    const { user, box } = await openWithShortcut('{Control>}k{/Control}');
    await user.type(box, 'dan');
    await user.click(await screen.findByRole('option', { name: /tech lab/i }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/programs/${LAB}`));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says so when nothing matches', async () => {
    fakeApi();
    renderAt('/organizations');
    const { user, box } = await openWithShortcut('{Control>}k{/Control}');
    await user.type(box, 'zzz');
    expect(await screen.findByText('No matches for “zzz”.')).toBeInTheDocument();
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('opens with "/" unless the person is typing in a field', async () => {
    fakeApi();
    renderAt('/organizations');
    const user = userEvent.setup();
    const directoryBox = await screen.findByRole('searchbox', { name: /search partners/i });
    await user.type(directoryBox, 'a/b');
    expect(directoryBox).toHaveValue('a/b');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('dialog', { name: 'Search Tandem' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    directoryBox.blur();
    await user.keyboard('/');
    expect(await screen.findByRole('dialog', { name: 'Search Tandem' })).toBeInTheDocument();
    // The "/" opened the search; it is not typed into it.
    expect(screen.getByRole('combobox', { name: /search partners, contacts and programs/i })).toHaveValue('');
  });

  it('shows a wide "Search" button with the shortcut on larger screens', async () => {
    fakeApi();
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) =>
        ({
          matches: true,
          media: query,
          onchange: null,
          addListener: () => undefined,
          removeListener: () => undefined,
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
          dispatchEvent: () => false,
        }) as MediaQueryList,
    );
    renderAt('/organizations');
    const button = await screen.findByRole('button', { name: 'Search' });
    expect(button).toHaveTextContent(/Ctrl K|⌘ K/);
    expect(button).toHaveAttribute('aria-keyshortcuts', 'Control+K Meta+K /');
    expect(button).toHaveAttribute('aria-haspopup', 'dialog');
  });

  it('takes Ctrl+K or ⌘K anywhere and "/" outside fields, never inside a dialog', () => {
    document.body.innerHTML = `
      <input id="field" /><button id="button">Go</button><div contenteditable="true" id="editable">x</div>
      <div role="dialog" aria-modal="true"><button id="in-dialog">OK</button></div>`;
    const press = (id: string, init: KeyboardEventInit) => {
      const event = new KeyboardEvent('keydown', { bubbles: true, ...init });
      Object.defineProperty(event, 'target', { value: document.getElementById(id) });
      return isSearchShortcut(event);
    };
    expect(press('field', { key: 'k', ctrlKey: true })).toBe(true);
    expect(press('button', { key: 'K', metaKey: true })).toBe(true);
    expect(press('button', { key: '/' })).toBe(true);
    expect(press('field', { key: '/' })).toBe(false);
    expect(press('editable', { key: '/' })).toBe(false);
    expect(press('button', { key: 'k', ctrlKey: true, shiftKey: true })).toBe(false);
    expect(press('button', { key: 'k', ctrlKey: true, altKey: true })).toBe(false);
    expect(press('button', { key: 'k' })).toBe(false);
    expect(press('in-dialog', { key: 'k', ctrlKey: true })).toBe(false);
    expect(press('in-dialog', { key: '/' })).toBe(false);
  });
});
