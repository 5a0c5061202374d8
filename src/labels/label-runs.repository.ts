import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { LabelRun } from './label-run.entity';
import { Page, paginate, PageQuery } from '../common/http/pagination';
import { SqlRepository } from '../database/sql-repository';

/** The SQL of the `label_runs` table. */
@Injectable()
export class LabelRunsRepository extends SqlRepository {
  findById(id: string): Promise<LabelRun | null> {
    return this.dataSource.manager.findOne(LabelRun, { where: { id } });
  }

  findByIdempotencyKey(cooperativeId: string, idempotencyKey: string): Promise<LabelRun | null> {
    return this.dataSource.manager.findOne(LabelRun, { where: { cooperativeId, idempotencyKey } });
  }

  insert(manager: EntityManager, run: LabelRun): Promise<unknown> {
    return manager.insert(LabelRun, run);
  }

  update(id: string, values: QueryDeepPartialEntity<LabelRun>): Promise<unknown> {
    return this.dataSource.manager.update(LabelRun, id, values);
  }

  /** The runs of a batch, oldest first, a page at a time. */
  ofBatch(batchId: string, query: PageQuery): Promise<Page<LabelRun>> {
    return paginate(this.dataSource.manager.createQueryBuilder(LabelRun, 'r').where('r.batchId = :batchId', { batchId }), query);
  }

  /** Ids of runs still `queued` since before `before`, at most `limit`. */
  async queuedSince(before: Date, limit: number): Promise<string[]> {
    const rows = await this.dataSource.manager.find(LabelRun, {
      where: { status: 'queued', createdAt: LessThan(before) },
      select: { id: true },
      take: limit,
    });
    return rows.map((r) => r.id);
  }
}
