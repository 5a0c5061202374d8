import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RedisConfig } from '../config/sections';
import { REDIS } from '../redis/redis.token';
import { MetricsReadModel } from './metrics.repository';

/**
 * Prometheus metrics of this process. Counters and the request histogram are updated as things
 * happen; database- and queue-backed gauges are read when /metrics is scraped, so they cost nothing
 * in between.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly httpRequests: Histogram<'method' | 'route' | 'status'>;
  readonly scans: Counter<'verdict'>;
  /** Order lines a marketplace pushed that could not be recorded: each one is an order the co-op must settle by hand. */
  readonly orderLinesRejected: Counter<'marketplace' | 'reason'>;
  private readonly labelRuns: Gauge<'status'>;
  private readonly labelsPrinted: Gauge;
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly outboxLag: Gauge;
  private readonly outboxPending: Gauge;
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly records: MetricsReadModel,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly redisConfig: RedisConfig,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'nongsan_' });
    this.httpRequests = new Histogram({
      name: 'nongsan_http_request_duration_seconds',
      help: 'HTTP requests by route template and status, with their latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.scans = this.counter('nongsan_scans_total', 'Label scans answered, by verdict', ['verdict']);
    this.orderLinesRejected = this.counter(
      'nongsan_marketplace_order_lines_rejected_total',
      'Marketplace order lines rejected (not recorded), by marketplace and reason',
      ['marketplace', 'reason'],
    );
    this.labelRuns = this.gauge('nongsan_label_runs', 'Label runs by status', ['status']);
    this.labelsPrinted = this.gauge('nongsan_labels', 'Label serials allocated');
    this.queueJobs = this.gauge('nongsan_queue_jobs', 'BullMQ jobs by queue and state', ['queue', 'state']);
    this.outboxLag = this.gauge('nongsan_sync_outbox_lag_seconds', 'Age of the oldest sync intent not yet moved to a queue');
    this.outboxPending = this.gauge('nongsan_sync_outbox_pending', 'Sync intents not yet moved to a queue');
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string = string>(name: string, help: string, labelNames: L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }

  /** The text exposition format; a part that cannot be read (database or Redis down) is left out, never an error. */
  async scrape(): Promise<string> {
    await Promise.all([this.readLabelRuns(), this.readQueues(), this.readOutbox()]);
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async readLabelRuns(): Promise<void> {
    try {
      const rows = await this.records.labelRunsByStatus();
      this.labelRuns.reset();
      for (const row of rows) this.labelRuns.set({ status: row.status }, row.runs);
      this.labelsPrinted.set(await this.records.labelsPrinted());
    } catch {
      // database unavailable: the gauges keep their last values
    }
  }

  /** Every BullMQ queue of this deployment, found by its meta key, with its job counts. */
  private async readQueues(): Promise<void> {
    try {
      const bullPrefix = `${this.redisConfig.REDIS_PREFIX}:bull`;
      // The shared client adds `${REDIS_PREFIX}:` to keys but not to SCAN patterns' results.
      const names = new Set<string>();
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${bullPrefix}:*:meta`, 'COUNT', 200);
        for (const key of keys) names.add(key.slice(bullPrefix.length + 1, -':meta'.length));
        cursor = next;
      } while (cursor !== '0');
      for (const name of names) {
        let queue = this.queues.get(name);
        if (!queue) {
          const url = new URL(this.redisConfig.REDIS_URL);
          queue = new Queue(name, {
            prefix: bullPrefix,
            connection: {
              host: url.hostname,
              port: Number(url.port || 6379),
              password: url.password || undefined,
              maxRetriesPerRequest: 1,
            },
          });
          queue.on('error', () => undefined);
          this.queues.set(name, queue);
        }
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
        for (const [state, count] of Object.entries(counts)) this.queueJobs.set({ queue: name, state }, count);
      }
    } catch {
      // Redis unavailable
    }
  }

  private async readOutbox(): Promise<void> {
    try {
      const { pending, oldest } = await this.records.outbox();
      this.outboxPending.set(pending);
      this.outboxLag.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
    } catch {
      // no outbox table yet, or the database is down
    }
  }
}
