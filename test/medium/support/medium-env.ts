import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs before each medium file's modules load. Entity column types are fixed from DATABASE_URL when the
 * entities load, so one jest project runs the repository specs on PostgreSQL (`medium`) and another on
 * SQLite (`medium-sqlite`). The PostgreSQL URL here only picks the dialect: each file creates its own
 * throwaway database (test/medium/support/database.ts).
 */
export function setUpMediumEnvironment(kind: 'postgres' | 'sqlite'): void {
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  process.env.MEDIUM_DATABASE = kind;
  process.env.DATABASE_URL =
    kind === 'sqlite' ? join(mkdtempSync(join(tmpdir(), 'nst-medium-')), 'medium.sqlite') : 'postgres://placeholder/medium';
}
