import { Injectable } from '@nestjs/common';
import { dialectOf } from '../database/sql-dialect';
import { SqlRepository } from '../database/sql-repository';

/** `WHERE` text with `?` placeholders and its parameters, over households `h` and the records joined to them. */
export interface AreaScope {
  sql: string;
  params: unknown[];
}

export interface SafetyBatchRow {
  id: string;
  lot_code: string;
  cooperative_id: string;
  harvested_at: string | Date;
  safe_from: string | Date | null;
  safety_override_at: string | Date | null;
  safety_override_reason: string | null;
  safety_override_safe_from: string | Date | null;
  product: string;
}

export interface CertificateRow {
  plot_id: string;
  code: string;
  crop: string;
  cooperative_id: string;
  scheme: string;
  number: string;
  valid_until: string;
}

const FROM_BATCHES = 'JOIN batches b ON b.id = {batch} JOIN households h ON h.id = b.household_id';

/**
 * The province dashboard's read model: label runs, scans per day, food-safety holds and certificates
 * by area read across the labels', trace's, batches' and registry's tables, here and nowhere else in the
 * reports module. SQL that runs unchanged on PostgreSQL and SQLite.
 */
@Injectable()
export class AreaActivityReadModel extends SqlRepository {
  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query<T[]>(dialectOf(this.dataSource).sql(sql), params);
  }

  /** The provinces or communes households are registered in, as stored. */
  async storedNames(column: 'province' | 'commune'): Promise<string[]> {
    return (await this.query<{ v: string }>(`SELECT DISTINCT ${column} AS v FROM households`, [])).map((r) => r.v);
  }

  /** Label runs of the batches in scope, newest first (at most 20,000). */
  labelRuns(batches: AreaScope): Promise<{ created_at: string | Date; quantity: string | number }[]> {
    return this.query(
      `SELECT r.created_at, r.quantity FROM label_runs r ${FROM_BATCHES.replace('{batch}', 'r.batch_id')}
       WHERE ${batches.sql} ORDER BY r.created_at DESC LIMIT 20000`,
      batches.params,
    );
  }

  /** Scans per Vietnamese calendar day of the batches in scope, latest day first. */
  scansByDay(batches: AreaScope, days: number): Promise<{ day: string; scans: string | number }[]> {
    return this.query(
      `SELECT d.day, SUM(d.scans) AS scans FROM batch_scan_days d ${FROM_BATCHES.replace('{batch}', 'd.batch_id')}
       WHERE ${batches.sql} GROUP BY d.day ORDER BY d.day DESC LIMIT ${Number(days)}`,
      batches.params,
    );
  }

  /** Batches in scope with a pre-harvest-interval hold or a release of one, latest harvest first. */
  safetyBatches(batches: AreaScope, limit: number): Promise<SafetyBatchRow[]> {
    return this.query(
      `SELECT b.id, b.lot_code, b.cooperative_id, b.harvested_at, b.safe_from, b.safety_override_at, b.safety_override_reason,
              b.safety_override_safe_from, p.name AS product
       FROM batches b JOIN products p ON p.id = b.product_id JOIN households h ON h.id = b.household_id
       WHERE ${batches.sql} AND b.archived_at IS NULL AND (b.safe_from IS NOT NULL OR b.safety_override_at IS NOT NULL)
       ORDER BY b.harvested_at DESC, b.id LIMIT ${Number(limit)}`,
      batches.params,
    );
  }

  /** Certificates not revoked of the plots in scope (plots `pl`). */
  certificates(plots: AreaScope): Promise<CertificateRow[]> {
    return this.query(
      `SELECT c.plot_id, pl.code, pl.crop, pl.cooperative_id, c.scheme, c.number, c.valid_until
       FROM plot_certifications c JOIN plots pl ON pl.id = c.plot_id JOIN households h ON h.id = pl.household_id
       WHERE ${plots.sql} AND c.revoked_at IS NULL AND pl.archived_at IS NULL`,
      plots.params,
    );
  }

  /** Ids of the batches in scope. */
  async batchIds(batches: AreaScope): Promise<Set<string>> {
    const rows = await this.query<{ id: string }>(
      `SELECT b.id FROM batches b JOIN households h ON h.id = b.household_id WHERE ${batches.sql}`,
      batches.params,
    );
    return new Set(rows.map((r) => r.id));
  }
}
