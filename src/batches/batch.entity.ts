import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

export interface SafetyWarning {
  code: 'PRE_HARVEST_INTERVAL_NOT_ELAPSED';
  message: string;
  sprayEventId: string;
  sprayedAt: string;
  pesticide: string;
  preHarvestIntervalDays: number;
  harvestedAt: string;
  safeFrom: string;
}

export const BATCH_STATUSES = ['active', 'recalled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

@Entity('batches')
export class Batch extends BaseEntity {
  @Index()
  @Column({ type: columnTypes.uuid, name: 'product_id' })
  productId!: string;

  @Index()
  @Column({ type: columnTypes.uuid, name: 'household_id' })
  householdId!: string;

  @Column({ type: columnTypes.uuid, name: 'plot_id', nullable: true })
  plotId!: string | null;

  @Index()
  @Column({ type: columnTypes.uuid, name: 'cooperative_id' })
  cooperativeId!: string;

  /** GS1 AI 10 batch/lot: at most 20 characters of the GS1 82-character set. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20, name: 'lot_code' })
  lotCode!: string;

  @Column({ type: columnTypes.timestamp, name: 'harvested_at' })
  harvestedAt!: Date;

  @Column({ type: columnTypes.decimal })
  quantity!: number;

  @Column({ type: 'varchar', length: 20 })
  unit!: string;

  @Column({ type: columnTypes.json, name: 'safety_warnings' })
  safetyWarnings!: SafetyWarning[];

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status!: BatchStatus;

  /** Why the batch was recalled; every label of a recalled batch scans as voided with this reason. */
  @Column({ type: 'varchar', length: 500, name: 'recall_reason', nullable: true })
  recallReason!: string | null;

  @Column({ type: columnTypes.timestamp, name: 'recalled_at', nullable: true })
  recalledAt!: Date | null;
}
