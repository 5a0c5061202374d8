import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageQuery, paginate } from '../common/http/pagination';
import { dialectOf } from '../database/sql-dialect';
import { BatchEvent } from './batch-event.entity';
import { Batch, BatchStatus } from './batch.entity';
import { PlotActivity } from './plot-activity.entity';
import { SqlRepository } from '../database/sql-repository';

/** Who may see which batches in a list: a household (farmer), a co-op, or everyone (admin). */
export interface BatchListFilter {
  householdId?: string | null;
  cooperativeId?: string | null;
  productId?: string;
  ofHousehold?: string;
}

export interface LockedBatch {
  status: BatchStatus;
  lotCode: string;
}

/** A batch as a label URL needs it: its lot and its product. */
export interface BatchLot {
  id: string;
  lotCode: string;
  productId: string;
}

/** The SQL of the batches module: `batches` and `batch_events`, nothing else. */
@Injectable()
export class BatchesRepository extends SqlRepository {
  findById(id: string, manager?: EntityManager): Promise<Batch | null> {
    return this.manager(manager).findOne(Batch, { where: { id } });
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.manager.exists(Batch, { where: { id } });
  }

  async lotsOf(ids: string[]): Promise<BatchLot[]> {
    if (!ids.length) return [];
    return this.dataSource.manager.find(Batch, { where: { id: In(ids) }, select: { id: true, lotCode: true, productId: true } });
  }

  /** Batches not archived, newest first by the shared cursor. */
  list(filter: BatchListFilter, query: PageQuery): Promise<Page<Batch>> {
    const qb = this.dataSource.manager.createQueryBuilder(Batch, 'b').where('b.archivedAt IS NULL');
    if (filter.householdId !== undefined) qb.andWhere('b.householdId = :own', { own: filter.householdId });
    if (filter.cooperativeId) qb.andWhere('b.cooperativeId = :cooperativeId', { cooperativeId: filter.cooperativeId });
    if (filter.productId) qb.andWhere('b.productId = :productId', { productId: filter.productId });
    if (filter.ofHousehold) qb.andWhere('b.householdId = :householdId', { householdId: filter.ofHousehold });
    return paginate(qb, query);
  }

  /** Batches harvested inside a pre-harvest interval, or whose hold was released. */
  safetyFlagged(cooperativeId: string | undefined, query: PageQuery): Promise<Page<Batch>> {
    const qb = this.dataSource.manager.createQueryBuilder(Batch, 'b').where('(b.safeFrom IS NOT NULL OR b.safetyOverrideAt IS NOT NULL)');
    if (cooperativeId) qb.andWhere('b.cooperativeId = :cooperativeId', { cooperativeId });
    return paginate(qb, query);
  }

  insert(manager: EntityManager, batch: Batch): Promise<unknown> {
    return manager.insert(Batch, batch);
  }

  update(manager: EntityManager, id: string, values: QueryDeepPartialEntity<Batch>): Promise<unknown> {
    return manager.update(Batch, { id }, values);
  }

  /**
   * Locks the batches named and every batch of the plots named, in id order (two writers never deadlock).
   * SQLite has one writer at a time already; PostgreSQL needs the row locks.
   */
  async lockScope(manager: EntityManager, scope: { ids: string[]; plotIds: string[] }): Promise<Batch[]> {
    const conditions = [...(scope.ids.length ? ['b.id IN (:...ids)'] : []), ...(scope.plotIds.length ? ['b.plotId IN (:...plotIds)'] : [])];
    if (!conditions.length) return [];
    const qb = manager.createQueryBuilder(Batch, 'b').where(`(${conditions.join(' OR ')})`, { ids: scope.ids, plotIds: scope.plotIds });
    qb.orderBy('b.id', 'ASC');
    dialectOf(manager).lockRows(qb);
    return qb.getMany();
  }

  /**
   * Locks one batch row inside the caller's transaction and reads it again under the lock. PostgreSQL:
   * `FOR SHARE` / `FOR UPDATE`, the row re-read once the lock is granted. SQLite has no row locks: a no-op
   * write takes the database write lock first, so the read cannot be older than another process's commit.
   */
  async lockRow(manager: EntityManager, id: string, mode: 'share' | 'update'): Promise<LockedBatch | null> {
    const dialect = dialectOf(manager);
    if (!dialect.rowLocks) await manager.query('UPDATE batches SET status = status WHERE id = ?', [id]);
    const rows = await manager.query<{ status: BatchStatus; lot_code: string }[]>(
      dialect.sql(`SELECT status, lot_code FROM batches WHERE id = ? ${dialect.rowLock(mode)}`),
      [id],
    );
    const row = rows[0];
    return row ? { status: row.status, lotCode: row.lot_code } : null;
  }

  /**
   * Takes the batch row's write lock by touching it (so writers on one batch queue behind each other on
   * both databases) and answers its status read under that lock; null for an unknown batch.
   */
  async touch(manager: EntityManager, id: string, now: Date): Promise<BatchStatus | null> {
    const dialect = dialectOf(manager);
    await manager.query(dialect.sql('UPDATE batches SET updated_at = ? WHERE id = ?'), [dialect.timestamp(now), id]);
    const [current] = await manager.query<{ status: BatchStatus }[]>(dialect.sql('SELECT status FROM batches WHERE id = ?'), [id]);
    return current?.status ?? null;
  }

  /** Whether any label was printed for the batch (labels depend on batches, so this existence test reads their table). */
  async hasLabels(manager: EntityManager, id: string): Promise<boolean> {
    const row: unknown = await manager
      .createQueryBuilder()
      .select('1', 'one')
      .from('labels', 'l')
      .where('l.batch_id = :batchId', { batchId: id })
      .limit(1)
      .getRawOne();
    return row !== undefined && row !== null;
  }

  findEvent(id: string, manager?: EntityManager): Promise<BatchEvent | null> {
    return this.manager(manager).findOne(BatchEvent, { where: { id } });
  }

  eventsOf(batchId: string): Promise<BatchEvent[]> {
    return this.dataSource.manager.find(BatchEvent, { where: { batchId }, order: { occurredAt: 'ASC', createdAt: 'ASC' } });
  }

  /** The events that count (not superseded) of the batches, oldest first. */
  async currentEventsOf(manager: EntityManager, batchIds: string[]): Promise<BatchEvent[]> {
    if (!batchIds.length) return [];
    return manager.find(BatchEvent, { where: { batchId: In(batchIds), supersededBy: IsNull() }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }

  /** The critical tracking events of a lot for FSMA 204: the diary without the growing steps, oldest first. */
  trackingEventsOf(batchId: string): Promise<BatchEvent[]> {
    return this.dataSource.manager.find(BatchEvent, {
      where: { batchId, bizStep: Not(In(['planting', 'fertilizing', 'spraying'])) },
      order: { occurredAt: 'ASC' },
    });
  }

  /** Sprayings written in the plots' own diaries (plot_activities), which hold their batches like any other. */
  async plotSprayingsOf(plotIds: (string | null)[], manager: EntityManager = this.dataSource.manager): Promise<PlotActivity[]> {
    const ids = [...new Set(plotIds.filter((p): p is string => !!p))];
    if (!ids.length) return [];
    return manager.find(PlotActivity, { where: { plotId: In(ids), activity: 'spraying' }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }

  /** Sprayings that count on any batch of the plot, latest first. */
  sprayingsOnPlot(plotId: string): Promise<BatchEvent[]> {
    return this.dataSource.manager
      .createQueryBuilder(BatchEvent, 'e')
      .innerJoin(Batch, 'b', 'b.id = e.batchId')
      .where('b.plotId = :plotId', { plotId })
      .andWhere('e.bizStep = :step', { step: 'spraying' })
      .andWhere('e.supersededBy IS NULL')
      .orderBy('e.occurredAt', 'DESC')
      .getMany();
  }

  insertEvent(manager: EntityManager, event: BatchEvent): Promise<unknown> {
    // TypeORM's insert type cannot see through a free-form JSON column.
    return manager.insert(BatchEvent, event as unknown as QueryDeepPartialEntity<BatchEvent>);
  }

  markSuperseded(manager: EntityManager, id: string, by: string, now: Date): Promise<unknown> {
    return manager.update(BatchEvent, { id }, { supersededBy: by, updatedAt: now });
  }
}
