import Redis from 'ioredis';
import type { RedisService } from '../../redis/redis.module';
import { RecentClaims, RecentSubmissions, submissionFingerprint } from './recent-submissions';

/** A RedisService whose client never connected: every command fails at once, as when Redis is down. */
function redisDown(): { redis: RedisService; close: () => void } {
  const client = new Redis({ lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  const redis = { client, key: (...parts: string[]) => ['test', ...parts].join(':') } as unknown as RedisService;
  return { redis, close: () => client.disconnect() };
}

describe('submissionFingerprint', () => {
  it('is the same for the same parts whatever the order of object keys', () => {
    expect(submissionFingerprint('link', { rating: 4, outcomes: { a: 1, b: 2 } })).toBe(
      submissionFingerprint('link', { outcomes: { b: 2, a: 1 }, rating: 4 }),
    );
  });

  it('ignores undefined values but tells null, other values and other parts apart', () => {
    const base = submissionFingerprint('link', 'ip:1', { rating: 4, worked: null });
    expect(submissionFingerprint('link', 'ip:1', { rating: 4, worked: null, extra: undefined })).toBe(base);
    expect(submissionFingerprint('link', 'ip:1', { rating: 4 })).not.toBe(base);
    expect(submissionFingerprint('link', 'ip:1', { rating: 5, worked: null })).not.toBe(base);
    expect(submissionFingerprint('link', 'ip:2', { rating: 4, worked: null })).not.toBe(base);
    expect(submissionFingerprint('other', 'ip:1', { rating: 4, worked: null })).not.toBe(base);
  });

  it('is a hash: nothing anyone wrote is in it', () => {
    expect(submissionFingerprint('link', { worked: 'Jordan said hi' })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('RecentClaims', () => {
  it('gives the first claim of a key to later claims until it expires', () => {
    const claims = new RecentClaims(10);
    expect(claims.claim('k', 'first', 0)).toBe('first');
    expect(claims.claim('k', 'second', 9_999)).toBe('first');
    expect(claims.claim('k', 'third', 10_000)).toBe('third');
  });

  it('lets go of a claim only for the id that holds it', () => {
    const claims = new RecentClaims(10);
    claims.claim('k', 'first', 0);
    claims.release('k', 'other');
    expect(claims.claim('k', 'second', 1)).toBe('first');
    claims.release('k', 'first');
    expect(claims.claim('k', 'second', 2)).toBe('second');
  });

  it('holds at most `max` claims, forgetting expired ones first, then the oldest', () => {
    const claims = new RecentClaims(10, 2);
    claims.claim('a', 'a', 0);
    claims.claim('b', 'b', 5_000);
    claims.claim('c', 'c', 11_000); // 'a' has expired: forgotten
    expect(claims.claim('b', 'b2', 11_000)).toBe('b');
    claims.claim('d', 'd', 12_000); // full of live claims: the oldest ('b') goes
    expect(claims.claim('b', 'b3', 12_000)).toBe('b3');
  });
});

describe('RecentSubmissions while Redis is down', () => {
  it('still stores a repeat once, in process, and a released claim can be claimed again', async () => {
    const { redis, close } = redisDown();
    try {
      const recent = new RecentSubmissions(redis, 'test', 10);
      expect(await recent.claim('fp', 'first')).toBe('first');
      expect(await recent.claim('fp', 'second')).toBe('first');
      expect(await recent.claim('other', 'third')).toBe('third');
      await recent.release('fp', 'first');
      expect(await recent.claim('fp', 'fourth')).toBe('fourth');
    } finally {
      close();
    }
  });
});
