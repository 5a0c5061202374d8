import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { migrateDatabase } from '../../src/database/migration-runner';
import { MIGRATIONS } from '../../src/database/migrations';
import { createDatabase, dropDatabase, uniqueName } from '../support/test-services';

describe('migrations on PostgreSQL (e2e)', () => {
  const name = uniqueName('nst');
  let url: string;

  beforeAll(async () => {
    url = await createDatabase(name);
  });
  afterAll(async () => dropDatabase(name));

  it('are applied exactly once when two processes start together', async () => {
    const [first, second] = await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
    expect([...first, ...second].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(await migrateDatabase(url)).toEqual([]);

    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    try {
      const rows: { name: string; n: number }[] = await dataSource.query(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
      expect(rows.map((r) => r.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
      expect(rows.every((r) => r.n === 1)).toBe(true);
      const tables: { table_name: string }[] = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining([
          'users',
          'cooperatives',
          'households',
          'plots',
          'plot_certifications',
          'products',
          'batches',
          'batch_events',
        ]),
      );
    } finally {
      await dataSource.destroy();
    }
  });
});
