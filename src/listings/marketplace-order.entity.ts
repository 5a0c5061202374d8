import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';
import type { Marketplace } from '../marketplaces/marketplace';

/** An order pushed by a marketplace: one transaction, recorded once, with the lot it drew from (for recalls). */
@Entity('marketplace_orders')
export class MarketplaceOrder extends BaseEntity {
  @Column({ type: 'varchar', length: 10 })
  marketplace!: Marketplace;

  @Column({ type: 'varchar', length: 64, name: 'external_order_id' })
  externalOrderId!: string;

  @Column({ type: columnTypes.uuid, name: 'listing_id' })
  listingId!: string;

  @Column({ type: columnTypes.uuid, name: 'cooperative_id' })
  cooperativeId!: string;

  @Column({ type: columnTypes.uuid, name: 'batch_id', nullable: true })
  batchId!: string | null;

  @Column({ type: 'varchar', length: 20, name: 'lot_code', nullable: true })
  lotCode!: string | null;

  @Column({ type: 'integer' })
  quantity!: number;

  /** Integer VND. */
  @Column({ type: 'integer', name: 'total_amount' })
  totalAmount!: number;

  /** The platform's buyer reference, so a recall can reach the buyer through the platform. */
  @Column({ type: 'varchar', length: 100, name: 'buyer_ref', nullable: true })
  buyerRef!: string | null;

  @Column({ type: columnTypes.timestamp, name: 'ordered_at' })
  orderedAt!: Date;
}
