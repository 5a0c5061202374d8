import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

/**
 * A co-op manager's word that a `suspicious` label is genuine (a market stall where many shoppers
 * scanned the same box, a fair): who, when, why, and how many networks the alarm had reached. The
 * latest one restarts the label's network count.
 */
@Entity('scan_alert_clearances')
@Index('ix_scan_alert_clearances_serial', ['serial', 'clearedAt'])
export class ScanAlertClearance extends BaseEntity {
  @Column({ type: columnTypes.uuid, name: 'label_id' })
  labelId!: string;

  @Column({ type: 'varchar', length: 20 })
  serial!: string;

  @Column({ type: columnTypes.uuid, name: 'cooperative_id' })
  cooperativeId!: string;

  @Column({ type: columnTypes.uuid, name: 'cleared_by' })
  clearedBy!: string;

  @Column({ type: columnTypes.timestamp, name: 'cleared_at' })
  clearedAt!: Date;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'integer', name: 'networks_in_window' })
  networksInWindow!: number;
}
