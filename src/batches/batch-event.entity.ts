import { Column, Entity, Index } from 'typeorm';
import { columnTypes } from '../database/column-types';
import { DiaryEntry } from './diary-entry.entity';
import { BIZ_STEPS, type BizStep } from './batches.contract';

export { BIZ_STEPS, type BizStep };

@Entity('batch_events')
@Index(['batchId', 'occurredAt'])
export class BatchEvent extends DiaryEntry {
  @Column({ type: columnTypes.uuid, name: 'batch_id' })
  batchId!: string;

  @Column({ type: 'varchar', length: 20, name: 'biz_step' })
  bizStep!: BizStep;

  @Column({ type: 'varchar', length: 64, name: 'create_fingerprint', nullable: true })
  createFingerprint!: string | null;

  /** The diary is append-only (VietGAP inspectors expect it): a correction is a new event naming the one it replaces. */
  @Index('ux_batch_events_supersedes', { unique: true })
  @Column({ type: columnTypes.uuid, nullable: true })
  supersedes!: string | null;

  /** Set on the replaced event; it stays in the diary but no longer counts (food safety, records). */
  @Column({ type: columnTypes.uuid, name: 'superseded_by', nullable: true })
  supersededBy!: string | null;

  @Column({ type: 'varchar', length: 500, name: 'correction_reason', nullable: true })
  correctionReason!: string | null;
}
