import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dialectCases } from './sql-dialect-cases';

describe('the SQL dialect on SQLite (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nst-dialect-'));
  dialectCases(
    'sqlite',
    () => Promise.resolve(join(dir, 'dialect.sqlite')),
    () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  );
});
