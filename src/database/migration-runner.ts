import { closeSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { dialectOf } from './sql-dialect';

// Any constant works; it only has to be the same in every process of this service.
const POSTGRES_LOCK_KEY = 7_301_551_201;
const SQLITE_LOCK_STALE_MS = 120_000;

/**
 * Applies pending migrations exactly once even when several processes start together:
 * on PostgreSQL under a session advisory lock, on SQLite under a lock file beside the database.
 * Returns the names of the migrations this process applied.
 */
export async function runMigrationsOnce(dataSource: DataSource): Promise<string[]> {
  if (dialectOf(dataSource).kind === 'postgres') {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [POSTGRES_LOCK_KEY]);
      try {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        return applied.map((m) => m.name);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [POSTGRES_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
  const database = String(dataSource.options.database);
  if (database === ':memory:') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const release = await acquireLockFile(`${database}.migrate.lock`);
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    release();
  }
}

async function acquireLockFile(path: string): Promise<() => void> {
  const deadline = Date.now() + SQLITE_LOCK_STALE_MS * 2;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a process that died mid-migration must not block every later start.
      try {
        if (Date.now() - statSync(path).mtimeMs > SQLITE_LOCK_STALE_MS) unlinkSync(path);
      } catch {
        // raced with its owner removing it
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the migration lock ${path}`, { cause: error });
      await sleep(100);
    }
  }
}

/** Opens a short-lived connection, applies pending migrations under the lock, and closes it. */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    return await runMigrationsOnce(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
