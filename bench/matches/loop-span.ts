/** What loop-probe.ts (preloaded into Tandem) reports, shared with the benchmark. */
export const LOOP_PREFIX = '@@tandem-bench-matches-loop ';

/** Tandem's main event loop between two SIGUSR2. */
export interface LoopSpan {
  /** How long the loop ran JavaScript (or native work on its behalf), ms. */
  busyMs: number;
  /** The CPU time the main thread got, ms. */
  cpuMs: number;
  spanMs: number;
  /** The longest the loop ran without yielding, ms (within a millisecond). */
  longestMs: number;
}

export function parseLoopSpan(line: string): LoopSpan {
  return JSON.parse(line.slice(LOOP_PREFIX.length)) as LoopSpan;
}
