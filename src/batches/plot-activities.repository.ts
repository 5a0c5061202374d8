import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, paginate, PageQuery } from '../common/http/pagination';
import { SqlRepository } from '../database/sql-repository';
import { PlotActivity } from './plot-activity.entity';

/** The SQL of the `plot_activities` table (a plot's field diary). */
@Injectable()
export class PlotActivitiesRepository extends SqlRepository {
  findById(id: string): Promise<PlotActivity | null> {
    return this.dataSource.manager.findOne(PlotActivity, { where: { id } });
  }

  /** Inside the caller's transaction, which also holds the plot's safety scope. */
  insert(manager: EntityManager, activity: PlotActivity): Promise<unknown> {
    return manager.insert(PlotActivity, activity as unknown as QueryDeepPartialEntity<PlotActivity>);
  }

  /** A plot's diary, oldest first, a page at a time. */
  ofPlot(plotId: string, query: PageQuery): Promise<Page<PlotActivity>> {
    return paginate(this.dataSource.manager.createQueryBuilder(PlotActivity, 'a').where('a.plotId = :plotId', { plotId }), query);
  }
}
