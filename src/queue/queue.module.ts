import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { redisConfig, RedisConfig } from '../config/configuration';
import { reconnectDelay, redisOptionsFromUrl } from '../redis/redis.connection';
import { QueueName } from './queue.constants';

/** BullMQ on Redis: the connection (REDIS_URL) and key prefix (REDIS_PREFIX) for every queue. */
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
  exports: [BullModule],
})
export class QueueModule {}
