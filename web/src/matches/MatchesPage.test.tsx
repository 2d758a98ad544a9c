import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import type { Match } from '../dashboard/types';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';

// jsdom has no FontFaceSet; Mantine's autosizing Textarea listens on it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

const STAFF = {
  id: '22222222-2222-4222-8222-222222222222',
  email: 'sam@library.test',
  name: 'Sam Staff',
  role: 'staff',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;

const ALDER = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const BIRCH = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const MATCH: Match = {
  id: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  providerId: ALDER,
  seekerId: BIRCH,
  capabilityId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  audienceIds: [],
  kind: 'sought',
  strength: 64,
  explanation: 'Alder offers coaching, which Birch is looking for.',
  status: 'open',
  decidedAt: null,
  decidedById: null,
  taskId: null,
  note: null,
};
const TASK_ID = '99999999-9999-4999-8999-999999999999';
const TITLE = 'Introduce Alder College Access to Birch Youth Shelter';

interface Call {
  method: string;
  path: string;
  search: string;
  body: unknown;
}

/**
 * A stand-in for the API: one suggestion, open, introduced or dismissed; dismiss, introduce
 * and restore move it, and the list answers by `status`.
 */
function fakeApi({ restoreStatus = 204, introduceStatus = 200 } = {}) {
  const calls: Call[] = [];
  let state: Match = { ...MATCH };
  const fetch = vi.fn(async (input: Request | URL | string) => {
    const request = input instanceof Request ? input : new Request(String(input));
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    calls.push({
      method: request.method,
      path: url.pathname,
      search: url.search,
      body: text ? JSON.parse(text) : undefined,
    });
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    if (url.pathname === '/api/v1/matches' && request.method === 'GET') {
      const status = url.searchParams.get('status') ?? 'open';
      const data = state.status === status ? [state] : [];
      return json({ data, meta: { total: data.length, limit: 20, offset: 0 } });
    }
    if (url.pathname === `/api/v1/organizations/${ALDER}`) return json({ id: ALDER, name: 'Alder College Access' });
    if (url.pathname === `/api/v1/organizations/${BIRCH}`) return json({ id: BIRCH, name: 'Birch Youth Shelter' });
    if (url.pathname === `/api/v1/matches/${MATCH.id}/dismiss` && request.method === 'POST') {
      state = { ...state, status: 'dismissed', decidedAt: '2026-12-07T10:00:00.000Z', decidedById: STAFF.id };
      return new Response(null, { status: 204 });
    }
    if (url.pathname === `/api/v1/matches/${MATCH.id}/introduce` && request.method === 'POST') {
      if (introduceStatus !== 200)
        return json(
          {
            status: introduceStatus,
            code: 'MATCH_ALREADY_INTRODUCED',
            detail: 'This introduction has already been made.',
          },
          introduceStatus,
        );
      const note = (JSON.parse(text) as { note?: string }).note ?? null;
      state = {
        ...state,
        status: 'introduced',
        decidedAt: '2026-12-07T10:00:00.000Z',
        decidedById: STAFF.id,
        taskId: TASK_ID,
        note,
      };
      return json({ match: state, taskId: TASK_ID });
    }
    if (url.pathname === `/api/v1/matches/${MATCH.id}/restore` && request.method === 'POST') {
      if (restoreStatus !== 204)
        return json(
          { status: restoreStatus, code: 'MATCH_NOT_FOUND', detail: 'No current suggestion has this id.' },
          restoreStatus,
        );
      state = { ...MATCH };
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
}

describe('MatchesPage', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('offers Undo after a dismissal, even of the last suggestion, and brings it back', async () => {
    const api = fakeApi();
    renderAt('/introductions', STAFF);
    expect(await screen.findByRole('heading', { name: TITLE })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^Dismiss/ }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: TITLE })).not.toBeInTheDocument());
    expect(screen.getByText(`Dismissed “${TITLE}”. It will not be suggested again.`)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText(`“${TITLE}” is back among the open suggestions.`)).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: TITLE })).toBeInTheDocument();
    expect(api.calls.map((c) => `${c.method} ${c.path}`)).toContain(`POST /api/v1/matches/${MATCH.id}/restore`);
    // Nothing more to undo.
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close this notice' }));
    expect(screen.queryByText(`“${TITLE}” is back among the open suggestions.`)).not.toBeInTheDocument();
  });

  it('says in words when the suggestion can no longer be brought back', async () => {
    fakeApi({ restoreStatus: 404 });
    renderAt('/introductions', STAFF);
    await userEvent.click(await screen.findByRole('button', { name: /^Dismiss/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(
      await screen.findByText('This suggestion no longer applies, so it could not be brought back.'),
    ).toBeInTheDocument();
  });

  it('records an introduction with a note, links to the follow-ups, and undoes it', async () => {
    const api = fakeApi();
    renderAt('/introductions', STAFF);
    await screen.findByRole('heading', { name: TITLE });
    await userEvent.click(screen.getByRole('button', { name: /^We introduced them/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Record the introduction' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Note/ }), '  Emailed both directors.  ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record the introduction' }));
    expect(
      await screen.findByText(`Recorded “${TITLE}”. A follow-up task is on your list, due in 7 days.`),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See your follow-ups' })).toHaveAttribute('href', '/tasks');
    const post = api.calls.find((c) => c.path.endsWith('/introduce'));
    expect(post?.body).toEqual({ note: 'Emailed both directors.' });
    await waitFor(() => expect(screen.queryByRole('heading', { name: TITLE })).not.toBeInTheDocument());

    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('heading', { name: TITLE })).toBeInTheDocument();
    expect(api.calls.filter((c) => c.path.endsWith('/restore'))).toHaveLength(1);
  });

  it('refuses a note over 2000 characters before sending, and says when a colleague got there first', async () => {
    const api = fakeApi({ introduceStatus: 409 });
    renderAt('/introductions', STAFF);
    await userEvent.click(await screen.findByRole('button', { name: /^We introduced them/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Record the introduction' });
    const note = within(dialog).getByRole('textbox', { name: /Note/ });
    fireEvent.change(note, { target: { value: 'x'.repeat(2001) } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record the introduction' }));
    expect(await within(dialog).findByText('Keep the note to 2000 characters (it has 2001)')).toBeInTheDocument();
    expect(api.calls.some((c) => c.path.endsWith('/introduce'))).toBe(false);
    fireEvent.change(note, { target: { value: 'ok' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record the introduction' }));
    expect(
      await within(dialog).findByText(
        'A colleague has already recorded this introduction. The lists have been refreshed.',
      ),
    ).toBeInTheDocument();
  });

  it('lists introduced and dismissed ones under their own tab, with Restore', async () => {
    const api = fakeApi();
    renderAt('/introductions', STAFF);
    await userEvent.click(await screen.findByRole('button', { name: /^We introduced them/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Record the introduction' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'Call on Monday');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Record the introduction' }));
    await screen.findByText(/^Recorded/);

    await userEvent.click(screen.getByRole('radio', { name: 'Introduced' }));
    expect(await screen.findByRole('heading', { name: TITLE })).toBeInTheDocument();
    expect(screen.getByText('Call on Monday')).toBeInTheDocument();
    expect(screen.getByText('Introduced on Dec 7, 2026')).toBeInTheDocument();
    expect(screen.getByText('1–1 of 1 introduction')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^We introduced them/ })).not.toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/matches' && c.search.includes('status=introduced'))).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: /^Restore/ }));
    expect(await screen.findByText(`“${TITLE}” is back among the open suggestions.`)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('heading', { name: TITLE })).not.toBeInTheDocument());
    expect(screen.getByText('No introductions recorded yet.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Dismissed' }));
    expect(await screen.findByText('No dismissed suggestions.')).toBeInTheDocument();
  });

  it('asks for every suggestion with all=true, and links to a new program with both partners', async () => {
    const api = fakeApi();
    renderAt('/introductions', STAFF);
    await screen.findByRole('heading', { name: TITLE });
    const link = screen.getByRole('link', { name: /^Start a program with them/ });
    expect(link.getAttribute('href')).toBe(`/programs/new?organizationId=${ALDER}&partnerId=${BIRCH}`);
    await userEvent.click(screen.getByRole('checkbox', { name: /Show every suggestion/ }));
    await waitFor(() =>
      expect(api.calls.some((c) => c.path === '/api/v1/matches' && c.search.includes('all=true'))).toBe(true),
    );
  });

  it('is not for viewers: they get the 403 page and no actions', async () => {
    fakeApi();
    renderAt('/introductions', { ...STAFF, role: 'viewer' });
    expect(await screen.findByText(/staff, managers and admins/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^We introduced them/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Dismiss/ })).not.toBeInTheDocument();
  });

  it('opens the new-program form with both partners of the suggestion', async () => {
    fakeApi();
    renderAt(`/programs/new?organizationId=${ALDER}&partnerId=${BIRCH}`, STAFF);
    expect(await screen.findByRole('heading', { level: 1, name: 'New program' })).toBeInTheDocument();
    expect(await screen.findByText('Alder College Access')).toBeInTheDocument();
    expect(screen.getByText('Birch Youth Shelter')).toBeInTheDocument();
  });
});
