import { EntityManager } from 'typeorm';
import { sqliteTimestamp } from './column-types';

export type SqlValue = string | number | boolean | Date | null;

/**
 * One multi-row INSERT per call, written for the database at hand. Used on the import hot path, where
 * building entities row by row through the ORM would cost more than the database itself.
 */
export async function bulkInsert(manager: EntityManager, table: string, columns: string[], rows: SqlValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const postgres = manager.connection.options.type === 'postgres';
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    const slots: string[] = [];
    for (const value of row) {
      params.push(postgres ? value : toSqliteValue(value));
      slots.push(postgres ? `$${params.length}` : '?');
    }
    tuples.push(`(${slots.join(',')})`);
  }
  const quoted = columns.map((c) => `"${c}"`).join(',');
  await manager.query(`INSERT INTO "${table}" (${quoted}) VALUES ${tuples.join(',')}`, params);
}

/** SQLite stores what TypeORM's better-sqlite3 driver would: UTC "YYYY-MM-DD HH:MM:SS.SSS" text and 0/1 booleans. */
function toSqliteValue(value: SqlValue): string | number | null {
  if (value instanceof Date) return sqliteTimestamp(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** PostgreSQL accepts at most 65,535 bind parameters in one statement. */
export function chunkRowsFor(columnCount: number, wanted = 1000): number {
  return Math.max(1, Math.min(wanted, Math.floor(60_000 / columnCount)));
}
