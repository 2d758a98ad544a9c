import { describe, expect, it, vi } from 'vitest';
import { createAuthFetch, type RefreshOutcome } from './auth-fetch';

const URL_BASE = 'http://localhost:3000';

function harness(responses: number[], refreshResults: RefreshOutcome[] = ['refreshed']) {
  let token: string | null = 'old-token';
  const seen: { path: string; authorization: string | null; body: string }[] = [];
  const fetch = vi.fn(async (request: Request) => {
    seen.push({
      path: new URL(request.url).pathname,
      authorization: request.headers.get('Authorization'),
      body: await request.text(),
    });
    return new Response(null, { status: responses.shift() ?? 200 });
  });
  const refresh = vi.fn(async () => {
    const outcome = refreshResults.shift() ?? 'refused';
    if (outcome === 'refreshed') token = 'new-token';
    return outcome;
  });
  const onExpired = vi.fn();
  const onUnavailable = vi.fn();
  const onAvailable = vi.fn();
  const authFetch = createAuthFetch({ fetch, getToken: () => token, refresh, onExpired, onUnavailable, onAvailable });
  return { authFetch, fetch, refresh, onExpired, onUnavailable, onAvailable, seen };
}

describe('createAuthFetch', () => {
  it('sends the access token held in memory', async () => {
    const { authFetch, seen } = harness([200]);
    const response = await authFetch(new Request(`${URL_BASE}/api/v1/organizations`));
    expect(response.status).toBe(200);
    expect(seen).toEqual([{ path: '/api/v1/organizations', authorization: 'Bearer old-token', body: '' }]);
  });

  it('on a 401 refreshes once and repeats the request, body included, with the new token', async () => {
    const { authFetch, seen, refresh, onExpired } = harness([401, 201]);
    const response = await authFetch(
      new Request(`${URL_BASE}/api/v1/organizations`, { method: 'POST', body: '{"name":"Harbor"}' }),
    );
    expect(response.status).toBe(201);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onExpired).not.toHaveBeenCalled();
    expect(seen.map((call) => [call.authorization, call.body])).toEqual([
      ['Bearer old-token', '{"name":"Harbor"}'],
      ['Bearer new-token', '{"name":"Harbor"}'],
    ]);
  });

  it('ends the session when the refresh is refused, without repeating the request', async () => {
    const { authFetch, fetch, onExpired } = harness([401], ['refused']);
    const response = await authFetch(new Request(`${URL_BASE}/api/v1/organizations`));
    expect(response.status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it('waits while the person signs in again, then sends the refused request once more with the new token', async () => {
    const { authFetch, seen, onExpired } = harness([401, 201], ['refused']);
    let signedInAgain: (resumed: boolean) => void = () => undefined;
    onExpired.mockImplementation(() => new Promise<boolean>((resolve) => (signedInAgain = resolve)));
    const pending = authFetch(
      new Request(`${URL_BASE}/api/v1/organizations`, { method: 'POST', body: '{"name":"Harbor"}' }),
    );
    await vi.waitFor(() => expect(onExpired).toHaveBeenCalledTimes(1));
    expect(seen).toHaveLength(1);
    signedInAgain(true);
    expect((await pending).status).toBe(201);
    expect(seen.map((call) => call.body)).toEqual(['{"name":"Harbor"}', '{"name":"Harbor"}']);
  });

  it('answers the refusal when the dialog ends without the same person (signed out, or someone else)', async () => {
    const { authFetch, fetch, onExpired } = harness([401], ['refused']);
    onExpired.mockResolvedValue(false);
    const response = await authFetch(new Request(`${URL_BASE}/api/v1/organizations`, { method: 'POST', body: '{}' }));
    expect(response.status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not loop when the repeated request is refused too', async () => {
    const { authFetch, fetch, refresh, onExpired } = harness([401, 401]);
    const response = await authFetch(new Request(`${URL_BASE}/api/v1/auth/me`));
    expect(response.status).toBe(401);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it.each(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/setup', '/api/v1/auth/accept-invitation'])(
    'passes a 401 from %s straight through (wrong password, no cookie)',
    async (path) => {
      const { authFetch, refresh, onExpired } = harness([401]);
      const response = await authFetch(new Request(`${URL_BASE}${path}`, { method: 'POST' }));
      expect(response.status).toBe(401);
      expect(refresh).not.toHaveBeenCalled();
      expect(onExpired).not.toHaveBeenCalled();
    },
  );

  it('keeps the session when a call answers 503 (the database is away), and says so', async () => {
    const { authFetch, refresh, onExpired, onUnavailable, onAvailable } = harness([503, 200]);
    expect((await authFetch(new Request(`${URL_BASE}/api/v1/organizations`))).status).toBe(503);
    expect(onUnavailable).toHaveBeenCalledTimes(1);
    expect(refresh).not.toHaveBeenCalled();
    expect(onExpired).not.toHaveBeenCalled();
    // The next answer means it is back.
    expect((await authFetch(new Request(`${URL_BASE}/api/v1/organizations`))).status).toBe(200);
    expect(onAvailable).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when the refresh cannot be made (503), answering the call with a 503', async () => {
    const { authFetch, fetch, refresh, onExpired } = harness([401], ['unavailable']);
    const response = await authFetch(new Request(`${URL_BASE}/api/v1/organizations`));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(onExpired).not.toHaveBeenCalled();
  });

  it('passes other failures through untouched', async () => {
    const { authFetch, refresh } = harness([403]);
    expect((await authFetch(new Request(`${URL_BASE}/api/v1/users`))).status).toBe(403);
    expect(refresh).not.toHaveBeenCalled();
  });
});
