import Redis from 'ioredis';
import { TooManyRequestsError } from '../common/errors/domain-error';
import { PublicRateLimiter } from '../common/rate-limit/public-rate-limit';
import type { FeedbackConfig } from '../config/configuration';
import type { RedisService } from '../redis/redis.module';
import { feedbackLimits } from './public-feedback.guard';

const DEFAULTS: FeedbackConfig = {
  publicLimits: { perIpPerHour: 20 },
  formLimits: { perIpAndLinkPer10Minutes: 60, perIpPerHour: 120, perLinkPerHour: 200 },
};

class TooMany extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super('TOO_MANY', 'Too many.', retryAfterSeconds);
  }
}

/**
 * The guard's limiter with Redis down (a client that never connected): the in-process insurance
 * limiters count with the same numbers, so this is the limit as a room meets it.
 */
function limiterWithoutRedis(config = DEFAULTS): { limiter: PublicRateLimiter; close: () => void } {
  const client = new Redis({ lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  const redis = { client, key: (...parts: string[]) => ['test', ...parts].join(':') } as unknown as RedisService;
  const limiter = new PublicRateLimiter(redis, { ...feedbackLimits(config), tooMany: (s) => new TooMany(s) });
  return { limiter, close: () => client.disconnect() };
}

/** How many of `posts` posts from `ip` to `link` get through the guard's limits. */
async function admitted(limiter: PublicRateLimiter, posts: number, ip: string, link: string): Promise<number> {
  let passed = 0;
  for (let i = 0; i < posts; i += 1) {
    try {
      await limiter.consumeIp(ip);
      await limiter.consumeLink(link, ip);
      passed += 1;
    } catch (error) {
      if (!(error instanceof TooManyRequestsError)) throw error;
    }
  }
  return passed;
}

describe('feedbackLimits', () => {
  it('are per address across links per hour, per address and link per 10 minutes, per link per hour', () => {
    expect(feedbackLimits(DEFAULTS)).toEqual({
      scope: 'public-feedback',
      perIp: { points: 120, seconds: 3600 },
      perIpAndLink: { points: 60, seconds: 600 },
      perLink: { name: 'link', points: 200, seconds: 3600 },
    });
  });

  it('let a room of 40 on one address answer one link, with room for resends, and stop a script at 60', async () => {
    const { limiter, close } = limiterWithoutRedis();
    try {
      expect(await admitted(limiter, 40, '10.0.0.1', 'link-a')).toBe(40);
      expect(await admitted(limiter, 100, '10.0.0.1', 'link-a')).toBe(20);
    } finally {
      close();
    }
  });

  it('let a second group in the building answer another link, and stop one address at 120 an hour', async () => {
    const { limiter, close } = limiterWithoutRedis();
    try {
      expect(await admitted(limiter, 40, '10.0.0.1', 'link-a')).toBe(40);
      expect(await admitted(limiter, 40, '10.0.0.1', 'link-b')).toBe(40);
      expect(await admitted(limiter, 100, '10.0.0.1', 'link-c')).toBe(40);
      expect(await admitted(limiter, 10, '10.0.0.1', 'link-d')).toBe(0);
    } finally {
      close();
    }
  });

  it('count a post refused for its address and link against neither the link nor other addresses', async () => {
    const { limiter, close } = limiterWithoutRedis();
    try {
      expect(await admitted(limiter, 500, '10.0.0.1', 'link-a')).toBe(60);
      // The link's 200 an hour: 140 left for everyone else, spread over addresses.
      let others = 0;
      for (let ip = 2; ip <= 5; ip += 1) others += await admitted(limiter, 60, `10.0.0.${ip}`, 'link-a');
      expect(others).toBe(140);
    } finally {
      close();
    }
  });
});
