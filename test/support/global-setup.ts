import Redis from 'ioredis';
import { ADMIN_POSTGRES_URL, TEST_REDIS_URL, withAdminClient } from './test-services';

/** Fails the run at once, with what to do, when PostgreSQL or Redis is not reachable. */
export default async function globalSetup(): Promise<void> {
  try {
    await withAdminClient((c) => c.query('SELECT 1'));
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_POSTGRES_URL} (${(error as Error).message}). Run "node scripts/ensure-services.js postgres redis" or set TEST_POSTGRES_URL.`,
      { cause: error },
    );
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (${(error as Error).message}). Run "node scripts/ensure-services.js postgres redis" or set TEST_REDIS_URL.`,
      { cause: error },
    );
  } finally {
    redis.disconnect();
  }
}
