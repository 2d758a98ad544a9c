import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { CurrentUserContext } from '../auth/useSession';
import type { CheckIn } from '../dashboard/types';
import { userEvent } from '../test/user-event';
import { cssVariablesResolver, theme } from '../theme';
import { CheckInsSection } from './CheckInsSection';

const ORG = '22222222-2222-4222-8222-222222222222';
const STAFF = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
} as unknown as User;

if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

function checkIn(respondents: CheckIn['respondents']): CheckIn {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    version: 1,
    organizationId: ORG,
    status: 'open',
    openedAt: '2026-11-20T10:00:00.000Z',
    closesAt: '2026-12-11T10:00:00.000Z',
    closedAt: null,
    openedById: STAFF.id,
    responseCount: 0,
    lastResponseAt: null,
    respondents,
    areas: [],
    overall: null,
    statements: [],
    comments: [],
  };
}

/** A stand-in for the API: the organization's check-ins, and a start that asks the primary contact only. */
function fakeApi(list: CheckIn[]) {
  let current = list;
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      if (url.pathname === `/api/v1/organizations/${ORG}/check-ins` && input.method === 'GET')
        return json({ data: current, meta: { total: current.length, limit: 5, offset: 0 } });
      if (url.pathname === `/api/v1/organizations/${ORG}/check-ins` && input.method === 'POST') {
        const started = checkIn([
          {
            respondent: 'partner',
            answered: false,
            answeredAt: null,
            email: { status: 'scheduled', sentAt: null, error: null },
          },
        ]);
        current = [started];
        return json(started, 201);
      }
      return json({ status: 404, detail: 'not faked' }, 404);
    }),
  );
}

function renderSection() {
  session.signInForTest(STAFF);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={queryClient}>
        <CurrentUserContext.Provider value={STAFF}>
          <CheckInsSection organizationId={ORG} organizationName="Harbor House" />
        </CurrentUserContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('CheckInsSection', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('says beside each person whether their survey email went out, and why not in words', async () => {
    fakeApi([
      checkIn([
        {
          respondent: 'owner',
          answered: false,
          answeredAt: null,
          email: { status: 'sent', sentAt: '2026-11-20T10:01:00.000Z', error: null },
        },
        {
          respondent: 'partner',
          answered: false,
          answeredAt: null,
          email: {
            status: 'failed',
            sentAt: null,
            error: 'Message failed: 550 Mailbox unavailable (permanent; not retried)',
          },
        },
      ]),
    ]);
    renderSection();
    const asked = await screen.findByRole('list', { name: 'Who was asked' });
    const [owner, partner] = within(asked).getAllByRole('listitem');
    expect(owner).toHaveTextContent(/^Library owner: Not answered yet · Emailed /);
    expect(partner).toHaveTextContent(
      'Partner’s primary contact: Not answered yet · Email not sent. The mail server refused this email: the address may be wrong or not take mail.',
    );
    expect(partner.textContent).not.toMatch(/550|permanent/);
  });

  it('says who a new check-in asks, and why the other side is not', async () => {
    fakeApi([]);
    renderSection();
    await userEvent.click(await screen.findByRole('button', { name: 'Start a check-in' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Send the survey' }));
    expect(
      await screen.findByText(
        'Check-in started: the survey is on its way to the partner’s primary contact. Whether each email went out shows below. ' +
          'The library owner is not asked: this partner has no owner who is an active Tandem user.',
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText(/Email on its way\./)).toBeInTheDocument();
  });
});
