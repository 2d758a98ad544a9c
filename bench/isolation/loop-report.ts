/** What loop-probe.ts (preloaded into Tandem) reports, shared with the benchmark. */
import { readFileSync } from 'node:fs';

export const LOOP_REPORT_PREFIX = '@@tandem-bench-loop ';

/** A stretch the loop ran without yielding: its length (wall, and the main thread's CPU) and its end on the monotonic clock, µs (as V8's profiles). */
export interface LongStretch {
  ms: number;
  cpuMs: number;
  endUs: number;
}

/** The event loop of Tandem's main thread over one span (between two SIGUSR2). */
export interface LoopReport {
  /** The longest stretch the loop ran without yielding, ms (how late a 1 ms timer came). */
  longestMs: number;
  /** The most CPU time the main thread spent in one stretch, ms. */
  longestCpuMs: number;
  /** Stretches of 10 ms or more, wall (the first 200). */
  long: LongStretch[];
  /** Share of the span the loop was busy (0..1). */
  utilization: number;
  gc: { count: number; totalMs: number; maxMs: number };
  /** Per route ("GET /api/v1/organizations/:id"), each answered request's longest stretch while in flight, ms: wall and CPU. */
  byRoute: Record<string, { wallMs: number[]; cpuMs: number[] }>;
  /** A .cpuprofile of the span, with BENCH_CPU_PROFILE=1. */
  profile?: string;
}

export function parseLoopReport(line: string): LoopReport {
  return JSON.parse(line.slice(LOOP_REPORT_PREFIX.length)) as LoopReport;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** "toJSON express/lib/response.js", "(garbage collector)", "computeHealthScore src/partnership/health-score.js". */
function frameName(frame: ProfileNode['callFrame']): string {
  const file = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/dist\//, '');
  return `${frame.functionName || '(anonymous)'} ${file}`.trim();
}

/** Where a function lives: a package, Tandem's own `src/<domain>`, Node's internals, or V8 (GC, native). */
function owner(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1];
  if (frame.url.startsWith('node:')) return 'node internals';
  return /dist\/(src\/[^/]+)\//.exec(frame.url)?.[1] ?? frame.url;
}

export interface ProfileSummary {
  /** Busy time, ms (idle and the probe's own profiler calls left out). */
  busyMs: number;
  byOwner: Array<[string, number]>;
  byFunction: Array<[string, number]>;
  /** The probe's long stretches, the most CPU first, each with the functions that had most self time in it, ms. */
  stretches: Array<LongStretch & { top: Array<[string, number]> }>;
}

const sorted = (map: Map<string, number>, top: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);

/**
 * Self time of a V8 CPU profile by owner and by function, without idle time and the probe's own
 * profiler calls (their stack holds loop-probe.js); and for each of the probe's long stretches,
 * what ran in it (the samples stamped within it). Samples are wall-clock: a thread the machine
 * preempted mid-stretch shows the wait as the function it was in.
 */
export function summarizeProfile(path: string, long: LongStretch[], top = 10): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const probe = new Set<number>();
  const markProbe = (id: number, inside: boolean) => {
    const node = nodes.get(id)!;
    const here = inside || node.callFrame.url.includes('loop-probe');
    if (here) probe.add(id);
    for (const child of node.children ?? []) markProbe(child, here);
  };
  markProbe(profile.nodes[0].id, false);

  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inStretch = long.map(() => new Map<string, number>());
  let busyMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === '(idle)' || probe.has(id)) return;
    const ms = delta / 1000;
    const name = frameName(frame);
    busyMs += ms;
    add(byOwner, owner(frame), ms);
    add(byFunction, name, ms);
    long.forEach((stretch, s) => {
      if (at <= stretch.endUs && at > stretch.endUs - stretch.ms * 1000) add(inStretch[s], name, ms);
    });
  });
  return {
    busyMs,
    byOwner: sorted(byOwner, top),
    byFunction: sorted(byFunction, top),
    stretches: long
      .map((stretch, s) => ({ ...stretch, top: sorted(inStretch[s], 4) }))
      .sort((a, b) => b.cpuMs - a.cpuMs),
  };
}
