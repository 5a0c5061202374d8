import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { columnTypes } from '../database/column-types';
import { Plot } from './plot.entity';
import { VersionedRecord } from './registry-record.entity';
import { CERTIFICATION_SCHEMES, type CertificationScheme } from './registry.contract';

export { CERTIFICATION_SCHEMES, type CertificationScheme };

@Entity('plot_certifications')
export class PlotCertification extends VersionedRecord {
  @Index()
  @Column({ type: columnTypes.uuid, name: 'plot_id' })
  plotId!: string;

  @ManyToOne(() => Plot, (plot) => plot.certifications, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plot_id' })
  plot?: Plot;

  @Column({ type: 'varchar', length: 20 })
  scheme!: CertificationScheme;

  @Column({ type: 'varchar', length: 60 })
  number!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  issuer!: string | null;

  /** YYYY-MM-DD; stored as text so both databases compare it the same way. */
  @Column({ type: 'varchar', length: 10, name: 'valid_until' })
  validUntil!: string;

  /** YYYY-MM-DD, when known: the scheme's longest validity counts from it. */
  @Column({ type: 'varchar', length: 10, name: 'issued_at', nullable: true })
  issuedAt!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'create_fingerprint', nullable: true })
  createFingerprint!: string | null;

  /** The account that entered it (null for certificates entered before this was recorded). */
  @Column({ type: columnTypes.uuid, name: 'created_by', nullable: true })
  createdBy!: string | null;

  /**
   * Who vouched for it and when: a co-op manager or the province office. A certificate a farmer typed
   * is unverified until then, since certificate fraud has been reported (DOMAIN.md).
   */
  @Column({ type: columnTypes.uuid, name: 'verified_by', nullable: true })
  verifiedBy!: string | null;

  @Column({ type: columnTypes.timestamp, name: 'verified_at', nullable: true })
  verifiedAt!: Date | null;

  @Column({ type: columnTypes.timestamp, name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: columnTypes.uuid, name: 'revoked_by', nullable: true })
  revokedBy!: string | null;

  @Column({ type: 'varchar', length: 500, name: 'revoked_reason', nullable: true })
  revokedReason!: string | null;
}
