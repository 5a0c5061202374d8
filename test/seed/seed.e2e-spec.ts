import { Client } from 'pg';
import { seed, SEED_BATCHES, SEED_HOUSEHOLDS, SEED_PLOTS } from '../../scripts/seed';
import { loadEnvironment } from '../../src/config/environment';
import { clearRedisPrefix } from '../support/test-app';
import { createDatabase, dropDatabase, TEST_REDIS_URL, uniqueName } from '../support/test-services';

const TABLES = ['cooperatives', 'households', 'users', 'plots', 'plot_certifications', 'products', 'batches', 'batch_events'] as const;

async function countRows(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
      counts[table] = Number(rows[0]?.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

describe('npm run seed (e2e, PostgreSQL)', () => {
  const database = uniqueName('nst');
  const redisPrefix = uniqueName('t');
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createDatabase(database);
  });
  afterAll(async () => {
    await clearRedisPrefix(redisPrefix);
    await dropDatabase(database);
  });

  it('loads the Thanh Hà co-operative once; a second run changes nothing', async () => {
    const env = loadEnvironment({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: 'silent',
    });

    const first = await seed(env);
    const afterFirst = await countRows(databaseUrl);
    expect(first.created.households).toBe(SEED_HOUSEHOLDS.length);
    expect(afterFirst.households).toBeGreaterThanOrEqual(20);
    expect(afterFirst).toMatchObject({
      cooperatives: 1,
      users: 3, // admin, co-op manager, farmer
      plots: SEED_PLOTS.length,
      products: 1,
      batches: SEED_BATCHES.length,
      batch_events: SEED_BATCHES.reduce((n, b) => n + b.events.length, 0),
    });

    const second = await seed(env);
    expect(second.cooperativeId).toBe(first.cooperativeId);
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
    await expect(countRows(databaseUrl)).resolves.toEqual(afterFirst);
  });
});
