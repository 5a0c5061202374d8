import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';
import type { LabelStatus } from './labels.contract';

export type { LabelStatus };

/** One printed QR label (one serial). */
@Entity('labels')
export class Label extends BaseEntity {
  @Column({ type: 'varchar', length: 20 })
  serial!: string;

  @Column({ type: columnTypes.uuid, name: 'label_run_id' })
  labelRunId!: string;

  @Column({ type: columnTypes.uuid, name: 'batch_id' })
  batchId!: string;

  @Column({ type: columnTypes.uuid, name: 'cooperative_id' })
  cooperativeId!: string;

  /** 1-based position in its run: the order in which labels are printed. */
  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: LabelStatus;

  @Column({ type: 'varchar', length: 300, name: 'void_reason', nullable: true })
  voidReason!: string | null;

  @Column({ type: columnTypes.timestamp, name: 'voided_at', nullable: true })
  voidedAt!: Date | null;

  @Column({ type: 'integer', name: 'scan_count', default: 0 })
  scanCount!: number;

  @Column({ type: columnTypes.timestamp, name: 'first_scanned_at', nullable: true })
  firstScannedAt!: Date | null;

  @Column({ type: columnTypes.timestamp, name: 'last_scanned_at', nullable: true })
  lastScannedAt!: Date | null;
}
