import createClient from 'openapi-fetch';
import { createAuthFetch, discardBody, type RefreshOutcome } from './auth-fetch';
import { outage } from './outage';
import { ApiError, unwrap } from './problem';
import type { components, paths } from './schema';

/**
 * A user. The signed-in person (login, /auth/me) also carries `mfaSetupRequired`: an admin
 * requires two-factor sign-in for their role and it is not on yet, so the app takes them to setup.
 */
export type User = components['schemas']['UserResponseDto'] &
  Partial<Pick<components['schemas']['CurrentUserResponseDto'], 'mfaSetupRequired'>>;

export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out';

export interface SessionSnapshot {
  status: SessionStatus;
  user: User | null;
}

const SIGNED_OUT: SessionSnapshot = { status: 'signed-out', user: null };

/**
 * The signed-in person. The access token lives only in memory (never in storage a script could
 * read later); a reload gets a new one through the httpOnly refresh cookie.
 */
class Session {
  private token: string | null = null;
  private snapshot: SessionSnapshot = { status: 'restoring', user: null };
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<RefreshOutcome> | null = null;
  private restoring: Promise<void> | null = null;
  private expiredHandler: () => void = () => undefined;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionSnapshot => this.snapshot;

  getToken(): string | null {
    return this.token;
  }

  /** What to do when the session ends by itself (the router sends the person to sign in). */
  onExpired(handler: () => void): void {
    this.expiredHandler = handler;
  }

  /**
   * Once per page load: a session left by an earlier visit, through the refresh cookie. While
   * Tandem is away (503, or no answer) it waits for it and tries again, rather than signing out.
   */
  restore(): Promise<void> {
    this.restoring ??= (async () => {
      for (;;) {
        const outcome = await this.refresh();
        if (outcome === 'refused') {
          this.set(SIGNED_OUT);
          return;
        }
        if (outcome === 'refreshed') {
          try {
            const user = unwrap(await api.GET('/api/v1/auth/me'));
            this.set({ status: 'signed-in', user });
            return;
          } catch (error) {
            if (!(error instanceof ApiError && error.status === 503)) {
              this.clear();
              return;
            }
          }
        }
        await outage.whenAvailable();
      }
    })();
    return this.restoring;
  }

  /**
   * A new access token from the refresh cookie; concurrent callers share one request. Only a
   * refusal ends the session: a 503 (the database is away) or no answer reports an outage.
   */
  refresh(): Promise<RefreshOutcome> {
    this.refreshing ??= (async (): Promise<RefreshOutcome> => {
      try {
        const response = await fetch(new URL('/api/v1/auth/refresh', window.location.origin), {
          method: 'POST',
          credentials: 'same-origin',
        });
        if (!response.ok) discardBody(response);
        if (response.status === 503) {
          outage.report('database');
          return 'unavailable';
        }
        if (!response.ok) return 'refused';
        const body = (await response.json()) as components['schemas']['AccessTokenResponseDto'];
        this.token = body.accessToken;
        outage.clear();
        return 'refreshed';
      } catch {
        outage.report('network');
        return 'unavailable';
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** `otp`: the second step when the account has two-factor on (the server answers 401 MFA_REQUIRED without it). */
  async signIn(email: string, password: string, otp?: string): Promise<User> {
    const body = unwrap(await api.POST('/api/v1/auth/login', { body: { email, password, ...(otp ? { otp } : {}) } }));
    this.token = body.accessToken;
    this.restoring = Promise.resolve();
    this.set({ status: 'signed-in', user: body.user });
    return body.user;
  }

  /** Chooses a password from an invitation (or password) link and signs in as its person, like signIn. */
  async acceptInvitation(token: string, password: string, name?: string): Promise<User> {
    const body = unwrap(
      await api.POST('/api/v1/auth/accept-invitation', { body: { token, password, ...(name ? { name } : {}) } }),
    );
    this.token = body.accessToken;
    this.restoring = Promise.resolve();
    this.set({ status: 'signed-in', user: body.user });
    return body.user;
  }

  /** The signed-in person changed their own profile: show the new name everywhere. */
  updateUser(user: User): void {
    if (this.snapshot.status === 'signed-in' && this.snapshot.user?.id === user.id)
      this.set({ status: 'signed-in', user });
  }

  async signOut(): Promise<void> {
    try {
      await api.POST('/api/v1/auth/logout');
    } catch {
      // Signed out locally either way; the server ends the session when the token expires.
    }
    this.clear();
  }

  /** The session ended under us (refresh refused). */
  expire(): void {
    if (this.snapshot.status !== 'signed-in') return;
    this.clear();
    this.expiredHandler();
  }

  /** For tests: start as this user with this token. */
  signInForTest(user: User, token = 'test-token'): void {
    this.token = token;
    this.restoring = Promise.resolve();
    this.set({ status: 'signed-in', user });
  }

  private clear(): void {
    this.token = null;
    this.restoring = Promise.resolve();
    this.set(SIGNED_OUT);
  }

  private set(snapshot: SessionSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}

export const session = new Session();

/** The typed API client: every path, parameter and body checked against schema.d.ts. */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: createAuthFetch({
    // Looked up at call time, so tests can replace the global fetch.
    fetch: (request) => fetch(request),
    getToken: () => session.getToken(),
    refresh: () => session.refresh(),
    onExpired: () => session.expire(),
    onUnavailable: () => outage.report('database'),
    onAvailable: () => outage.clear(),
  }),
});

export { ApiError };
