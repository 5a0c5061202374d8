import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';
import { LABEL_FORMATS, LABEL_LAYOUTS, type LabelFormat, type LabelLayout, type LabelRunStatus } from './labels.contract';

export { LABEL_FORMATS, LABEL_LAYOUTS, type LabelFormat, type LabelLayout, type LabelRunStatus };

/** One print job: its serials are allocated when it is accepted, then a worker renders them to a file. */
@Entity('label_runs')
export class LabelRun extends BaseEntity {
  @Column({ type: columnTypes.uuid, name: 'batch_id' })
  batchId!: string;

  @Column({ type: columnTypes.uuid, name: 'cooperative_id' })
  cooperativeId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'varchar', length: 20 })
  layout!: LabelLayout;

  @Column({ type: 'varchar', length: 10 })
  format!: LabelFormat;

  @Column({ type: 'varchar', length: 12 })
  status!: LabelRunStatus;

  @Column({ type: 'integer', default: 0 })
  progress!: number;

  /** Set when the co-op printed more labels than the batch can fill, on purpose. */
  @Column({ type: 'boolean', name: 'allow_overrun', default: false })
  allowOverrun!: boolean;

  /** How many packages the batch can fill, when the run was accepted. */
  @Column({ type: 'integer', name: 'batch_capacity' })
  batchCapacity!: number;

  @Column({ type: 'varchar', length: 100, name: 'idempotency_key', nullable: true })
  idempotencyKey!: string | null;

  @Column({ type: columnTypes.uuid, name: 'requested_by' })
  requestedBy!: string;

  @Column({ type: 'varchar', length: 300, name: 'file_name', nullable: true })
  fileName!: string | null;

  @Column({
    type: 'bigint',
    name: 'file_bytes',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) },
  })
  fileBytes!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: columnTypes.timestamp, name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}
