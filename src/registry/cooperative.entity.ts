import { Column, Entity } from 'typeorm';
import { AddressedRecord } from './registry-record.entity';

@Entity('cooperatives')
export class Cooperative extends AddressedRecord {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

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

  /** foldForSearch(name): written with the name, searched without case or diacritics. */
  @Column({ type: 'varchar', length: 200, name: 'name_search', nullable: true })
  nameSearch!: string | null;
}
