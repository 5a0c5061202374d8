import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { Client } from 'pg';
import { GiveUp, waitForHttp } from './wait';

/** Small helpers the benchmark and drill scripts share for talking to a service process and PostgreSQL. */

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** One call to the service with a JSON body and, if given, a bearer token; the raw response. */
export function request(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A JSON call to the service; any non-2xx answer is an error carrying the body. */
export async function api<T>(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await request(base, method, path, token, body, headers);
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${base}${path} -> ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Runs `fn` over `items` with `parallel` calls in flight. */
export async function inParallel<T>(items: T[], parallel: number, fn: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/** Waits for /health to answer 200, failing early if the process exits (for a process not started by the harness). */
export async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const running = { assertAlive: () => assertRunning(child) };
  await waitForHttp(`${base}/health`, 30_000, { alive: [running], everyMs: 100 });
}

function assertRunning(child: ChildProcess): void {
  if (child.exitCode !== null) throw new GiveUp(`the service exited with ${child.exitCode}`);
}

export interface BuiltServiceSettings {
  role: 'api' | 'worker' | 'all';
  port: number;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  admin: { phone: string; password: string };
  /** Anything else this run needs (rate limits off, mock URLs…). */
  extra?: Record<string, string>;
}

/** The environment of a built service process for a benchmark: production mode, fresh secrets, quiet logs. */
export function builtServiceEnv(s: BuiltServiceSettings): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    ROLE: s.role,
    PORT: String(s.port),
    HOST: '127.0.0.1',
    DATABASE_URL: s.databaseUrl,
    REDIS_URL: s.redisUrl,
    REDIS_PREFIX: s.redisPrefix,
    ADMIN_PHONE: s.admin.phone,
    ADMIN_PASSWORD: s.admin.password,
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LABEL_SIGNING_KEYS: `1:${randomBytes(24).toString('hex')}`,
    PUBLIC_BASE_URL: 'https://nst.vn',
    ...unreachableMarketplaces(),
    LOG_LEVEL: 'warn',
    ...s.extra,
  };
}

/**
 * Production refuses the mock marketplaces' keys and URLs. The benchmarks list nothing, so they get
 * fresh keys and platform names that never resolve (`.invalid`, RFC 2606).
 */
function unreachableMarketplaces(): Record<string, string> {
  const secret = () => randomBytes(16).toString('hex');
  return {
    SHOPEE_BASE_URL: 'https://shopee.invalid',
    SHOPEE_PARTNER_ID: String(randomInt(1_000_000, 9_999_999)),
    SHOPEE_PARTNER_KEY: secret(),
    SHOPEE_SHOP_ID: String(randomInt(1_000_000, 9_999_999)),
    SHOPEE_ACCESS_TOKEN: secret(),
    LAZADA_BASE_URL: 'https://lazada.invalid/rest',
    LAZADA_APP_KEY: String(randomInt(100_000, 999_999)),
    LAZADA_APP_SECRET: secret(),
    LAZADA_ACCESS_TOKEN: secret(),
    TIKI_BASE_URL: 'https://tiki.invalid',
    TIKI_CLIENT_ID: secret(),
    TIKI_CLIENT_SECRET: secret(),
  };
}

export interface LycheeBatch {
  cooperativeId: string;
  householdId: string;
  plotId: string;
  productId: string;
  batchId: string;
  lotCode: string;
}

/**
 * A Thanh Hà co-operative with one household, a VietGAP plot (and an expired GlobalG.A.P. certificate),
 * the GTIN-carrying "Vải thiều Thanh Hà" product in 2 kg boxes and one batch, made through the API.
 */
export async function createLycheeBatch(base: string, token: string, quantityKg: number): Promise<LycheeBatch> {
  const coop = await api<{ id: string }>(base, 'POST', '/api/v1/cooperatives', token, {
    name: 'HTX Dịch vụ Nông nghiệp Thanh Hà',
    province: 'Hải Phòng',
    commune: 'Thanh Hà',
  });
  const household = await api<{ id: string }>(base, 'POST', '/api/v1/households', token, {
    cooperativeId: coop.id,
    headName: 'Nguyễn Văn Hùng',
    phone: `09${randomInt(10_000_000, 99_999_999)}`,
    province: 'Hải Phòng',
    commune: 'Thanh Hà',
  });
  const plot = await api<{ id: string }>(base, 'POST', `/api/v1/households/${household.id}/plots`, token, {
    code: `VN-HDOR-${randomInt(1000, 9999)}`,
    areaHa: 2,
    latitude: 20.87,
    longitude: 106.43,
    crop: 'Vải thiều',
    certifications: [
      { scheme: 'VietGAP', number: 'VG-HD-0042', validUntil: '2028-06-30' },
      { scheme: 'GlobalGAP', number: 'GG-4063061891234', validUntil: '2025-03-31' },
    ],
  });
  const product = await api<{ id: string }>(base, 'POST', '/api/v1/products', token, {
    cooperativeId: coop.id,
    name: 'Vải thiều Thanh Hà',
    gtin: '8930000000019',
    unit: 'box',
    packageNetWeightKg: 2,
    geographicalIndication: 'Vải thiều Thanh Hà',
    ocopStars: 4,
    shelfLifeDays: 30,
  });
  const batch = await api<{ id: string; lotCode: string }>(base, 'POST', '/api/v1/batches', token, {
    productId: product.id,
    householdId: household.id,
    plotId: plot.id,
    harvestedAt: '2026-06-10T06:00:00+07:00',
    quantity: quantityKg,
    unit: 'kg',
  });
  return {
    cooperativeId: coop.id,
    householdId: household.id,
    plotId: plot.id,
    productId: product.id,
    batchId: batch.id,
    lotCode: batch.lotCode,
  };
}

/**
 * Makes sure PostgreSQL and Redis answer (starting them when installed), then gives the database a
 * bench runs on: DATABASE_URL when it is PostgreSQL, else a throwaway one (`throwaway` names it, to drop).
 */
export async function benchDatabase(adminUrl: string, label: string): Promise<{ databaseUrl: string; throwaway: string | null }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS helper shared with npm prestart/pretest
  const { ensureServices } = require('../ensure-services.js') as {
    ensureServices: (names: string[], env: NodeJS.ProcessEnv) => Promise<string[]>;
  };
  await ensureServices(['postgres', 'redis'], { ...process.env, TEST_POSTGRES_URL: adminUrl });
  const givenUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
  if (givenUrl) return { databaseUrl: givenUrl, throwaway: null };
  const throwaway = `bench_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${throwaway}"`));
  return { databaseUrl: adminUrl.replace(/\/[^/]*$/, `/${throwaway}`), throwaway };
}
