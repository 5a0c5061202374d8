import { Column, Entity, Index } from 'typeorm';
import { columnTypes } from '../database/column-types';
import { AddressedRecord } from './registry-record.entity';

@Entity('households')
export class Household extends AddressedRecord {
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

  @Column({ type: 'boolean', name: 'digital_skills_trained', default: false })
  digitalSkillsTrained!: boolean;

  /** Fingerprint of the create that made it with a client id (see repeatable-create.ts). */
  @Column({ type: 'varchar', length: 64, name: 'create_fingerprint', nullable: true })
  createFingerprint!: string | null;

  /**
   * Folded copies for search. NULL means "not folded yet": rows written by the bulk import are folded
   * by HouseholdsService before a list is searched.
   */
  @Column({ type: 'varchar', length: 200, name: 'head_name_search', nullable: true })
  headNameSearch!: string | null;
}
