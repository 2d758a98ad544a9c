/** Why Tandem cannot answer: its database is away (the server said 503), or the server cannot be reached at all. */
export type OutageReason = 'database' | 'network';

export interface OutageSnapshot {
  active: boolean;
  reason: OutageReason | null;
}

const NO_OUTAGE: OutageSnapshot = { active: false, reason: null };

export interface OutageMonitorOptions {
  /** True when the server answers and its database is up (GET /api/v1/health is 200). */
  probe(): Promise<boolean>;
  /** How often to ask while away. */
  intervalMs: number;
}

/**
 * Whether Tandem can be reached right now. A 503 or an unreachable server reports an outage;
 * while it lasts the monitor asks `probe` every `intervalMs` and ends it at the first good answer
 * (or at any good answer from the API). The session is never touched: the same one works when
 * the server is back.
 */
export function createOutageMonitor(options: OutageMonitorOptions) {
  let snapshot = NO_OUTAGE;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<() => void>();
  let waiters: (() => void)[] = [];

  function set(next: OutageSnapshot): void {
    snapshot = next;
    for (const listener of listeners) listener();
  }

  function schedule(): void {
    timer ??= setTimeout(() => {
      void options
        .probe()
        .catch(() => false)
        .then((up) => {
          timer = undefined;
          if (!snapshot.active) return;
          if (up) monitor.clear();
          else schedule();
        });
    }, options.intervalMs);
  }

  const monitor = {
    // Arrow functions: React's useSyncExternalStore calls these detached from the object.
    subscribe: (listener: () => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: (): OutageSnapshot => snapshot,
    /** Something could not be reached: say so and keep asking until it can. */
    report(reason: OutageReason = 'database'): void {
      if (!snapshot.active || snapshot.reason !== reason) set({ active: true, reason });
      schedule();
    },
    /** The server answered: the outage, if any, is over. */
    clear(): void {
      if (!snapshot.active) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      set(NO_OUTAGE);
      const waiting = waiters;
      waiters = [];
      for (const resolve of waiting) resolve();
    },
    /** Resolves at once without an outage, else when it ends. */
    whenAvailable(): Promise<void> {
      if (!snapshot.active) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
  return monitor;
}

export type OutageMonitor = ReturnType<typeof createOutageMonitor>;

/** The app's one monitor; it asks the health route every 5 seconds while Tandem is away. */
export const outage = createOutageMonitor({
  probe: async () => (await fetch(new URL('/api/v1/health', window.location.origin), { cache: 'no-store' })).ok,
  intervalMs: 5_000,
});
