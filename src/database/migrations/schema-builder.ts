import { QueryRunner, TableColumnOptions } from 'typeorm';
import { dialectOf } from '../sql-dialect';

/** Column helpers so one migration file builds the same schema on PostgreSQL and SQLite. */
export function columnsFor(queryRunner: QueryRunner) {
  const dialect = dialectOf(queryRunner);
  const kind = dialect.kind;
  const types = dialect.migrationTypes;
  return {
    kind,
    dialect,
    id: (): TableColumnOptions => ({ name: 'id', type: types.uuid, length: kind === 'sqlite' ? '36' : undefined, isPrimary: true }),
    uuid: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: types.uuid,
      length: kind === 'sqlite' ? '36' : undefined,
      isNullable: nullable,
    }),
    text: (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    int: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
      default: defaultValue,
    }),
    bigint: (name: string, defaultValue = 0): TableColumnOptions => ({ name, type: 'bigint', default: defaultValue }),
    decimal: (name: string, nullable = false): TableColumnOptions => ({ name, type: types.decimal, isNullable: nullable }),
    bool: (name: string, defaultValue = false): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: kind === 'postgres' ? String(defaultValue) : defaultValue ? 1 : 0,
    }),
    timestamp: (name: string, nullable = false): TableColumnOptions => ({ name, type: types.timestamp, isNullable: nullable }),
    json: (name: string, nullable = false): TableColumnOptions => ({ name, type: types.json, isNullable: nullable }),
    audit: (): TableColumnOptions[] => [
      {
        name: 'created_at',
        type: types.timestamp,
        default: dialect.now,
      },
      {
        name: 'updated_at',
        type: types.timestamp,
        default: dialect.now,
      },
    ],
  };
}
