import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import { columnTypes } from '../../database/column-types';
import type { Marketplace, PushedOrder } from '../../marketplaces/marketplace';

/**
 * An order line a marketplace pushed that could not be recorded (bad quantity or price, an id too long,
 * an item that is no listing's on that platform). Kept with the line as received so the co-op (or, when
 * no listing is named, the admin) can settle it with the platform; keyed like the orders, so a resend
 * is the same rejection.
 */
@Entity('marketplace_order_rejections')
export class MarketplaceOrderRejection extends BaseEntity {
  @Column({ type: 'varchar', length: 10 })
  marketplace!: Marketplace;

  /** At most 64 characters: a longer id is cut here, and the whole of it is in `line`. */
  @Column({ type: 'varchar', length: 64, name: 'external_order_id' })
  externalOrderId!: string;

  @Column({ type: 'varchar', length: 64, name: 'external_item_id' })
  externalItemId!: string;

  @Column({ type: columnTypes.uuid, name: 'listing_id', nullable: true })
  listingId!: string | null;

  @Column({ type: columnTypes.uuid, name: 'cooperative_id', nullable: true })
  cooperativeId!: string | null;

  @Column({ type: 'varchar', length: 300 })
  reason!: string;

  /** The line as the platform sent it. */
  @Column({ type: columnTypes.json })
  line!: PushedOrder;
}
