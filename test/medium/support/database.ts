import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/database/data-source-options';
import { runMigrationsOnce } from '../../../src/database/migration-runner';
import { createDatabase, dropDatabase, uniqueName } from '../../support/test-services';

export type MediumKind = 'postgres' | 'sqlite';

/** Which database this run of the medium specs is on (set by the jest project's setup file). */
export const mediumKind = (): MediumKind => (process.env.MEDIUM_DATABASE === 'sqlite' ? 'sqlite' : 'postgres');

export interface MediumDatabase {
  kind: MediumKind;
  dataSource: DataSource;
  /** A second data source on the same database, for what needs two connections (locks, races). */
  second(): Promise<DataSource>;
  close(): Promise<void>;
}

/**
 * A migrated database of the run's kind for one spec file: a throwaway PostgreSQL database, or a
 * SQLite file in a temporary directory. Opened in beforeAll, closed (and dropped) in afterAll.
 */
export async function openMediumDatabase(): Promise<MediumDatabase> {
  const kind = mediumKind();
  const name = uniqueName('nsm');
  const url = kind === 'postgres' ? await createDatabase(name) : process.env.DATABASE_URL!;
  const extra: DataSource[] = [];
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  await runMigrationsOnce(dataSource);
  return {
    kind,
    dataSource,
    async second() {
      const other = new DataSource(dataSourceOptions(url));
      await other.initialize();
      extra.push(other);
      return other;
    },
    async close() {
      for (const ds of [...extra, dataSource]) if (ds.isInitialized) await ds.destroy();
      if (kind === 'postgres') await dropDatabase(name);
      else rmSync(dirname(url), { recursive: true, force: true });
    },
  };
}
