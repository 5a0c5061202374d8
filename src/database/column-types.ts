import { ColumnType } from 'typeorm';
import { databaseKindOf } from '../config/environment';

/**
 * The few column types that differ between PostgreSQL and SQLite. Entity decorators are evaluated
 * when their module loads, so the choice is made from DATABASE_URL at that moment; one process only
 * ever talks to one kind of database.
 */
export type DatabaseKind = 'postgres' | 'sqlite';

export function currentDatabaseKind(): DatabaseKind {
  return databaseKindOf(process.env.DATABASE_URL ?? '');
}

export interface ColumnTypeSet {
  uuid: ColumnType;
  timestamp: ColumnType;
  json: ColumnType;
  decimal: ColumnType;
}

export function columnTypesFor(kind: DatabaseKind): ColumnTypeSet {
  return kind === 'postgres'
    ? { uuid: 'uuid', timestamp: 'timestamptz', json: 'jsonb', decimal: 'double precision' }
    : { uuid: 'varchar', timestamp: 'datetime', json: 'simple-json', decimal: 'real' };
}

/** Raw SQL types for migrations, which use the schema-builder API with plain type names. */
export function migrationTypesFor(kind: DatabaseKind): Record<keyof ColumnTypeSet, string> {
  return kind === 'postgres'
    ? { uuid: 'uuid', timestamp: 'timestamptz', json: 'jsonb', decimal: 'double precision' }
    : { uuid: 'varchar', timestamp: 'datetime', json: 'text', decimal: 'real' };
}

export const columnTypes: ColumnTypeSet = columnTypesFor(currentDatabaseKind());

/** UTC "YYYY-MM-DD HH:MM:SS.SSS", the text TypeORM's SQLite driver stores for a timestamp: raw SQL compares against it. */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
