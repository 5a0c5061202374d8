import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageQuery, paginate } from '../common/http/pagination';
import { PlotCertification } from './plot-certification.entity';
import { Plot } from './plot.entity';
import { VersionedWriter } from './versioned-edit';
import { writeAtVersion } from './versioned-write';

/** Which plots a list shows: a household's (a farmer's own), a co-op's, or all. */
export interface PlotFilter {
  ownHouseholdId?: string | null;
  cooperativeId?: string;
  householdId?: string;
  includeArchived?: boolean;
  /** A LIKE pattern matched against the lower-cased code and the folded crop. */
  codeOrCropLike?: string;
}

/** The SQL of the `plots` table. */
@Injectable()
export class PlotsRepository implements VersionedWriter<Plot> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Plot | null> {
    return this.dataSource.manager.findOne(Plot, { where: { id } });
  }

  /** The plot and its certificates land together or not at all. */
  async insertWithCertifications(plot: Plot, certifications: PlotCertification[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Plot, plot);
      if (certifications.length) await manager.insert(PlotCertification, certifications);
    });
  }

  list(filter: PlotFilter, query: PageQuery): Promise<Page<Plot>> {
    const qb = this.dataSource.manager.createQueryBuilder(Plot, 'p');
    if (filter.ownHouseholdId !== undefined) qb.where('p.householdId = :own', { own: filter.ownHouseholdId });
    else if (filter.cooperativeId) qb.where('p.cooperativeId = :cooperativeId', { cooperativeId: filter.cooperativeId });
    if (filter.householdId) qb.andWhere('p.householdId = :householdId', { householdId: filter.householdId });
    if (!filter.includeArchived) qb.andWhere('p.archivedAt IS NULL');
    if (filter.codeOrCropLike) {
      qb.andWhere("(LOWER(p.code) LIKE :pattern ESCAPE '\\' OR p.cropSearch LIKE :pattern ESCAPE '\\')", {
        pattern: filter.codeOrCropLike,
      });
    }
    return paginate(qb, query);
  }

  updateAtVersion(id: string, version: number, changes: QueryDeepPartialEntity<Plot>): Promise<boolean> {
    return writeAtVersion(this.dataSource, Plot, id, version, changes);
  }
}
