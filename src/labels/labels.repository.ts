import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Page, PageQuery, paginate } from '../common/http/pagination';
import { bulkInsert, chunkRowsFor, SqlValue } from '../database/bulk-insert';
import { dialectOf } from '../database/sql-dialect';
import { Label } from './label.entity';

const LABEL_COLUMNS = [
  'id',
  'serial',
  'label_run_id',
  'batch_id',
  'cooperative_id',
  'sequence',
  'status',
  'scan_count',
  'created_at',
  'updated_at',
];

/** Scans of one label counted since the last flush. */
export interface LabelScans {
  serial: string;
  count: number;
  first: Date;
  last: Date;
}

/** A label row as allocated: everything else starts at its default (active, never scanned). */
export interface NewLabel {
  id: string;
  serial: string;
  labelRunId: string;
  batchId: string;
  cooperativeId: string;
  sequence: number;
}

export interface LabelVoiding {
  reason: string;
  at: Date;
}

/** The SQL of the `labels` table. */
@Injectable()
export class LabelsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findBySerial(serial: string): Promise<Label | null> {
    return this.dataSource.manager.findOne(Label, { where: { serial } });
  }

  /** The co-op of each serial found (unknown serials are simply absent). */
  ownersOf(serials: string[]): Promise<Pick<Label, 'serial' | 'cooperativeId'>[]> {
    return this.dataSource.manager.find(Label, { where: { serial: In(serials) }, select: { serial: true, cooperativeId: true } });
  }

  /** Labels of a run and/or a batch (at least one given), by the shared cursor. */
  list(filter: { labelRunId?: string; batchId?: string }, query: PageQuery): Promise<Page<Label>> {
    const qb = this.dataSource.manager.createQueryBuilder(Label, 'l');
    if (filter.labelRunId) qb.andWhere('l.labelRunId = :runId', { runId: filter.labelRunId });
    if (filter.batchId) qb.andWhere('l.batchId = :batchId', { batchId: filter.batchId });
    return paginate(qb, query);
  }

  /** Serials of a run in print order. */
  serialsOfRun(labelRunId: string): Promise<Pick<Label, 'serial' | 'sequence'>[]> {
    return this.dataSource.manager.find(Label, {
      where: { labelRunId },
      select: { serial: true, sequence: true },
      order: { sequence: 'ASC' },
    });
  }

  countOfBatch(batchId: string): Promise<number> {
    return this.dataSource.manager.count(Label, { where: { batchId } });
  }

  async countActiveOfBatch(manager: EntityManager, batchId: string): Promise<number> {
    const rows = await manager.query<{ count: string | number }[]>(
      dialectOf(manager).sql("SELECT COUNT(*) AS count FROM labels WHERE batch_id = ? AND status = 'active'"),
      [batchId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Voids the active labels among those named (serials, a run or a batch): answers how many were voided. */
  async voidActive(
    target: { serials: string[] } | { labelRunId: string } | { batchId: string },
    voiding: LabelVoiding,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const qb = manager
      .createQueryBuilder()
      .update(Label)
      .set({ status: 'voided', voidReason: voiding.reason, voidedAt: voiding.at, updatedAt: voiding.at })
      .where("status = 'active'");
    if ('serials' in target) qb.andWhere('serial IN (:...serials)', { serials: target.serials });
    else if ('labelRunId' in target) qb.andWhere('label_run_id = :runId', { runId: target.labelRunId });
    else qb.andWhere('batch_id = :batchId', { batchId: target.batchId });
    const result = await qb.execute();
    return result.affected ?? 0;
  }

  /** Inserts allocated labels in multi-row statements sized to the dialect's parameter limit. */
  async insertMany(manager: EntityManager, labels: NewLabel[], now: Date): Promise<void> {
    const chunk = chunkRowsFor(LABEL_COLUMNS.length);
    for (let start = 0; start < labels.length; start += chunk) {
      const rows: SqlValue[][] = labels
        .slice(start, start + chunk)
        .map((l) => [l.id, l.serial, l.labelRunId, l.batchId, l.cooperativeId, l.sequence, 'active', 0, now, now]);
      await bulkInsert(manager, 'labels', LABEL_COLUMNS, rows);
    }
  }

  /**
   * Adds counted scans to labels inside the caller's transaction: scan_count, and the first and last
   * scan. Rows are locked in serial order, so two processes flushing at the same moment queue behind
   * each other instead of deadlocking. PostgreSQL takes the whole flush as arrays in two statements;
   * SQLite (one writer, in process) goes row by row.
   */
  async addScans(manager: EntityManager, scans: readonly LabelScans[]): Promise<void> {
    const sorted = [...scans].sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0));
    const dialect = dialectOf(manager);
    if (dialect.kind === 'postgres') {
      const serials = sorted.map((s) => s.serial);
      await manager.query('SELECT 1 FROM labels WHERE serial = ANY($1::varchar[]) ORDER BY serial FOR UPDATE', [serials]);
      await manager.query(
        `UPDATE labels AS l
           SET scan_count = l.scan_count + d.delta,
               first_scanned_at = COALESCE(l.first_scanned_at, d.first),
               last_scanned_at = GREATEST(COALESCE(l.last_scanned_at, d.last), d.last)
         FROM unnest($1::varchar[], $2::int[], $3::timestamptz[], $4::timestamptz[]) AS d(serial, delta, first, last)
         WHERE l.serial = d.serial`,
        [serials, sorted.map((s) => s.count), sorted.map((s) => s.first), sorted.map((s) => s.last)],
      );
      return;
    }
    for (const s of sorted) {
      await manager.query(
        `UPDATE labels SET scan_count = scan_count + ?, first_scanned_at = COALESCE(first_scanned_at, ?),
           last_scanned_at = MAX(COALESCE(last_scanned_at, ?), ?) WHERE serial = ?`,
        [s.count, dialect.timestamp(s.first), dialect.timestamp(s.last), dialect.timestamp(s.last), s.serial],
      );
    }
  }
}
