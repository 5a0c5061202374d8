import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';
import { Plot } from './plot.entity';

export const CERTIFICATION_SCHEMES = ['VietGAP', 'GlobalGAP', 'Organic'] as const;
export type CertificationScheme = (typeof CERTIFICATION_SCHEMES)[number];

@Entity('plot_certifications')
export class PlotCertification extends BaseEntity {
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
}
