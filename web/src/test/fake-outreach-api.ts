import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render } from '@testing-library/react';
import { createElement } from 'react';
import { vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import type { Feedback } from '../feedback/feedback-search';
import type { Task } from '../tasks/task-groups';
import type { Visit } from '../visits/visit-form';

/**
 * A stand-in for the API behind the outreach screens (visits, tasks, feedback) in component
 * tests: records every call, keeps the records in memory, and answers as the server does —
 * PATCH with a stale version is a 409 STALE_VERSION that changes nothing, PATCH merges only the
 * fields sent and bumps the version, DELETE removes (404 when already gone).
 */

export const ME = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ana@library.test',
  name: 'Ana Staff',
  role: 'staff',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
export const VIEWER = { ...ME, id: '44444444-4444-4444-8444-444444444444', role: 'viewer' } as User;
export const BEN = { id: '77777777-7777-4777-8777-777777777777', name: 'Ben Colleague', role: 'staff' };
export const TEAM = [
  { id: ME.id, name: 'Ana Staff', role: 'staff' },
  BEN,
  { id: VIEWER.id, name: 'Vic Viewer', role: 'viewer' },
];
export const SHELTER = '22222222-2222-4222-8222-222222222222';
export const FOOD_BANK = '33333333-3333-4333-8333-333333333333';
export const DANA = '55555555-5555-4555-8555-555555555555';
export const PROGRAM = '66666666-6666-4666-8666-666666666666';

const ORGANIZATION_NAMES: Record<string, string> = {
  [SHELTER]: 'Harbor House Youth Shelter',
  [FOOD_BANK]: 'Eastside Food Bank',
};

function organization(id: string) {
  return {
    id,
    version: 1,
    name: ORGANIZATION_NAMES[id],
    type: null,
    website: null,
    email: null,
    phone: null,
    address: null,
    mission: null,
    notes: null,
    stage: 'active',
    ownerId: ME.id,
    audienceIds: [],
    capabilityIds: [],
    seeksCapabilityIds: [],
    tags: [],
    fit: { audienceReach: 0, missionOverlap: 0, complementaryResources: 0, notes: null },
    createdAt: '2026-02-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
  };
}

const STAMPS = { createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z' };

export function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: crypto.randomUUID(),
    version: 3,
    organizationId: SHELTER,
    programId: null,
    visitedAt: new Date(2026, 2, 4, 15, 30).toISOString(),
    location: 'Front lobby',
    purpose: 'invitations',
    staffIds: [ME.id],
    contactIds: [DANA],
    invitationsHandedOut: 25,
    peopleReached: 12,
    notes: 'They want Spanish flyers',
    ...STAMPS,
    ...overrides,
  };
}

export function task(overrides: Partial<Task> = {}): Task {
  return {
    id: crypto.randomUUID(),
    version: 3,
    title: 'Send the spring schedule',
    dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    assigneeId: ME.id,
    organizationId: SHELTER,
    programId: null,
    visitId: null,
    status: 'open',
    completedAt: null,
    ...STAMPS,
    ...overrides,
  };
}

export function feedback(overrides: Partial<Feedback> = {}): Feedback {
  return {
    id: crypto.randomUUID(),
    version: 2,
    source: 'partner',
    organizationId: SHELTER,
    programId: null,
    sessionId: null,
    rating: 3,
    outcomes: { knowledge: 4, confidence: null, application: null, awareness: 2 },
    worked: 'The teens loved the comics workshop.',
    didntWork: 'The flyers came too late.',
    suggestions: null,
    actionTaken: null,
    language: null,
    viaLink: false,
    feedbackLinkId: null,
    createdById: ME.id,
    ...STAMPS,
    ...overrides,
  };
}

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

const json = (body: unknown, status = 200) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

type Stored = { id: string; version: number } & Record<string, unknown>;

export function fakeOutreachApi(data: { visits?: Visit[]; tasks?: Task[]; feedback?: Feedback[] } = {}) {
  const calls: Call[] = [];
  /** Answers the next write to a path starting with `path` instead of the store (then is used up). */
  const overrides: { method: string; path: string; response: () => Response }[] = [];
  const stores: Record<string, Stored[]> = {
    visits: data.visits ?? [],
    tasks: data.tasks ?? [],
    feedback: data.feedback ?? [],
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url);
      const text = request.method === 'GET' ? '' : await request.text();
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      calls.push({ method: request.method, path: url.pathname, query: url.searchParams, body });
      const override = overrides.findIndex(
        (candidate) => candidate.method === request.method && url.pathname.startsWith(candidate.path),
      );
      if (override >= 0) return overrides.splice(override, 1)[0].response();
      const page = (rows: unknown[]) => json({ data: rows, meta: { total: rows.length, limit: 25, offset: 0 } });

      const org = url.pathname.match(/^\/api\/v1\/organizations\/([^/]+)$/);
      if (org && ORGANIZATION_NAMES[org[1]]) return json(organization(org[1]));
      if (url.pathname === '/api/v1/organizations') return page(Object.keys(ORGANIZATION_NAMES).map(organization));
      if (url.pathname === '/api/v1/contacts') {
        const of = url.searchParams.get('organizationId');
        return page(
          of === SHELTER
            ? [
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
              ]
            : [],
        );
      }
      if (url.pathname === '/api/v1/programs') return page([{ id: PROGRAM, name: 'Teen Tech Lab', status: 'running' }]);
      if (url.pathname === '/api/v1/users/directory') return json({ data: TEAM });

      const record = url.pathname.match(/^\/api\/v1\/(visits|tasks|feedback)(?:\/([^/]+))?$/);
      if (record) {
        const store = stores[record[1]];
        const id = record[2];
        if (!id && request.method === 'GET') {
          const status = url.searchParams.get('status');
          return page(store.filter((row) => !status || row.status === status));
        }
        if (!id && request.method === 'POST') {
          const make = { visits: visit, tasks: task, feedback }[record[1] as 'visits' | 'tasks' | 'feedback'];
          const sent = body as Record<string, unknown>;
          const created = make({
            ...sent,
            ...(sent.outcomes
              ? {
                  outcomes: {
                    knowledge: null,
                    confidence: null,
                    application: null,
                    awareness: null,
                    ...sent.outcomes,
                  },
                }
              : {}),
            id: crypto.randomUUID(),
            version: 1,
          }) as unknown as Stored;
          store.unshift(created);
          return json(created, 201);
        }
        const index = store.findIndex((row) => row.id === id);
        if (index < 0) return json({ status: 404, title: 'Not Found', detail: 'No record has this id.' }, 404);
        const found = store[index];
        if (request.method === 'GET') return json(found);
        if (request.method === 'DELETE') {
          store.splice(index, 1);
          return json(null, 204);
        }
        if (request.method === 'PATCH') {
          const { version, ...changes } = body as { version: number } & Record<string, unknown>;
          if (version !== found.version)
            return json(
              {
                status: 409,
                title: 'Conflict',
                code: 'STALE_VERSION',
                detail: `This record was changed by someone else (current version ${found.version}); reload it and apply your change again.`,
                currentVersion: found.version,
              },
              409,
            );
          const outcomes = changes.outcomes as Record<string, unknown> | undefined;
          Object.assign(found, changes, outcomes ? { outcomes: { ...(found.outcomes as object), ...outcomes } } : {});
          found.version += 1;
          return json({ ...found });
        }
      }
      return json({ status: 404, detail: 'not here' }, 404);
    }),
  );
  return {
    calls,
    stores,
    answerNext: (method: string, path: string, response: () => Response) =>
      void overrides.push({ method, path, response }),
    /** The writes (not GETs) to paths starting with `path`. */
    writes: (path: string) => calls.filter((call) => call.method !== 'GET' && call.path.startsWith(path)),
  };
}

/** The whole app at `path`, signed in as `user`. */
export function renderApp(path: string, user: User = ME) {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(createElement(App, { router, queryClient, env: 'test' }));
  return router;
}

// jsdom has no FontFaceSet; Mantine's autosizing Textarea listens on it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}
