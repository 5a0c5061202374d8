import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';
import { dialectAtLoad } from '../database/sql-dialect';

export const PHOTO_SUBJECTS = ['plot', 'batch'] as const;
export type PhotoSubject = (typeof PHOTO_SUBJECTS)[number];
export const PHOTO_KINDS = ['harvest', 'certificate', 'field'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];
export const PHOTO_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const;

/**
 * A photo from the farmer's phone (the harvest, the paper certificate), already shrunk there to a few
 * hundred KB. Kept in the database: every api replica can serve it, and a backup takes it along.
 */
@Entity('photos')
@Index(['subject', 'subjectId'])
export class Photo extends BaseEntity {
  @Column({ type: 'varchar', length: 10 })
  subject!: PhotoSubject;

  @Column({ type: columnTypes.uuid, name: 'subject_id' })
  subjectId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: PhotoKind;

  @Column({ type: 'varchar', length: 20, name: 'content_type' })
  contentType!: string;

  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  @Column({ type: 'integer' })
  bytes!: number;

  @Column({ type: dialectAtLoad().kind === 'postgres' ? 'bytea' : 'blob', select: false })
  data!: Buffer;

  @Column({ type: columnTypes.uuid, name: 'recorded_by', nullable: true })
  recordedBy!: string | null;

  /** sha256 of subject, kind and the bytes: the same photo sent twice under one id is the same create. */
  @Column({ type: 'varchar', length: 64, name: 'create_fingerprint' })
  createFingerprint!: string;
}
