/**
 * npm run bench:sync — listings pushed through the real outbox, relay, BullMQ queues and adapters to
 * the mock marketplaces, against plain no-op BullMQ jobs on the same Redis.
 *
 * 1. Starts the mock marketplaces (tools/) in this process (review / quality check delays short:
 *    BENCH_SYNC_REVIEW_MS, 50 ms) and the built service (ROLE=api) as its own process, on a throwaway
 *    PostgreSQL database (or DATABASE_URL) and its own Redis prefix. Creates BENCH_SYNC_LISTINGS
 *    (2,000) listings on all three marketplaces through the API: every channel `pending`, in the outbox.
 * 2. Starts a worker process (ROLE=worker) and times its sync window, from the first channel it touches
 *    to the last one `live` (no faults, no limits): channelSyncsPerSec = channels ÷ window.
 * 3. Baseline: the same number of jobs, spread over three queues, added first and then run by BullMQ
 *    workers (same concurrency) whose processor does nothing: baselineJobsPerSec.
 * 4. Rate-limited: the mock allows BENCH_SYNC_LIMIT (50) calls a second per marketplace and the worker is
 *    configured with the same limit; over a BENCH_SYNC_LIMITED_SECONDS (10 s) window with a backlog, the
 *    calls the mock accepted a second (per marketplace) ÷ the allowance is the utilisation, and throttled
 *    is the share of calls the mock answered with a throttling error.
 * Logs go to stderr; the last two lines on stdout:
 * {"bench":"sync","channelSyncsPerSec":…,"baselineJobsPerSec":…,"ratio":…}
 * {"bench":"sync-limited","allowedPerSec":…,"achievedPerSec":…,"utilisation":…,"throttled":…}
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { startMockMarketplaces } from '../../tools/mock-marketplaces';
import { api, inParallel, waitForHealth, withClient } from '../support/service-client';

/* eslint-disable @typescript-eslint/no-require-imports -- the compiled build is measured, as it runs in production */
const { loadEnvironment } = require('../../dist/config/environment') as typeof import('../../src/config/environment');
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = join(__dirname, '..', '..');
const LISTINGS = Number(process.env.BENCH_SYNC_LISTINGS ?? 2000);
const LIMITED_LISTINGS = Number(process.env.BENCH_SYNC_LIMITED_LISTINGS ?? 1000);
const REVIEW_MS = Number(process.env.BENCH_SYNC_REVIEW_MS ?? 50);
const LIMIT = Number(process.env.BENCH_SYNC_LIMIT ?? 50);
const LIMITED_SECONDS = Number(process.env.BENCH_SYNC_LIMITED_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.MARKETPLACE_SYNC_CONCURRENCY ?? 50);
const MARKETPLACES = ['lazada', 'tiki', 'shopee'] as const;
const ADMIN_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN = { phone: '0900000008', password: 'bench-admin-password' };

const log = (message: string): void => void process.stderr.write(`[bench:sync] ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stop(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS helper shared with npm prestart/pretest
  const { ensureServices } = require('../ensure-services.js') as {
    ensureServices: (names: string[], env: NodeJS.ProcessEnv) => Promise<string[]>;
  };
  await ensureServices(['postgres', 'redis'], { ...process.env, TEST_POSTGRES_URL: ADMIN_POSTGRES_URL });

  const keys = loadEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const givenUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
  const throwaway = givenUrl ? null : `bench_sync_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (throwaway) await withClient(ADMIN_POSTGRES_URL, (c) => c.query(`CREATE DATABASE "${throwaway}"`));
  const databaseUrl = givenUrl ?? ADMIN_POSTGRES_URL.replace(/\/[^/]*$/, `/${throwaway}`);
  const prefix = `bench_sync_${randomBytes(4).toString('hex')}`;
  const port = 20_000 + randomInt(20_000);
  const base = `http://127.0.0.1:${port}`;
  let mock: Awaited<ReturnType<typeof startMockMarketplaces>>;
  try {
    mock = await startMockMarketplaces({ keys, reviewDelayMs: REVIEW_MS, webhookBaseUrl: base }, 0);
  } catch (error) {
    if (throwaway) await withClient(ADMIN_POSTGRES_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${throwaway}" WITH (FORCE)`));
    throw error;
  }
  const listingIds: string[] = [];
  let apiProcess: ChildProcess | null = null;
  let worker: ChildProcess | null = null;

  const serviceEnv = (role: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    // Not production: production refuses the mock marketplaces' keys and loopback URLs this bench syncs to.
    NODE_ENV: 'test',
    ROLE: role,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    ADMIN_PHONE: ADMIN.phone,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: 'bench-sync-jwt-secret-long-enough-for-hs256',
    DATA_ENCRYPTION_KEY: 'bench-sync-data-encryption-key-long-enough',
    LABEL_SIGNING_KEYS: `1:${randomBytes(24).toString('hex')}`,
    PUBLIC_BASE_URL: 'https://nst.vn',
    MOCK_MARKETPLACES_PORT: '0',
    SHOPEE_BASE_URL: `${mock.url}/shopee`,
    LAZADA_BASE_URL: `${mock.url}/lazada/rest`,
    TIKI_BASE_URL: `${mock.url}/tiki`,
    MARKETPLACE_REVIEW_POLL_MS: String(Math.max(REVIEW_MS, 50)),
    MARKETPLACE_SYNC_CONCURRENCY: String(CONCURRENCY),
    SYNC_RELAY_INTERVAL_MS: '50',
    LOG_LEVEL: 'warn',
    ...extra,
  });
  const startWorker = (extra: Record<string, string> = {}): ChildProcess => {
    const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    return spawn(process.execPath, [...profile, join(ROOT, 'dist', 'main.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: serviceEnv('worker', extra),
    });
  };
  const counts = (ids: string[]) =>
    withClient(databaseUrl, async (c) => {
      const { rows } = await c.query<{ touched: string; live: string; stuck: string; last: Date | null }>(
        `SELECT count(*) FILTER (WHERE status <> 'pending') AS touched, count(*) FILTER (WHERE status = 'live') AS live,
                count(*) FILTER (WHERE status IN ('rejected', 'failed')) AS stuck, max(synced_at) AS last
           FROM listing_channels WHERE listing_id = ANY($1)`,
        [ids],
      );
      return { touched: Number(rows[0].touched), live: Number(rows[0].live), stuck: Number(rows[0].stuck), last: rows[0].last };
    });

  try {
    apiProcess = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: serviceEnv('api'),
    });
    await waitForHealth(base, apiProcess);
    const { accessToken: token } = await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', null, ADMIN);
    const coop = await api<{ id: string }>(base, 'POST', '/api/v1/cooperatives', token, {
      name: 'HTX Dịch vụ Nông nghiệp Thanh Hà',
      province: 'Hải Phòng',
      commune: 'Thanh Hà',
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
    const createListings = async (count: number, label: string): Promise<string[]> => {
      const ids: string[] = [];
      await inParallel(
        Array.from({ length: count }, (_, i) => i),
        16,
        async (i) => {
          const listing = await api<{ id: string }>(base, 'POST', '/api/v1/listings', token, {
            productId: product.id,
            title: `Vải thiều Thanh Hà hộp 2kg ${label} ${i}`,
            description: 'Vải thiều Thanh Hà loại 1, hộp 2 kg, VietGAP',
            price: 120_000 + (i % 50) * 1000,
            stock: 100 + (i % 7),
            channels: [...MARKETPLACES],
          });
          ids.push(listing.id);
        },
      );
      listingIds.push(...ids);
      return ids;
    };

    // ---- 1-2: the sync, unlimited ----
    const ids = await createListings(LISTINGS, 'bench');
    const channels = ids.length * MARKETPLACES.length;
    log(`${ids.length} listings × ${MARKETPLACES.length} marketplaces in the outbox; starting the worker`);
    worker = startWorker();
    let firstTouch = 0;
    let channelSyncsPerSec = 0;
    for (;;) {
      if (worker.exitCode !== null) throw new Error(`the worker exited with ${worker.exitCode}`);
      const now = Date.now();
      const c = await counts(ids);
      if (!firstTouch && c.touched > 0) firstTouch = now - 25; // polled every 50 ms: the first touch was within the last one
      if (c.stuck > 0) throw new Error(`${c.stuck} channels ended rejected or failed`);
      if (c.live === channels) {
        const seconds = (c.last!.getTime() - firstTouch) / 1000;
        channelSyncsPerSec = channels / seconds;
        log(`${channels} channels live in ${seconds.toFixed(2)} s`);
        break;
      }
      await sleep(50);
    }
    await stop(worker);
    worker = null;
    const calls = Object.fromEntries(MARKETPLACES.map((m) => [m, mock.states[m].stats.calls]));
    log(
      `mock calls: ${JSON.stringify(calls)}; createCalls max ${Math.max(...MARKETPLACES.flatMap((m) => [...mock.states[m].createCalls.values()]))}`,
    );

    // ---- 3: baseline, the same number of no-op jobs over three queues, same concurrency ----
    const connection = { url: REDIS_URL, maxRetriesPerRequest: null } as const;
    const queues = MARKETPLACES.map((m) => new Queue(`bench-noop-${m}`, { connection, prefix }));
    for (const queue of queues) {
      const jobs = Array.from({ length: ids.length }, (_, i) => ({
        name: 'noop',
        data: { listingId: ids[i], marketplace: queue.name },
        opts: { removeOnComplete: { age: 3600, count: 5000 } },
      }));
      for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
    }
    let started = 0;
    let done = 0;
    let finished = 0;
    const allDone = new Promise<void>((resolve) => {
      const workers = queues.map(
        (queue) =>
          new Worker(
            queue.name,
            async () => {
              started ||= performance.now();
              return Promise.resolve('ok');
            },
            { connection, prefix, concurrency: CONCURRENCY },
          ),
      );
      for (const w of workers) {
        w.on('completed', () => {
          if (++done === channels) {
            finished = performance.now();
            void Promise.all(workers.map((x) => x.close())).then(() => resolve());
          }
        });
      }
    });
    await allDone;
    await Promise.all(queues.map((q) => q.close()));
    const baselineJobsPerSec = channels / ((finished - started) / 1000);
    log(`${channels} no-op jobs in ${((finished - started) / 1000).toFixed(2)} s`);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'sync',
        channelSyncsPerSec: Math.round(channelSyncsPerSec),
        baselineJobsPerSec: Math.round(baselineJobsPerSec),
        ratio: Math.round((channelSyncsPerSec / baselineJobsPerSec) * 100) / 100,
      })}\n`,
    );

    // ---- 4: rate-limited, the mock allows LIMIT calls a second per marketplace; the worker is told the same ----
    const limitedIds = await createListings(LIMITED_LISTINGS, 'limited');
    for (const m of MARKETPLACES) mock.states[m].setFaults({ rateLimitPerSecond: LIMIT });
    worker = startWorker({
      SHOPEE_RATE_LIMIT_PER_SECOND: String(LIMIT),
      LAZADA_RATE_LIMIT_PER_SECOND: String(LIMIT),
      TIKI_RATE_LIMIT_PER_SECOND: String(LIMIT),
    });
    while ((await counts(limitedIds)).touched === 0) {
      if (worker.exitCode !== null) throw new Error(`the worker exited with ${worker.exitCode}`);
      await sleep(50);
    }
    await sleep(2000); // past the start-up burst
    const snapshot = () => MARKETPLACES.map((m) => ({ ...mock.states[m].stats }));
    const before = snapshot();
    const t0 = performance.now();
    await sleep(LIMITED_SECONDS * 1000);
    const after = snapshot();
    const seconds = (performance.now() - t0) / 1000;
    const left = await counts(limitedIds);
    if (left.live === limitedIds.length * MARKETPLACES.length)
      log('warning: the backlog ran out inside the window; raise BENCH_SYNC_LIMITED_LISTINGS');
    const delta = (k: 'calls' | 'accepted' | 'throttled') => after.reduce((sum, s, i) => sum + s[k] - before[i][k], 0);
    const achievedPerSec = delta('accepted') / seconds / MARKETPLACES.length;
    log(
      `limited window ${seconds.toFixed(1)} s: per marketplace ${MARKETPLACES.map((m, i) => `${m} ${((after[i].accepted - before[i].accepted) / seconds).toFixed(1)}/s accepted, ${after[i].throttled - before[i].throttled} throttled`).join('; ')}`,
    );
    await stop(worker);
    worker = null;
    process.stdout.write(
      `${JSON.stringify({
        bench: 'sync-limited',
        allowedPerSec: LIMIT,
        achievedPerSec: Math.round(achievedPerSec * 10) / 10,
        utilisation: Math.round((achievedPerSec / LIMIT) * 100) / 100,
        throttled: Math.round((delta('throttled') / Math.max(1, delta('calls'))) * 10_000) / 10_000,
      })}\n`,
    );
  } finally {
    await stop(worker, 'SIGKILL');
    await stop(apiProcess);
    await mock.close();
    if (throwaway) await withClient(ADMIN_POSTGRES_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${throwaway}" WITH (FORCE)`));
    else if (listingIds.length) {
      await withClient(databaseUrl, async (c) => {
        await c.query('DELETE FROM sync_outbox WHERE listing_id = ANY($1)', [listingIds]);
        await c.query('DELETE FROM listing_channels WHERE listing_id = ANY($1)', [listingIds]);
        await c.query('DELETE FROM listings WHERE id = ANY($1)', [listingIds]);
      });
    }
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
