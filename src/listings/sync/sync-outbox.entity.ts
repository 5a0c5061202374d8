import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../../database/column-types';
import type { Marketplace } from '../../marketplaces/marketplace';

/**
 * A sync intent, written in the same transaction as the listing change it follows (transactional
 * outbox). The relay moves it to the marketplace's queue and deletes it; until then nothing is lost,
 * whether Redis is up or not.
 */
@Entity('sync_outbox')
export class SyncOutbox {
  @PrimaryColumn({ type: columnTypes.uuid })
  id!: string;

  @Column({ type: columnTypes.uuid, name: 'listing_id' })
  listingId!: string;

  @Column({ type: 'varchar', length: 10 })
  marketplace!: Marketplace;

  /** Not before: a stock/price change waits a moment so a burst makes one call. */
  @Column({ type: columnTypes.timestamp, name: 'available_at' })
  availableAt!: Date;

  @CreateDateColumn({ type: columnTypes.timestamp, name: 'created_at' })
  createdAt!: Date;
}
