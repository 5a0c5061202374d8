import { Column } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

/** A line of a field diary, a batch's or a plot's: what was done when, and who recorded it. */
export abstract class DiaryEntry extends BaseEntity {
  @Column({ type: columnTypes.timestamp, name: 'occurred_at' })
  occurredAt!: Date;

  /** What the step needs: pesticide and pre-harvest interval for spraying, product and dose for fertilizing, destination for shipping... */
  @Column({ type: columnTypes.json, nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ type: columnTypes.uuid, name: 'recorded_by', nullable: true })
  recordedBy!: string | null;
}
