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
}
