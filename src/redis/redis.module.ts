import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisConfig } from '../config/sections';
import { ChangeNotices } from './change-notices';
import { REDIS } from './redis.token';

export { REDIS };

/**
 * One shared ioredis client for caches, counters and health. It fails fast (no offline queue) so a
 * Redis outage degrades features instead of stalling requests; BullMQ keeps its own connections.
 */
@Injectable()
export class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [RedisConfig],
      useFactory: (env: RedisConfig): Redis => {
        const client = new Redis(env.REDIS_URL, {
          keyPrefix: `${env.REDIS_PREFIX}:`,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2000,
          lazyConnect: false,
          retryStrategy: (times) => Math.min(times * 200, 2000),
        });
        // Errors surface through the commands that fail; without a listener ioredis would log every retry.
        client.on('error', () => undefined);
        return client;
      },
    },
    RedisLifecycle,
    ChangeNotices,
  ],
  exports: [REDIS, ChangeNotices],
})
export class RedisModule {}
