import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../../common/periodic-task';
import { SyncConfig } from '../../config/sections';
import { dialectOf } from '../../database/sql-dialect';
import type { Marketplace } from '../../marketplaces/marketplace';
import { SYNC_QUEUES, SyncChannelJob, syncJobOptions, SyncJobName } from './sync.queue';

const BATCH = 500;
const ENQUEUE_TIMEOUT_MS = 3000;

/**
 * Moves due sync intents from the outbox to the marketplace queues (worker role). Rows are taken
 * with FOR UPDATE SKIP LOCKED on PostgreSQL, so several worker processes relay side by side without
 * sending an intent twice; a row is deleted only in the transaction that enqueued it. The outbox id is
 * the job id, so a row re-sent after a lost commit collapses into the same job.
 */
@Injectable()
export class SyncRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncRelay.name);
  private readonly periodic: PeriodicTask;
  private readonly queues: Record<Marketplace, Queue<SyncChannelJob>>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sync: SyncConfig,
    @InjectQueue(SYNC_QUEUES.lazada) lazada: Queue<SyncChannelJob>,
    @InjectQueue(SYNC_QUEUES.tiki) tiki: Queue<SyncChannelJob>,
    @InjectQueue(SYNC_QUEUES.shopee) shopee: Queue<SyncChannelJob>,
  ) {
    this.queues = { lazada, tiki, shopee };
    this.periodic = new PeriodicTask(sync.SYNC_RELAY_INTERVAL_MS, () => this.relayDue());
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  onApplicationShutdown(): void {
    this.periodic.stop();
  }

  private async relayDue(): Promise<void> {
    try {
      while ((await this.relayOnce()) === BATCH);
    } catch (error) {
      this.logger.warn(`Sync relay paused: ${(error as Error).message}; intents stay in the outbox`);
    }
  }

  /** Relays up to one batch of due intents; answers how many. */
  async relayOnce(now = new Date()): Promise<number> {
    const dialect = dialectOf(this.dataSource);
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string; listing_id: string; marketplace: Marketplace }[]>(
        dialect.sql(
          `SELECT id, listing_id, marketplace FROM sync_outbox WHERE available_at <= ?
            ORDER BY available_at LIMIT ${BATCH} ${dialect.rowLock('update', { skipLocked: true })}`,
        ),
        [dialect.timestamp(now)],
      );
      if (rows.length === 0) return 0;
      const options = syncJobOptions(this.sync.MARKETPLACE_SYNC_ATTEMPTS);
      const adding = Promise.all(
        (Object.keys(this.queues) as Marketplace[]).map((marketplace) => {
          const jobs = rows
            .filter((r) => r.marketplace === marketplace)
            .map((r) => ({
              name: SyncJobName.Sync,
              data: { listingId: r.listing_id, marketplace },
              opts: { ...options, jobId: r.id },
            }));
          return jobs.length ? this.queues[marketplace].addBulk(jobs) : Promise.resolve([]);
        }),
      );
      adding.catch(() => undefined);
      await Promise.race([
        adding,
        new Promise((_, reject) => setTimeout(() => reject(new Error('Redis did not answer')), ENQUEUE_TIMEOUT_MS).unref()),
      ]);
      const ids = rows.map((r) => r.id);
      const sent = dialect.inList(ids);
      await manager.query(dialect.sql(`DELETE FROM sync_outbox WHERE id ${sent.sql}`), sent.params);
      return rows.length;
    });
  }
}
