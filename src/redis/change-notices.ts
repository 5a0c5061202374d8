import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisConfig } from '../config/sections';
import { REDIS } from './redis.token';

/** What changed, as far as cached views care: a batch (its events, certificates, recall), some labels, or an account. */
export type ChangeNotice =
  { kind: 'batch'; id: string } | { kind: 'labels'; serials: string[] } | { kind: 'user'; id: string } | { kind: 'all' };

type Listener = (notice: ChangeNotice) => void;

/** How long a change waits for Redis to confirm the broadcast before answering anyway. */
const PUBLISH_TIMEOUT_MS = 1000;

/**
 * Tells every process of the deployment that cached views are stale: listeners in this process are
 * called at once, other processes hear it over Redis pub/sub. If Redis is down the notice still
 * reaches this process; caches elsewhere fall back to their short TTL (TRACE_CACHE_SECONDS).
 */
@Injectable()
export class ChangeNotices implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeNotices.name);
  private readonly listeners = new Set<Listener>();
  private readonly channel: string;
  private subscriber: Redis | null = null;
  private readonly origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly redisConfig: RedisConfig,
  ) {
    this.channel = `${redisConfig.REDIS_PREFIX}:changes`;
  }

  onModuleInit(): void {
    this.subscriber = new Redis(this.redisConfig.REDIS_URL, {
      lazyConnect: false,
      maxRetriesPerRequest: null,
      retryStrategy: (n) => Math.min(n * 500, 5000),
    });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('ready', () => void this.subscriber?.subscribe(this.channel).catch(() => undefined));
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        const { origin, notice } = JSON.parse(message) as { origin: string; notice: ChangeNotice };
        if (origin !== this.origin) this.deliver(notice);
      } catch {
        // not one of ours
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves once Redis has handed the notice to every subscribed process (or could not), so a caller
   * that awaits it before answering knows the next request, to any process, sees the change.
   * Never rejects: with Redis away the others fall back to TRACE_CACHE_SECONDS.
   */
  async publish(notice: ChangeNotice): Promise<void> {
    this.deliver(notice);
    // The shared client has the key prefix; PUBLISH channels are not keys, so the prefix is in the name already.
    const sent = this.redis.publish(this.channel, JSON.stringify({ origin: this.origin, notice }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer')), PUBLISH_TIMEOUT_MS);
    });
    try {
      await Promise.race([sent, timeout]);
    } catch (error) {
      sent.catch(() => undefined);
      this.logger.warn(`Change notice not broadcast (${(error as Error).message}); other processes refresh within TRACE_CACHE_SECONDS`);
    } finally {
      clearTimeout(timer);
    }
  }

  private deliver(notice: ChangeNotice): void {
    for (const listener of this.listeners) listener(notice);
  }
}
