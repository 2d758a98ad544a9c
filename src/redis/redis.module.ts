import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import Redis from 'ioredis';
import { redisConfig, RedisConfig } from '../config/configuration';
import { reconnectDelay, redisAddress, redisOptionsFromUrl } from './redis.connection';

/**
 * The shared Redis client for short commands (login limits, health). Commands fail fast while
 * Redis is down instead of queueing, so the API keeps answering; the client reconnects by
 * itself. An outage is logged once, with what to do, and its end once.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis;
  private down = false;

  constructor(@Inject(redisConfig.KEY) readonly config: RedisConfig) {
    this.client = new Redis({
      ...redisOptionsFromUrl(config.url),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: reconnectDelay,
    });
    this.client.on('error', (error: Error) => {
      if (this.down) return;
      this.down = true;
      this.logger.warn(
        { redis: redisAddress(config.url), reason: error.message },
        'Redis is unreachable: the API keeps serving (health says degraded) but the reminder worker and shared login limits wait for it. Start it with `redis-server` or `docker compose up -d redis`, or set REDIS_URL.',
      );
    });
    this.client.on('ready', () => {
      if (this.down) this.logger.log({ redis: redisAddress(config.url) }, 'Redis is reachable again');
      this.down = false;
    });
  }

  /** Key for this deployment (REDIS_PREFIX), so several Tandems or test runs can share a Redis. */
  key(...parts: string[]): string {
    return [this.config.prefix, ...parts].join(':');
  }

  async ping(timeoutMs = 1000): Promise<void> {
    await Promise.race([
      this.client.ping(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
  }

  onApplicationShutdown(): void {
    this.client.disconnect();
  }
}

@Global()
@Module({
  imports: [ConfigModule.forFeature(redisConfig)],
  providers: [RedisService],
  exports: [RedisService],
})
export class RedisModule {}
