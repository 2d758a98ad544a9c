import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoundResult as RoundAnswer } from '../dashboard/types';
import { userEvent } from '../test/user-event';
import { cssVariablesResolver, theme } from '../theme';
import { RoundResult, SendRoundButton, useCheckInRound } from './SendRoundButton';

if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

const ANSWER: RoundAnswer = {
  started: [
    {
      organizationId: 'a1',
      name: 'Alder College Access',
      checkInId: 'c1',
      respondents: ['owner', 'partner'],
      emailsQueued: 2,
      notAsked: [],
    },
    {
      organizationId: 'b1',
      name: 'Birch Youth Shelter',
      checkInId: 'c2',
      respondents: ['owner'],
      emailsQueued: 1,
      notAsked: [{ respondent: 'partner', reason: 'no-email' }],
    },
  ],
  skipped: [
    {
      organizationId: 'c1',
      name: 'Cedar Internship Office',
      reason: 'too-new',
      notAsked: [],
      firstCheckInFrom: '2027-03-05T10:00:00.000Z',
    },
    {
      organizationId: 'd1',
      name: 'Dogwood Teen Center',
      reason: 'no-respondent',
      notAsked: [
        { respondent: 'owner', reason: 'no-owner' },
        { respondent: 'partner', reason: 'unsubscribed' },
      ],
      firstCheckInFrom: null,
    },
  ],
  notDue: { open: 1, recent: 12 },
};

/** A stand-in for the API: the round answers ANSWER; every call is kept. */
function fakeApi() {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      const text = input.method === 'GET' ? '' : await input.text();
      calls.push({ method: input.method, path: url.pathname, body: text ? JSON.parse(text) : undefined });
      const json = (body: unknown, status = 200) =>
        new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
      if (url.pathname === '/api/v1/check-ins/rounds' && input.method === 'POST') return json(ANSWER);
      return json({ status: 404, detail: 'not faked' }, 404);
    }),
  );
  return calls;
}

function Round() {
  const round = useCheckInRound();
  return (
    <>
      <SendRoundButton round={round} />
      <RoundResult round={round} />
    </>
  );
}

function renderRound() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={queryClient}>
        <Round />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('Sending a check-in round', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('says before sending that new partners wait, then reports in plain words who was sent it and who was not, and why', async () => {
    const calls = fakeApi();
    renderRound();
    await userEvent.click(screen.getByRole('button', { name: 'Send a check-in round' }));
    expect(
      await screen.findByText(/a new partner waits until it has been active for the waiting period/),
    ).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Send the round' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ method: 'POST', path: '/api/v1/check-ins/rounds', body: {} });

    const report = await screen.findByRole('status');
    await waitFor(() =>
      expect(report).toHaveTextContent(
        'Sent to 1 partner (3 survey emails). Not sent: 3 — no contact with an email (1), too new to ask yet (1), everyone unsubscribed (1). ' +
          'The library owner was still asked at one of them. Not due: 12 checked in recently, 1 with a check-in still open.',
      ),
    );
    expect(report).toHaveTextContent('Sent to Alder College Access.');
    expect(report).toHaveTextContent(
      'Birch Youth Shelter: not sent to the partner (its primary contact has no email address); only the library owner was asked',
    );
    expect(report).toHaveTextContent(/Cedar Internship Office: too new to ask yet; the first check-in is from \w+/);
    expect(report).toHaveTextContent(
      'Dogwood Teen Center: nobody to ask (no library owner; its primary contact unsubscribed from our emails)',
    );
    expect(report).toHaveTextContent('Each partner’s Check-ins section shows whether its emails went out');

    // Dismissed, the report goes.
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(report).toBeEmptyDOMElement());
  });
});
