import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

export type ListingState = 'active' | 'delisted';

/** What a co-op sells on the marketplaces: written once here, pushed to each channel by the sync. */
@Entity('listings')
export class Listing extends BaseEntity {
  @Column({ type: columnTypes.uuid, name: 'cooperative_id' })
  cooperativeId!: string;

  @Column({ type: columnTypes.uuid, name: 'product_id' })
  productId!: string;

  @Column({ type: columnTypes.uuid, name: 'batch_id', nullable: true })
  batchId!: string | null;

  /** The link key on every platform (item_sku, SellerSku, original_sku). */
  @Column({ type: 'varchar', length: 40, name: 'seller_sku' })
  sellerSku!: string;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ type: 'varchar', length: 5000 })
  description!: string;

  /** Integer VND. */
  @Column({ type: 'integer' })
  price!: number;

  @Column({ type: 'integer' })
  stock!: number;

  @Column({ type: columnTypes.decimal, name: 'weight_kg' })
  weightKg!: number;

  @Column({ type: columnTypes.json, name: 'image_urls' })
  imageUrls!: string[];

  @Column({ type: 'varchar', length: 10 })
  state!: ListingState;

  /** Bumped by every change the channels must follow; a channel is up to date when its synced version equals it. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Bumped by title/description changes only, so a channel re-sends its content only when that changed. */
  @Column({ type: 'integer', name: 'content_version', default: 1 })
  contentVersion!: number;

  /** When an order last came in beyond the stock: the co-op has sold more than it holds. */
  @Column({ type: columnTypes.timestamp, name: 'oversold_at', nullable: true })
  oversoldAt!: Date | null;

  @Column({ type: columnTypes.uuid, name: 'created_by' })
  createdBy!: string;
}
