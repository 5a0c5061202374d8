import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { RedisConfig } from '../config/sections';

/** BullMQ's shared connection settings; each domain module registers its own queues. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [RedisConfig],
      useFactory: (env: RedisConfig) => {
        const url = new URL(env.REDIS_URL);
        return {
          prefix: `${env.REDIS_PREFIX}:bull`,
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            username: url.username || undefined,
            password: url.password ? decodeURIComponent(url.password) : undefined,
            db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
            tls: url.protocol === 'rediss:' ? {} : undefined,
            maxRetriesPerRequest: null,
          },
        };
      },
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
