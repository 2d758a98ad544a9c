import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutageMonitor } from './outage';

describe('createOutageMonitor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks the server while away and ends the outage at the first good answer', async () => {
    const answers = [false, true];
    const probe = vi.fn(async () => answers.shift() ?? true);
    const monitor = createOutageMonitor({ probe, intervalMs: 5_000 });
    const back = vi.fn();
    void monitor.whenAvailable().then(back);
    expect(back).not.toHaveBeenCalled();

    monitor.report('database');
    monitor.report('database');
    expect(monitor.getSnapshot()).toEqual({ active: true, reason: 'database' });
    const waited = monitor.whenAvailable().then(back);

    await vi.advanceTimersByTimeAsync(5_000);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(monitor.getSnapshot().active).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(monitor.getSnapshot()).toEqual({ active: false, reason: null });
    await waited;
    expect(back).toHaveBeenCalledTimes(2);

    // Nothing more is asked once it is over.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(probe).toHaveBeenCalledTimes(2);
  });

  it('ends at once when the API answers, and tells its listeners', () => {
    const monitor = createOutageMonitor({ probe: async () => false, intervalMs: 5_000 });
    const listener = vi.fn();
    monitor.subscribe(listener);
    monitor.report('network');
    monitor.clear();
    monitor.clear();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(monitor.getSnapshot().active).toBe(false);
  });
});
