import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';
import type { Marketplace } from '../marketplaces/marketplace';
import { CHANNEL_STATUSES, type ChannelStatus } from './listings.contract';

export { CHANNEL_STATUSES, type ChannelStatus };

/** One listing on one marketplace: where its sync stands and what the platform said last. */
@Entity('listing_channels')
export class ListingChannel extends BaseEntity {
  @Column({ type: columnTypes.uuid, name: 'listing_id' })
  listingId!: string;

  @Column({ type: 'varchar', length: 10 })
  marketplace!: Marketplace;

  @Column({ type: 'varchar', length: 12 })
  status!: ChannelStatus;

  /** The platform's item id, stored the moment the platform gives it (before any next step). */
  @Column({ type: 'varchar', length: 64, name: 'external_id', nullable: true })
  externalId!: string | null;

  /** What the platform's asynchronous review is followed by (Tiki track id, Lazada item id). */
  @Column({ type: 'varchar', length: 64, name: 'review_ref', nullable: true })
  reviewRef!: string | null;

  /** Sync attempts that reached (or tried to reach) the platform; throttled answers do not count. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Create requests sent: a create retried after one was sent first looks the item up by SKU. */
  @Column({ type: 'integer', name: 'create_calls', default: 0 })
  createCalls!: number;

  @Column({ type: 'varchar', length: 1000, name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column({ type: columnTypes.timestamp, name: 'synced_at', nullable: true })
  syncedAt!: Date | null;

  /** The listing version the platform holds (price, stock). */
  @Column({ type: 'integer', name: 'synced_version', default: 0 })
  syncedVersion!: number;

  /** The listing content version (title, description) the platform holds. */
  @Column({ type: 'integer', name: 'synced_content_version', default: 1 })
  syncedContentVersion!: number;

  /** A sync job holds the channel until then, so two jobs never talk to the platform for one channel at once. */
  @Column({ type: columnTypes.timestamp, name: 'lease_until', nullable: true })
  leaseUntil!: Date | null;
}
