import { Column, Entity, ValueTransformer } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { columnTypes } from '../../database/column-types';
import type { Marketplace } from '../../marketplaces/marketplace';

/**
 * Integer VND in a `bigint` column. PostgreSQL's driver hands bigint back as text (it may exceed 2^53); the
 * amounts stored here are checked to be safe integers on the way in, so they come back as exact numbers.
 */
export const vndBigint: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * One line of an order pushed by a marketplace, recorded once: keyed by (marketplace, order id, item id),
 * so a resend changes nothing. Keeps the lot it drew from, for recalls.
 */
@Entity('marketplace_orders')
export class MarketplaceOrder extends BaseEntity {
  @Column({ type: 'varchar', length: 10 })
  marketplace!: Marketplace;

  @Column({ type: 'varchar', length: 64, name: 'external_order_id' })
  externalOrderId!: string;

  /** The platform's item id of the line (its seller SKU when the push names none). */
  @Column({ type: 'varchar', length: 64, name: 'external_item_id', default: '' })
  externalItemId!: string;

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
  @Column({ type: 'bigint', name: 'unit_price', default: 0, transformer: vndBigint })
  unitPrice!: number;

  /** Integer VND. */
  @Column({ type: 'bigint', name: 'total_amount', transformer: vndBigint })
  totalAmount!: number;

  /** The listing had less stock than this line asked for: the co-op must settle it with the buyer. */
  @Column({ type: 'boolean', default: false })
  oversold!: boolean;

  /** The platform's buyer reference, so a recall can reach the buyer through the platform. */
  @Column({ type: 'varchar', length: 100, name: 'buyer_ref', nullable: true })
  buyerRef!: string | null;

  @Column({ type: columnTypes.timestamp, name: 'ordered_at' })
  orderedAt!: Date;
}
