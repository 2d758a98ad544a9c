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

/**
 * `expired`: the session ended under a screen that can ask the person to sign in again over it
 * (the sign-in dialog); the user stays in the snapshot so the screen, and what was typed, stay.
 */
export type SessionStatus = 'restoring' | 'signed-in' | 'expired' | 'signed-out';

export interface SessionSnapshot {
  status: SessionStatus;
  user: User | null;
}

/** Tabs of one browser tell each other about a sign-in. */
const SESSION_CHANNEL = 'tandem-session';

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
  /** Screens that can show the sign-in dialog over themselves (the app layout) while mounted. */
  private resumeHosts = 0;
  /** While expired: settles true when the same person signs in again, false otherwise. */
  private resumption: { promise: Promise<boolean>; resolve: (resumed: boolean) => void } | null = null;
  private resuming: Promise<void> | null = null;
  /** While expired: hears another tab of this browser sign in. */
  private channel: BroadcastChannel | null = null;

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
   * While the session is expired, calls wait for the person to sign in again rather than go on
   * with whatever session another tab may have started (perhaps someone else's).
   */
  refresh(): Promise<RefreshOutcome> {
    if (this.snapshot.status === 'expired') return Promise.resolve('refused');
    return this.refreshCookie();
  }

  private refreshCookie(): Promise<RefreshOutcome> {
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
    this.resume(body.user);
    // Tabs whose session ended may go on with this sign-in's cookie (tryResume).
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(SESSION_CHANNEL);
      channel.postMessage('signed-in');
      channel.close();
    }
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

  /** From the sign-in dialog: not signing in again after all. What waited for it gets its 401. */
  async abandon(): Promise<void> {
    this.settleResumption(false);
    await this.signOut();
  }

  async signOut(): Promise<void> {
    try {
      await api.POST('/api/v1/auth/logout');
    } catch {
      // Signed out locally either way; the server ends the session when the token expires.
    }
    this.clear();
  }

  /**
   * The session ended under us (refresh refused). With the app layout on screen the person signs
   * in again over it (status `expired`, the screen stays) and this resolves true once the same
   * person is back; elsewhere the router sends them to sign in and this resolves false.
   */
  expire(): Promise<boolean> {
    if (this.snapshot.status === 'expired' && this.resumption) return this.resumption.promise;
    if (this.snapshot.status !== 'signed-in') return Promise.resolve(false);
    if (this.resumeHosts === 0) {
      this.clear();
      this.expiredHandler();
      return Promise.resolve(false);
    }
    let resolve: (resumed: boolean) => void = () => undefined;
    const promise = new Promise<boolean>((settle) => (resolve = settle));
    this.resumption = { promise, resolve };
    this.token = null;
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(SESSION_CHANNEL);
      this.channel.onmessage = () => void this.tryResume();
    }
    this.set({ status: 'expired', user: this.snapshot.user });
    return promise;
  }

  /** The app layout can show the sign-in dialog while mounted; returns the unregister. */
  registerResumeHost(): () => void {
    this.resumeHosts += 1;
    return () => {
      this.resumeHosts -= 1;
    };
  }

  /**
   * While expired: another tab may have signed in again (its refresh cookie is this tab's too).
   * If so, go on as that person: the same one resumes; someone else does not (the app then
   * starts afresh at the directory).
   */
  tryResume(): Promise<void> {
    if (this.snapshot.status !== 'expired') return Promise.resolve();
    this.resuming ??= (async () => {
      try {
        if ((await this.refreshCookie()) !== 'refreshed') return;
        const response = await fetch(new URL('/api/v1/auth/me', window.location.origin), {
          headers: { Authorization: `Bearer ${this.token ?? ''}` },
        });
        if (!response.ok) {
          discardBody(response);
          return;
        }
        const user = (await response.json()) as User;
        if (this.snapshot.status === 'expired') this.resume(user);
      } catch {
        // Not reachable now; the dialog stays and the person can sign in there.
      } finally {
        this.resuming = null;
      }
    })();
    return this.resuming;
  }

  /** Signed in (again): whatever waited for the dialog goes on if this is the same person. */
  private resume(user: User): void {
    const same = this.snapshot.user?.id === user.id;
    this.set({ status: 'signed-in', user });
    this.settleResumption(same);
  }

  private settleResumption(resumed: boolean): void {
    const pending = this.resumption;
    this.resumption = null;
    this.channel?.close();
    this.channel = null;
    pending?.resolve(resumed);
  }

  /** For tests: start as this user with this token. */
  signInForTest(user: User, token = 'test-token'): void {
    this.token = token;
    this.restoring = Promise.resolve();
    this.set({ status: 'signed-in', user });
  }

  private clear(): void {
    this.settleResumption(false);
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
