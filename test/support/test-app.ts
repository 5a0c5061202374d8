import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { rmSync } from 'node:fs';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Response } from 'superagent';
import { Environment, loadEnvironment, ProcessRole } from '../../src/config/environment';
import { migrateDatabase } from '../../src/database/migration-runner';
import { createHttpApp } from '../../src/http-app';
import { clearRedisPrefix as clearPrefixOn } from '../../scripts/support/stores';
import { createDatabase, dropDatabase, TEST_REDIS_URL, uniqueName } from './test-services';

export const ADMIN_PHONE = '0900000001';
export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface TestApp {
  app: NestFastifyApplication;
  env: Environment;
  http: TestAgent;
  /** An admin access token, ready to use. */
  adminToken: string;
  close(): Promise<void>;
}

/**
 * Starts the real application over a fresh database (PostgreSQL by default; SQLite in the
 * e2e-sqlite project) and a Redis key prefix of its own. `close()` removes both.
 */
export async function startTestApp(overrides: Record<string, string> = {}, role: ProcessRole = 'api'): Promise<TestApp> {
  const sqlite = !process.env.DATABASE_URL?.startsWith('postgres');
  const database = uniqueName('nst');
  const databaseUrl = sqlite ? process.env.DATABASE_URL! : await createDatabase(database);
  const env = loadEnvironment({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: uniqueName('t'),
    ADMIN_PHONE,
    ADMIN_PASSWORD,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256!',
    PUBLIC_BASE_URL: 'https://nst.vn',
    ...overrides,
  });
  await migrateDatabase(databaseUrl);
  const app = await createHttpApp(env, role);
  await app.getHttpAdapter().getInstance().ready();
  const http = request(app.getHttpServer());
  const login = await http.post('/api/v1/auth/login').send({ phone: ADMIN_PHONE, password: ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return {
    app,
    env,
    http,
    adminToken: (login.body as { accessToken: string }).accessToken,
    async close() {
      await app.close();
      await clearRedisPrefix(env.REDIS_PREFIX);
      if (sqlite) rmSync(databaseUrl, { force: true });
      else await dropDatabase(database);
    },
  };
}

/** Deletes every key of the test Redis under `prefix`. */
export function clearRedisPrefix(prefix: string): Promise<void> {
  return clearPrefixOn(TEST_REDIS_URL, prefix);
}

export const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

/** supertest parser that keeps a binary body (a PDF) as one Buffer: `.buffer(true).parse(binaryBody)`. */
export function binaryBody(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
