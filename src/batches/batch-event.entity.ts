import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

export const BIZ_STEPS = ['planting', 'fertilizing', 'spraying', 'harvesting', 'packing', 'inspecting', 'shipping', 'receiving'] as const;
export type BizStep = (typeof BIZ_STEPS)[number];

@Entity('batch_events')
@Index(['batchId', 'occurredAt'])
export class BatchEvent extends BaseEntity {
  @Column({ type: columnTypes.uuid, name: 'batch_id' })
  batchId!: string;

  @Column({ type: 'varchar', length: 20, name: 'biz_step' })
  bizStep!: BizStep;

  @Column({ type: columnTypes.timestamp, name: 'occurred_at' })
  occurredAt!: Date;

  /** Step-specific data (pesticide and pre-harvest interval for spraying, destination for shipping...). */
  @Column({ type: columnTypes.json, nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ type: columnTypes.uuid, name: 'recorded_by', nullable: true })
  recordedBy!: string | null;
}
