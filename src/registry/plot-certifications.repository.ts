import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { PlotCertification } from './plot-certification.entity';
import { VersionedWriter } from './versioned-edit';
import { writeAtVersion } from './versioned-write';

/** The SQL of the `plot_certifications` table. */
@Injectable()
export class PlotCertificationsRepository implements VersionedWriter<PlotCertification> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A certificate by id, of one plot when `plotId` is given. */
  findById(id: string, plotId?: string): Promise<PlotCertification | null> {
    return this.dataSource.manager.findOne(PlotCertification, { where: plotId ? { id, plotId } : { id } });
  }

  insert(certification: PlotCertification): Promise<unknown> {
    return this.dataSource.manager.insert(PlotCertification, certification);
  }

  /** The certificates of the plots, latest expiry first. */
  async ofPlots(plotIds: string[]): Promise<PlotCertification[]> {
    if (!plotIds.length) return [];
    return this.dataSource.manager.find(PlotCertification, {
      where: { plotId: In(plotIds) },
      order: { validUntil: 'DESC', createdAt: 'ASC' },
    });
  }

  updateAtVersion(id: string, version: number, changes: QueryDeepPartialEntity<PlotCertification>): Promise<boolean> {
    return writeAtVersion(this.dataSource, PlotCertification, id, version, changes);
  }
}
