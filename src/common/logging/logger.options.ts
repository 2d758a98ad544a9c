import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { safeError } from './safe-error';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Keeps a caller's well-formed X-Request-Id (from a proxy), or makes one; echoed back. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Path only: query strings can carry search terms (names) and tokens appear in a few public
 * paths (/feedback/:token, /unsubscribe/:token, /check-in/:token, and the API they post to under
 * /api/v1/public/), so both are cut before logging, as is any other long segment that is not a
 * UUID (a token sent to the wrong route).
 */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0];
  return path
    .replace(/^(\/api\/v1\/public)?\/(feedback|unsubscribe|check-ins?)\/[^/]+/, '$1/$2/[token]')
    .replace(LONG_SEGMENT, (segment) => (UUID_SEGMENT.test(segment) ? segment : '/[token]'));
}

/** A long path segment other than an id: a token pasted into another route (ids are UUIDs; no route name is this long). */
const LONG_SEGMENT = /\/[^/]{32,}(?=\/|$)/g;
const UUID_SEGMENT = /^\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How long one logged 429 stands for the others (REJECTION_LOG_WINDOW_MS). */
export const REJECTION_LOG_WINDOW_MS = 60_000;

/**
 * Requests refused for coming too often (429) are logged once per window, the line saying how
 * many were refused unlogged since the last one: under abuse the log grows by a line a minute,
 * not by a line a request (one minute of abuse once wrote 86,000 lines, 20 MB). Other answers are
 * logged one by one as before.
 */
export class RejectionLogWindow {
  private windowStart = Number.NEGATIVE_INFINITY;
  private unlogged = 0;

  constructor(
    private readonly windowMs = REJECTION_LOG_WINDOW_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** For one refusal: null when it is not logged, else how many went unlogged before it. */
  take(): number | null {
    const now = this.now();
    if (now - this.windowStart < this.windowMs) {
      this.unlogged += 1;
      return null;
    }
    const before = this.unlogged;
    this.windowStart = now;
    this.unlogged = 0;
    return before;
  }
}

/**
 * Structured JSON logs with a request id on every line. Requests are logged as method, path
 * and status — never headers, bodies or query strings, so no tokens or personal data. Errors
 * (`err`, or `error`) go through `safeError`: kind, codes, names and the statement, never the
 * values a query failed on. `destination` replaces stdout (the tests write to a file).
 */
export function loggerOptions(
  level: string,
  format: 'json' | 'pretty' = 'json',
  destination?: DestinationStream,
  rejections = new RejectionLogWindow(),
): Params {
  // What the level decided for a 429, for its message (pino-http asks for the level first).
  const unloggedBefore = new WeakMap<ServerResponse, number>();
  const options: Options = {
    level,
    transport:
      format === 'pretty' && !destination
        ? {
            target: 'pino-pretty',
            options: { singleLine: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' },
          }
        : undefined,
    genReqId: requestId,
    autoLogging: { ignore: (req) => loggablePath(req.url) === '/api/v1/health' },
    customLogLevel: (_req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode === 429) {
        const before = rejections.take();
        if (before === null) return 'silent';
        unloggedBefore.set(res, before);
        return 'warn';
      }
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    customSuccessMessage: (_req, res) => {
      if (res.statusCode !== 429) return 'request completed';
      const before = unloggedBefore.get(res) ?? 0;
      return before === 0
        ? 'request refused: too many requests'
        : `request refused: too many requests (${before} more refused since the last one logged)`;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: loggablePath(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // pino-http hands this what pino's standard serializer made of the error; safeError reads its original.
      err: safeError,
      error: safeError,
    },
    redact: {
      paths: ['*.password', '*.token', '*.accessToken', '*.refreshToken', '*.authorization', '*.cookie'],
      remove: true,
    },
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
