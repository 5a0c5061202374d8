import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { dialectOf, SqlDialect } from '../../src/database/sql-dialect';

/**
 * What the dialect writes, run on a real database: the same cases for PostgreSQL (sql-dialect.e2e-spec)
 * and SQLite (sql-dialect.sqlite.e2e-spec), so one statement text is known to work on both.
 */
export function dialectCases(kind: 'postgres' | 'sqlite', open: () => Promise<string>, close: () => Promise<void> = async () => {}) {
  let db: DataSource;
  let dialect: SqlDialect;

  beforeAll(async () => {
    db = new DataSource({ ...dataSourceOptions(await open()), entities: [], migrations: [] });
    await db.initialize();
    dialect = dialectOf(db);
    const t = dialect.migrationTypes;
    await db.query(
      `CREATE TABLE dialect_probe (id ${t.uuid} PRIMARY KEY, n integer NOT NULL, flag boolean, at ${t.timestamp}, made_at ${t.timestamp} DEFAULT ${dialect.now})`,
    );
  });
  afterAll(async () => {
    await db?.destroy();
    await close();
  });
  beforeEach(() => db.query('DELETE FROM dialect_probe'));

  const insert = (id: string, n: number, flag: boolean, at: Date) =>
    db.query(
      dialect.sql(
        `INSERT INTO dialect_probe (id, n, flag, at) SELECT ${dialect.cast('?', 'uuid')}, ${dialect.cast('?', 'integer')}, ${dialect.cast('?', 'boolean')}, ${dialect.cast('?', 'timestamptz')}
         WHERE true ${dialect.onConflict(['id'], { n: 'dialect_probe.n + excluded.n' })}`,
      ),
      [id, n, dialect.value(flag), dialect.value(at)],
    );

  it(`is the ${kind} dialect`, () => {
    expect(dialect.kind).toBe(kind);
  });

  it('binds parameters of a table-less SELECT, timestamps compared with stored ones, and upserts', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const at = new Date('2026-12-07T03:04:05.678Z');
    await insert(a, 1, true, at);
    await insert(a, 2, true, at);
    await insert(b, 5, false, new Date(at.getTime() + 1));
    const rows = await db.query<{ id: string; n: number; flag: boolean | number }[]>(
      dialect.sql('SELECT id, n, flag FROM dialect_probe WHERE at <= ? AND at > ? ORDER BY n'),
      [dialect.timestamp(at), dialect.timestamp(new Date(at.getTime() - 1))],
    );
    expect(rows.map((r) => ({ id: r.id, n: Number(r.n), flag: Boolean(r.flag) }))).toEqual([{ id: a, n: 3, flag: true }]);
  });

  it('matches a list of values and fills the default time to the millisecond', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await insert(id, 1, false, new Date());
    const list = dialect.inList(ids.slice(0, 2));
    const rows = await db.query<{ id: string; made_at: string | Date }[]>(
      dialect.sql(`SELECT id, made_at FROM dialect_probe WHERE id ${list.sql} ORDER BY id`),
      list.params,
    );
    expect(rows.map((r) => r.id)).toEqual(ids.slice(0, 2).sort());
    // PostgreSQL answers a Date; SQLite the text TypeORM stores for one, milliseconds included.
    const madeAt = rows[0].made_at;
    if (kind === 'postgres') expect(madeAt).toBeInstanceOf(Date);
    else expect(madeAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
  });

  it('runs hot-path statements with placeholders from `placeholder`, prepared by name where it can', async () => {
    const id = randomUUID();
    await insert(id, 4, true, new Date());
    for (let i = 0; i < 2; i++) {
      const rows = await dialect.fastQuery<{ n: number }>(
        db,
        `SELECT n FROM dialect_probe WHERE id = ${dialect.placeholder(1, 'uuid')}`,
        [id],
        'nst_dialect_probe',
      );
      expect(rows.map((r) => Number(r.n))).toEqual([4]);
    }
  });

  it('takes rows in a transaction, skipping those another transaction has locked', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await insert(a, 1, false, new Date());
    await insert(b, 2, false, new Date());
    const select = dialect.sql(`SELECT id FROM dialect_probe ORDER BY n LIMIT 1 ${dialect.rowLock('update', { skipLocked: true })}`);
    if (!dialect.rowLocks) {
      // SQLite: one writer at a time; the SELECT is the same statement without the clause.
      expect(await db.query(select)).toEqual([{ id: a }]);
      return;
    }
    const first = db.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    try {
      expect(await first.query(select)).toEqual([{ id: a }]);
      // Another connection does not wait for the lock and takes the next row.
      expect(await db.transaction((manager) => manager.query(select))).toEqual([{ id: b }]);
    } finally {
      await first.rollbackTransaction();
      await first.release();
    }
  });
}
