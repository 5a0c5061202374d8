import { Column, Entity, Index } from 'typeorm';
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
}
