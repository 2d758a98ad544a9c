import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutageNotice } from '../common/OutageNotice';
import { session, type User } from './client';
import { outage } from './outage';

const STAFF = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
} as unknown as User;

describe('session during a database outage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    outage.clear();
  });

  it('keeps the person signed in when the refresh answers 503, and shows a calm notice', async () => {
    session.signInForTest(STAFF, 'expired-token');
    const expired = vi.fn();
    session.onExpired(expired);
    const problem = { status: 503, code: 'DATABASE_UNAVAILABLE' };
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify(problem), {
            status: 503,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
      ),
    );
    render(
      <MantineProvider env="test">
        <OutageNotice />
      </MantineProvider>,
    );

    expect(await session.refresh()).toBe('unavailable');
    expect(session.getSnapshot()).toMatchObject({ status: 'signed-in', user: { id: STAFF.id } });
    expect(session.getToken()).toBe('expired-token');
    expect(expired).not.toHaveBeenCalled();
    expect(await screen.findByRole('status')).toHaveTextContent(
      "Tandem can't reach its database right now; trying again…",
    );
  });

  it('still calls a refused refresh refused (the fetch wrapper then ends the session)', async () => {
    session.signInForTest(STAFF);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ status: 401 }), { status: 401 })),
    );
    expect(await session.refresh()).toBe('refused');
    expect(outage.getSnapshot().active).toBe(false);
  });
});
