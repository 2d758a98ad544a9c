/**
 * How a refresh went: a new access token, refused (the session has ended), or not answered because
 * the server or its database cannot be reached right now (the session may well be fine).
 */
export type RefreshOutcome = 'refreshed' | 'refused' | 'unavailable';

/** What the fetch wrapper needs from the session; kept as a parameter so it can be tested alone. */
export interface AuthFetchOptions {
  /** The real fetch. */
  fetch: (request: Request) => Promise<Response>;
  /** The access token held in memory, if any. */
  getToken(): string | null;
  /**
   * Gets a new access token through the refresh cookie. Callers share one attempt at a time. An
   * `unavailable` refresh has reported itself (it knows whether the server or its database is away).
   */
  refresh(): Promise<RefreshOutcome>;
  /**
   * The session is gone (refresh refused). Resolves true once the same person has signed in again
   * (the sign-in dialog over the screen, or another tab): the refused request is then sent once more
   * with the new token. False (or nothing): the refused answer stands.
   */
  onExpired(): Promise<boolean> | boolean | void;
  /** The server answered 503 (its database is unreachable): keep the session and the page, and say so. */
  onUnavailable(): void;
  /** The server answered something other than 503: whatever was unreachable is back. */
  onAvailable(): void;
}

/** What a call gets when the refresh it needed could not be made: a 503 like the server's own. */
function unavailableResponse(): Response {
  const problem = {
    type: 'urn:tandem:problem:database-unavailable',
    title: 'Service Unavailable',
    status: 503,
    detail: "Tandem can't reach its database right now; try again in a moment.",
    code: 'DATABASE_UNAVAILABLE',
  };
  return new Response(JSON.stringify(problem), {
    status: 503,
    headers: { 'Content-Type': 'application/problem+json' },
  });
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
 * once through the httpOnly refresh cookie and repeats the request; when the refresh is refused
 * the session has ended and `onExpired` runs (the app asks the person to sign in again over the
 * screen, and the request goes once more when they have; or it goes to sign-in, remembering the page).
 * A 503, or a refresh that could not be made, never ends the session: the database or the
 * server is away for a while, and `onUnavailable` lets the app say so and try again.
 */
/** Lets the browser close a response whose body will not be read. */
export function discardBody(response: Response): void {
  void response.body?.cancel().catch(() => undefined);
}

export function createAuthFetch(options: AuthFetchOptions): (request: Request) => Promise<Response> {
  const send = async (request: Request): Promise<Response> => {
    const response = await options.fetch(request);
    if (response.status === 503) options.onUnavailable();
    else options.onAvailable();
    return response;
  };
  return async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (NO_RETRY.includes(path)) return send(request);
    // The body can be read once: keep a copy for the repeat.
    const copy = request.clone();
    const response = await send(withToken(request, options.getToken()));
    if (response.status !== 401) return response;
    const outcome = await options.refresh();
    // A response nobody reads stays open (API answers are no-store, so the browser does not
    // read them into its cache): let go of the 401 unless it is the answer.
    if (outcome !== 'refused') discardBody(response);
    // Not a refused session: keep it, and answer the caller as the server does while away.
    if (outcome === 'unavailable') return unavailableResponse();
    if (outcome === 'refused') {
      // The server refused the request, so it did nothing: sending it again after signing in
      // back cannot do it twice.
      if (!(await options.onExpired())) return response;
      discardBody(response);
      return send(withToken(copy, options.getToken()));
    }
    const repeated = await send(withToken(copy, options.getToken()));
    if (repeated.status === 401) void options.onExpired();
    return repeated;
  };
}
