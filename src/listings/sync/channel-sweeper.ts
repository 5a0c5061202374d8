import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Sweeper } from '../../common/sweeper';
import { SyncConfig } from '../../config/sections';
import { dialectOf } from '../../database/sql-dialect';
import type { Marketplace } from '../../marketplaces/marketplace';
import { writeSyncIntents } from './sync-intents';

const BATCH = 500;

/**
 * The safety net behind "nothing accepted is lost" once an intent has left the outbox: a channel
 * out of line with its listing (not yet live, a newer price, stock or text, or delisted here but not
 * there) that nobody has touched for SYNC_SWEEP_STALE_MS, holds no lease and has no intent waiting
 * gets a new intent. That covers a Redis that lost its data (a restart without persistence, a
 * flush) with jobs in it. Every run writes its channel, so a channel being worked on, polled or
 * backed off is never stale; an extra intent for a channel whose job still exists costs one
 * run that finds nothing to do.
 */
@Injectable()
export class ChannelSweeper extends Sweeper {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sync: SyncConfig,
  ) {
    super(Math.min(30_000, Math.max(500, Math.round(sync.SYNC_SWEEP_STALE_MS / 2))), 'Channel');
  }

  /** Writes intents, due at once, for the channels stale at `now` (up to one batch); answers how many. */
  protected async sweepStale(now: Date): Promise<number> {
    const dialect = dialectOf(this.dataSource);
    const staleBefore = new Date(now.getTime() - this.sync.SYNC_SWEEP_STALE_MS);
    const stale = await this.dataSource.query<{ listing_id: string; marketplace: Marketplace }[]>(
      dialect.sql(`SELECT c.listing_id, c.marketplace
         FROM listing_channels c JOIN listings l ON l.id = c.listing_id
        WHERE c.updated_at < ? AND l.updated_at < ?
          AND (c.lease_until IS NULL OR c.lease_until < ?)
          AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.listing_id = c.listing_id AND o.marketplace = c.marketplace)
          AND (
            (l.state = 'delisted' AND c.status NOT IN ('delisted', 'failed'))
            OR (l.state <> 'delisted' AND (
              c.status IN ('pending', 'syncing', 'in_review')
              OR (c.status = 'live' AND (c.synced_version < l.version OR c.synced_content_version < l.content_version)))))
        LIMIT ${BATCH}`),
      [staleBefore, staleBefore, now].map((date) => dialect.timestamp(date)),
    );
    if (stale.length === 0) return 0;
    await this.dataSource.transaction(async (manager) => {
      for (const channel of stale) await writeSyncIntents(manager, channel.listing_id, [channel.marketplace], new Date(), true);
    });
    this.logger.warn(`Re-queued ${stale.length} stale marketplace channel(s) whose sync had gone missing`);
    return stale.length;
  }
}
