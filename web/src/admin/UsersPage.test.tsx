import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';
import type { AdminUser } from './user-status';

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
const PAT: AdminUser = {
  ...ADMIN,
  id: '44444444-4444-4444-8444-444444444444',
  email: 'pat@library.test',
  name: 'Pat Reyes',
  role: 'staff',
  invitationPending: true,
  invitation: {
    status: 'failed',
    sentAt: null,
    error: 'connect ECONNREFUSED 127.0.0.1:1025 (gave up after 5 attempts)',
    expiresAt: '2099-03-16T08:00:00.000Z',
  },
};
const LINK = 'http://tandem.test/accept-invitation?token=abcDEF123_-';

/** A stand-in for the API: the admin and Pat, whose invitation email could not reach a mail server. */
function fakeApi({ linkStatus = 200 } = {}) {
  const calls: string[] = [];
  const json = (data: unknown, status = 200) =>
    new Response(JSON.stringify(data), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url);
      calls.push(`${request.method} ${url.pathname}`);
      switch (`${request.method} ${url.pathname}`) {
        case 'GET /api/v1/users':
          return json({ data: [{ ...ADMIN, invitation: null }, PAT], meta: { total: 2, limit: 50, offset: 0 } });
        case `POST /api/v1/users/${PAT.id}/invitation-link`:
          if (linkStatus !== 200)
            return json(
              { status: linkStatus, code: 'USER_ALREADY_ACTIVE', detail: 'This user has already chosen a password.' },
              linkStatus,
            );
          return json({ url: LINK, expiresAt: '2099-03-16T08:00:00.000Z' });
        default:
          return json({ status: 404, detail: 'not here' }, 404);
      }
    }),
  );
  return calls;
}

function renderUsers() {
  session.signInForTest(ADMIN);
  const router = createAppRouter(createMemoryHistory({ initialEntries: ['/admin/users'] }));
  render(
    <App router={router} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} env="test" />,
  );
}

async function patRow() {
  const cell = await screen.findByText('pat@library.test');
  return cell.closest('tr')!;
}

describe('UsersPage invitations', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('says in words that email is not set up, never the raw socket error', async () => {
    fakeApi();
    renderUsers();
    const row = await patRow();
    expect(within(row).getByText('Email not set up')).toBeInTheDocument();
    expect(
      within(row).getByText(
        /Tandem could not reach a mail server: email is not set up yet, or the mail server is down/,
      ),
    ).toBeInTheDocument();
    expect(row.textContent).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    // Only Pat, still to choose a password, has a link to copy.
    expect(screen.getAllByRole('button', { name: /^Copy invitation link/ })).toHaveLength(1);
  });

  it('makes a new link on request and shows it to copy', async () => {
    const calls = fakeApi();
    renderUsers();
    const row = await patRow();
    await userEvent.click(within(row).getByRole('button', { name: /^Copy invitation link/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Invitation link for Pat Reyes' });
    // Nothing is made until the admin asks: it stops the emailed link.
    expect(calls).not.toContain(`POST /api/v1/users/${PAT.id}/invitation-link`);
    expect(within(dialog).getByText(/Any earlier link, including one in an email, stops working/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Make the link' }));
    expect(await within(dialog).findByLabelText('Invitation link')).toHaveValue(LINK);
    expect(within(dialog).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(calls.filter((call) => call === `POST /api/v1/users/${PAT.id}/invitation-link`)).toHaveLength(1);
  });

  it('says in words when no link could be made', async () => {
    fakeApi({ linkStatus: 409 });
    renderUsers();
    const row = await patRow();
    await userEvent.click(within(row).getByRole('button', { name: /^Copy invitation link/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Invitation link for Pat Reyes' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Make the link' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('No link was made');
    expect(alert).toHaveTextContent('This user has already chosen a password.');
    expect(within(dialog).queryByLabelText('Invitation link')).not.toBeInTheDocument();
  });
});
