/**
 * npm run test:cluster — 2 ROLE=api + 2 ROLE=worker processes of the built service on one PostgreSQL
 * database and one Redis prefix, with work driven through both APIs.
 *
 * 1. Starts the mock marketplaces (tools/, through ts-node) as their own process (own port), then all
 *    four service processes at once on a throwaway PostgreSQL database and a fresh Redis prefix (the
 *    migrations race: the advisory lock must apply each exactly once). Marketplace base URLs point at the
 *    mock, so the processes run with NODE_ENV=test (production refuses the mocks).
 * 2. Through api A and api B alternately: fixtures, label runs (PDF and ZPL, one retried with the same
 *    Idempotency-Key on the other api), CLUSTER_SCANS (10,000) scans spread over both apis (every one
 *    answered 200 and counted here), voids (the label is cached on the other api first; scans there
 *    must say `voided` within 5 s, long before the cache's own expiry: cross-process invalidation over
 *    Redis pub/sub, the slowest arrival printed as voidNoticeMs), and listings on all three
 *    marketplaces.
 * 3. Waits for every run `done` and every channel `live`, stops every process with SIGTERM (scan
 *    counters flush on the way out) and checks: every run done with each serial exactly once in the
 *    database and, for ZPL runs, exactly once in its file; scans stored = scans sent (labels and per-day
 *    totals); every channel live with the mock's createCalls exactly 1 per SKU; one row per migration.
 * Knobs: CLUSTER_SCANS, CLUSTER_SCAN_CONCURRENCY (24), CLUSTER_LISTINGS (90), CLUSTER_WAIT_MS (120,000),
 * CLUSTER_LOG_LEVEL (warn) for the processes' own logs, TEST_POSTGRES_URL, REDIS_URL. The processes run
 * from a private copy of dist/, so a concurrent `nest build` in the checkout cannot break a run.
 * Logs go to stderr; the last line on stdout is one JSON object, and the exit code is 1 when a check fails:
 * {"cluster":"2api+2worker","labelRuns":…,"labels":…,"voids":6,"voidNoticeMs":…,"scansSent":…,"scansCounted":…,"channels":…,"maxCreateCalls":1,"ok":true}
 */
import { randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, killAll, startNode, Started } from './support/processes';
import { removeSnapshot, ROOT, snapshotBuild, startBuiltService } from './support/service';
import {
  api,
  createCooperative,
  createHousehold,
  createLycheeProduct,
  inParallel,
  labelPaths,
  request,
  withClient,
} from './support/service-client';
import { openStores } from './support/stores';
import { GiveUp, sleep, waitFor, waitForHttp } from './support/wait';

const SCANS = Number(process.env.CLUSTER_SCANS ?? 10_000);
const SCAN_CONCURRENCY = Number(process.env.CLUSTER_SCAN_CONCURRENCY ?? 24);
const LISTINGS = Number(process.env.CLUSTER_LISTINGS ?? 90);
const VOIDS = 6;
/** How long a void may take to reach the other api (its change notice); the cache's own expiry is 30 s. */
const VOID_NOTICE_DEADLINE_MS = 5000;
const RUNS = [
  { quantity: 240, layout: 'a4-3x8', format: 'pdf' },
  { quantity: 2000, layout: 'thermal-50x30', format: 'zpl' },
  { quantity: 480, layout: 'a4-3x8', format: 'pdf' },
  { quantity: 3000, layout: 'thermal-50x30', format: 'zpl' },
] as const;
const MARKETPLACES = ['lazada', 'tiki', 'shopee'] as const;
const ADMIN = { phone: '0900000029', password: 'cluster-admin-password' };
const DEADLINE_MS = Number(process.env.CLUSTER_WAIT_MS ?? 120_000);

const log = (message: string): void => void process.stderr.write(`[cluster] ${message}\n`);

/** Waits for a check of the run with every process of it alive, by CLUSTER_WAIT_MS unless told. */
function until(what: string, processes: Started[], check: () => Promise<boolean>, timeoutMs = DEADLINE_MS): Promise<boolean> {
  return waitFor(what, timeoutMs, check, { alive: processes, everyMs: 200 });
}

interface ScanAnswer {
  verdict: string;
  scan?: { count: number };
}

async function main(): Promise<void> {
  const build = await snapshotBuild('cluster');
  const stores = await openStores('cluster');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled list is the one the processes apply
  const { MIGRATIONS } = require(join(build, 'database', 'migrations')) as typeof import('../src/database/migrations');
  const started = Date.now();
  const { databaseUrl } = stores;
  const storage = mkdtempSync(join(tmpdir(), 'nongsan-cluster-'));
  const [portA, portB, mockPort] = await freePorts(3);
  const apiBases = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  const mockUrl = `http://127.0.0.1:${mockPort}`;
  const processes: Started[] = [];
  let result: Record<string, unknown> = { cluster: '2api+2worker', ok: false };
  const failures: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok) {
      failures.push(message);
      log(`CHECK FAILED: ${message}`);
    }
  };

  try {
    const common: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      // Not production: production refuses the mock marketplaces' keys and loopback URLs this run syncs to.
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'warn',
    };
    // The mocks are a development tool outside the build: run from their TypeScript source.
    const mock = startNode(join(ROOT, 'tools', 'mock-marketplaces', 'main.ts'), {
      name: 'mock',
      cwd: ROOT,
      nodeArgs: ['--require', 'ts-node/register/transpile-only'],
      env: {
        ...common,
        MOCK_MARKETPLACES_PORT: String(mockPort),
        MOCK_REVIEW_DELAY_MS: '300',
        MOCK_WEBHOOK_BASE_URL: apiBases[0],
        JWT_SECRET: randomBytes(32).toString('hex'),
        ADMIN_PASSWORD: ADMIN.password,
        LABEL_SIGNING_KEYS: `1:${randomBytes(24).toString('hex')}`,
      },
      forward: true,
    });
    processes.push(mock);
    await waitForHttp(`${mockUrl}/_mock/shopee/stats`, 30_000, { alive: processes });

    const serviceEnv: NodeJS.ProcessEnv = {
      ...common,
      DATABASE_URL: databaseUrl,
      REDIS_URL: stores.redisUrl,
      REDIS_PREFIX: stores.redisPrefix,
      ADMIN_PHONE: ADMIN.phone,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LABEL_SIGNING_KEYS: `1:${randomBytes(24).toString('hex')}`,
      PUBLIC_BASE_URL: 'https://nst.vn',
      STORAGE_DIR: storage,
      SCAN_RATE_LIMIT_PER_MINUTE: '0',
      LABEL_RENDER_THREADS: '1',
      MOCK_MARKETPLACES_PORT: '0',
      SHOPEE_BASE_URL: `${mockUrl}/shopee`,
      LAZADA_BASE_URL: `${mockUrl}/lazada/rest`,
      TIKI_BASE_URL: `${mockUrl}/tiki`,
      MARKETPLACE_REVIEW_POLL_MS: '300',
      SYNC_RELAY_INTERVAL_MS: '100',
    };
    // All four at once: they race for the migrations.
    const apis = apiBases.map((base, i) =>
      startBuiltService({ name: `api-${'AB'[i]}`, build, env: { ...serviceEnv, ROLE: 'api', PORT: new URL(base).port }, forward: true }),
    );
    const workers = [0, 1].map((i) =>
      startBuiltService({ name: `worker-${i + 1}`, build, env: { ...serviceEnv, ROLE: 'worker' }, forward: true }),
    );
    processes.push(...apis, ...workers);
    for (const base of apiBases) await waitForHttp(`${base}/health`, 60_000, { alive: processes });
    log(`2 apis healthy, 2 workers started after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // ---- fixtures, alternating between the two apis ----
    let turn = 0;
    const next = (): string => apiBases[turn++ % 2];
    const tokens = new Map<string, string>();
    for (const base of apiBases) {
      tokens.set(base, (await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', null, ADMIN)).accessToken);
    }
    const call = <T>(base: string, method: string, path: string, body?: unknown, headers = {}) =>
      api<T>(base, method, path, tokens.get(base)!, body, headers);

    /** The next api in turn with its token, for the shared fixture helpers. */
    const nextWithToken = (): [string, string] => {
      const base = next();
      return [base, tokens.get(base)!];
    };
    const coop = await createCooperative(...nextWithToken());
    const household = await createHousehold(...nextWithToken(), coop.id);
    const plot = await call<{ id: string }>(next(), 'POST', `/api/v1/households/${household.id}/plots`, {
      code: `VN-HDOR-${randomInt(1000, 9999)}`,
      areaHa: 0.8,
      latitude: 20.87,
      longitude: 106.43,
      crop: 'Vải thiều',
      certifications: [{ scheme: 'VietGAP', number: 'VG-HD-0042', validUntil: '2028-06-30' }],
    });
    const product = await createLycheeProduct(...nextWithToken(), coop.id);
    const batch = await call<{ id: string }>(next(), 'POST', '/api/v1/batches', {
      productId: product.id,
      householdId: household.id,
      plotId: plot.id,
      harvestedAt: '2026-06-10T06:00:00+07:00',
      quantity: 20_000,
      unit: 'kg',
    });
    for (const [bizStep, occurredAt] of [
      ['harvesting', '2026-06-10T06:00:00+07:00'],
      ['packing', '2026-06-10T10:00:00+07:00'],
    ] as const) {
      await call(next(), 'POST', `/api/v1/batches/${batch.id}/events`, { bizStep, occurredAt });
    }

    // ---- label runs: both apis accept, the two workers render ----
    const runs: { id: string; quantity: number; format: string; api: string }[] = [];
    for (const [i, spec] of RUNS.entries()) {
      const base = next();
      const key = `cluster-run-${i}-${randomBytes(4).toString('hex')}`;
      const run = await call<{ id: string }>(base, 'POST', `/api/v1/batches/${batch.id}/label-runs`, spec, { 'idempotency-key': key });
      // The same request retried on the other api is the same run, not a second one.
      const other = apiBases.find((b) => b !== base)!;
      const replay = await call<{ id: string }>(other, 'POST', `/api/v1/batches/${batch.id}/label-runs`, spec, { 'idempotency-key': key });
      check(replay.id === run.id, `label run retried on the other api gave ${replay.id}, not ${run.id}`);
      runs.push({ id: run.id, quantity: spec.quantity, format: spec.format, api: base });
    }
    const serialPaths: string[] = [];
    for (const run of runs) serialPaths.push(...(await labelPaths(...nextWithToken(), run.id)));
    log(`${runs.length} label runs accepted (${serialPaths.length} serials); scanning and listing`);

    // ---- scans over both apis, counted here; listings over both apis, at the same time ----
    let scansSent = 0;
    const scan = async (base: string, path: string): Promise<ScanAnswer> => {
      const response = await fetch(`${base}${path}`, { headers: { accept: 'application/json' } });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`scan ${base}${path} -> ${response.status} ${text.slice(0, 200)}`);
      scansSent++;
      return JSON.parse(text) as ScanAnswer;
    };
    const listings: { id: string; sellerSku: string }[] = [];
    await Promise.all([
      inParallel(
        Array.from({ length: SCANS }, () => serialPaths[randomInt(serialPaths.length)]),
        SCAN_CONCURRENCY,
        (path, i) => scan(apiBases[i % 2], path),
      ),
      inParallel(
        Array.from({ length: LISTINGS }, (_, i) => i),
        4,
        async (i) => {
          const listing = await call<{ id: string; sellerSku: string }>(apiBases[i % 2], 'POST', '/api/v1/listings', {
            productId: product.id,
            batchId: batch.id,
            title: `Vải thiều Thanh Hà hộp 2kg cụm ${i}`,
            description: 'Vải thiều Thanh Hà loại 1, hộp 2 kg, VietGAP',
            price: 120_000 + (i % 50) * 1000,
            stock: 100 + (i % 7),
            channels: [...MARKETPLACES],
          });
          listings.push({ id: listing.id, sellerSku: listing.sellerSku });
        },
      ),
    ]);
    log(`${scansSent} scans answered, ${listings.length} listings accepted`);

    // ---- voids: cached on one api, voided through the other, the next scan on the first says voided ----
    let voids = 0;
    let voidNoticeMs = 0;
    const voidable = serialPaths.filter((_, i) => i % 97 === 5).slice(0, VOIDS);
    for (const [i, path] of voidable.entries()) {
      const scanner = apiBases[i % 2];
      const voider = apiBases[(i + 1) % 2];
      const before = await scan(scanner, path);
      check(before.verdict !== 'voided', `${path} scanned ${before.verdict} before it was voided`);
      const serial = path.split('/').pop()!;
      const voided = await call<{ voided: number }>(voider, 'POST', '/api/v1/labels/void', { serials: [serial], reason: 'Tem in hỏng' });
      check(voided.voided === 1, `void of ${serial} affected ${voided.voided} labels`);
      // The other api hears of the void through a Redis change notice, which is handled a moment after the void
      // answers (milliseconds, more on a loaded machine): it must arrive well before the TRACE_CACHE_SECONDS
      // safety net would have expired the cached view anyway.
      const voidedAt = performance.now();
      let after = await scan(scanner, path);
      while (after.verdict !== 'voided' && performance.now() - voidedAt < VOID_NOTICE_DEADLINE_MS) {
        await sleep(20);
        after = await scan(scanner, path);
      }
      check(
        after.verdict === 'voided',
        `${serial} voided on ${voider} still scans ${after.verdict} on ${scanner} after ${VOID_NOTICE_DEADLINE_MS} ms`,
      );
      voidNoticeMs = Math.max(voidNoticeMs, Math.round(performance.now() - voidedAt));
      voids++;
    }
    log(`${voids} voids seen as voided by the other api, the slowest after ${voidNoticeMs} ms`);

    // ---- wait for the workers ----
    await until('every label run done', processes, async () => {
      const states = await Promise.all(runs.map((r) => call<{ status: string }>(next(), 'GET', `/api/v1/label-runs/${r.id}`)));
      const failed = states.find((s) => s.status === 'failed');
      if (failed) throw new GiveUp(`a label run failed: ${JSON.stringify(failed)}`);
      return states.every((s) => s.status === 'done');
    });
    const listingIds = listings.map((l) => l.id);
    await until('every channel live', processes, () =>
      withClient(databaseUrl, async (c) => {
        const { rows } = await c.query<{ live: string; stuck: string }>(
          `SELECT count(*) FILTER (WHERE status = 'live') AS live, count(*) FILTER (WHERE status IN ('rejected', 'failed')) AS stuck
             FROM listing_channels WHERE listing_id = ANY($1)`,
          [listingIds],
        );
        if (Number(rows[0].stuck) > 0) throw new GiveUp(`${rows[0].stuck} channels rejected or failed`);
        return Number(rows[0].live) === listingIds.length * MARKETPLACES.length;
      }),
    );
    log(`every run done and every channel live after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // ---- files: each ZPL run's serials exactly once in its file, served by either api ----
    for (const run of runs) {
      const base = next();
      const response = await request(base, 'GET', `/api/v1/label-runs/${run.id}/file`, tokens.get(base)!);
      const body = Buffer.from(await response.arrayBuffer());
      check(response.status === 200, `file of run ${run.id} -> ${response.status}`);
      if (run.format === 'pdf') {
        check(body.subarray(0, 5).toString() === '%PDF-' && body.includes('%%EOF'), `run ${run.id} file is not a whole PDF`);
        continue;
      }
      const inFile = [...body.toString('utf8').matchAll(/\^FDMA,[^^]*\/21\/([0-9A-Z]+)\^FS/g)].map((m) => m[1]);
      const serials = await withClient(databaseUrl, (c) =>
        c.query<{ serial: string }>('SELECT serial FROM labels WHERE label_run_id = $1', [run.id]).then((r) => r.rows.map((x) => x.serial)),
      );
      const seen = new Map<string, number>();
      for (const s of inFile) seen.set(s, (seen.get(s) ?? 0) + 1);
      const missing = serials.filter((s) => seen.get(s) !== 1);
      check(inFile.length === run.quantity, `ZPL run ${run.id} has ${inFile.length} labels in its file, not ${run.quantity}`);
      check(missing.length === 0, `ZPL run ${run.id}: ${missing.length} serials not exactly once in the file`);
      check(
        seen.size === serials.length,
        `ZPL run ${run.id}: ${seen.size} distinct serials in the file, ${serials.length} in the database`,
      );
    }

    // ---- the mock's view of the listings, before it stops ----
    const createCalls: number[] = [];
    for (const marketplace of MARKETPLACES) {
      const items = await api<{ sellerSku: string; createCalls: number }[]>(mockUrl, 'GET', `/_mock/${marketplace}/items`, null);
      const bySku = new Map(items.map((item) => [item.sellerSku, item.createCalls]));
      for (const listing of listings) createCalls.push(bySku.get(listing.sellerSku) ?? 0);
      check(items.length === listings.length, `${marketplace} holds ${items.length} items for ${listings.length} listings`);
    }
    const maxCreateCalls = Math.max(...createCalls);
    check(
      createCalls.every((n) => n === 1),
      `createCalls per SKU not all 1: ${createCalls.filter((n) => n !== 1).length} off (max ${maxCreateCalls})`,
    );

    // ---- stop everything with SIGTERM (SIGKILL after 15 s): scan counters flush on the way out ----
    // A clean stop ends with 0, or with SIGTERM (Nest re-raises the signal once its shutdown hooks are done).
    const codes = await Promise.all([...apis, ...workers, mock].map(async (p) => [p.name, await p.stop('SIGTERM', 15_000)] as const));
    for (const [name, how] of codes) check(how === '0' || how === 'SIGTERM', `${name} ended with ${how} after SIGTERM`);

    // ---- the database after the fact ----
    const db = await withClient(databaseUrl, async (c) => {
      const labelRows = await c.query<{ run: string; total: string; serials: string; sequences: string; lo: number; hi: number }>(
        `SELECT label_run_id AS run, count(*) AS total, count(DISTINCT serial) AS serials, count(DISTINCT sequence) AS sequences,
                min(sequence) AS lo, max(sequence) AS hi
           FROM labels GROUP BY label_run_id`,
      );
      const runRows = await c.query<{ id: string; status: string }>('SELECT id, status FROM label_runs');
      const duplicates = await c.query<{ n: string }>(
        'SELECT count(*) AS n FROM (SELECT serial FROM labels GROUP BY serial HAVING count(*) > 1) d',
      );
      const scanSums = await c.query<{ labels: string; voided: string }>(
        `SELECT COALESCE(sum(scan_count), 0) AS labels, count(*) FILTER (WHERE status = 'voided') AS voided FROM labels`,
      );
      const daySum = await c.query<{ days: string }>('SELECT COALESCE(sum(scans), 0) AS days FROM batch_scan_days');
      const migrations = await c.query<{ name: string; n: string }>('SELECT name, count(*) AS n FROM migrations GROUP BY name');
      const migrationRows = await c.query<{ n: string }>('SELECT count(*) AS n FROM migrations');
      const channels = await c.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM listing_channels GROUP BY status');
      const outbox = await c.query<{ n: string }>('SELECT count(*) AS n FROM sync_outbox');
      return { labelRows, runRows, duplicates, scanSums, daySum, migrations, migrationRows, channels, outbox };
    });

    check(db.runRows.rows.length === runs.length, `${db.runRows.rows.length} label runs stored, ${runs.length} created`);
    for (const run of runs) {
      const stored = db.runRows.rows.find((r) => r.id === run.id);
      check(stored?.status === 'done', `label run ${run.id} is ${stored?.status}`);
      const l = db.labelRows.rows.find((r) => r.run === run.id);
      const ok =
        l &&
        Number(l.total) === run.quantity &&
        Number(l.serials) === run.quantity &&
        Number(l.sequences) === run.quantity &&
        Number(l.lo) === 1 &&
        Number(l.hi) === run.quantity;
      check(Boolean(ok), `label run ${run.id}: ${JSON.stringify(l)} for ${run.quantity} labels`);
    }
    check(Number(db.duplicates.rows[0].n) === 0, `${db.duplicates.rows[0].n} serials stored more than once`);
    const labels = db.labelRows.rows.reduce((sum, r) => sum + Number(r.total), 0);
    const scansCounted = Number(db.scanSums.rows[0].labels);
    const scansPerDay = Number(db.daySum.rows[0].days);
    check(scansCounted === scansSent, `scans: ${scansSent} sent, ${scansCounted} stored on labels`);
    check(scansPerDay === scansSent, `scans: ${scansSent} sent, ${scansPerDay} stored per batch and day`);
    check(Number(db.scanSums.rows[0].voided) === voids, `${db.scanSums.rows[0].voided} labels voided, ${voids} voids sent`);
    const expectedMigrations = MIGRATIONS.map((m) => m.name);
    check(
      Number(db.migrationRows.rows[0].n) === expectedMigrations.length &&
        expectedMigrations.every((name) => db.migrations.rows.some((r) => r.name === name && Number(r.n) === 1)),
      `migrations table: ${JSON.stringify(db.migrations.rows)} for ${expectedMigrations.length} migrations`,
    );
    const channelCount = db.channels.rows.reduce((sum, r) => sum + Number(r.n), 0);
    const live = Number(db.channels.rows.find((r) => r.status === 'live')?.n ?? 0);
    check(live === channelCount && channelCount === listings.length * MARKETPLACES.length, `channels: ${JSON.stringify(db.channels.rows)}`);
    check(Number(db.outbox.rows[0].n) === 0, `${db.outbox.rows[0].n} intents left in the outbox`);

    result = {
      cluster: '2api+2worker',
      labelRuns: runs.length,
      labels,
      voids,
      voidNoticeMs,
      scansSent,
      scansCounted,
      listings: listings.length,
      channels: live,
      maxCreateCalls,
      migrations: Number(db.migrationRows.rows[0].n),
      seconds: Math.round((Date.now() - started) / 1000),
      ok: failures.length === 0,
    };
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    result = { ...result, ok: false, error: failures[failures.length - 1] };
  } finally {
    await killAll(processes);
    await stores
      .remove()
      .catch((error: Error) => log(`could not remove ${stores.throwaway} and ${stores.redisPrefix}:*: ${error.message}`));
    rmSync(storage, { recursive: true, force: true });
    removeSnapshot(build);
  }
  if (failures.length) log(`${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
