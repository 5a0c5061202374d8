import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';
import type { SafetyWarning } from './batches.contract';

export type { SafetyWarning };

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

  /** Incremented by every edit; sent as the ETag (If-Match guards edits from two phones). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** Fingerprint of the create body, so a repeated create with the client's id is told from a different one. */
  @Column({ type: 'varchar', length: 64, name: 'create_fingerprint', nullable: true })
  createFingerprint!: string | null;

  /** Soft delete: a batch without labels can be removed from lists, its row and diary stay for the records. */
  @Column({ type: columnTypes.timestamp, name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  /** The latest safeFrom of the safety warnings: until then the batch is on hold (no labels, no listings). */
  @Column({ type: columnTypes.timestamp, name: 'safe_from', nullable: true })
  safeFrom!: Date | null;

  /** A co-op manager's release of a batch on hold: who, when, why, and up to which safeFrom it applies. */
  @Column({ type: 'varchar', length: 500, name: 'safety_override_reason', nullable: true })
  safetyOverrideReason!: string | null;

  @Column({ type: columnTypes.uuid, name: 'safety_override_by', nullable: true })
  safetyOverrideBy!: string | null;

  @Column({ type: columnTypes.timestamp, name: 'safety_override_at', nullable: true })
  safetyOverrideAt!: Date | null;

  @Column({ type: columnTypes.timestamp, name: 'safety_override_safe_from', nullable: true })
  safetyOverrideSafeFrom!: Date | null;
}
