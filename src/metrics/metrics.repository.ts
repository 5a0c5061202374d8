import { Injectable } from '@nestjs/common';
import { readTimestamp } from '../database/sql-dialect';
import { SqlRepository } from '../database/sql-repository';

/**
 * The gauges' read model: counts over the labels' and the sync outbox's tables, read here and nowhere
 * else in the metrics module, on each scrape. Counting rows is all it does; it writes nothing.
 */
@Injectable()
export class MetricsReadModel extends SqlRepository {
  async labelRunsByStatus(): Promise<{ status: string; runs: number }[]> {
    const rows = await this.dataSource.query<{ status: string; runs: string | number }[]>(
      'SELECT status, COUNT(*) AS runs FROM label_runs GROUP BY status',
    );
    return rows.map((row) => ({ status: row.status, runs: Number(row.runs) }));
  }

  async labelsPrinted(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string | number }[]>('SELECT COUNT(*) AS n FROM labels');
    return Number(row?.n ?? 0);
  }

  /** Outbox rows waiting, and when the oldest was written (null when none waits). */
  async outbox(): Promise<{ pending: number; oldest: Date | null }> {
    const [row] = await this.dataSource.query<{ pending: string | number; oldest: string | Date | null }[]>(
      'SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM sync_outbox',
    );
    return { pending: Number(row?.pending ?? 0), oldest: row?.oldest ? readTimestamp(row.oldest) : null };
  }
}
