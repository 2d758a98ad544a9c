import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '../test/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import type { Program, Session } from './program-types';

// jsdom has no FontFaceSet; Mantine's autosizing textareas listen to it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

// The reader is in Chicago whatever zone the machine running the tests is in.
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
const VIEWER = { ...STAFF, id: '22222222-2222-4222-8222-222222222222', name: 'Vic Viewer', role: 'viewer' } as User;
const PROGRAM_ID = '44444444-4444-4444-8444-444444444444';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** A stand-in for the API: records every call; `answer` decides the interesting ones. */
function fakeApi(answer: (call: Call, url: URL) => Response | undefined) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      const text = input.method === 'GET' ? '' : await input.text();
      const call = {
        method: input.method,
        path: url.pathname,
        query: url.searchParams,
        body: text ? JSON.parse(text) : undefined,
      };
      calls.push(call);
      const answered = answer(call, url);
      if (answered) return answered;
      switch (url.pathname) {
        case '/api/v1/audiences':
        case '/api/v1/closures':
        case '/api/v1/reminders':
          return json({ data: [], meta: { total: 0, limit: 25, offset: 0 } });
        case '/api/v1/organizations':
          return json({ data: [], meta: { total: 0, limit: 20, offset: 0 } });
        case `/api/v1/programs/${PROGRAM_ID}/calendar-link`:
          return json({ url: null, createdAt: null });
        default:
          return problem(404, { detail: `not faked: ${url.pathname}` });
      }
    }),
  );
  return calls;
}

function renderAt(path: string, user: User = STAFF) {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  render(
    <App router={router} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} env="test" />,
  );
  return router;
}

const sentence = async () => (await screen.findByTestId('schedule-sentence')).textContent.replace(/\s/g, ' ');

describe('the program form’s schedule editor', () => {
  beforeEach(() => {
    // Monday 1 Dec 2025, 06:00 in Chicago.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-12-01T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('builds the RRULE from the pattern, previews the next dates and shows the server’s field errors', async () => {
    const calls = fakeApi((call) =>
      call.method === 'POST' && call.path === '/api/v1/programs'
        ? problem(400, {
            code: 'VALIDATION_FAILED',
            detail: 'The request has an invalid field: schedule.timezone.',
            errors: [{ field: 'schedule.timezone', message: 'must be an IANA time zone such as America/Los_Angeles' }],
          })
        : undefined,
    );
    renderAt('/programs/new');
    await screen.findByRole('heading', { level: 1, name: 'New program' });
    // A new program starts weekly on today's weekday, at 15:30 for 90 minutes, in the reader's zone.
    expect(await sentence()).toBe('Every Monday 3:30 – 5:00 PM · next: Dec 1, Dec 8, Dec 15 …');

    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Homework help' } });
    await userEvent.click(screen.getByRole('combobox', { name: 'Repeats' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Every other week' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Thursday' }));
    fireEvent.change(screen.getByLabelText('Starts at'), { target: { value: '16:00' } });
    const length = screen.getByRole('textbox', { name: 'Length (minutes)' });
    await userEvent.clear(length);
    await userEvent.type(length, '60');
    await waitFor(async () =>
      expect(await sentence()).toBe('Every other Monday and Thursday 4:00 – 5:00 PM · next: Dec 1, Dec 4, Dec 15 …'),
    );
    expect(screen.getByText('From Dec 1, 2025, no end date')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Create program' }));
    await screen.findByText('Must be an IANA time zone such as America/Los_Angeles');
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.body).toEqual({
      name: 'Homework help',
      description: null,
      status: 'planned',
      partners: [],
      audienceIds: [],
      libraryGoal: null,
      partnerGoal: null,
      schedule: {
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
        timezone: 'America/Chicago',
        startTime: '16:00',
        durationMinutes: 60,
        location: null,
      },
      startDate: '2025-12-01',
      endDate: null,
    });
  }, 30_000);

  it('refuses what the server would refuse before sending anything: no day, an end before the start, a rule finer than daily', async () => {
    const calls = fakeApi(() => undefined);
    renderAt('/programs/new');
    await screen.findByRole('heading', { level: 1, name: 'New program' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Drop-in' } });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Monday' }));
    expect(await screen.findByText('Choose at least one day')).toBeInTheDocument();
    expect(screen.getByText('Fix the schedule to see its sessions.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Wednesday' }));

    await userEvent.click(screen.getByRole('radio', { name: 'On a date' }));
    fireEvent.change(screen.getByLabelText('Last day'), { target: { value: '2025-11-01' } });
    // The server's own check, run here: the same words it would answer with.
    expect(await screen.findByText('Must not be before startDate')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create program' }));
    expect(await screen.findByText('The schedule needs attention')).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Last day'), { target: { value: '2025-12-17' } });
    await waitFor(async () =>
      expect(await sentence()).toBe('Every Wednesday 3:30 – 5:00 PM · next: Dec 3, Dec 10, Dec 17'),
    );
    expect(screen.getByText('From Dec 1, 2025 until Dec 17, 2025')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('combobox', { name: 'Repeats' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Custom rule (RRULE)' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Rule' }), { target: { value: 'FREQ=HOURLY' } });
    // Next to the rule, and in the summary above the form since saving was tried.
    expect(await screen.findAllByText('FREQ=HOURLY is finer than a day; a program meets at most daily')).toHaveLength(
      2,
    );
    expect(screen.getByRole('textbox', { name: 'Rule' })).toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Create program' }));
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  }, 30_000);
});

function program(overrides: Partial<Program> = {}): Program {
  return {
    id: PROGRAM_ID,
    version: 2,
    name: 'Teen drop-in',
    description: null,
    status: 'running',
    language: 'en',
    partners: [
      { organizationId: '55555555-5555-4555-8555-555555555555', organizationName: 'Harbor House', role: 'host' },
    ],
    audienceIds: [],
    libraryGoal: null,
    partnerGoal: null,
    schedule: {
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
      timezone: 'America/Chicago',
      startTime: '15:30',
      durationMinutes: 90,
      location: 'Teen room',
    },
    startDate: '2025-09-03',
    endDate: null,
    createdAt: '2025-09-01T00:00:00.000Z',
    updatedAt: '2025-09-01T00:00:00.000Z',
    ...overrides,
  };
}

function session_(overrides: Partial<Session>): Session {
  return {
    id: crypto.randomUUID(),
    programId: PROGRAM_ID,
    cancelled: false,
    cancelReason: null,
    attendance: null,
    notes: null,
    version: 1,
    ...overrides,
  } as Session;
}

describe('a program’s language', () => {
  const LIBRARY = { version: 1, name: 'The library', timezone: 'UTC', defaultLanguage: 'en', languages: ['en', 'es'] };
  afterEach(() => vi.unstubAllGlobals());

  it('is chosen on the form among the library’s languages, by their own names, the default first, and sent', async () => {
    const calls = fakeApi((call) => {
      if (call.path === '/api/v1/settings/library') return json(LIBRARY);
      if (call.method === 'POST' && call.path === '/api/v1/programs')
        return problem(400, {
          errors: [{ field: 'language', message: 'must be one of the languages the library offers: en (English)' }],
        });
      return undefined;
    });
    renderAt('/programs/new');
    await screen.findByRole('heading', { level: 1, name: 'New program' });
    const language = screen.getByRole('combobox', { name: /Language/ });
    await waitFor(() => expect(language).toHaveValue('English'));
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Martes y Jueves de Tareas' } });
    await userEvent.click(language);
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual(['English', 'Español']);
    await userEvent.click(screen.getByRole('option', { name: 'Español' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create program' }));
    // The server's word goes next to the field.
    await screen.findByText('Must be one of the languages the library offers: en (English)');
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({
      name: 'Martes y Jueves de Tareas',
      language: 'es',
    });
  }, 30_000);

  it('is named on the program’s page when it is not the library’s default', async () => {
    fakeApi((call) => {
      if (call.path === '/api/v1/settings/library') return json(LIBRARY);
      if (call.path === `/api/v1/programs/${PROGRAM_ID}`) return json(program({ language: 'es' }));
      if (call.path === `/api/v1/programs/${PROGRAM_ID}/sessions`) return json({ data: [] });
      return undefined;
    });
    renderAt(`/programs/${PROGRAM_ID}`);
    await screen.findByRole('heading', { level: 1, name: 'Teen drop-in' });
    expect((await screen.findByText('Español')).closest('[lang="es"]')).not.toBeNull();
  });
});

describe('the sessions calendar', () => {
  const held = session_({
    id: 'a1111111-1111-4111-8111-111111111111',
    startsAt: '2025-11-19T21:30:00.000Z',
    endsAt: '2025-11-19T23:00:00.000Z',
    localDate: '2025-11-19',
    version: 3,
  });
  const closed = session_({
    startsAt: '2025-11-26T21:30:00.000Z',
    endsAt: '2025-11-26T23:00:00.000Z',
    localDate: '2025-11-26',
    cancelled: true,
    cancelReason: 'Thanksgiving',
  });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-11-28T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks for the month in the program’s zone, records attendance with the version, and reloads on a conflict', async () => {
    let current = held;
    const calls = fakeApi((call, url) => {
      if (url.pathname === `/api/v1/programs/${PROGRAM_ID}`) return json(program());
      if (url.pathname === `/api/v1/programs/${PROGRAM_ID}/sessions`) return json({ data: [current, closed] });
      if (url.pathname === `/api/v1/programs/${PROGRAM_ID}/feedback-links`)
        return json({ data: [], meta: { total: 0, limit: 100, offset: 0 } });
      if (call.method === 'PATCH' && url.pathname === `/api/v1/sessions/${held.id}`) {
        const body = call.body as { attendance: number; version: number };
        if (body.version !== current.version)
          return problem(409, { code: 'STALE_VERSION', currentVersion: current.version });
        current = { ...current, attendance: body.attendance, version: current.version + 1 };
        return json(current);
      }
      return undefined;
    });
    renderAt(`/programs/${PROGRAM_ID}`);
    await screen.findByRole('heading', { level: 1, name: 'Teen drop-in' });
    const sessions = await screen.findAllByTestId('session');
    // November in Chicago: from its first midnight (still CDT, UTC-5) to December's (CST, UTC-6).
    const query = calls.find((call) => call.path.endsWith('/sessions'))!.query;
    expect([query.get('from'), query.get('to')]).toEqual(['2025-11-01T05:00:00.000Z', '2025-12-01T06:00:00.000Z']);
    const list = screen.getByRole('list', { name: 'November 2025' });
    expect(within(list).getAllByTestId('session')).toHaveLength(2);
    expect(within(sessions[1]).getByText('Library closed')).toBeInTheDocument();
    expect(within(sessions[1]).getByText('Thanksgiving')).toBeInTheDocument();
    expect(within(sessions[1]).queryByRole('textbox')).toBeNull();
    expect(
      screen.getByText('2 sessions · 1 cancelled · attendance recorded for 0 of 1 held so far'),
    ).toBeInTheDocument();

    // Someone else saved meanwhile: the version we hold is stale.
    current = { ...held, attendance: 9, version: 4 };
    await userEvent.type(within(sessions[0]).getByRole('textbox', { name: /^Attended on/ }), '14');
    await userEvent.click(within(sessions[0]).getByRole('button', { name: 'Save' }));
    await within(sessions[0]).findByText(/Someone else changed this session meanwhile/);
    // The month is reloaded: their number shows, and saving again uses their version.
    await waitFor(() =>
      expect(within(screen.getAllByTestId('session')[0]).getByRole('textbox', { name: /^Attended on/ })).toHaveValue(
        '9',
      ),
    );
    const input = within(screen.getAllByTestId('session')[0]).getByRole('textbox', { name: /^Attended on/ });
    await userEvent.clear(input);
    await userEvent.type(input, '14');
    await userEvent.click(within(screen.getAllByTestId('session')[0]).getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    const patches = calls.filter((call) => call.method === 'PATCH').map((call) => call.body);
    expect(patches).toEqual([
      { attendance: 14, version: 3 },
      { attendance: 14, version: 4 },
    ]);
    expect(
      screen.getByText('2 sessions · 1 cancelled · attendance recorded for 1 of 1 held so far'),
    ).toBeInTheDocument();
  });

  it('shows a viewer the same month without any control', async () => {
    fakeApi((_call, url) => {
      if (url.pathname === `/api/v1/programs/${PROGRAM_ID}`) return json(program());
      if (url.pathname === `/api/v1/programs/${PROGRAM_ID}/sessions`)
        return json({ data: [{ ...held, attendance: 11 }, closed] });
      return undefined;
    });
    renderAt(`/programs/${PROGRAM_ID}`, VIEWER);
    await screen.findByRole('heading', { level: 1, name: 'Teen drop-in' });
    const sessions = await screen.findAllByTestId('session');
    expect(within(sessions[0]).getByText('11 attended')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /^Attended on/ })).toBeNull();
    for (const name of [
      'Edit program',
      'Change status',
      'Add reminder',
      'Make a printable link',
      'Save',
      'Cancel session',
      'Mark as not held',
    ]) {
      expect(screen.queryByRole('button', { name })).toBeNull();
      expect(screen.queryByRole('link', { name })).toBeNull();
    }
  });
});
