import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';
import type { CalendarSession } from './calendar-queries';

// Weeks start on Sunday, as for a reader in the US, whatever the machine's locale.
vi.mock('./calendar-range', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./calendar-range')>()),
  localeWeekStart: () => 7,
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
const VIEWER = { ...STAFF, id: '22222222-2222-4222-8222-222222222222', name: 'Vic Viewer', role: 'viewer' } as User;
const DROP_IN = '44444444-4444-4444-8444-444444444444';
const WORKSHOP = '55555555-5555-4555-8555-555555555555';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const calendarSession = (overrides: Partial<CalendarSession>): CalendarSession => ({
  id: crypto.randomUUID(),
  programId: DROP_IN,
  programName: 'Teen drop-in',
  programStatus: 'running',
  startsAt: '2026-12-02T21:30:00.000Z',
  endsAt: '2026-12-02T23:00:00.000Z',
  localDate: '2026-12-02',
  cancelled: false,
  cancelReason: null,
  attendance: null,
  notes: null,
  version: 1,
  location: 'Central Library, Teen Room',
  ...overrides,
});

/** Wednesdays 15:30 in Chicago; the one on 23 December falls on a closure day. */
const DECEMBER: CalendarSession[] = [
  calendarSession({
    startsAt: '2026-12-02T21:30:00.000Z',
    endsAt: '2026-12-02T23:00:00.000Z',
    localDate: '2026-12-02',
  }),
  calendarSession({
    programId: WORKSHOP,
    programName: 'College essay workshop',
    programStatus: 'paused',
    location: null,
    startsAt: '2026-12-04T00:00:00.000Z', // Thursday 3 Dec, 18:00 in Chicago
    endsAt: '2026-12-04T01:00:00.000Z',
    localDate: '2026-12-03',
  }),
  calendarSession({
    startsAt: '2026-12-09T21:30:00.000Z',
    endsAt: '2026-12-09T23:00:00.000Z',
    localDate: '2026-12-09',
  }),
  calendarSession({
    startsAt: '2026-12-23T21:30:00.000Z',
    endsAt: '2026-12-23T23:00:00.000Z',
    localDate: '2026-12-23',
    cancelled: true,
    cancelReason: 'Winter break',
  }),
];

interface Call {
  path: string;
  query: URLSearchParams;
}

/** A stand-in for the API: the calendar's sessions from `sessions`, closures from `closures`. */
function fakeApi({
  sessions = DECEMBER,
  closures = [{ id: 'c1', date: '2026-12-23', name: 'Winter break' }],
  failSessions = false,
}: { sessions?: CalendarSession[]; closures?: object[]; failSessions?: boolean } = {}) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      calls.push({ path: url.pathname, query: url.searchParams });
      switch (url.pathname) {
        case '/api/v1/sessions': {
          if (failSessions) return problem(500, { title: 'Internal Server Error', detail: 'Something went wrong.' });
          const from = url.searchParams.get('from')!;
          const to = url.searchParams.get('to')!;
          return json({ data: sessions.filter((s) => s.startsAt >= from && s.startsAt < to) });
        }
        case '/api/v1/closures':
          return json({ data: closures });
        default:
          return problem(404, { detail: `not faked: ${url.pathname}` });
      }
    }),
  );
  return calls;
}

const sessionCalls = (calls: Call[]) =>
  calls
    .filter((call) => call.path === '/api/v1/sessions')
    .map((call) => ({ from: call.query.get('from'), to: call.query.get('to') }));

function renderAt(path: string, user: User = STAFF) {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  render(
    <App router={router} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} env="test" />,
  );
  return router;
}

/** Wide (the grid) or a phone (the agenda): what Mantine's useMediaQuery reads. */
function screenIs(wide: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: wide && query.includes('min-width'),
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }));
}

const text = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('the calendar screen', () => {
  beforeEach(() => {
    // Monday 7 December 2026, 09:00 in Chicago.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T15:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  describe('month view, wide screen', () => {
    beforeEach(() => screenIs(true));

    it('asks for every day of the grid in the reader’s zone and lays the month out as a table', async () => {
      const calls = fakeApi();
      renderAt('/calendar');
      await screen.findByRole('heading', { level: 1, name: 'Calendar' });
      expect(screen.getByRole('heading', { level: 2, name: 'December 2026' })).toBeInTheDocument();
      await screen.findByText('4 sessions this month, 1 cancelled.');
      // Sunday 29 November to Saturday 2 January, midnight to midnight in Chicago.
      expect(sessionCalls(calls)).toEqual([{ from: '2026-11-29T06:00:00.000Z', to: '2027-01-03T06:00:00.000Z' }]);

      const grid = screen.getByRole('table', { name: 'Sessions, December 2026' });
      const headers = within(grid).getAllByRole('columnheader');
      expect(headers.map((header) => text(header))).toEqual([
        'SunSunday',
        'MonMonday',
        'TueTuesday',
        'WedWednesday',
        'ThuThursday',
        'FriFriday',
        'SatSaturday',
      ]);
      expect(within(grid).getAllByRole('row')).toHaveLength(6); // a header row and five weeks

      // Today is marked for assistive technology, and only today.
      const today = grid.querySelector('[aria-current="date"]');
      expect(today).toHaveAttribute('data-date', '2026-12-07');
      expect(grid.querySelectorAll('[aria-current]')).toHaveLength(1);

      const wednesday = grid.querySelector('[data-date="2026-12-02"]')!;
      const list = within(wednesday as HTMLElement).getByRole('list', { name: 'Sessions on Wednesday, December 2' });
      const link = within(list).getByRole('link', { name: '3:30 PM Teen drop-in' });
      expect(link).toHaveAttribute('href', `/programs/${DROP_IN}?month=2026-12`);

      // 18:00 in Chicago on Thursday 3 December (already the 4th in UTC).
      const thursday = grid.querySelector('[data-date="2026-12-03"]') as HTMLElement;
      expect(within(thursday).getByRole('link', { name: '6:00 PM College essay workshop' })).toBeInTheDocument();
    });

    it('marks the closure on its day and strikes the cancelled session through, saying so', async () => {
      fakeApi();
      renderAt('/calendar?view=month&date=2026-12-07');
      await screen.findByText('4 sessions this month, 1 cancelled.');
      const closed = document.querySelector('[data-date="2026-12-23"]') as HTMLElement;
      expect(within(closed).getByText('Library closed: Winter break')).toBeInTheDocument();
      const item = within(closed).getByTestId('calendar-session');
      expect(text(item)).toBe('3:30 PM Teen drop-in Cancelled');
      expect(within(item).getByRole('link')).toHaveStyle({ textDecoration: 'line-through' });
      // Other sessions are not struck through.
      const open = document.querySelector('[data-date="2026-12-09"]') as HTMLElement;
      expect(within(open).getByRole('link')).not.toHaveStyle({ textDecoration: 'line-through' });
      expect(text(open)).not.toContain('Cancelled');
    });

    it('steps to the next and previous month and back to today, keeping it in the address', async () => {
      const calls = fakeApi();
      const router = renderAt('/calendar?view=month&date=2026-12-07');
      await screen.findByText('4 sessions this month, 1 cancelled.');
      expect(screen.getByRole('button', { name: /^Today/ })).toBeDisabled();

      await userEvent.click(screen.getByRole('button', { name: 'Next month, January 2027' }));
      await screen.findByRole('heading', { level: 2, name: 'January 2027' });
      expect(router.state.location.search).toEqual({ view: 'month', date: '2027-01-07' });
      await screen.findByText('No sessions this month.');
      expect(sessionCalls(calls).at(-1)).toEqual({ from: '2026-12-27T06:00:00.000Z', to: '2027-02-07T06:00:00.000Z' });
      expect(document.querySelector('[aria-current="date"]')).toBeNull();

      await userEvent.click(screen.getByRole('button', { name: /^Today, Monday, December 7, 2026/ }));
      await screen.findByRole('heading', { level: 2, name: 'December 2026' });
      expect(router.state.location.search).toEqual({ view: 'month', date: '2026-12-07' });
      expect(document.querySelector('[aria-current="date"]')).toHaveAttribute('data-date', '2026-12-07');

      await userEvent.click(screen.getByRole('button', { name: 'Previous month, November 2026' }));
      await screen.findByRole('heading', { level: 2, name: 'November 2026' });
      expect(router.state.location.search).toEqual({ view: 'month', date: '2026-11-07' });
      // November's grid ends on Saturday 5 December: today is not on it.
      expect(sessionCalls(calls).at(-1)).toEqual({ from: '2026-11-01T05:00:00.000Z', to: '2026-12-06T06:00:00.000Z' });
    });

    it('switches to the week, which asks for that week only, and moves a week at a time', async () => {
      const calls = fakeApi();
      const router = renderAt('/calendar?date=2026-12-07');
      await screen.findByText('4 sessions this month, 1 cancelled.');
      await userEvent.click(screen.getByRole('radio', { name: 'Week' }));
      await waitFor(() => expect(router.state.location.search).toEqual({ view: 'week', date: '2026-12-07' }));
      await screen.findByRole('heading', { level: 2, name: /^December 6\s–\s12, 2026$/ });
      await screen.findByText('1 session this week.');
      expect(sessionCalls(calls).at(-1)).toEqual({ from: '2026-12-06T06:00:00.000Z', to: '2026-12-13T06:00:00.000Z' });
      const grid = screen.getByRole('table');
      expect(within(grid).getAllByRole('row')).toHaveLength(2);
      expect(within(grid).getByRole('link', { name: '3:30 PM Teen drop-in' })).toBeInTheDocument();

      await userEvent.click(screen.getByRole('button', { name: /^Next week/ }));
      await waitFor(() => expect(router.state.location.search).toEqual({ view: 'week', date: '2026-12-14' }));
      await screen.findByText('No sessions this week.');
      expect(sessionCalls(calls).at(-1)).toEqual({ from: '2026-12-13T06:00:00.000Z', to: '2026-12-20T06:00:00.000Z' });
    });

    it('asks for the 167 hours of the week the clocks go forward', async () => {
      const calls = fakeApi({ sessions: [] });
      renderAt('/calendar?view=week&date=2026-03-10');
      await screen.findByText('No sessions this week.');
      expect(sessionCalls(calls)).toEqual([{ from: '2026-03-08T06:00:00.000Z', to: '2026-03-15T05:00:00.000Z' }]);
    });

    it('ignores a view or date it does not know and shows this month', async () => {
      const calls = fakeApi();
      renderAt('/calendar?view=year&date=2026-02-30');
      await screen.findByRole('heading', { level: 2, name: 'December 2026' });
      expect(sessionCalls(calls)).toEqual([{ from: '2026-11-29T06:00:00.000Z', to: '2027-01-03T06:00:00.000Z' }]);
    });

    it('says so in words when the sessions cannot be loaded', async () => {
      fakeApi({ failSessions: true });
      renderAt('/calendar');
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('The sessions could not be loaded');
    });

    it('is in the navigation for a viewer, after Programs', async () => {
      fakeApi();
      renderAt('/calendar', VIEWER);
      await screen.findByText('4 sessions this month, 1 cancelled.');
      const nav = screen.getByRole('navigation', { name: 'Main' });
      const labels = within(nav)
        .getAllByRole('link')
        .map((link) => text(link));
      expect(labels.indexOf('Calendar')).toBe(labels.indexOf('Programs') + 1);
    });
  });

  describe('on a phone', () => {
    beforeEach(() => screenIs(false));

    it('lists the month’s days that have something, today among them, instead of the grid', async () => {
      fakeApi();
      renderAt('/calendar?view=month&date=2026-12-07');
      await screen.findByText('4 sessions this month, 1 cancelled.');
      expect(screen.queryByRole('table')).toBeNull();
      const agenda = screen.getByRole('list', { name: 'Days, December 2026' });
      const days = within(agenda).getAllByRole('heading', { level: 3 });
      expect(days.map((day) => text(day))).toEqual([
        'Wednesday, December 2',
        'Thursday, December 3',
        'Monday, December 7',
        'Wednesday, December 9',
        'Wednesday, December 23',
      ]);
      const today = agenda.querySelector('[aria-current="date"]') as HTMLElement;
      expect(today).toHaveAttribute('data-date', '2026-12-07');
      expect(within(today).getByText('No sessions.')).toBeInTheDocument();
      const closed = agenda.querySelector('[data-date="2026-12-23"]') as HTMLElement;
      expect(text(closed)).toContain('Library closed: Winter break');
      const item = within(closed).getByTestId('calendar-session');
      expect(text(within(item).getByRole('link'))).toMatch(/^3:30\s–\s5:00 PM Teen drop-in$/);
      expect(within(item).getByText('Cancelled')).toBeInTheDocument();
      expect(within(item).getByText('Central Library, Teen Room')).toBeInTheDocument();
    });

    it('lists all seven days of a week', async () => {
      fakeApi();
      renderAt('/calendar?view=week&date=2026-12-07');
      await screen.findByText('1 session this week.');
      const agenda = screen.getByRole('list', { name: /^Days, December 6/ });
      expect(within(agenda).getAllByRole('heading', { level: 3 })).toHaveLength(7);
      expect(within(agenda).getAllByText('No sessions.')).toHaveLength(6);
    });
  });
});
