import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';
import { PLOT_ACTIVITIES, type PlotActivityKind } from './batches.contract';

export { PLOT_ACTIVITIES, type PlotActivityKind };

/**
 * The plot's field diary (nhật ký đồng ruộng): a spraying here holds every batch harvested from the plot
 * inside its pre-harvest interval, exactly as a spraying recorded on one of its batches does.
 */
@Entity('plot_activities')
@Index(['plotId', 'occurredAt'])
export class PlotActivity extends BaseEntity {
  @Column({ type: columnTypes.uuid, name: 'plot_id' })
  plotId!: string;

  @Column({ type: 'varchar', length: 20 })
  activity!: PlotActivityKind;

  @Column({ type: columnTypes.timestamp, name: 'occurred_at' })
  occurredAt!: Date;

  /** spraying: pesticide, phiDays (filled from the pesticide table); fertilizing: product, dose... */
  @Column({ type: columnTypes.json, nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ type: columnTypes.uuid, name: 'recorded_by', nullable: true })
  recordedBy!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'create_fingerprint' })
  createFingerprint!: string;
}
