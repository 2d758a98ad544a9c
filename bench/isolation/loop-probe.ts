/**
 * Preloaded into Tandem by the isolation benchmark (`node --require`); the app never imports it.
 * It watches the main thread's event loop with a 1 ms timer: a tick that comes late means the
 * loop ran something else for that long without yielding (a request's synchronous work, or the
 * garbage collector). Each stretch is measured twice: in wall time, and in the main thread's CPU
 * time from /proc (on a busy machine the thread is also descheduled mid-stretch, which is not
 * work of its own). Each HTTP request is charged with the longest stretch while it was in
 * flight, by route, so the bench can say how long one request holds the loop. It also notes how
 * busy the loop was and the garbage collector's pauses, and with BENCH_CPU_PROFILE=1 samples the
 * thread with V8's profiler, so the bench can say what ran in the long stretches.
 *
 * On SIGUSR2 it writes what it saw since the previous signal as one JSON line on stderr
 * (prefixed with LOOP_REPORT_PREFIX), and the profile of that span into BENCH_PROFILE_DIR; then
 * it starts afresh.
 */
import { Session } from 'node:inspector';
import { openSync, readSync, writeFileSync } from 'node:fs';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { EventLoopUtilization, performance, PerformanceObserver } from 'node:perf_hooks';
import { LOOP_REPORT_PREFIX, LongStretch, LoopReport } from './loop-report';

const TICK_MS = 1;
/** Stretches from this long (wall) are kept with their end, for the profile: half the 20 ms the issue allows. */
const NOTED_MS = 10;
/** Long stretches kept per span (the count goes on). */
const MAX_LONG = 200;
/**
 * The main thread's time on a CPU, ms (Linux: schedstat, in ns); a stretch's CPU leaves out the
 * time the machine ran others. The file stays open and is read again from its start at every
 * tick: one system call.
 */
const schedstat = (() => {
  try {
    return openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
  } catch {
    return undefined;
  }
})();
const buffer = Buffer.alloc(64);

function threadCpuMs(): number | undefined {
  if (schedstat === undefined) return undefined;
  const length = readSync(schedstat, buffer, 0, buffer.length, 0);
  return Number(buffer.toString('latin1', 0, length).split(' ')[0]) / 1e6;
}

interface InFlight {
  route: string;
  wall: number;
  cpu: number;
}

let lastTick = performance.now();
let lastCpu = threadCpuMs();
let longest = { wall: 0, cpu: 0 };
let long: LongStretch[] = [];
const inFlight = new Set<InFlight>();
let byRoute = new Map<string, { wallMs: number[]; cpuMs: number[] }>();

/**
 * How long the loop has been away from the timer since its last tick, beyond the tick itself:
 * in wall time, and in the main thread's CPU time (wall time where the system does not say).
 */
function stretchNow(): { wall: number; cpu: number } {
  const wall = Math.max(0, performance.now() - lastTick - TICK_MS);
  const cpu = threadCpuMs();
  return { wall, cpu: cpu === undefined || lastCpu === undefined ? wall : Math.min(wall, cpu - lastCpu) };
}

setInterval(() => {
  const stretch = stretchNow();
  lastTick = performance.now();
  lastCpu = threadCpuMs();
  longest = { wall: Math.max(longest.wall, stretch.wall), cpu: Math.max(longest.cpu, stretch.cpu) };
  // Its end on the monotonic clock V8's profiler stamps its samples with, so the bench can say what ran in it.
  if (stretch.wall >= NOTED_MS && long.length < MAX_LONG)
    long.push({ ms: stretch.wall, cpuMs: stretch.cpu, endUs: Number(process.hrtime.bigint() / 1000n) });
  for (const request of inFlight) {
    request.wall = Math.max(request.wall, stretch.wall);
    request.cpu = Math.max(request.cpu, stretch.cpu);
  }
}, TICK_MS).unref();

/** "/api/v1/organizations/:id" for "/api/v1/organizations/5f0c…?x=1". */
const routeOf = (url = '') =>
  url.split('?')[0].replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id');

const originalEmit = Server.prototype.emit;
Server.prototype.emit = function emit(this: Server, event: string, ...args: unknown[]): boolean {
  if (event === 'request') {
    const [req, res] = args as [IncomingMessage, ServerResponse];
    const request: InFlight = { route: `${req.method} ${routeOf(req.url)}`, wall: 0, cpu: 0 };
    inFlight.add(request);
    res.once('close', () => {
      // The stretch in progress (the answer's own last work) counts too: no tick has run since.
      const last = stretchNow();
      inFlight.delete(request);
      const seen = byRoute.get(request.route) ?? { wallMs: [], cpuMs: [] };
      seen.wallMs.push(Math.max(request.wall, last.wall));
      seen.cpuMs.push(Math.max(request.cpu, last.cpu));
      byRoute.set(request.route, seen);
    });
  }
  return (originalEmit as (this: Server, event: string, ...rest: unknown[]) => boolean).call(this, event, ...args);
} as typeof originalEmit;

let utilization: EventLoopUtilization = performance.eventLoopUtilization();
let gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count += 1;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

const profileDir = process.env.BENCH_CPU_PROFILE === '1' ? process.env.BENCH_PROFILE_DIR : undefined;
let session: Session | undefined;
let profiles = 0;

function post<T>(method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

async function startProfile(): Promise<void> {
  if (!profileDir) return;
  if (!session) {
    session = new Session();
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 250 });
  }
  await post('Profiler.start');
}

async function stopProfile(): Promise<string | undefined> {
  if (!session) return undefined;
  const { profile } = await post<{ profile: object }>('Profiler.stop');
  profiles += 1;
  const path = join(profileDir!, `tandem-${profiles}.cpuprofile`);
  writeFileSync(path, JSON.stringify(profile));
  return path;
}

process.on('SIGUSR2', () => {
  const report: LoopReport = {
    longestMs: longest.wall,
    longestCpuMs: longest.cpu,
    long,
    utilization: performance.eventLoopUtilization(utilization).utilization,
    gc,
    byRoute: Object.fromEntries(byRoute),
  };
  longest = { wall: 0, cpu: 0 };
  long = [];
  byRoute = new Map();
  utilization = performance.eventLoopUtilization();
  gc = { count: 0, totalMs: 0, maxMs: 0 };
  void (async () => {
    report.profile = await stopProfile().catch(() => undefined);
    await startProfile().catch(() => undefined);
    process.stderr.write(`${LOOP_REPORT_PREFIX}${JSON.stringify(report)}\n`);
  })();
});
