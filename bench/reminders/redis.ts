import type { RedisOptions } from 'bullmq';
import { redisOptionsFromUrl } from '../../src/redis/redis.connection';

/** BullMQ connection options for REDIS_URL, as Tandem's QueueModule builds them (workers block, so no per-request retry limit). */
export function bullConnection(url: string): RedisOptions {
  return { ...(redisOptionsFromUrl(url) as RedisOptions), maxRetriesPerRequest: null };
}
