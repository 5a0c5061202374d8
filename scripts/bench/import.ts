/**
 * `npm run bench:import`: the CSV household import over real HTTP against one plain multi-row INSERT.
 *
 * 1. PostgreSQL: DATABASE_URL when it is a postgres:// URL, otherwise a throwaway database on the local
 *    server (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test), dropped at the end.
 *    Redis: REDIS_URL (default redis://127.0.0.1:6379) under a key prefix of its own, cleared at the end.
 *    Both are started first when installed but stopped (scripts/ensure-services.js).
 * 2. The app (createHttpApp, role api) listens on a random port; the admin logs in; one small warm-up import.
 * 3. Each round (3 by default): a generated 10,000-household CSV is POSTed to /api/v1/households/import
 *    for a new co-op with fetch (endpoint rows/s), then the very rows that landed, every column of them,
 *    are inserted again with ONE INSERT ... SELECT FROM unnest(...) into a copy of the table (same
 *    columns, indexes and foreign key): raw rows/s. Alternating rounds keep a noisy machine's swings
 *    from landing on one side only.
 * 4. The last line on stdout is {"bench":"import","rows":10000,"rounds":3,"rowsPerSec":…,"baselineRowsPerSec":…,"ratio":…},
 *    ratio = median endpoint rows/s ÷ median raw rows/s. Everything else goes to stderr.
 *
 * BENCH_ROWS changes the row count (default 10000), BENCH_ROUNDS the number of rounds.
 */
import 'reflect-metadata';
import { randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { api, withClient } from '../support/service-client';
import { openStores } from '../support/stores';

type HttpAppModule = typeof import('../../src/http-app');
type EnvironmentModule = typeof import('../../src/config/environment');
type MigrationModule = typeof import('../../src/database/migration-runner');

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RAW_TABLE = `bench_raw_households_${randomBytes(4).toString('hex')}`;

const log = (line: string): void => {
  process.stderr.write(`[bench:import] ${line}\n`);
};

// ------------------------------------------------------------------ data

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Vũ',
  'Võ',
  'Phan',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Mạc',
  'Đinh',
  'Lương',
  'Trịnh',
];
const MIDDLE_M = ['Văn', 'Đức', 'Hữu', 'Quang', 'Minh', 'Xuân', 'Đình', 'Công'];
const MIDDLE_F = ['Thị', 'Thị Thu', 'Thị Thanh', 'Ngọc', 'Thị Minh', 'Thị Hồng'];
const GIVEN_M = [
  'Thắng',
  'Cường',
  'Hải',
  'Định',
  'Tuấn',
  'Long',
  'Bình',
  'Khải',
  'Quý',
  'Sơn',
  'Toàn',
  'Hưng',
  'Lực',
  'Dũng',
  'Nam',
  'Hùng',
];
const GIVEN_F = ['Hoa', 'Lan', 'Hằng', 'Nga', 'Mai', 'Huyền', 'Dung', 'Liên', 'Thảo', 'Xuân', 'Yến', 'Hương', 'Trang', 'Phương'];
/** Two-tier communes (after 1 July 2025), and old commune + district pairs from the three-tier records. */
const ADDRESSES: [commune: string, district: string][] = [
  ['Thanh Hà', ''],
  ['Hà Tây', ''],
  ['Hà Bắc', ''],
  ['Hà Đông', ''],
  ['Hà Nam', ''],
  ['Thanh Sơn', 'Thanh Hà'],
  ['Thanh Quang', 'Thanh Hà'],
  ['Thanh Xá', 'Thanh Hà'],
  ['Hồng Lạc', 'Thanh Hà'],
  ['Cẩm Việt', 'Thanh Hà'],
  ['Lê Lợi', 'Chí Linh'],
  ['Hoàng Hoa Thám', 'Chí Linh'],
  ['Ngũ Hùng', 'Thanh Miện'],
];
const MOBILE_PREFIXES = ['091', '098', '097', '086', '035', '039', '088', '094', '096', '036'];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const pick = <T>(list: readonly T[]): T => list[randomInt(list.length)];

/** A CSV field, quoted only when it must be (RFC 4180). */
const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function generateCsv(rows: number, phoneBase = randomInt(0, 9_000_000 - rows)): string {
  // A random block of numbers per run, so a shared database never sees the same phone twice.
  const lines = ['headName,phone,nationalId,province,commune,district,digitalSkillsTrained'];
  for (let i = 0; i < rows; i++) {
    const female = randomInt(2) === 1;
    const name = `${pick(FAMILY)} ${pick(female ? MIDDLE_F : MIDDLE_M)} ${pick(female ? GIVEN_F : GIVEN_M)}`;
    const phone = `${MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]}${String(phoneBase + i).padStart(7, '0')}`;
    const born = randomInt(1950, 2005);
    // CCCD: 030 (Hải Dương), century+sex digit, two-digit year, six digits.
    const nationalId = `030${(born >= 2000 ? 2 : 0) + (female ? 1 : 0)}${String(born % 100).padStart(2, '0')}${String(randomInt(1_000_000)).padStart(6, '0')}`;
    const [commune, district] = pick(ADDRESSES);
    lines.push([name, phone, nationalId, 'Hải Phòng', commune, district, randomInt(10) < 6 ? 'true' : 'false'].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------ helpers

/**
 * The baseline: the same rows, every column of them (search columns and version included, so the
 * baseline maintains the same indexes with the same values), in one statement. unnest() of one array
 * per column keeps the bind parameters at one per column (PostgreSQL allows 65,535), so 10,000 rows
 * need no batching and no literal escaping.
 */
async function rawInsert(databaseUrl: string, cooperativeId: string): Promise<{ rows: number; ms: number }> {
  return withClient(databaseUrl, async (client) => {
    await client.query(`CREATE TABLE IF NOT EXISTS "${RAW_TABLE}" (LIKE households INCLUDING ALL)`);
    if (!(await client.query(`SELECT 1 FROM pg_constraint WHERE conrelid = '"${RAW_TABLE}"'::regclass AND contype = 'f'`)).rowCount) {
      await client.query(`ALTER TABLE "${RAW_TABLE}" ADD FOREIGN KEY (cooperative_id) REFERENCES cooperatives(id)`);
    }
    const { rows: columns } = await client.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = 'households'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    );
    const names = columns.map(({ name }) => `"${name}"`);
    const { rows } = await client.query<Record<string, unknown>>(`SELECT ${names.join(',')} FROM households WHERE cooperative_id = $1`, [
      cooperativeId,
    ]);
    const arrays = columns.map(({ name }) => rows.map((row) => row[name]));
    const sql =
      `INSERT INTO "${RAW_TABLE}" (${names.join(',')}) ` +
      `SELECT * FROM unnest(${columns.map(({ type }, i) => `$${i + 1}::${type}[]`).join(', ')})`;
    const started = performance.now();
    const result = await client.query(sql, arrays);
    const ms = performance.now() - started;
    return { rows: result.rowCount ?? 0, ms };
  });
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const stores = await openStores('bench_import', { useDatabaseUrl: true });
  const { databaseUrl, throwaway, redisPrefix } = stores;

  // Entity column types are chosen from DATABASE_URL when the entity modules load, so it is set before requiring them.
  process.env.DATABASE_URL = databaseUrl;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded after DATABASE_URL is set, see above */
  const { loadEnvironment } = require('../../src/config/environment') as EnvironmentModule;
  const { migrateDatabase } = require('../../src/database/migration-runner') as MigrationModule;
  const { createHttpApp } = require('../../src/http-app') as HttpAppModule;
  /* eslint-enable @typescript-eslint/no-require-imports */

  const env = loadEnvironment({
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: stores.redisUrl,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });

  const cooperativeIds: string[] = [];
  let app: Awaited<ReturnType<HttpAppModule['createHttpApp']>> | undefined;
  try {
    await migrateDatabase(databaseUrl);
    app = await createHttpApp(env, 'api');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    log(`app on ${base}, database ${throwaway ?? '(DATABASE_URL)'}`);

    const login = await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', null, {
      phone: env.ADMIN_PHONE,
      password: env.ADMIN_PASSWORD,
    });
    const auth = { authorization: `Bearer ${login.accessToken}` };
    const createCooperative = async (name: string): Promise<string> => {
      const created = await api<{ id: string }>(base, 'POST', '/api/v1/cooperatives', login.accessToken, {
        name: `${name} (bench ${redisPrefix})`,
        province: 'Hải Phòng',
        commune: 'Thanh Hà',
      });
      cooperativeIds.push(created.id);
      return created.id;
    };

    // A running service is warm: one small import first, so the measured ones do not pay for the
    // first-request compilation of their code paths (its phones come from a range the measured files never use).
    const warmCoop = await createCooperative('HTX khởi động');
    await fetch(`${base}/api/v1/households/import?cooperativeId=${warmCoop}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv; charset=utf-8' },
      body: generateCsv(500, randomInt(9_100_000, 9_900_000)),
    }).then((r) => r.arrayBuffer());

    // The machine is shared and its speed swings within a minute: endpoint and baseline alternate, round
    // after round, and their medians are compared. Both tables grow by the same rows each round.
    const endpointRates: number[] = [];
    const rawRates: number[] = [];
    const phoneBase = randomInt(0, 9_000_000 - ROWS * ROUNDS);
    for (let round = 1; round <= ROUNDS; round++) {
      const coopId = await createCooperative(`HTX Vải thiều Thanh Hà ${round}`);
      const csv = generateCsv(ROWS, phoneBase + (round - 1) * ROWS);
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/households/import?cooperativeId=${coopId}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/csv; charset=utf-8' },
        body: csv,
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`import: HTTP ${response.status} ${text.slice(0, 500)}`);
      const result = JSON.parse(text) as { created: number; rejected: unknown[] };
      const endpointMs = performance.now() - started;
      if (result.created !== ROWS || result.rejected.length) {
        throw new Error(`import created ${result.created} of ${ROWS}; rejected: ${JSON.stringify(result.rejected.slice(0, 3))}`);
      }
      endpointRates.push(ROWS / (endpointMs / 1000));

      const raw = await rawInsert(databaseUrl, coopId);
      if (raw.rows !== ROWS) throw new Error(`raw insert wrote ${raw.rows} rows, expected ${ROWS}`);
      rawRates.push(ROWS / (raw.ms / 1000));
      log(
        `round ${round}/${ROUNDS}: ${ROWS} rows (${(Buffer.byteLength(csv) / 1024).toFixed(0)} KiB) through the endpoint in ` +
          `${endpointMs.toFixed(0)} ms, by the raw INSERT in ${raw.ms.toFixed(0)} ms`,
      );
    }

    const endpointRate = median(endpointRates);
    const rawRate = median(rawRates);
    const ratio = endpointRate / rawRate;
    if (ratio < 0.5) log(`ratio ${ratio.toFixed(3)} is below the 0.5 target`);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'import',
        rows: ROWS,
        rounds: ROUNDS,
        rowsPerSec: Math.round(endpointRate),
        baselineRowsPerSec: Math.round(rawRate),
        ratio: Number(ratio.toFixed(3)),
      })}\n`,
    );
  } finally {
    await app?.close().catch((error: unknown) => log(`closing the app: ${String(error)}`));
    await stores.remove(async (c) => {
      await c.query(`DROP TABLE IF EXISTS "${RAW_TABLE}"`);
      for (const id of cooperativeIds) {
        await c.query('DELETE FROM households WHERE cooperative_id = $1', [id]);
        await c.query('DELETE FROM cooperatives WHERE id = $1', [id]);
      }
    });
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
