import { Column, Entity, Index } from 'typeorm';
import { columnTypes } from '../database/column-types';
import { DiaryEntry } from './diary-entry.entity';
import { PLOT_ACTIVITIES, type PlotActivityKind } from './batches.contract';

export { PLOT_ACTIVITIES, type PlotActivityKind };

/**
 * The plot's field diary (nhật ký đồng ruộng): a spraying here holds every batch harvested from the plot
 * inside its pre-harvest interval, exactly as a spraying recorded on one of its batches does.
 */
@Entity('plot_activities')
@Index(['plotId', 'occurredAt'])
export class PlotActivity extends DiaryEntry {
  @Column({ type: columnTypes.uuid, name: 'plot_id' })
  plotId!: string;

  @Column({ type: 'varchar', length: 20 })
  activity!: PlotActivityKind;

  @Column({ type: 'varchar', length: 64, name: 'create_fingerprint' })
  createFingerprint!: string;
}
