import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { seed, SEED_ACCOUNTS } from '../../scripts/seed';
import { KNOWN_DEFAULT_ACCOUNTS } from '../../src/auth/default-passwords';
import { PasswordHasher } from '../../src/common/crypto/password-hasher';
import { DEVELOPMENT_DEFAULTS, loadEnvironment } from '../../src/config/environment';
import { migrateDatabase } from '../../src/database/migration-runner';
import { createHttpApp } from '../../src/http-app';
import { clearRedisPrefix } from '../support/test-app';
import { createDatabase, dropDatabase, TEST_REDIS_URL, uniqueName } from '../support/test-services';

const ADMIN = { phone: '0900000077', password: 'production-admin-password-2026' };

/** Real-looking values for everything production refuses to default, so only the accounts decide the start. */
function productionEnv(databaseUrl: string, redisPrefix: string) {
  return loadEnvironment({
    NODE_ENV: 'production',
    ROLE: 'api',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'silent',
    PUBLIC_BASE_URL: 'https://truyxuat.htx-thanhha.vn',
    ADMIN_PHONE: ADMIN.phone,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: 'a-production-jwt-secret-of-enough-length-2026',
    LABEL_SIGNING_KEYS: '1:a-production-label-signing-key-2026',
    DATA_ENCRYPTION_KEY: 'a-production-data-encryption-key-of-32-chars-or-more',
    MOCK_MARKETPLACES_PORT: '0',
    MOCK_WEBHOOK_BASE_URL: 'https://truyxuat.htx-thanhha.vn',
    SHOPEE_BASE_URL: 'https://partner.shopeemobile.com',
    SHOPEE_PARTNER_ID: '2107777',
    SHOPEE_PARTNER_KEY: 'shpk-real-partner-key-for-tests',
    SHOPEE_SHOP_ID: '8107777',
    SHOPEE_ACCESS_TOKEN: 'shopee-real-access-token-for-tests',
    LAZADA_BASE_URL: 'https://api.lazada.vn/rest',
    LAZADA_APP_KEY: '107777',
    LAZADA_APP_SECRET: 'lazada-real-app-secret-for-tests',
    LAZADA_ACCESS_TOKEN: 'lazada-real-access-token-for-tests',
    TIKI_BASE_URL: 'https://api.tiki.vn',
    TIKI_CLIENT_ID: 'tiki-real-client-for-tests',
    TIKI_CLIENT_SECRET: 'tiki-real-client-secret-for-tests',
  });
}

describe('production start and default passwords (e2e)', () => {
  const databases: string[] = [];
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const prefix of prefixes) await clearRedisPrefix(prefix);
    for (const database of databases) await dropDatabase(database);
  });

  async function freshDatabase(): Promise<{ url: string; prefix: string }> {
    const name = uniqueName('nst');
    databases.push(name);
    const prefix = uniqueName('t');
    prefixes.push(prefix);
    const url = await createDatabase(name);
    await migrateDatabase(url);
    return { url, prefix };
  }

  async function sql<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async function insertAdmin(url: string, phone: string, password: string): Promise<void> {
    const hash = await new PasswordHasher().hash(password);
    await sql(url, `INSERT INTO users (id, phone, password_hash, role) VALUES ($1, $2, $3, 'admin')`, [randomUUID(), phone, hash]);
  }

  it('refuses to start while another admin still has the development password, naming the account', async () => {
    const { url, prefix } = await freshDatabase();
    await insertAdmin(url, DEVELOPMENT_DEFAULTS.ADMIN_PHONE, DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD);
    await expect(createHttpApp(productionEnv(url, prefix))).rejects.toThrow(
      new RegExp(`NODE_ENV=production.*${DEVELOPMENT_DEFAULTS.ADMIN_PHONE}`),
    );
  });

  it('gives the ADMIN_PHONE account ADMIN_PASSWORD when it still has the development password', async () => {
    const { url, prefix } = await freshDatabase();
    await insertAdmin(url, ADMIN.phone, DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD);
    const app = await createHttpApp(productionEnv(url, prefix));
    try {
      await app.getHttpAdapter().getInstance().ready();
      const http = request(app.getHttpServer());
      expect(
        (await http.post('/api/v1/auth/login').send({ phone: ADMIN.phone, password: DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD })).status,
      ).toBe(401);
      expect((await http.post('/api/v1/auth/login').send(ADMIN)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('starts when no account has a known password', async () => {
    const { url, prefix } = await freshDatabase();
    await insertAdmin(url, '0900000078', 'someone-chose-this-one');
    const app = await createHttpApp(productionEnv(url, prefix));
    await app.close();
  });

  it('npm run seed refuses NODE_ENV=production before touching the database', async () => {
    const name = uniqueName('nst');
    databases.push(name);
    const url = await createDatabase(name);
    const prefix = uniqueName('t');
    prefixes.push(prefix);
    await expect(seed(productionEnv(url, prefix))).rejects.toThrow(/NODE_ENV=production/);
    const [{ n: tables }] = await sql<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'users'`,
    );
    expect(tables).toBe(0);
  });

  it('knows every seed account and its password', () => {
    for (const account of Object.values(SEED_ACCOUNTS)) expect(KNOWN_DEFAULT_ACCOUNTS).toContainEqual(account);
  });
});
