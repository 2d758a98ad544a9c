import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { Global, Injectable, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ConfigModule } from '@nestjs/config';
import { redisConfig, RedisConfig } from '../config/configuration';
import { reconnectDelay, redisOptionsFromUrl } from '../redis/redis.connection';
import { QueueName } from './queue.constants';

/**
 * Every queue gets an `error` listener: without one BullMQ prints each failed reconnect to the
 * console while Redis is down. The shared Redis client already logs the outage once, with what to do.
 */
@Injectable()
export class QueueErrorListener {
  constructor(@InjectQueue(QueueName.Maintenance) maintenance: Queue, @InjectQueue(QueueName.Outbox) outbox: Queue) {
    for (const queue of [maintenance, outbox]) queue.on('error', () => undefined);
  }
}

/**
 * BullMQ on Redis: the connection (REDIS_URL) and key prefix (REDIS_PREFIX) for every queue.
 * Producers live with their queue's owner (the outbox's OutboxQueue); processors in worker-only
 * modules.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [ConfigModule.forFeature(redisConfig)],
      inject: [redisConfig.KEY],
      useFactory: (config: RedisConfig) => ({
        prefix: `${config.prefix}:bull`,
        connection: {
          ...redisOptionsFromUrl(config.url),
          // BullMQ workers block on Redis; they must wait for it rather than fail a command.
          maxRetriesPerRequest: null,
          retryStrategy: reconnectDelay,
        },
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: [QueueErrorListener],
  exports: [BullModule],
})
export class QueueModule {}
