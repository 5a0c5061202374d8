import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

@Entity('households')
export class Household extends BaseEntity {
  @Index()
  @Column({ type: columnTypes.uuid, name: 'cooperative_id' })
  cooperativeId!: string;

  @Column({ type: 'varchar', length: 200, name: 'head_name' })
  headName!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  phone!: string;

  /** AES-256-GCM ciphertext (see PersonalDataCipher): a database dump never shows the number in clear. */
  @Column({ type: 'varchar', length: 255, name: 'national_id_encrypted', nullable: true })
  nationalIdEncrypted!: string | null;

  @Column({ type: 'varchar', length: 4, name: 'national_id_last4', nullable: true })
  nationalIdLast4!: string | null;

  @Column({ type: 'varchar', length: 100 })
  province!: string;

  @Column({ type: 'varchar', length: 100 })
  commune!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  district!: string | null;

  @Column({ type: 'boolean', name: 'digital_skills_trained', default: false })
  digitalSkillsTrained!: boolean;

  @VersionColumn({ default: 1 })
  version!: number;

  @Column({ type: columnTypes.timestamp, name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  /** Fingerprint of the create that made it with a client id (see repeatable-create.ts). */
  @Column({ type: 'varchar', length: 64, name: 'create_fingerprint', nullable: true })
  createFingerprint!: string | null;

  /**
   * Folded copies for search. NULL means "not folded yet": rows written by the bulk import are folded
   * by HouseholdsService before a list is searched.
   */
  @Column({ type: 'varchar', length: 200, name: 'head_name_search', nullable: true })
  headNameSearch!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'province_search', nullable: true })
  provinceSearch!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'commune_search', nullable: true })
  communeSearch!: string | null;
}
