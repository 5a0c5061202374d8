import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { databaseKindOf } from '../config/environment';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** TypeORM options for DATABASE_URL: a postgres:// URL, or a SQLite file path (the default, ./data/nongsan.sqlite). */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // TypeORM's own logger prints query parameters (phones, hashes). A failed query surfaces as a
    // QueryFailedError instead, logged once by the error filter through `errorForLog`, without them.
    logging: false as const,
  };
  if (databaseKindOf(databaseUrl) === 'postgres') {
    return { ...common, type: 'postgres', url: databaseUrl, extra: { max: 20 } };
  }
  const file = databaseUrl === ':memory:' ? databaseUrl : resolve(databaseUrl);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    // WAL lets an api and a worker process share the file; the busy timeout makes writers queue instead of failing.
    enableWAL: true,
    timeout: 10_000,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 10000');
    },
  };
}
