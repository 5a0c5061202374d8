import { Column, Entity, Index, OneToMany } from 'typeorm';
import { columnTypes } from '../database/column-types';
import { PlotCertification } from './plot-certification.entity';
import { ArchivableRecord } from './registry-record.entity';

/** A growing area (vùng trồng), identified by its planting-area code (mã số vùng trồng, PUC). */
@Entity('plots')
export class Plot extends ArchivableRecord {
  @Index()
  @Column({ type: columnTypes.uuid, name: 'household_id' })
  householdId!: string;

  @Index()
  @Column({ type: columnTypes.uuid, name: 'cooperative_id' })
  cooperativeId!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: columnTypes.decimal, name: 'area_ha' })
  areaHa!: number;

  @Column({ type: columnTypes.decimal })
  latitude!: number;

  @Column({ type: columnTypes.decimal })
  longitude!: number;

  @Column({ type: 'varchar', length: 100 })
  crop!: string;

  @Column({ type: 'varchar', length: 64, name: 'create_fingerprint', nullable: true })
  createFingerprint!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'crop_search', nullable: true })
  cropSearch!: string | null;

  @OneToMany(() => PlotCertification, (certification) => certification.plot)
  certifications?: PlotCertification[];
}
