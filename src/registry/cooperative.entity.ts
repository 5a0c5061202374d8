import { Column, Entity, VersionColumn } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

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

  /**
   * The co-op's public contact, shown to shoppers on its labels' pages and when a scan goes wrong.
   * The office's line, never a member farmer's phone (households keep theirs private).
   */
  @Column({ type: 'varchar', length: 20, name: 'contact_phone', nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'varchar', length: 254, name: 'contact_email', nullable: true })
  contactEmail!: string | null;

  /** Incremented by every change: the ETag a PATCH's If-Match is checked against. */
  @VersionColumn({ default: 1 })
  version!: number;

  /** Set by DELETE: hidden from lists, kept for the records that point at it. */
  @Column({ type: columnTypes.timestamp, name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  /** foldForSearch(name), province and commune: written with the text, searched without case or diacritics. */
  @Column({ type: 'varchar', length: 200, name: 'name_search', nullable: true })
  nameSearch!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'province_search', nullable: true })
  provinceSearch!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'commune_search', nullable: true })
  communeSearch!: string | null;
}
