import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ScanConfig } from '../config/sections';
import { LabelsService } from '../labels/labels.service';
import { REDIS } from '../redis/redis.token';
import { ScanDaysRepository } from './scan-days.repository';

interface PendingScans {
  batchId: string;
  count: number;
  first: Date;
  last: Date;
}

const FLUSH_EVERY_MS = 1000;
const MAX_TRACKED_SERIALS = 100_000;
const MAX_NETWORKS_PER_LABEL = 1_000;
const RESHARE_AFTER_MS = 3600_000;
/** How stale this process's view of the other processes' networks may get for a label it keeps serving. */
const SHARED_REFRESH_MS = 10_000;

function vietnamDay(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Counts scans without touching the database on the request: each scan is a Map update; once a
 * second the counts are written in one transaction (scan_count, first/last scanned, scans per batch
 * per day). A write that fails (database down) keeps its counts for the next try; shutdown flushes;
 * a crash loses at most the last second. Each process adds its own counts, so several add up.
 *
 * The networks a label was viewed from (IPv4 /24, IPv6 /48) are tracked here too, in a sliding window,
 * and shared across processes through one Redis sorted set per label once a second, to spot copied
 * labels. A manager's clearing (`clearedAt`) starts the count again from zero.
 */
@Injectable()
export class ScanRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(ScanRecorder.name);
  private pending = new Map<string, PendingScans>();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** serial -> network -> its last consumer view (ms), this process, and the clearing the label had then. */
  private readonly networks = new Map<string, { clearedAt: number; seen: Map<string, number> }>();
  /** serial -> the distinct networks of all processes, as Redis last said, and the clearing it counted from. */
  private readonly shared = new Map<string, { count: number; clearedAt: number; at: number }>();
  /** serial -> networks to put in the shared window at the next flush (none: only read the total back). */
  private toShare = new Map<string, { clearedAt: number; networks: Map<string, number> }>();
  private sharingFailedAt = 0;
  private readonly windowMs: number;

  constructor(
    // Only to know, at shutdown, whether the database is still open to flush into.
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scanDays: ScanDaysRepository,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly labels: LabelsService,
    scanConfig: ScanConfig,
  ) {
    this.windowMs = scanConfig.SCAN_WINDOW_HOURS * 3600_000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  /** Scans that arrived while the HTTP server was draining. */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.flush();
  }

  /**
   * Counts one consumer view. Returns how many distinct networks viewed this label within the window
   * and after `clearedAt` (ms; 0 when a manager never cleared it).
   */
  record(serial: string, batchId: string, network: string, at: Date, clearedAt: number): number {
    const entry = this.pending.get(serial);
    if (entry) {
      entry.count++;
      entry.last = at;
    } else {
      this.pending.set(serial, { batchId, count: 1, first: at, last: at });
    }
    return this.trackNetwork(serial, network, at.getTime(), clearedAt);
  }

  /** The same count without a view: for answers that are not counted (HEAD, previews) and for the co-op. */
  networksInWindow(serial: string, clearedAt: number, now = Date.now()): number {
    return this.countNetworks(serial, this.networks.get(serial)?.seen, now, clearedAt);
  }

  /** The count across every process, straight from Redis when it answers. */
  async sharedNetworksInWindow(serial: string, clearedAt: number, now = Date.now()): Promise<number> {
    const local = this.networksInWindow(serial, clearedAt, now);
    try {
      const count = await this.redis.zcount(windowKey(serial), `(${Math.max(clearedAt, now - this.windowMs)}`, '+inf');
      return Math.max(local, count);
    } catch {
      return local;
    }
  }

  /** Scans counted but not yet written. */
  get pendingCount(): number {
    let total = 0;
    for (const entry of this.pending.values()) total += entry.count;
    return total;
  }

  async flush(): Promise<void> {
    // One flush at a time; a caller arriving mid-flush waits for it and then flushes what came since.
    while (this.flushing) await this.flushing;
    if (!this.pending.size && !this.toShare.size) return;
    this.flushing = this.writeOnce().finally(() => (this.flushing = null));
    await this.flushing;
  }

  private async writeOnce(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    const networks = this.toShare;
    this.toShare = new Map();
    if (batch.size) {
      try {
        await this.write(batch);
      } catch (error) {
        // Keep every count for the next second: nothing accepted is lost while the database is away.
        for (const [serial, entry] of batch) {
          const later = this.pending.get(serial);
          if (later) {
            later.count += entry.count;
            later.first = entry.first < later.first ? entry.first : later.first;
          } else {
            this.pending.set(serial, entry);
          }
        }
        this.logger.warn(
          `Scan counts not written yet (${(error as Error).message}); keeping ${batch.size} labels' counts for the next try`,
        );
      }
    }
    if (networks.size) await this.shareNetworks(networks);
  }

  private async write(batch: Map<string, PendingScans>): Promise<void> {
    const days = new Map<string, { batchId: string; day: string; scans: number }>();
    for (const entry of batch.values()) {
      const day = vietnamDay(entry.last);
      const key = `${entry.batchId}|${day}`;
      const row = days.get(key) ?? { batchId: entry.batchId, day, scans: 0 };
      row.scans += entry.count;
      days.set(key, row);
    }
    const scans = [...batch].map(([serial, e]) => ({ serial, count: e.count, first: e.first, last: e.last }));
    // Both write in key order (serials, then batch and day), so two processes flushing at the same
    // moment queue behind each other instead of deadlocking.
    await this.scanDays.transaction(async (manager) => {
      await this.labels.addScans(manager, scans);
      await this.scanDays.add(manager, [...days.values()]);
    });
  }

  private trackNetwork(serial: string, network: string, now: number, clearedAt: number): number {
    let window = this.networks.get(serial);
    if (!window) {
      if (this.networks.size >= MAX_TRACKED_SERIALS) this.networks.delete(this.networks.keys().next().value!);
      window = { clearedAt, seen: new Map() };
      this.networks.set(serial, window);
    }
    const { seen } = window;
    if (window.clearedAt !== clearedAt) {
      // A manager cleared the alarm: what this process saw since then starts the new window in Redis too.
      window.clearedAt = clearedAt;
      for (const [net, at] of seen) if (at > clearedAt) this.queueShare(serial, clearedAt, net, at);
    }
    const previous = seen.get(network);
    // Past the threshold a label's exact count no longer matters: a flood of networks cannot grow memory.
    if (previous !== undefined || seen.size < MAX_NETWORKS_PER_LABEL) seen.set(network, now);
    // Redis hears of a network once, again after a clearing, and again now and then so it stays in the window.
    if (previous === undefined || previous <= clearedAt || now - previous > RESHARE_AFTER_MS) {
      this.queueShare(serial, clearedAt, network, now);
    } else {
      // Nothing new here, but the other processes may have seen new networks: read their total now and then.
      const shared = this.shared.get(serial);
      const stale = !shared || shared.clearedAt !== clearedAt || now - shared.at > SHARED_REFRESH_MS;
      if (stale && now - this.sharingFailedAt > SHARED_REFRESH_MS) this.queueShare(serial, clearedAt);
    }
    return this.countNetworks(serial, seen, now, clearedAt);
  }

  private queueShare(serial: string, clearedAt: number, network?: string, at?: number): void {
    let entry = this.toShare.get(serial);
    if (!entry) {
      entry = { clearedAt, networks: new Map() };
      this.toShare.set(serial, entry);
    }
    entry.clearedAt = clearedAt;
    if (network !== undefined) entry.networks.set(network, at!);
  }

  private countNetworks(serial: string, seen: Map<string, number> | undefined, now: number, clearedAt: number): number {
    const since = Math.max(now - this.windowMs, clearedAt);
    let local = 0;
    if (seen) {
      for (const [net, at] of seen) {
        if (at > since) local++;
        else if (now - at > this.windowMs) seen.delete(net);
      }
    }
    const shared = this.shared.get(serial);
    // A count Redis made before the last clearing, or one left over from long ago, says nothing now.
    const others = shared && shared.clearedAt === clearedAt && now - shared.at < this.windowMs ? shared.count : 0;
    return Math.max(local, others);
  }

  /** Adds this second's networks to each label's window in Redis and reads back how many there are in all. */
  private async shareNetworks(networks: Map<string, { clearedAt: number; networks: Map<string, number> }>): Promise<void> {
    try {
      const now = Date.now();
      const pipeline = this.redis.pipeline();
      const serials = [...networks.keys()];
      /** Where each label's ZCOUNT answer lands in the pipeline's results. */
      const countAt: number[] = [];
      let commands = 0;
      for (const serial of serials) {
        const { clearedAt, networks: seen } = networks.get(serial)!;
        const key = windowKey(serial);
        if (seen.size) {
          const members: (string | number)[] = [];
          for (const [network, at] of seen) members.push(at, network);
          // A sorted set scored by last view: the window slides per network, not per label.
          pipeline.zadd(key, ...members);
          pipeline.zremrangebyscore(key, '-inf', now - this.windowMs);
          pipeline.pexpire(key, this.windowMs);
          commands += 3;
        }
        pipeline.zcount(key, `(${Math.max(clearedAt, now - this.windowMs)}`, '+inf');
        countAt.push(commands++);
      }
      const results = (await pipeline.exec()) ?? [];
      serials.forEach((serial, i) => {
        const [error, count] = results[countAt[i]] ?? [];
        if (!error && typeof count === 'number') this.shared.set(serial, { count, clearedAt: networks.get(serial)!.clearedAt, at: now });
      });
      if (this.shared.size > MAX_TRACKED_SERIALS) this.shared.clear();
    } catch {
      // Redis away: each process judges from the networks it has seen itself, and stops asking for a while.
      this.sharingFailedAt = Date.now();
    }
  }
}

function windowKey(serial: string): string {
  return `scan-window:${serial}`;
}
