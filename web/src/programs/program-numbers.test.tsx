import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';
import type { Program, Session } from './program-types';

// Numbers on a program's pages are kept as typed: what is wrong is said, nothing is rounded,
// clamped or sent until it is fixed (issue 16, "Nothing silently changed").

if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

vi.mock('./zone', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./zone')>()),
  viewerZone: () => 'America/Chicago',
}));

const STAFF = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
  timezone: 'America/Chicago',
  createdAt: '2025-01-01T00:00:00.000Z',
} as unknown as User;
const PROGRAM_ID = '44444444-4444-4444-8444-444444444444';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

interface Call {
  method: string;
  path: string;
  body: unknown;
}

function fakeApi(answer: (call: Call) => Response | undefined) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      const text = input.method === 'GET' ? '' : await input.text();
      const call = { method: input.method, path: url.pathname, body: text ? JSON.parse(text) : undefined };
      calls.push(call);
      const answered = answer(call);
      if (answered) return answered;
      if (url.pathname === `/api/v1/programs/${PROGRAM_ID}/calendar-link`) return json({ url: null, createdAt: null });
      if (url.pathname === `/api/v1/programs/${PROGRAM_ID}`) return json(PROGRAM);
      return json({ data: [], meta: { total: 0, limit: 25, offset: 0 } });
    }),
  );
  return calls;
}

function renderAt(path: string) {
  session.signInForTest(STAFF);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  render(
    <App router={router} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} env="test" />,
  );
}

const PROGRAM: Program = {
  id: PROGRAM_ID,
  version: 2,
  name: 'Teen drop-in',
  description: null,
  status: 'running',
  language: 'en',
  partners: [],
  audienceIds: [],
  libraryGoal: null,
  partnerGoal: null,
  schedule: {
    rrule: 'FREQ=WEEKLY;BYDAY=WE',
    timezone: 'America/Chicago',
    startTime: '15:30',
    durationMinutes: 90,
    location: null,
  },
  startDate: '2025-09-03',
  endDate: null,
  createdAt: '2025-09-01T00:00:00.000Z',
  updatedAt: '2025-09-01T00:00:00.000Z',
};

const HELD = {
  id: 'a1111111-1111-4111-8111-111111111111',
  programId: PROGRAM_ID,
  startsAt: '2025-11-19T21:30:00.000Z',
  endsAt: '2025-11-19T23:00:00.000Z',
  localDate: '2025-11-19',
  cancelled: false,
  cancelReason: null,
  attendance: null,
  notes: null,
  version: 3,
} as unknown as Session;

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a session’s attendance', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-11-28T12:00:00Z'));
  });

  it('refuses "12.5", "-3" and "100001" with a message and sends nothing, then saves 12 once fixed', async () => {
    const calls = fakeApi((call) => {
      if (call.path === `/api/v1/programs/${PROGRAM_ID}`) return json(PROGRAM);
      if (call.path === `/api/v1/programs/${PROGRAM_ID}/sessions`) return json({ data: [HELD] });
      if (call.method === 'PATCH') {
        const body = call.body as { attendance: number };
        return json({ ...HELD, attendance: body.attendance, version: 4 });
      }
      return undefined;
    });
    renderAt(`/programs/${PROGRAM_ID}`);
    const [row] = await screen.findAllByTestId('session');
    const input = within(row).getByRole('textbox', { name: /^Attended on/ });
    const save = within(row).getByRole('button', { name: 'Save' });

    await userEvent.type(input, '12.5');
    // Kept as typed, not turned into 125 or 12.
    expect(input).toHaveValue('12.5');
    await userEvent.click(save);
    expect(await within(row).findByText('Enter a whole number, without decimals.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Enter a whole number, without decimals.');

    await userEvent.clear(input);
    await userEvent.type(input, '-3');
    expect(input).toHaveValue('-3');
    expect(within(row).getByText('Attendance can’t be below 0. Enter 0 or more.')).toBeInTheDocument();
    await userEvent.click(save);

    await userEvent.clear(input);
    await userEvent.type(input, '100001');
    expect(within(row).getByText('Enter a number no bigger than 100,000.')).toBeInTheDocument();
    await userEvent.click(save);
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([]);

    // Fixed: the message goes at once, and what is saved is what was typed.
    await userEvent.clear(input);
    await userEvent.type(input, '12');
    expect(within(row).queryByText(/Enter a number|Enter a whole number|can’t be below/)).toBeNull();
    expect(input).not.toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(save);
    await screen.findByText('Saved.');
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([
      { attendance: 12, version: 3 },
    ]);
  });

  it('says nothing about a number until the field is left or saved', async () => {
    fakeApi((call) => {
      if (call.path === `/api/v1/programs/${PROGRAM_ID}`) return json(PROGRAM);
      if (call.path === `/api/v1/programs/${PROGRAM_ID}/sessions`) return json({ data: [HELD] });
      return undefined;
    });
    renderAt(`/programs/${PROGRAM_ID}`);
    const [row] = await screen.findAllByTestId('session');
    const input = within(row).getByRole('textbox', { name: /^Attended on/ });
    await userEvent.type(input, '1.');
    expect(within(row).queryByText('Enter a whole number, without decimals.')).toBeNull();
    fireEvent.blur(input);
    expect(await within(row).findByText('Enter a whole number, without decimals.')).toBeInTheDocument();
  });
});

describe('the schedule’s numbers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-12-01T12:00:00Z'));
  });

  it('refuses a length of 0, -1, 1.5 or 99999 minutes in words (none is changed) and creates nothing until fixed', async () => {
    const calls = fakeApi(() => undefined);
    renderAt('/programs/new');
    await screen.findByRole('heading', { level: 1, name: 'New program' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Drop-in' } });
    const length = screen.getByRole('textbox', { name: 'Length (minutes)' });

    for (const [typed, message] of [
      ['0', 'The length can’t be below 1. Enter 1 or more minutes.'],
      ['-1', 'The length can’t be below 1. Enter 1 or more minutes.'],
      ['1.5', 'Enter a whole number, without decimals.'],
      ['99999', 'Enter a number no bigger than 1,440 minutes.'],
    ]) {
      fireEvent.change(length, { target: { value: typed } });
      fireEvent.blur(length);
      expect(length).toHaveValue(typed);
      await waitFor(() => expect(length).toHaveAccessibleDescription(message));
      expect(length).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByText('Fix the schedule to see its sessions.')).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'Create program' }));
      expect(await screen.findByText('The schedule needs attention')).toBeInTheDocument();
    }
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(length, { target: { value: '60' } });
    await waitFor(() => expect(length).not.toHaveAttribute('aria-invalid', 'true'));
    expect(screen.queryByText('Enter a number no bigger than 1,440 minutes.')).toBeNull();
    expect((await screen.findByTestId('schedule-sentence')).textContent.replace(/\s/g, ' ')).toContain(
      '3:30 – 4:30 PM',
    );
  }, 30_000);

  it('refuses 0 or 2.5 sessions in words, and builds COUNT from the number once fixed', async () => {
    const calls = fakeApi((call) => (call.method === 'POST' ? json(PROGRAM, 201) : undefined));
    renderAt('/programs/new');
    await screen.findByRole('heading', { level: 1, name: 'New program' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Drop-in' } });
    await userEvent.click(screen.getByRole('radio', { name: 'After a number of sessions' }));
    const count = screen.getByRole('textbox', { name: 'Number of sessions' });
    fireEvent.change(count, { target: { value: '0' } });
    expect(await screen.findByText('The number of sessions can’t be below 1. Enter 1 or more.')).toBeInTheDocument();
    fireEvent.change(count, { target: { value: '2.5' } });
    expect(await screen.findByText('Enter a whole number, without decimals.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create program' }));
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(count, { target: { value: '6' } });
    await waitFor(() => expect(screen.queryByText('Enter a whole number, without decimals.')).toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Create program' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    const post = calls.find((call) => call.method === 'POST')!.body as { schedule: { rrule: string } };
    expect(post.schedule.rrule).toBe('FREQ=WEEKLY;BYDAY=MO;COUNT=6');
  }, 30_000);
});
