/** What the fetch wrapper needs from the session; kept as a parameter so it can be tested alone. */
export interface AuthFetchOptions {
  /** The real fetch. */
  fetch: (request: Request) => Promise<Response>;
  /** The access token held in memory, if any. */
  getToken(): string | null;
  /** Gets a new access token through the refresh cookie; true when it did. Callers share one attempt at a time. */
  refresh(): Promise<boolean>;
  /** The session is gone (refresh refused): send the person to sign in. */
  onExpired(): void;
}

/**
 * Calls that answer 401 for a reason other than an expired access token (wrong password, no
 * refresh cookie), so they are never retried after a refresh.
 */
const NO_RETRY = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/setup', '/api/v1/auth/accept-invitation'];

function withToken(request: Request, token: string | null): Request {
  const next = new Request(request);
  if (token) next.headers.set('Authorization', `Bearer ${token}`);
  return next;
}

/**
 * fetch for the API client: sends the in-memory access token; on a 401 it refreshes the token
 * once through the httpOnly refresh cookie and repeats the request; when that fails the
 * session has ended and `onExpired` runs (the app goes to sign-in, remembering the page).
 */
export function createAuthFetch(options: AuthFetchOptions): (request: Request) => Promise<Response> {
  return async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (NO_RETRY.includes(path)) return options.fetch(request);
    // The body can be read once: keep a copy for the repeat.
    const copy = request.clone();
    const response = await options.fetch(withToken(request, options.getToken()));
    if (response.status !== 401) return response;
    if (!(await options.refresh())) {
      options.onExpired();
      return response;
    }
    const repeated = await options.fetch(withToken(copy, options.getToken()));
    if (repeated.status === 401) options.onExpired();
    return repeated;
  };
}
