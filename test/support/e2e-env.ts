import { TEST_REDIS_URL, uniqueName } from './test-services';

// Runs before each e2e file's modules load: entity column types are chosen from DATABASE_URL at load time,
// so a file that wants SQLite sets TEST_DATABASE=sqlite in a docblock-free way through this variable.
process.env.NODE_ENV = 'test';
process.env.REDIS_URL = TEST_REDIS_URL;
process.env.REDIS_PREFIX = uniqueName('t');
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
if (!process.env.DATABASE_URL?.startsWith('postgres')) process.env.DATABASE_URL = 'postgres://placeholder/test';
