import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';

const MANAGER = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'maya@library.test',
  name: 'Maya Manager',
  role: 'manager',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;

const CLOSURE_ID = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const session1 = (n: number) => ({
  id: `0000000${n}-0000-4000-8000-000000000000`,
  programId: '99999999-9999-4999-8999-999999999999',
  programName: 'Teen coding club',
  programTimezone: 'America/Los_Angeles',
  startsAt: `2030-11-2${n}T23:30:00.000Z`,
  endsAt: `2030-11-2${n}T23:59:00.000Z`,
});

/** A stand-in for the API: closures kept in memory; adding one cancels two sessions. */
function fakeApi({ deleteStatus = 204 } = {}) {
  const calls: string[] = [];
  let closures: unknown[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      calls.push(`${input.method} ${url.pathname}`);
      if (url.pathname === '/api/v1/closures' && input.method === 'GET')
        return json({ data: closures, meta: { total: closures.length, limit: 100, offset: 0 } });
      if (url.pathname === '/api/v1/closures' && input.method === 'POST') {
        const body = (await input.json()) as { date: string; name: string };
        const closure = {
          id: CLOSURE_ID,
          createdAt: '2030-01-01T00:00:00.000Z',
          ...body,
          sessions: [session1(1), session1(2)],
        };
        closures = [closure];
        return json(closure, 201);
      }
      if (url.pathname === `/api/v1/closures/${CLOSURE_ID}` && input.method === 'DELETE') {
        if (deleteStatus !== 204)
          return json({ status: deleteStatus, detail: 'No closure has this id.' }, deleteStatus);
        closures = [];
        return new Response(null, { status: 204 });
      }
      return json({ status: 404, detail: `not faked: ${url.pathname}` }, 404);
    }),
  );
  return calls;
}

function renderAt(path: string, user: User) {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  render(
    <App router={router} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} env="test" />,
  );
}

async function addClosure() {
  await userEvent.type(await screen.findByLabelText(/^Day/), '2030-11-21');
  await userEvent.type(screen.getByLabelText(/^Name/), 'Staff training day');
  await userEvent.click(screen.getByRole('button', { name: 'Add closure day' }));
  expect(await screen.findByText('Staff training day added. 2 sessions are cancelled.')).toBeInTheDocument();
  expect(await screen.findByTestId('closure')).toHaveTextContent('Staff training day');
}

describe('ClosuresPage', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('says how many sessions a new closure cancelled and offers Undo, which removes it again', async () => {
    const calls = fakeApi();
    renderAt('/admin/closures', MANAGER);
    await addClosure();
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(
      await screen.findByText('Staff training day removed again. Its sessions are back on the calendar.'),
    ).toBeInTheDocument();
    expect(calls).toContain(`DELETE /api/v1/closures/${CLOSURE_ID}`);
    await waitFor(() => expect(screen.queryByTestId('closure')).not.toBeInTheDocument());
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });

  it('says in words when the closure was already removed by someone else', async () => {
    fakeApi({ deleteStatus: 404 });
    renderAt('/admin/closures', MANAGER);
    await addClosure();
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Staff training day was already removed.')).toBeInTheDocument();
  });
});
