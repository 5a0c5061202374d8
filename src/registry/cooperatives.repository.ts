import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageQuery, paginate } from '../common/http/pagination';
import { Cooperative } from './cooperative.entity';
import { VersionedWriter } from './versioned-edit';
import { writeAtVersion } from './versioned-write';

/** Which co-operatives a list shows; the search values are already folded (lower case, no diacritics). */
export interface CooperativeFilter {
  onlyId?: string | null;
  includeArchived?: boolean;
  nameLike?: string;
  province?: string;
  commune?: string;
}

/** The SQL of the `cooperatives` table. */
@Injectable()
export class CooperativesRepository implements VersionedWriter<Cooperative> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Cooperative | null> {
    return this.dataSource.manager.findOne(Cooperative, { where: { id } });
  }

  /** Which of these ids are co-operatives. */
  async existingIds(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.dataSource.manager.find(Cooperative, { where: { id: In(ids) }, select: { id: true } });
    return new Set(rows.map((c) => c.id));
  }

  insert(cooperative: Cooperative): Promise<unknown> {
    return this.dataSource.manager.insert(Cooperative, cooperative);
  }

  list(filter: CooperativeFilter, query: PageQuery): Promise<Page<Cooperative>> {
    const qb = this.dataSource.manager.createQueryBuilder(Cooperative, 'c');
    if (filter.onlyId !== undefined) qb.where('c.id = :id', { id: filter.onlyId });
    if (!filter.includeArchived) qb.andWhere('c.archivedAt IS NULL');
    if (filter.nameLike) qb.andWhere("c.nameSearch LIKE :pattern ESCAPE '\\'", { pattern: filter.nameLike });
    if (filter.province) qb.andWhere('c.provinceSearch = :province', { province: filter.province });
    if (filter.commune) qb.andWhere('c.communeSearch = :commune', { commune: filter.commune });
    return paginate(qb, query);
  }

  updateAtVersion(id: string, version: number, changes: QueryDeepPartialEntity<Cooperative>): Promise<boolean> {
    return writeAtVersion(this.dataSource, Cooperative, id, version, changes);
  }
}
