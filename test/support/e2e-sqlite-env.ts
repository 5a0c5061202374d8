import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_REDIS_URL, uniqueName } from './test-services';

// The SQLite project: entity column types follow DATABASE_URL when modules load, so it is set here first.
process.env.NODE_ENV = 'test';
process.env.REDIS_URL = TEST_REDIS_URL;
process.env.REDIS_PREFIX = uniqueName('t');
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.DATABASE_URL = join(mkdtempSync(join(tmpdir(), 'nongsan-')), 'test.sqlite');
