import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import type { Match } from '../dashboard/types';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';

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
};
const TITLE = 'Introduce Alder College Access to Birch Youth Shelter';

/** A stand-in for the API: one suggestion, a dismiss that hides it and a restore that brings it back. */
function fakeApi({ restoreStatus = 204 } = {}) {
  const calls: string[] = [];
  let dismissed = false;
  const fetch = vi.fn(async (input: Request | URL | string) => {
    const request = input instanceof Request ? input : new Request(String(input));
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}`);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    if (url.pathname === '/api/v1/matches' && request.method === 'GET') {
      const data = dismissed ? [] : [MATCH];
      return json({ data, meta: { total: data.length, limit: 20, offset: 0 } });
    }
    if (url.pathname === `/api/v1/organizations/${ALDER}`) return json({ id: ALDER, name: 'Alder College Access' });
    if (url.pathname === `/api/v1/organizations/${BIRCH}`) return json({ id: BIRCH, name: 'Birch Youth Shelter' });
    if (url.pathname === `/api/v1/matches/${MATCH.id}/dismiss` && request.method === 'POST') {
      dismissed = true;
      return new Response(null, { status: 204 });
    }
    if (url.pathname === `/api/v1/matches/${MATCH.id}/restore` && request.method === 'POST') {
      if (restoreStatus !== 204)
        return json(
          { status: restoreStatus, code: 'MATCH_NOT_FOUND', detail: 'No current suggestion has this id.' },
          restoreStatus,
        );
      dismissed = false;
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
    expect(await screen.findByText(`“${TITLE}” is back among the suggestions.`)).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: TITLE })).toBeInTheDocument();
    expect(api.calls).toContain(`POST /api/v1/matches/${MATCH.id}/restore`);
    // Nothing more to undo.
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close this notice' }));
    expect(screen.queryByText(`“${TITLE}” is back among the suggestions.`)).not.toBeInTheDocument();
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
});
