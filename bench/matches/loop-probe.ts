/**
 * Preloaded into Tandem by the matches benchmark (`NODE_OPTIONS=--require`); the app never
 * imports it. It watches the main thread's event loop only (a thread Tandem starts loads it too
 * and does nothing there): how long the loop was busy (`eventLoopUtilization`, the main thread's
 * share of the work, whatever other threads do) and the longest time it ran without yielding
 * (how late a 1 ms libuv timer came: `monitorEventLoopDelay`, native, so watching costs the loop
 * next to nothing), and the CPU time the main thread got (Linux's /proc/thread-self/schedstat, in
 * nanoseconds: on a loaded machine the loop's busy time also counts the time it waited for a CPU).
 *
 * On SIGUSR2 it writes what it saw since the previous signal as one JSON line on stderr
 * (prefixed with LOOP_PREFIX) and starts afresh.
 */
import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { LOOP_PREFIX, LoopSpan } from './loop-span';

/** The main thread's CPU time so far, ms (NaN where /proc has no schedstat). */
const cpuMs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;

if (isMainThread) {
  let cpuSince = cpuMs();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let since = performance.eventLoopUtilization();
  process.on('SIGUSR2', () => {
    const span = performance.eventLoopUtilization(since);
    const cpu = cpuMs();
    const report: LoopSpan = {
      busyMs: span.active,
      cpuMs: cpu - cpuSince,
      spanMs: span.active + span.idle,
      // The histogram is in nanoseconds; a tick is due every millisecond, so lateness beyond it is the loop held.
      longestMs: Math.max(0, delay.max / 1e6 - 1),
    };
    process.stderr.write(`${LOOP_PREFIX}${JSON.stringify(report)}\n`);
    since = performance.eventLoopUtilization();
    cpuSince = cpu;
    delay.reset();
  });
}
