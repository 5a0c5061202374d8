import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, Queue, Worker } from 'bullmq';
import { LazadaConfig, ShopeeConfig, SyncConfig, TikiConfig } from '../../config/sections';
import { Marketplace, MARKETPLACES } from '../../marketplaces/marketplace';
import { ChannelSync, SyncOutcome, TransientSyncError } from './channel-sync';
import { jitteredBackoff, SYNC_QUEUES, SyncChannelJob } from './sync.queue';

const BUSY_RETRY_MS = 300;

/**
 * One BullMQ worker per marketplace queue, each with its own rate limit (BullMQ limiter), so one
 * platform's slowness or throttling never holds up the others. Throttling answers pause that queue
 * for as long as the platform asks (Worker.rateLimit) without using an attempt; reviews are polled by
 * delaying the job (no attempt used either); 5xx/timeouts are retried with jittered exponential backoff.
 */
@Injectable()
export class SyncWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SyncWorkers.name);
  private readonly workers: Worker<SyncChannelJob>[] = [];
  private readonly queues: Record<Marketplace, Queue<SyncChannelJob>>;

  constructor(
    private readonly sync: ChannelSync,
    private readonly syncConfig: SyncConfig,
    private readonly lazadaConfig: LazadaConfig,
    private readonly tikiConfig: TikiConfig,
    private readonly shopeeConfig: ShopeeConfig,
    @InjectQueue(SYNC_QUEUES.lazada) lazada: Queue<SyncChannelJob>,
    @InjectQueue(SYNC_QUEUES.tiki) tiki: Queue<SyncChannelJob>,
    @InjectQueue(SYNC_QUEUES.shopee) shopee: Queue<SyncChannelJob>,
  ) {
    this.queues = { lazada, tiki, shopee };
  }

  onApplicationBootstrap(): void {
    for (const marketplace of MARKETPLACES) {
      const queue = this.queues[marketplace];
      const perSecond = this.rateLimit(marketplace);
      const worker: Worker<SyncChannelJob> = new Worker<SyncChannelJob>(queue.name, (job, token) => this.process(worker, job, token), {
        connection: queue.opts.connection,
        prefix: queue.opts.prefix,
        concurrency: this.syncConfig.MARKETPLACE_SYNC_CONCURRENCY,
        // Tenths of a second, so the calls spread evenly instead of bunching at each second's start.
        limiter:
          perSecond > 0
            ? { max: Math.max(1, Math.round(perSecond / 10)), duration: perSecond >= 10 ? 100 : Math.round(1000 / perSecond) }
            : undefined,
        settings: { backoffStrategy: (attemptsMade: number) => jitteredBackoff(attemptsMade, this.syncConfig.MARKETPLACE_BACKOFF_MS) },
        // A killed worker's jobs are picked up again after the lock lapses (the lock is renewed while a job runs).
        lockDuration: this.syncConfig.MARKETPLACE_SYNC_LOCK_MS,
        stalledInterval: Math.max(1000, Math.round(this.syncConfig.MARKETPLACE_SYNC_LOCK_MS / 2)),
        maxStalledCount: 10,
      });
      worker.on('failed', (job, error) => void this.onFailed(job, error));
      worker.on('error', (error) => this.logger.warn(`${marketplace} sync worker: ${error.message}`));
      this.workers.push(worker);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // Waits for the jobs in hand; their channels' leases are released as each finishes.
    await Promise.all(this.workers.map((w) => w.close()));
  }

  private rateLimit(marketplace: Marketplace): number {
    return {
      lazada: this.lazadaConfig.LAZADA_RATE_LIMIT_PER_SECOND,
      tiki: this.tikiConfig.TIKI_RATE_LIMIT_PER_SECOND,
      shopee: this.shopeeConfig.SHOPEE_RATE_LIMIT_PER_SECOND,
    }[marketplace];
  }

  private async process(worker: Worker<SyncChannelJob>, job: Job<SyncChannelJob>, token?: string): Promise<string> {
    let outcome: SyncOutcome;
    try {
      outcome = await this.sync.run(job.data.listingId, job.data.marketplace);
    } catch (error) {
      if (!(error instanceof TransientSyncError)) throw error; // unexpected (database down…): BullMQ's attempts and backoff
      // 5xx/timeouts: only failures in a row count, so a long sync (create → review → push) that keeps moving
      // on is never failed by scattered errors across its steps; after the last attempt in a row, `failed`.
      const failures = error.progressed ? 1 : (job.data.failures ?? 0) + 1;
      const failingSince = failures === 1 || !job.data.failingSince ? Date.now() : job.data.failingSince;
      // Both a number of failures in a row and a duration: a long platform outage is waited out.
      if (failures >= this.syncConfig.MARKETPLACE_SYNC_ATTEMPTS && Date.now() - failingSince >= this.syncConfig.MARKETPLACE_GIVE_UP_AFTER_MS) {
        this.logger.warn(
          `${job.data.marketplace} sync of listing ${job.data.listingId} failed ${failures} times in a row: ${error.message}`,
        );
        await this.sync.markFailed(job.data.listingId, job.data.marketplace, error.message);
        return 'failed';
      }
      await job.updateData({ ...job.data, failures, failingSince });
      await job.moveToDelayed(Date.now() + jitteredBackoff(failures, this.syncConfig.MARKETPLACE_BACKOFF_MS), token);
      throw new DelayedError();
    }
    // A poll follows a successful review answer: the run of failures is over.
    if (outcome.kind === 'poll' && job.data.failures) await job.updateData({ ...job.data, failures: 0, failingSince: undefined });
    switch (outcome.kind) {
      case 'done':
        return 'done';
      case 'busy':
        // Another job holds this channel; look again shortly (it reads the latest values then).
        await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
        throw new DelayedError();
      case 'poll':
        await job.moveToDelayed(Date.now() + this.syncConfig.MARKETPLACE_REVIEW_POLL_MS, token);
        throw new DelayedError();
      case 'throttled':
        // The whole queue waits as the platform asked; the job goes back to waiting with its attempts intact.
        await worker.rateLimit(outcome.retryAfterMs);
        throw Worker.RateLimitError();
    }
  }

  private async onFailed(job: Job<SyncChannelJob> | undefined, error: Error): Promise<void> {
    if (!job) return;
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
      this.logger.warn(
        `${job.data.marketplace} sync of listing ${job.data.listingId} failed after ${job.attemptsMade} attempts: ${error.message}`,
      );
      await this.sync.markFailed(job.data.listingId, job.data.marketplace, error.message).catch(() => undefined);
    }
  }
}
