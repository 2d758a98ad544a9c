import { vi } from 'vitest';
import type { User } from '../api/client';
import { DROP_IN, goal, SHELTER, TEENS } from './goal-fixtures';
import type { Goal } from './goal-types';

/**
 * A stand-in for the API behind the goal screens in component tests: records every call, keeps
 * the goals in memory and answers as the server does — POST names the scope, PATCH with a stale
 * version is a 409 STALE_VERSION that changes nothing, PATCH merges the fields sent and bumps the
 * version, DELETE removes. `answerNext` replaces the next answer to a method and path.
 */

export const MANAGER = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'maya@library.test',
  name: 'Maya Manager',
  role: 'manager',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;
export const STAFF = { ...MANAGER, id: '22222222-2222-4222-8222-222222222222', role: 'staff' } as User;
export const VIEWER = { ...MANAGER, id: '44444444-4444-4444-8444-444444444444', role: 'viewer' } as User;

export const NAMES: Record<string, string> = {
  [TEENS]: 'Teens',
  [SHELTER]: 'Eastside Youth Shelter',
  [DROP_IN]: 'After-school drop-in',
};

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

const json = (body: unknown, status = 200) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

function scopeOf(ids: Pick<Goal, 'audienceId' | 'programId' | 'organizationId'>): Goal['scope'] {
  if (ids.audienceId) return { type: 'audience', id: ids.audienceId, name: NAMES[ids.audienceId] ?? null };
  if (ids.programId) return { type: 'program', id: ids.programId, name: NAMES[ids.programId] ?? null };
  if (ids.organizationId)
    return { type: 'organization', id: ids.organizationId, name: NAMES[ids.organizationId] ?? null };
  return { type: 'library', id: null, name: null };
}

export function fakeGoalsApi({
  goals = [],
  fiscalYearStartMonth = 7,
}: { goals?: Goal[]; fiscalYearStartMonth?: number } = {}) {
  const calls: Call[] = [];
  const store = [...goals];
  const overrides: { method: string; path: string; response: () => Response }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request | URL | string) => {
      const request = input instanceof Request ? input : new Request(String(input));
      const url = new URL(request.url);
      const text = request.method === 'GET' ? '' : await request.text();
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      calls.push({ method: request.method, path: url.pathname, query: url.searchParams, body });
      const override = overrides.findIndex(
        (candidate) => candidate.method === request.method && url.pathname === candidate.path,
      );
      if (override >= 0) return overrides.splice(override, 1)[0].response();

      if (url.pathname === '/api/v1/settings/library')
        return json({
          version: 1,
          name: 'Riverside Library',
          timezone: 'UTC',
          defaultLanguage: 'en',
          languages: ['en'],
          fiscalYearStartMonth,
        });
      if (url.pathname === '/api/v1/audiences')
        return json({
          data: [
            {
              id: TEENS,
              name: 'Teens',
              priority: 1,
              description: null,
              estimatedPopulation: null,
              source: null,
              version: 1,
            },
          ],
        });
      if (url.pathname === '/api/v1/programs')
        return json({
          data: [{ id: DROP_IN, name: 'After-school drop-in', status: 'running' }],
          meta: { total: 1, limit: 100, offset: 0 },
        });
      if (url.pathname === '/api/v1/organizations')
        return json({
          data: [{ id: SHELTER, name: 'Eastside Youth Shelter' }],
          meta: { total: 1, limit: 20, offset: 0 },
        });
      if (url.pathname === `/api/v1/organizations/${SHELTER}`)
        return json({ id: SHELTER, version: 1, name: 'Eastside Youth Shelter' });
      if (url.pathname === '/api/v1/users/directory') return json({ data: [] });

      if (url.pathname === '/api/v1/goals' && request.method === 'GET') {
        const q = url.searchParams;
        return json({
          data: store.filter(
            (candidate) =>
              (!q.get('organizationId') || candidate.organizationId === q.get('organizationId')) &&
              (!q.get('programId') || candidate.programId === q.get('programId')) &&
              (!q.get('audienceId') || candidate.audienceId === q.get('audienceId')),
          ),
        });
      }
      if (url.pathname === '/api/v1/goals' && request.method === 'POST') {
        const sent = body as Partial<Goal>;
        const ids = {
          audienceId: sent.audienceId ?? null,
          programId: sent.programId ?? null,
          organizationId: sent.organizationId ?? null,
        };
        const created = goal({
          ...sent,
          ...ids,
          scope: scopeOf(ids),
          id: crypto.randomUUID(),
          version: 1,
          progress: { value: 0, ratio: 0, expectedByNow: 0, onTrack: true, status: 'not-started' },
        });
        store.unshift(created);
        return json(created, 201);
      }
      const one = url.pathname.match(/^\/api\/v1\/goals\/([^/]+)$/);
      if (one) {
        const index = store.findIndex((candidate) => candidate.id === one[1]);
        if (index < 0) return json({ status: 404, title: 'Not Found', detail: 'No goal has this id.' }, 404);
        const found = store[index];
        if (request.method === 'GET') return json(found);
        if (request.method === 'DELETE') {
          store.splice(index, 1);
          return json(null, 204);
        }
        if (request.method === 'PATCH') {
          const { version, ...changes } = body as { version: number } & Partial<Goal>;
          if (version !== found.version)
            return json(
              {
                status: 409,
                title: 'Conflict',
                code: 'STALE_VERSION',
                detail: `This record was changed by someone else (current version ${found.version}).`,
              },
              409,
            );
          const next = { ...found, ...changes, version: found.version + 1 };
          store[index] = { ...next, scope: scopeOf(next) };
          return json(store[index]);
        }
      }
      return json({ status: 404, detail: 'not here' }, 404);
    }),
  );
  return {
    calls,
    store,
    answerNext: (method: string, path: string, response: () => Response) =>
      void overrides.push({ method, path, response }),
    /** The writes (not GETs) to goals. */
    writes: () => calls.filter((call) => call.method !== 'GET' && call.path.startsWith('/api/v1/goals')),
    problem: (status: number, problem: Record<string, unknown>) => json({ status, ...problem }, status),
  };
}
