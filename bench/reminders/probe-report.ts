/** What probe.ts (preloaded into Tandem's worker) reports, shared with the benchmark. */
import { readFileSync } from 'node:fs';

export const PROBE_PREFIX = '@@tandem-bench-probe ';

export interface TimedStatement {
  sql: string;
  calls: number;
  /** Summed time from call to answer, ms (concurrent statements overlap). */
  ms: number;
}

export interface ProbeReport {
  statements: TimedStatement[];
  /** A .cpuprofile of the span, with BENCH_CPU_PROFILE=1. */
  profile?: string;
}

export function parseProbeReport(line: string): ProbeReport {
  return JSON.parse(line.slice(PROBE_PREFIX.length)) as ProbeReport;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

/** Where a function lives: a package, Tandem's own code, Node's internals, or V8 (GC, idle). */
function owner(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  const own = /dist\/(src\/[^/]+)\//.exec(url);
  if (own) return own[1];
  return url.includes('/bench/') ? 'bench probe' : url;
}

/**
 * Self time of a V8 CPU profile by owner (package, `src/<domain>`, node internals, GC, idle), in
 * ms, largest first; and the `top` functions by self time.
 */
export function summarizeProfile(
  path: string,
  top = 12,
): { byOwner: Array<[string, number]>; byFunction: Array<[string, number]>; totalMs: number } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = nodes.get(id)!.callFrame;
    const who = owner(frame.url, frame.functionName);
    totalMs += ms;
    byOwner.set(who, (byOwner.get(who) ?? 0) + ms);
    const file = frame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^.*\/dist\//, '')
      .replace(/^file:\/\//, '');
    const name = `${frame.functionName || '(anonymous)'} ${file}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return { byOwner: sorted(byOwner), byFunction: sorted(byFunction).slice(0, top), totalMs };
}
