import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { migrateDatabase } from '../../src/database/migration-runner';
import { MIGRATIONS } from '../../src/database/migrations';

describe('migrations on SQLite (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nongsan-migrate-'));
  const file = join(dir, 'fresh.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are applied exactly once when two processes start together', async () => {
    const [first, second] = await Promise.all([migrateDatabase(file), migrateDatabase(file)]);
    expect([...first, ...second].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(await migrateDatabase(file)).toEqual([]);

    const dataSource = new DataSource(dataSourceOptions(file));
    await dataSource.initialize();
    try {
      const rows: { name: string; n: number }[] = await dataSource.query(`SELECT name, count(*) AS n FROM migrations GROUP BY name`);
      expect(rows.map((r) => r.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
      expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    } finally {
      await dataSource.destroy();
    }
  });
});
