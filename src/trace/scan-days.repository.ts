import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { dialectOf } from '../database/sql-dialect';
import { SqlRepository } from '../database/sql-repository';

/** Scans of one batch on one Vietnamese calendar day. */
export interface ScanDay {
  batchId: string;
  day: string;
  scans: number;
}

/** The SQL of the `batch_scan_days` table: scans per batch per day, which the reports chart. */
@Injectable()
export class ScanDaysRepository extends SqlRepository {
  /**
   * Adds scans to their days inside the caller's transaction, upserting in (batch, day) order so two
   * processes flushing at once queue behind each other. PostgreSQL takes them as arrays in one statement.
   */
  async add(manager: EntityManager, days: readonly ScanDay[]): Promise<void> {
    const rows = [...days].sort((a, b) => {
      const ka = `${a.batchId}|${a.day}`;
      const kb = `${b.batchId}|${b.day}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    if (dialectOf(manager).sharedStatements) {
      await manager.query(
        `INSERT INTO batch_scan_days (batch_id, day, scans)
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::int[])
         ON CONFLICT (batch_id, day) DO UPDATE SET scans = batch_scan_days.scans + EXCLUDED.scans`,
        [rows.map((r) => r.batchId), rows.map((r) => r.day), rows.map((r) => r.scans)],
      );
      return;
    }
    for (const r of rows) {
      await manager.query(
        `INSERT INTO batch_scan_days (batch_id, day, scans) VALUES (?, ?, ?)
         ON CONFLICT (batch_id, day) DO UPDATE SET scans = scans + excluded.scans`,
        [r.batchId, r.day, r.scans],
      );
    }
  }
}
