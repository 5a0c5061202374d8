import { EntityManager } from 'typeorm';
import { dialectOf, SqlValue } from './sql-dialect';

export type { SqlValue };

/**
 * One multi-row INSERT per call, written for the database at hand. Used on the import hot path, where
 * building entities row by row through the ORM would cost more than the database itself.
 */
export async function bulkInsert(manager: EntityManager, table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const dialect = dialectOf(manager);
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const slots: string[] = [];
    for (const value of row) {
      params.push(dialect.value(value));
      slots.push(dialect.placeholder(params.length));
    }
    tuples.push(`(${slots.join(',')})`);
  }
  const quoted = columns.map((c) => `"${c}"`).join(',');
  await manager.query(`INSERT INTO "${table}" (${quoted}) VALUES ${tuples.join(',')}`, params);
}

/** PostgreSQL accepts at most 65,535 bind parameters in one statement. */
export function chunkRowsFor(columnCount: number, wanted = 1000): number {
  return Math.max(1, Math.min(wanted, Math.floor(60_000 / columnCount)));
}
