import { Column, VersionColumn } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

/** A registry record people correct from several phones: every edit is checked against its version. */
export abstract class VersionedRecord extends BaseEntity {
  /** Incremented by every change: the ETag a PATCH's If-Match is checked against. */
  @VersionColumn({ default: 1 })
  version!: number;
}

/** A registry record that is archived rather than deleted, since printed labels and diaries point at it. */
export abstract class ArchivableRecord extends VersionedRecord {
  /** Set by DELETE: hidden from lists, kept for the records that point at it. */
  @Column({ type: columnTypes.timestamp, name: 'archived_at', nullable: true })
  archivedAt!: Date | null;
}

/** A co-operative or household: where it is, and folded copies of the place names for search. */
export abstract class AddressedRecord extends ArchivableRecord {
  @Column({ type: 'varchar', length: 100 })
  province!: string;

  @Column({ type: 'varchar', length: 100 })
  commune!: string;

  /** Only for addresses recorded under the three-tier system in force until 1 July 2025. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  district!: string | null;

  /** foldForSearch(province) and (commune): written with the text, searched without case or diacritics. */
  @Column({ type: 'varchar', length: 100, name: 'province_search', nullable: true })
  provinceSearch!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'commune_search', nullable: true })
  communeSearch!: string | null;
}
