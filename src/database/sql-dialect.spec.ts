import Database from 'better-sqlite3';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { environmentAtLoad } from '../config/environment';
import { dialectAtLoad, dialectFor, dialectOf, readTimestamp, sqliteTimestamp } from './sql-dialect';

const postgres = dialectFor('postgres');
const sqlite = dialectFor('sqlite');
const at = new Date('2026-12-07T03:04:05.678Z');

describe('SqlDialect', () => {
  it('numbers `?` placeholders for PostgreSQL and leaves them to SQLite', () => {
    const text = 'SELECT 1 FROM t WHERE a = ? AND b IN (?, ?)';
    expect(postgres.sql(text)).toBe('SELECT 1 FROM t WHERE a = $1 AND b IN ($2, $3)');
    expect(sqlite.sql(text)).toBe(text);
    expect([postgres.placeholder(7), postgres.placeholder(2, 'uuid'), sqlite.placeholder(7, 'uuid')]).toEqual(['$7', '$2::uuid', '?']);
  });

  it('casts where PostgreSQL cannot infer a parameter type, and never on SQLite', () => {
    expect(postgres.sql(`SELECT ${postgres.cast('?', 'uuid')}, ${postgres.cast(':at', 'timestamptz')}`)).toBe(
      'SELECT CAST($1 AS uuid), CAST(:at AS timestamptz)',
    );
    expect(sqlite.cast('?', 'uuid')).toBe('?');
  });

  it('binds timestamps and booleans as each database stores them', () => {
    expect(postgres.timestamp(at)).toBe(at);
    expect(sqlite.timestamp(at)).toBe('2026-12-07 03:04:05.678');
    expect(sqliteTimestamp(at)).toBe('2026-12-07 03:04:05.678');
    expect([true, false, 3, 'x', null].map((v) => sqlite.value(v))).toEqual([1, 0, 3, 'x', null]);
    expect([true, 3, 'x', null].map((v) => postgres.value(v))).toEqual([true, 3, 'x', null]);
  });

  it('reads a raw timestamp as either driver answers it', () => {
    const at = new Date('2026-06-01T01:02:03.456Z');
    expect(readTimestamp(at)).toBe(at);
    expect(readTimestamp('2026-06-01 01:02:03.456').getTime()).toBe(at.getTime());
    expect(readTimestamp('2026-06-01 01:02:03').getTime()).toBe(Date.parse('2026-06-01T01:02:03Z'));
    expect(readTimestamp('2026-06-01T01:02:03.456Z').getTime()).toBe(at.getTime());
    expect(readTimestamp('2026-06-01 08:02:03.456+07:00').getTime()).toBe(at.getTime());
  });

  it('locks rows, skipping locked ones on request, only where rows can be locked', () => {
    expect(postgres.rowLock('update')).toBe('FOR UPDATE');
    expect(postgres.rowLock('share')).toBe('FOR SHARE');
    expect(postgres.rowLock('update', { skipLocked: true })).toBe('FOR UPDATE SKIP LOCKED');
    expect(sqlite.rowLock('update', { skipLocked: true })).toBe('');
    expect([postgres.rowLocks, sqlite.rowLocks]).toEqual([true, false]);
    const qb = { setLock: jest.fn().mockReturnThis() } as unknown as SelectQueryBuilder<object>;
    sqlite.lockRows(qb);
    expect(qb.setLock).not.toHaveBeenCalled();
    postgres.lockRows(qb);
    expect(qb.setLock).toHaveBeenCalledWith('pessimistic_write');
  });

  it('matches a list with one array parameter on PostgreSQL and one parameter per value on SQLite', () => {
    expect(postgres.inList(['a', 'b'])).toEqual({ sql: '= ANY(?)', params: [['a', 'b']] });
    expect(sqlite.inList(['a', 'b'])).toEqual({ sql: 'IN (?, ?)', params: ['a', 'b'] });
  });

  it('writes upserts in the syntax both databases share', () => {
    expect(postgres.onConflict(['phone'])).toBe('ON CONFLICT (phone) DO NOTHING');
    expect(sqlite.onConflict(['batch_id', 'day'], { scans: 'batch_scan_days.scans + excluded.scans' })).toBe(
      'ON CONFLICT (batch_id, day) DO UPDATE SET scans = batch_scan_days.scans + excluded.scans',
    );
  });

  it('names the column types and the current time of each database', () => {
    expect(postgres.columnTypes).toEqual({ uuid: 'uuid', timestamp: 'timestamptz', json: 'jsonb', decimal: 'double precision' });
    expect(sqlite.columnTypes).toEqual({ uuid: 'varchar', timestamp: 'datetime', json: 'simple-json', decimal: 'real' });
    expect(sqlite.migrationTypes.json).toBe('text');
    expect(postgres.now).toBe("date_trunc('milliseconds', now())");
  });

  it('is found from a data source, a transaction’s manager or the configuration', () => {
    const pgSource = { options: { type: 'postgres' } } as unknown as DataSource;
    const sqliteSource = { options: { type: 'better-sqlite3' } } as unknown as DataSource;
    expect(dialectOf(pgSource)).toBe(postgres);
    expect(dialectOf(sqliteSource)).toBe(sqlite);
    expect(dialectOf({ connection: pgSource } as unknown as EntityManager)).toBe(postgres);
    expect(environmentAtLoad({ DATABASE_URL: 'postgres://u@h/db' }).databaseKind).toBe('postgres');
    expect(environmentAtLoad({}).databaseKind).toBe('sqlite');
    expect(dialectAtLoad().kind).toBe(environmentAtLoad().databaseKind);
  });

  describe('on a real SQLite database', () => {
    let db: Database.Database;
    beforeEach(() => {
      db = new Database(':memory:');
      db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL, flag INTEGER, at DATETIME)');
    });
    afterEach(() => db.close());

    it('runs what it writes: placeholders, casts, bound values, lists, upserts and locks', () => {
      const insert = db.prepare(
        sqlite.sql(
          `INSERT INTO t (id, n, flag, at) VALUES (${sqlite.cast('?', 'varchar')}, ?, ?, ?) ${sqlite.onConflict(['id'], { n: 't.n + excluded.n' })}`,
        ),
      );
      insert.run('a', 1, sqlite.value(true), sqlite.value(at));
      insert.run('a', 2, sqlite.value(true), sqlite.value(at));
      insert.run('b', 5, sqlite.value(false), sqlite.value(at));
      const list = sqlite.inList(['a', 'b']);
      const rows = db
        .prepare(
          sqlite.sql(
            `SELECT id, n, flag FROM t WHERE id ${list.sql} AND at <= ? ORDER BY id ${sqlite.rowLock('update', { skipLocked: true })}`,
          ),
        )
        .all(...list.params, sqlite.timestamp(at));
      expect(rows).toEqual([
        { id: 'a', n: 3, flag: 1 },
        { id: 'b', n: 5, flag: 0 },
      ]);
      expect(db.prepare(`SELECT ${sqlite.now} AS now`).get()).toEqual({
        now: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/),
      });
    });
  });
});
