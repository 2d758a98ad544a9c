import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '../test/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { CurrentUserContext } from '../auth/useSession';
import type { Program } from '../programs/program-types';
import { cssVariablesResolver, theme } from '../theme';
import { ReminderFormModal } from './ReminderFormModal';
import type { Reminder } from './reminder-text';

// jsdom has no FontFaceSet; Mantine's autosizing textareas listen to it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

const STAFF = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
  timezone: 'America/Chicago',
  createdAt: '2025-01-01T00:00:00.000Z',
} as unknown as User;
const BEN = { id: '22222222-2222-4222-8222-222222222222', name: 'Ben Outreach', role: 'manager' };
const VIC = { id: '33333333-3333-4333-8333-333333333333', name: 'Vic Viewer', role: 'viewer' };
const LEFT = '55555555-5555-4555-8555-555555555555';
const PROGRAM = {
  id: '44444444-4444-4444-8444-444444444444',
  name: 'Teen drop-in',
  partners: [],
} as unknown as Program;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The API: the team list (as a staff member gets it) and the reminder writes, recorded. */
function fakeApi() {
  const writes: { method: string; body: Record<string, unknown> }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/users/directory')
        return json({ data: [BEN, { id: STAFF.id, name: STAFF.name, role: 'staff' }, VIC] });
      if (url.pathname.startsWith('/api/v1/reminders') && request.method !== 'GET') {
        const body = (await request.json()) as Record<string, unknown>;
        writes.push({ method: request.method, body });
        return json(
          { id: '66666666-6666-4666-8666-666666666666', version: 1, ...body },
          request.method === 'POST' ? 201 : 200,
        );
      }
      return json({ status: 404, detail: 'not here' }, 404);
    }),
  );
  return writes;
}

function renderModal(reminder?: Reminder) {
  session.signInForTest(STAFF);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} env="test">
      <QueryClientProvider client={queryClient}>
        <CurrentUserContext.Provider value={STAFF}>
          <ReminderFormModal program={PROGRAM} reminder={reminder} opened onClose={() => undefined} />
        </CurrentUserContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('ReminderFormModal: colleagues from the team list', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('offers staff every colleague who can act on a reminder (not viewers), and sends the chosen ones', async () => {
    const writes = fakeApi();
    renderModal();
    const dialog = await screen.findByRole('dialog', { name: 'Add a reminder' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Bring the sign-up sheets');
    await userEvent.click(within(dialog).getByRole('combobox', { name: 'Colleagues' }));
    await screen.findByRole('option', { name: 'Ben Outreach' });
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Ana Staff (you)',
      'Ben Outreach',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'Ben Outreach' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add reminder' }));

    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0].body).toMatchObject({
      title: 'Bring the sign-up sheets',
      recipientIds: [STAFF.id, BEN.id],
      recipientContactIds: [],
    });
  });

  it('keeps a recipient who has left as "A colleague" when editing, and names the others', async () => {
    fakeApi();
    renderModal({
      id: '66666666-6666-4666-8666-666666666666',
      version: 2,
      title: 'Drop-in today',
      message: '',
      trigger: { type: 'session', programId: PROGRAM.id, offsetMinutes: -240 },
      recipientIds: [BEN.id, LEFT],
      recipientContactIds: [],
      active: true,
    } as unknown as Reminder);
    const dialog = await screen.findByRole('dialog', { name: 'Edit reminder' });
    // The chosen colleagues show as pills in the Colleagues field, in the order chosen.
    const pills = () => [...dialog.querySelectorAll('.mantine-MultiSelect-pill')].map((pill) => pill.textContent);
    await waitFor(() => expect(pills()).toEqual(['Ben Outreach', 'A colleague']));
  });
});

describe('ReminderFormModal: "How long" as typed', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('refuses -1, 1.5 and 99999 with a message and sends nothing, keeps each as typed, and clears the message once fixed', async () => {
    const writes = fakeApi();
    renderModal();
    const dialog = await screen.findByRole('dialog', { name: 'Add a reminder' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Title/ }), 'Bring the sign-up sheets');
    const amount = within(dialog).getByRole('textbox', { name: 'How long' });
    expect(amount).toHaveValue('4');
    const add = within(dialog).getByRole('button', { name: 'Add reminder' });

    for (const [typed, message] of [
      ['-1', 'How long can’t be below 0. Enter 0 or more hours.'],
      ['1.5', 'Enter a whole number, without decimals.'],
      ['99999', 'Enter a number no bigger than 720 hours.'],
    ]) {
      await userEvent.clear(amount);
      await userEvent.type(amount, typed);
      expect(amount).toHaveValue(typed);
      await userEvent.click(add);
      expect(await within(dialog).findByText(message)).toBeInTheDocument();
      expect(amount).toHaveAttribute('aria-invalid', 'true');
    }
    expect(writes).toEqual([]);

    // 99999 minutes is still more than 30 days; 600 minutes is fine, and the message goes at once.
    await userEvent.click(within(dialog).getByRole('combobox', { name: 'Unit' }));
    await userEvent.click(await screen.findByRole('option', { name: 'minutes' }));
    expect(await within(dialog).findByText('Enter a number no bigger than 43,200 minutes.')).toBeInTheDocument();
    await userEvent.clear(amount);
    await userEvent.type(amount, '600');
    expect(within(dialog).queryByText(/Enter a number|Enter a whole number|can’t be below/)).toBeNull();
    expect(amount).not.toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(add);
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0].body).toMatchObject({ trigger: { type: 'session', programId: PROGRAM.id, offsetMinutes: -600 } });
  });
});
