import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';

@Entity('cooperatives')
export class Cooperative extends BaseEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 100 })
  province!: string;

  @Column({ type: 'varchar', length: 100 })
  commune!: string;

  /** Only for addresses recorded under the three-tier system in force until 1 July 2025. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  district!: string | null;

  @Column({ type: 'varchar', length: 14, name: 'tax_code', nullable: true })
  taxCode!: string | null;

  @Column({ type: 'varchar', length: 12, name: 'gs1_company_prefix', nullable: true })
  gs1CompanyPrefix!: string | null;
}
