import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

@Entity('products')
export class Product extends BaseEntity {
  @Index()
  @Column({ type: columnTypes.uuid, name: 'cooperative_id' })
  cooperativeId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  variety!: string | null;

  /** GTIN-14 (shorter GTINs are left-padded with zeros). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 14, nullable: true })
  gtin!: string | null;

  @Column({ type: 'varchar', length: 20 })
  unit!: string;

  @Column({ type: columnTypes.decimal, name: 'package_net_weight_kg', nullable: true })
  packageNetWeightKg!: number | null;

  @Column({ type: 'varchar', length: 200, name: 'geographical_indication', nullable: true })
  geographicalIndication!: string | null;

  @Column({ type: 'integer', name: 'ocop_stars', nullable: true })
  ocopStars!: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  @Column({ type: 'integer', name: 'shelf_life_days', nullable: true })
  shelfLifeDays!: number | null;

  /** Incremented by every edit; sent as the ETag (If-Match guards edits from two phones). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Soft delete: a product without labels can be removed from lists, its row stays for the records. */
  @Column({ type: columnTypes.timestamp, name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  /** Why an admin accepted a GTIN outside the co-operative's GS1 company prefix (issue 12, point 8). */
  @Column({ type: 'varchar', length: 500, name: 'gtin_prefix_override_reason', nullable: true })
  gtinPrefixOverrideReason!: string | null;

  @Column({ type: columnTypes.uuid, name: 'gtin_prefix_override_by', nullable: true })
  gtinPrefixOverrideBy!: string | null;

  @Column({ type: columnTypes.timestamp, name: 'gtin_prefix_override_at', nullable: true })
  gtinPrefixOverrideAt!: Date | null;
}
