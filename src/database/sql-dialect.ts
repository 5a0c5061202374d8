import type { ColumnType, DataSource, EntityManager, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { DatabaseKind, environmentAtLoad } from '../config/environment';

export type { DatabaseKind };

/** A value bound to a raw statement's parameter. */
export type SqlValue = string | number | boolean | Date | null;

/** The column types that differ between the two databases. */
export interface ColumnTypeSet {
  uuid: ColumnType;
  timestamp: ColumnType;
  json: ColumnType;
  decimal: ColumnType;
}

/** Anything that runs statements on one connection: what raw SQL is given. */
export type Queryable = DataSource | EntityManager | QueryRunner;

/** UTC "YYYY-MM-DD HH:MM:SS.SSS", the text TypeORM's SQLite driver stores for a timestamp: raw SQL compares against it. */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * A timestamp as a raw query answers it: a Date from PostgreSQL, SQLite's UTC text
 * ("YYYY-MM-DD HH:MM:SS[.SSS]", or ISO with a zone) from SQLite.
 */
export function readTimestamp(value: Date | string): Date {
  if (value instanceof Date) return value;
  const text = String(value).replace(' ', 'T');
  return new Date(/[zZ]$|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
}

/**
 * Everything the service knows about how PostgreSQL and SQLite differ, in one place: the rest of the
 * code writes its raw SQL once, with `?` placeholders, and asks the dialect for the parts that differ.
 * One process talks to one database, so there are two instances, made once; `dialectOf` picks the one
 * of a connection, `dialectAtLoad` the configured one for what is fixed when a module loads (column types).
 *
 * Case and diacritic folding is no dialect fact on purpose: names are folded in code (`foldForSearch`)
 * into `*_search` columns, so both databases compare the same text and neither needs an extension.
 */
export abstract class SqlDialect {
  abstract readonly kind: DatabaseKind;
  /**
   * PostgreSQL has row locks (`FOR UPDATE`, `SKIP LOCKED`). SQLite has one writer at a time: a
   * transaction holds the whole database once it writes, so there is nothing to lock row by row.
   */
  abstract readonly rowLocks: boolean;
  /**
   * A database server across a connection pool: arrays bind as one parameter (`unnest`, `= ANY`) and
   * statements of concurrent requests are worth sharing. SQLite runs in process, one statement at a time.
   */
  abstract readonly sharedStatements: boolean;
  /** Column types for entity decorators. */
  abstract readonly columnTypes: ColumnTypeSet;
  /** Column types for migrations, which name plain SQL types. */
  abstract readonly migrationTypes: Record<keyof ColumnTypeSet, string>;
  /** The current time to the millisecond, as SQL (column defaults). */
  abstract readonly now: string;

  /** The `n`th (1-based) placeholder; `cast` is for values whose type PostgreSQL cannot infer (SQLite ignores it). */
  abstract placeholder(n: number, cast?: string): string;

  /** `expression` cast to `type` where PostgreSQL cannot infer a parameter's type (SQLite needs no cast). */
  abstract cast(expression: string, type: string): string;

  /** A statement written with `?` placeholders, as this database takes it (PostgreSQL: `$1`, `$2`…). */
  abstract sql(text: string): string;

  /** A value as bound to a raw statement: timestamps as the ORM stores them, and SQLite's 0/1 booleans. */
  abstract value(value: SqlValue): unknown;

  /** `FOR UPDATE` (or `FOR SHARE`, optionally `SKIP LOCKED`) after a SELECT; nothing on SQLite. */
  abstract rowLock(mode: 'update' | 'share', options?: { skipLocked?: boolean }): string;

  /** Has a query builder lock the rows it reads for update, where rows can be locked. */
  abstract lockRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T>;

  /** `<column> <inList>` with `?` placeholders: `= ANY(?)` with one array, or `IN (?, ?, …)`. */
  abstract inList(values: readonly unknown[]): { sql: string; params: unknown[] };

  /**
   * Runs a statement on the hot path. On PostgreSQL straight on the driver's pool, skipping TypeORM's
   * per-query runner, and with `name` as a named prepared statement (parsed and planned once per
   * connection); on SQLite through TypeORM. Placeholders as the database takes them (`placeholder`, `sql`).
   */
  abstract fastQuery<T>(dataSource: DataSource, text: string, values: unknown[], name?: string): Promise<T[]>;

  /** A timestamp parameter, compared by raw SQL with stored values. */
  timestamp(date: Date): Date | string {
    return this.value(date) as Date | string;
  }

  /**
   * `ON CONFLICT (…) DO NOTHING`, or `DO UPDATE SET …` where `set` maps a column to its new value
   * (`excluded.<column>` is the row that was refused): PostgreSQL and SQLite (3.24+) share the syntax.
   * After `INSERT … SELECT`, SQLite needs the SELECT to have a WHERE clause (`WHERE true`) to parse it.
   */
  onConflict(columns: string[], set?: Record<string, string>): string {
    const action = set
      ? `DO UPDATE SET ${Object.entries(set)
          .map(([column, value]) => `${column} = ${value}`)
          .join(', ')}`
      : 'DO NOTHING';
    return `ON CONFLICT (${columns.join(', ')}) ${action}`;
  }
}

class PostgresDialect extends SqlDialect {
  readonly kind = 'postgres';
  readonly rowLocks = true;
  readonly sharedStatements = true;
  readonly columnTypes: ColumnTypeSet = { uuid: 'uuid', timestamp: 'timestamptz', json: 'jsonb', decimal: 'double precision' };
  readonly migrationTypes = { uuid: 'uuid', timestamp: 'timestamptz', json: 'jsonb', decimal: 'double precision' };
  readonly now = "date_trunc('milliseconds', now())";

  placeholder(n: number, cast?: string): string {
    return cast ? `$${n}::${cast}` : `$${n}`;
  }

  cast(expression: string, type: string): string {
    return `CAST(${expression} AS ${type})`;
  }

  sql(text: string): string {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  }

  value(value: SqlValue): unknown {
    return value;
  }

  rowLock(mode: 'update' | 'share', options: { skipLocked?: boolean } = {}): string {
    return `FOR ${mode === 'update' ? 'UPDATE' : 'SHARE'}${options.skipLocked ? ' SKIP LOCKED' : ''}`;
  }

  lockRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return qb.setLock('pessimistic_write');
  }

  inList(values: readonly unknown[]): { sql: string; params: unknown[] } {
    return { sql: '= ANY(?)', params: [values] };
  }

  async fastQuery<T>(dataSource: DataSource, text: string, values: unknown[], name?: string): Promise<T[]> {
    // TypeORM keeps the pg Pool as `master`; it has no public accessor for it.
    const pool = (dataSource.driver as unknown as { master: { query: (q: object) => Promise<{ rows: T[] }> } }).master;
    return (await pool.query({ text, values, name })).rows;
  }
}

class SqliteDialect extends SqlDialect {
  readonly kind = 'sqlite';
  readonly rowLocks = false;
  readonly sharedStatements = false;
  readonly columnTypes: ColumnTypeSet = { uuid: 'varchar', timestamp: 'datetime', json: 'simple-json', decimal: 'real' };
  readonly migrationTypes = { uuid: 'varchar', timestamp: 'datetime', json: 'text', decimal: 'real' };
  readonly now = "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";

  placeholder(): string {
    return '?';
  }

  cast(expression: string): string {
    return expression;
  }

  sql(text: string): string {
    return text;
  }

  value(value: SqlValue): unknown {
    if (value instanceof Date) return sqliteTimestamp(value);
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value;
  }

  rowLock(): string {
    return '';
  }

  lockRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return qb;
  }

  inList(values: readonly unknown[]): { sql: string; params: unknown[] } {
    return { sql: `IN (${values.map(() => '?').join(', ')})`, params: [...values] };
  }

  fastQuery<T>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
    return dataSource.query<T[]>(text, values);
  }
}

const DIALECTS: Record<DatabaseKind, SqlDialect> = { postgres: new PostgresDialect(), sqlite: new SqliteDialect() };

export function dialectFor(kind: DatabaseKind): SqlDialect {
  return DIALECTS[kind];
}

/** The dialect of the database a connection (data source, transaction's manager, query runner) talks to. */
export function dialectOf(queryable: Queryable): SqlDialect {
  // A manager or query runner names its data source `connection`; a data source has no such member.
  const dataSource = (queryable as { connection?: DataSource }).connection ?? (queryable as DataSource);
  return dialectFor(dataSource.options?.type === 'postgres' ? 'postgres' : 'sqlite');
}

/** The configured database's dialect, for what is fixed while modules load (entity column types). */
export function dialectAtLoad(): SqlDialect {
  return dialectFor(environmentAtLoad().databaseKind);
}
