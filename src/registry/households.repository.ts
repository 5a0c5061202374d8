import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageQuery, paginate } from '../common/http/pagination';
import { bulkInsert, chunkRowsFor, SqlValue } from '../database/bulk-insert';
import { dialectOf } from '../database/sql-dialect';
import { Household } from './household.entity';
import { VersionedWriter } from './versioned-edit';
import { writeAtVersion } from './versioned-write';

/** Which households a list shows; the search values are already folded (lower case, no diacritics). */
export interface HouseholdFilter {
  cooperativeId?: string;
  includeArchived?: boolean;
  province?: string;
  commune?: string;
  /** A LIKE pattern matched against the folded head name and the phone. */
  nameOrPhoneLike?: string;
}

/** A household row as the CSV import writes it: sealed national id and folded search columns included. */
export interface ImportedHousehold {
  cooperativeId: string;
  headName: string;
  phone: string;
  nationalIdEncrypted: string | null;
  nationalIdLast4: string | null;
  province: string;
  commune: string;
  district: string | null;
  digitalSkillsTrained: boolean;
  headNameSearch: string;
  provinceSearch: string;
  communeSearch: string;
}

const IMPORT_COLUMNS = [
  'id',
  'cooperative_id',
  'head_name',
  'phone',
  'national_id_encrypted',
  'national_id_last4',
  'province',
  'commune',
  'district',
  'digital_skills_trained',
  'head_name_search',
  'province_search',
  'commune_search',
  'created_at',
  'updated_at',
];

/** A new household's values for IMPORT_COLUMNS, without the two timestamps. */
function importValues(r: ImportedHousehold): SqlValue[] {
  return [
    randomUUID(),
    r.cooperativeId,
    r.headName,
    r.phone,
    r.nationalIdEncrypted,
    r.nationalIdLast4,
    r.province,
    r.commune,
    r.district,
    r.digitalSkillsTrained,
    r.headNameSearch,
    r.provinceSearch,
    r.communeSearch,
  ];
}

export interface HouseholdSearchColumns {
  headNameSearch: string;
  provinceSearch: string;
  communeSearch: string;
}

/** The SQL of the `households` table, the CSV import's bulk inserts included. */
@Injectable()
export class HouseholdsRepository implements VersionedWriter<Household> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Household | null> {
    return this.dataSource.manager.findOne(Household, { where: { id } });
  }

  insert(household: Household): Promise<unknown> {
    return this.dataSource.manager.insert(Household, household);
  }

  list(filter: HouseholdFilter, query: PageQuery): Promise<Page<Household>> {
    const qb = this.dataSource.manager.createQueryBuilder(Household, 'h');
    if (filter.cooperativeId) qb.andWhere('h.cooperativeId = :cooperativeId', { cooperativeId: filter.cooperativeId });
    if (!filter.includeArchived) qb.andWhere('h.archivedAt IS NULL');
    if (filter.province) qb.andWhere('h.provinceSearch = :province', { province: filter.province });
    if (filter.commune) qb.andWhere('h.communeSearch = :commune', { commune: filter.commune });
    if (filter.nameOrPhoneLike) {
      qb.andWhere("(h.headNameSearch LIKE :pattern ESCAPE '\\' OR h.phone LIKE :pattern ESCAPE '\\')", { pattern: filter.nameOrPhoneLike });
    }
    return paginate(qb, query);
  }

  updateAtVersion(id: string, version: number, changes: QueryDeepPartialEntity<Household>): Promise<boolean> {
    return writeAtVersion(this.dataSource, Household, id, version, changes);
  }

  /** Households written without their folded search columns (the bulk import), at most `limit`. */
  unfolded(limit: number): Promise<Pick<Household, 'id' | 'headName' | 'province' | 'commune'>[]> {
    return this.dataSource.manager.find(Household, {
      where: { headNameSearch: IsNull() },
      select: { id: true, headName: true, province: true, commune: true },
      take: limit,
    });
  }

  /**
   * Whether the database takes a whole import as one statement (PostgreSQL: one array parameter per column,
   * ON CONFLICT deciding duplicates atomically); otherwise rows go in chunks of `importChunkRows`.
   */
  get importsInOneStatement(): boolean {
    return dialectOf(this.dataSource).sharedStatements;
  }

  /** How many imported rows one multi-row INSERT may carry (the dialect's parameter limit). */
  get importChunkRows(): number {
    return chunkRowsFor(IMPORT_COLUMNS.length);
  }

  /**
   * PostgreSQL: inserts every row in one statement (unnest), skipping phones already registered, also by an
   * import running at the same moment. Answers the phones that landed.
   */
  async insertAllSkippingTakenPhones(rows: ImportedHousehold[], now: Date): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const columns: unknown[][] = IMPORT_COLUMNS.slice(0, 13).map(() => new Array<unknown>(rows.length));
    rows.forEach((r, i) => importValues(r).forEach((value, c) => (columns[c][i] = value)));
    const inserted = await this.dataSource.query<{ phone: string }[]>(
      `INSERT INTO households (${IMPORT_COLUMNS.join(', ')})
       SELECT u.*, $14::timestamptz, $14::timestamptz
       FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::boolean[],
                   $11::varchar[], $12::varchar[], $13::varchar[]) AS u
       ON CONFLICT (phone) DO NOTHING
       RETURNING phone`,
      [...columns, now],
    );
    return new Set(inserted.map((row) => row.phone));
  }

  /** The phones among these that a household already has. */
  async registeredPhones(phones: string[]): Promise<Set<string>> {
    if (!phones.length) return new Set();
    const rows = await this.dataSource.manager.find(Household, { where: { phone: In(phones) }, select: { phone: true } });
    return new Set(rows.map((h) => h.phone));
  }

  /** Inserts at most `importChunkRows` rows in one multi-row statement, in one transaction: all land or none. */
  async insertChunk(rows: ImportedHousehold[], now: Date): Promise<void> {
    const values: SqlValue[][] = rows.map((r) => [...importValues(r), now, now]);
    await this.dataSource.transaction((manager) => bulkInsert(manager, 'households', IMPORT_COLUMNS, values));
  }

  /** Plain SQL: the folded copy is not an edit, so neither `version` nor `updated_at` moves. */
  async writeSearchColumns(id: string, folded: HouseholdSearchColumns): Promise<void> {
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      'UPDATE households SET head_name_search = :headNameSearch, province_search = :provinceSearch, commune_search = :communeSearch WHERE id = :id',
      { ...folded, id },
    );
    await this.dataSource.query(sql, parameters);
  }
}
