import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { RedisService } from '../../redis/redis.module';

/**
 * A fingerprint of one submission: the hash of its parts (the link's id, the sender, the content
 * as canonical JSON: object keys sorted, so `{a, b}` and `{b, a}` are the same), never the
 * content itself, so nothing anyone wrote reaches Redis.
 */
export function submissionFingerprint(...parts: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify(parts.map(canonical)))
    .digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The in-process stand-in while Redis is down: claims that expire, at most `max` of them. */
export class RecentClaims {
  private readonly claims = new Map<string, { id: string; until: number }>();

  constructor(
    private readonly seconds: number,
    private readonly max = 10_000,
  ) {}

  /**
   * `id` if it now holds `key`, else the id of the claim still holding it. `now` in monotonic
   * milliseconds (a claim's life is a duration, like Redis's expiry, not a time of day).
   */
  claim(key: string, id: string, now = performance.now()): string {
    const held = this.claims.get(key);
    if (held && held.until > now) return held.id;
    this.claims.delete(key);
    if (this.claims.size >= this.max) this.forgetExpired(now);
    // Still full of live claims: forget the oldest (a Map iterates in insertion order).
    if (this.claims.size >= this.max) this.claims.delete(this.claims.keys().next().value as string);
    this.claims.set(key, { id, until: now + this.seconds * 1000 });
    return id;
  }

  release(key: string, id: string): void {
    if (this.claims.get(key)?.id === id) this.claims.delete(key);
  }

  private forgetExpired(now: number): void {
    for (const [key, { until }] of this.claims) if (until <= now) this.claims.delete(key);
  }
}

/**
 * The same submission posted again within `seconds` (a double tap, a resend) is the first one:
 * the first post claims its fingerprint for the id it will be stored under (SET NX with an
 * expiry, in Redis so it holds across API processes); a repeat gets that id back and stores
 * nothing. While Redis is down an in-process map stands in, like the rate limiters' insurance.
 */
export class RecentSubmissions {
  private readonly logger = new Logger(RecentSubmissions.name);
  private readonly fallback: RecentClaims;

  constructor(
    private readonly redis: RedisService,
    private readonly scope: string,
    private readonly seconds: number,
  ) {
    this.fallback = new RecentClaims(seconds);
  }

  /** `id` when this is the first post of `fingerprint` within the window, else the first one's id. */
  async claim(fingerprint: string, id: string): Promise<string> {
    try {
      const key = this.key(fingerprint);
      const set = await this.redis.client.set(key, id, 'EX', this.seconds, 'NX');
      if (set === 'OK') return id;
      return (await this.redis.client.get(key)) ?? id;
    } catch (error) {
      this.logger.warn({ scope: this.scope, reason: (error as Error).message }, 'duplicate guard in process only');
      return this.fallback.claim(fingerprint, id);
    }
  }

  /** Lets go of a claim whose submission was not stored after all, so a retry is not taken for a repeat. */
  async release(fingerprint: string, id: string): Promise<void> {
    this.fallback.release(fingerprint, id);
    try {
      const key = this.key(fingerprint);
      if ((await this.redis.client.get(key)) === id) await this.redis.client.del(key);
    } catch {
      // Redis is down: the claim expires on its own within seconds.
    }
  }

  private key(fingerprint: string): string {
    return this.redis.key(this.scope, 'recent', fingerprint);
  }
}
