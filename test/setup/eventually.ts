import { inspect } from 'node:util';

export interface EventuallyOptions {
  /** How long to keep trying (default 10 s). */
  timeoutMs?: number;
  /** Pause between two tries (default 25 ms). */
  intervalMs?: number;
}

/** Thrown from a probe to stop waiting at once (e.g. the child process it waits on has exited). */
export class GiveUp extends Error {}

/**
 * Polls `probe` until it passes, and resolves with what it returned. A probe passes when it
 * returns anything but `false` without throwing, so it can be a condition (`() => rows.length
 * === 3`), an async assertion (`async () => expect(await count()).toBe(3)`), or a lookup that
 * throws or returns `false` until there is something to return. On timeout it fails with a
 * message naming `what` was awaited and the probe's last failure (its error, or the `false`).
 * A `GiveUp` thrown by the probe ends the wait at once with that error.
 *
 * This is how tests wait, never by sleeping a fixed time; to show that something did NOT happen,
 * wait for the positive sign that the code had its chance (a log line, a final row state) or
 * drive it with the test clock.
 */
export async function eventually<T>(
  what: string,
  probe: () => T | Promise<T>,
  options: EventuallyOptions = {},
): Promise<Exclude<T, false>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 25;
  const started = Date.now();
  let lastFailure: string;
  let tries = 0;
  for (;;) {
    tries += 1;
    try {
      const result = await probe();
      if (result !== false) return result as Exclude<T, false>;
      lastFailure = 'the condition was false';
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      lastFailure = error instanceof Error ? error.message : inspect(error);
    }
    if (Date.now() - started >= timeoutMs) {
      throw new Error(
        `Timed out after ${timeoutMs} ms (${tries} tries) waiting for ${what}; last failure: ${lastFailure}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
