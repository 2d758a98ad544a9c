import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** Makes each request a POST of this JSON body, built afresh per request (e.g. a unique name); a GET without it. */
  body?: () => string;
  /** The status of a good answer; 200 unless said. */
  status?: number;
}

export interface Sample {
  latenciesMs: number[];
  seconds: number;
  errors: number;
  firstError?: string;
}

/** One GET (or POST, see Target.body) through a keep-alive agent; resolves with the status and the whole body. */
export function fetchOnce(target: Target, agent?: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = target.body?.();
    const headers =
      payload === undefined
        ? target.headers
        : {
            ...target.headers,
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(payload)),
          };
    const method = payload === undefined ? 'GET' : 'POST';
    const req = request(target.url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.end(payload);
  });
}

/**
 * Closed-loop load: `concurrency` clients, each sending its next request as soon as the
 * previous one is answered, for `durationMs`. A fresh keep-alive agent per call (one socket
 * per client), so no socket idles long enough between phases to hit a server's keep-alive
 * timeout. Requests started before the deadline are waited for and counted.
 */
export async function runLoad(target: Target, concurrency: number, durationMs: number): Promise<Sample> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const sample: Sample = { latenciesMs: [], seconds: 0, errors: 0 };
  const started = performance.now();
  const deadline = started + durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const { status, body } = await fetchOnce(target, agent);
        if (status !== (target.status ?? 200)) throw new Error(`HTTP ${status}: ${body.slice(0, 200)}`);
        sample.latenciesMs.push(performance.now() - t0);
      } catch (error) {
        sample.errors += 1;
        sample.firstError ??= (error as Error).message;
        if (sample.errors >= 20) {
          throw new Error(`${target.name} failed ${sample.errors} requests; first: ${sample.firstError}`, {
            cause: error,
          });
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, client));
  } finally {
    agent.destroy();
  }
  sample.seconds = (performance.now() - started) / 1000;
  return sample;
}

export function merge(samples: Sample[]): Sample {
  return {
    latenciesMs: samples.flatMap((s) => s.latenciesMs),
    seconds: samples.reduce((sum, s) => sum + s.seconds, 0),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    firstError: samples.find((s) => s.firstError)?.firstError,
  };
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
