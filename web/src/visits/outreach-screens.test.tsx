import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '../test/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import type { Task } from '../tasks/task-groups';

const STAFF = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
const VIEWER = { ...STAFF, id: '44444444-4444-4444-8444-444444444444', role: 'viewer' } as User;
const BEN = { id: '77777777-7777-4777-8777-777777777777', name: 'Ben Colleague', role: 'staff' };
/** The team list (GET /users/directory) as a staff member gets it: names and roles, no emails. */
const TEAM = [
  { id: STAFF.id, name: 'Ana Staff', role: 'staff' },
  BEN,
  { id: VIEWER.id, name: 'Vic Viewer', role: 'viewer' },
];
const SHELTER = '22222222-2222-4222-8222-222222222222';
const DANA = '55555555-5555-4555-8555-555555555555';
const NOW = new Date(2026, 2, 4, 10, 0);

// jsdom has no FontFaceSet; Mantine's autosizing Textarea listens on it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function organization() {
  return {
    id: SHELTER,
    version: 1,
    name: 'Harbor House Youth Shelter',
    type: 'Youth shelter',
    website: null,
    email: null,
    phone: null,
    address: null,
    mission: null,
    notes: null,
    stage: 'active',
    ownerId: STAFF.id,
    audienceIds: [],
    capabilityIds: [],
    seeksCapabilityIds: [],
    tags: [],
    fit: { audienceReach: 0, missionOverlap: 0, complementaryResources: 0, notes: null },
    createdAt: '2026-02-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
  };
}

function task(title: string, dueAt: Date, overrides: Partial<Task> = {}): Task {
  return {
    id: crypto.randomUUID(),
    version: 3,
    title,
    dueAt: dueAt.toISOString(),
    assigneeId: STAFF.id,
    organizationId: null,
    programId: null,
    visitId: null,
    status: 'open',
    completedAt: null,
    createdAt: '2026-02-01T10:00:00.000Z',
    updatedAt: '2026-02-01T10:00:00.000Z',
    ...overrides,
  };
}

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** A stand-in for the API: records every call and answers from small fixed data. */
function fakeApi(tasks: Task[] = [], visitAnswer?: () => Response) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url);
      const body = request.method === 'GET' ? undefined : await request.json();
      calls.push({ method: request.method, path: url.pathname, query: url.searchParams, body });
      const page = (data: unknown[]) => json({ data, meta: { total: data.length, limit: 25, offset: 0 } });
      if (url.pathname === `/api/v1/organizations/${SHELTER}`) return json(organization());
      if (url.pathname === '/api/v1/organizations') return page([organization()]);
      if (url.pathname === '/api/v1/contacts') {
        return page([
          {
            id: DANA,
            version: 1,
            organizationId: SHELTER,
            name: 'Dana Case-Manager',
            title: 'Case manager',
            email: null,
            phone: null,
            preferredChannel: 'phone',
            isPrimary: true,
            notes: null,
          },
        ]);
      }
      if (url.pathname === '/api/v1/programs') return page([]);
      if (url.pathname === '/api/v1/users/directory') return json({ data: TEAM });
      if (url.pathname === '/api/v1/tasks' && request.method === 'POST')
        return json(task((body as Task).title, new Date((body as Task).dueAt), body as Partial<Task>), 201);
      if (url.pathname === '/api/v1/visits' && request.method === 'POST') {
        if (visitAnswer) return visitAnswer();
        const sent = body as Record<string, unknown>;
        return json(
          {
            id: '66666666-6666-4666-8666-666666666666',
            version: 1,
            programId: null,
            location: null,
            notes: null,
            visitedAt: NOW.toISOString(),
            createdAt: NOW.toISOString(),
            updatedAt: NOW.toISOString(),
            ...sent,
          },
          201,
        );
      }
      if (url.pathname === '/api/v1/tasks' && request.method === 'GET') {
        const status = url.searchParams.get('status');
        return page(tasks.filter((t) => !status || t.status === status));
      }
      const patch = url.pathname.match(/^\/api\/v1\/tasks\/(.+)$/);
      if (patch && request.method === 'PATCH') {
        const found = tasks.find((t) => t.id === patch[1])!;
        const change = body as { status: Task['status']; version: number };
        if (change.version !== found.version)
          return json({ status: 409, title: 'Conflict', code: 'STALE_VERSION' }, 409);
        Object.assign(found, { status: change.status, version: found.version + 1 });
        return json({ ...found });
      }
      return json({ status: 404, detail: 'not here' }, 404);
    }),
  );
  return {
    calls,
    posted: (path: string) => calls.filter((call) => call.method !== 'GET' && call.path.startsWith(path)),
  };
}

function renderAt(path: string, user: User = STAFF) {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<App router={router} queryClient={queryClient} env="test" />);
  return router;
}

describe('Log a visit', () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
    window.localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('opened from a partner’s page, saves in two taps with the partner, now and me as defaults', async () => {
    const api = fakeApi();
    renderAt(`/log-visit?organizationId=${SHELTER}`);

    const partner = await screen.findByRole('combobox', { name: /^Partner/ });
    await waitFor(() => expect(partner).toHaveValue('Harbor House Youth Shelter'));
    await userEvent.click(screen.getByRole('radio', { name: 'Handing out invitations' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save visit' }));

    await screen.findByRole('heading', { name: 'Visit saved' });
    expect(api.posted('/api/v1/visits').map((call) => call.body)).toEqual([
      {
        organizationId: SHELTER,
        purpose: 'invitations',
        staffIds: [STAFF.id],
        contactIds: [],
        invitationsHandedOut: 0,
        peopleReached: 0,
      },
    ]);
    // The next visit starts from this partner and purpose.
    expect(JSON.parse(window.localStorage.getItem(`tandem.last-visit.${STAFF.id}`)!)).toEqual({
      organizationId: SHELTER,
      purpose: 'invitations',
    });
  });

  it('sends counts, the contacts met and notes when given', async () => {
    const api = fakeApi();
    renderAt(`/log-visit?organizationId=${SHELTER}`);
    await userEvent.click(await screen.findByRole('radio', { name: 'Keeping in touch' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Invitations handed out' }), '25');
    await userEvent.type(screen.getByRole('textbox', { name: 'People reached' }), '12');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Dana Case-Manager (Case manager)' }));
    await userEvent.type(screen.getByRole('textbox', { name: /^Notes/ }), 'They want Spanish flyers');
    await userEvent.click(screen.getByRole('button', { name: 'Save visit' }));

    await screen.findByRole('heading', { name: 'Visit saved' });
    expect(api.posted('/api/v1/visits')[0].body).toEqual({
      organizationId: SHELTER,
      purpose: 'relationship',
      staffIds: [STAFF.id],
      contactIds: [DANA],
      invitationsHandedOut: 25,
      peopleReached: 12,
      notes: 'They want Spanish flyers',
    });
    expect(screen.getByText(/25 invitations handed out · 12 people reached/)).toBeInTheDocument();
  });

  it('lets staff add colleagues under "Who went" from the team list, and assign the follow-up to one of them', async () => {
    const api = fakeApi();
    renderAt(`/log-visit?organizationId=${SHELTER}`);
    await userEvent.click(await screen.findByRole('radio', { name: 'Handing out invitations' }));
    await userEvent.click(screen.getByRole('button', { name: /More details/ }));
    const whoWent = await screen.findByRole('combobox', { name: 'Who went' });
    await userEvent.click(whoWent);
    // Everyone active on the team, you marked as such; you are already chosen.
    await screen.findByRole('option', { name: 'Ben Colleague' });
    expect(screen.getByRole('option', { name: 'Ana Staff (you)' })).toHaveAttribute('aria-selected', 'true');
    await userEvent.click(screen.getByRole('option', { name: 'Ben Colleague' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save visit' }));

    await screen.findByRole('heading', { name: 'Visit saved' });
    expect((api.posted('/api/v1/visits')[0].body as { staffIds: string[] }).staffIds).toEqual([STAFF.id, BEN.id]);

    await userEvent.click(screen.getByRole('button', { name: 'Add a follow-up' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a follow-up' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /What needs doing/ }), 'Send Ben’s flyers');
    await userEvent.click(within(dialog).getByRole('combobox', { name: 'Who does it?' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Ben Colleague' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add follow-up' }));
    await waitFor(() => expect(api.posted('/api/v1/tasks')).toHaveLength(1));
    expect(api.posted('/api/v1/tasks')[0].body).toMatchObject({
      title: 'Send Ben’s flyers',
      assigneeId: BEN.id,
      organizationId: SHELTER,
    });
  });

  it.each([
    ['-5', 'A count can’t be below 0. Enter 0 or more.'],
    ['12.5', 'Enter a whole number, without decimals.'],
    ['99999', '99,999 is a lot for one visit. Check the number, or tick “Yes, the numbers are right” if it is.'],
  ])('refuses %s people reached with a message instead of changing it', async (typed, message) => {
    const api = fakeApi();
    renderAt(`/log-visit?organizationId=${SHELTER}`);
    await userEvent.click(await screen.findByRole('radio', { name: 'Handing out invitations' }));
    const field = screen.getByRole('textbox', { name: 'People reached' });
    await userEvent.type(field, typed);
    await userEvent.click(screen.getByRole('button', { name: 'Save visit' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(field).toHaveValue(typed);
    expect(api.posted('/api/v1/visits')).toEqual([]);
    await userEvent.clear(field);
    await userEvent.type(field, '12');
    expect(screen.queryByText(message)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save visit' }));
    await screen.findByRole('heading', { name: 'Visit saved' });
    expect(api.posted('/api/v1/visits')[0].body).toMatchObject({ peopleReached: 12 });
  });

  it('says what is missing instead of sending an incomplete visit', async () => {
    const api = fakeApi();
    renderAt('/log-visit');
    await userEvent.click(await screen.findByRole('button', { name: 'Save visit' }));
    expect(await screen.findByText('Choose the partner you visited')).toBeInTheDocument();
    expect(screen.getByText('Choose what the visit was for')).toBeInTheDocument();
    expect(api.posted('/api/v1/visits')).toEqual([]);
  });

  it('shows the server’s field errors next to their fields, and keeps what was typed', async () => {
    fakeApi([], () =>
      json(
        {
          status: 400,
          title: 'Bad Request',
          errors: [
            { field: 'contactIds.0', message: 'must be a contact of this organization' },
            { field: 'visitedAt', message: 'must not be more than 366 days ahead' },
          ],
        },
        400,
      ),
    );
    renderAt(`/log-visit?organizationId=${SHELTER}`);
    await userEvent.click(await screen.findByRole('radio', { name: 'Planning together' }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Dana Case-Manager (Case manager)' }));
    await userEvent.type(screen.getByRole('textbox', { name: /^Notes/ }), 'Kept');
    await userEvent.click(screen.getByRole('button', { name: 'Save visit' }));

    const contacts = await screen.findByRole('group', { name: 'Who did you meet?' });
    expect(contacts).toHaveAccessibleDescription(/Must be a contact of this organization/);
    // The time's error is under "More details", which opens to show it.
    expect(await screen.findByText('Must not be more than 366 days ahead')).toBeVisible();
    expect(screen.getByRole('textbox', { name: /^Notes/ })).toHaveValue('Kept');
    expect(screen.queryByRole('heading', { name: 'Visit saved' })).not.toBeInTheDocument();
  });

  it('says in plain words when the server fails, without losing the form', async () => {
    fakeApi([], () => json({ status: 500, title: 'Internal Server Error' }, 500));
    renderAt(`/log-visit?organizationId=${SHELTER}`);
    await userEvent.click(await screen.findByRole('radio', { name: 'Something else' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save visit' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Tandem could not answer just now. Please try again in a moment.',
    );
    expect(screen.getByRole('radio', { name: 'Something else' })).toBeChecked();
  });

  it('tells a viewer they cannot log visits, with no form', async () => {
    fakeApi();
    renderAt(`/log-visit?organizationId=${SHELTER}`, VIEWER);
    expect(await screen.findByText(/lets you read visits but not log them/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save visit' })).not.toBeInTheDocument();
  });
});

describe('My tasks', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('lists overdue first, highlighted, and marks a task done with its version, keeping it in view to reopen', async () => {
    const overdue = task('Call the shelter back', new Date(Date.now() - 2 * 86_400_000));
    const later = task('Plan the summer program', new Date(Date.now() + 30 * 86_400_000));
    const api = fakeApi([later, overdue]);
    renderAt('/tasks');

    const headings = await screen.findAllByRole('heading', { level: 2 });
    expect(headings.map((heading) => heading.textContent)).toEqual(['Overdue (1)', 'Later (1)']);
    const overdueItem = screen.getAllByTestId('task')[0];
    expect(overdueItem).toHaveAttribute('data-overdue', 'true');
    expect(within(overdueItem).getByText('Overdue')).toBeInTheDocument();

    await userEvent.click(within(overdueItem).getByRole('checkbox', { name: 'Call the shelter back' }));
    await waitFor(() => expect(api.posted('/api/v1/tasks')).toHaveLength(1));
    expect(api.posted('/api/v1/tasks')[0].body).toEqual({ status: 'done', version: 3 });
    // Reloaded without it (it is no longer open), it stays under "Done", ticked.
    await screen.findByRole('heading', { name: 'Done (1)' });
    expect(screen.getByRole('checkbox', { name: 'Call the shelter back' })).toBeChecked();
    expect(await screen.findByText('“Call the shelter back” marked done.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Call the shelter back' }));
    await waitFor(() => expect(api.posted('/api/v1/tasks')).toHaveLength(2));
    expect(api.posted('/api/v1/tasks')[1].body).toEqual({ status: 'open', version: 4 });
  });

  it('says so when someone changed the task in between (409)', async () => {
    const stale = task('Send the schedule', new Date(Date.now() + 86_400_000));
    fakeApi([stale]);
    renderAt('/tasks');
    const box = await screen.findByRole('checkbox', { name: 'Send the schedule' });
    stale.version = 9; // someone else saved it meanwhile
    await userEvent.click(box);
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone changed this task since you loaded it');
  });

  it('shows viewers their tasks without checkboxes', async () => {
    fakeApi([task('Read the report', new Date(Date.now() + 86_400_000), { assigneeId: VIEWER.id })]);
    renderAt('/tasks', VIEWER);
    expect(await screen.findByText('Read the report')).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add a follow-up' })).not.toBeInTheDocument();
  });
});
