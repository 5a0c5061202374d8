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
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { startMockMarketplaces } from '../../tools/mock-marketplaces';
import { freePort, Started } from '../support/processes';
import { cpuProfileFlags, startBuiltService, waitForHealth } from '../support/service';
import { api, createCooperative, createLycheeProduct, inParallel, withClient } from '../support/service-client';
import { openStores } from '../support/stores';
import { sleep } from '../support/wait';

/* eslint-disable @typescript-eslint/no-require-imports -- the compiled build is measured, as it runs in production */
const { loadEnvironment } = require('../../dist/config/environment') as typeof import('../../src/config/environment');
/* eslint-enable @typescript-eslint/no-require-imports */

const LISTINGS = Number(process.env.BENCH_SYNC_LISTINGS ?? 2000);
const LIMITED_LISTINGS = Number(process.env.BENCH_SYNC_LIMITED_LISTINGS ?? 1000);
const REVIEW_MS = Number(process.env.BENCH_SYNC_REVIEW_MS ?? 50);
const LIMIT = Number(process.env.BENCH_SYNC_LIMIT ?? 50);
const LIMITED_SECONDS = Number(process.env.BENCH_SYNC_LIMITED_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.MARKETPLACE_SYNC_CONCURRENCY ?? 50);
const MARKETPLACES = ['lazada', 'tiki', 'shopee'] as const;
const ADMIN = { phone: '0900000008', password: 'bench-admin-password' };

const log = (message: string): void => void process.stderr.write(`[bench:sync] ${message}\n`);

async function main(): Promise<void> {
  const keys = loadEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const stores = await openStores('bench_sync', { useDatabaseUrl: true });
  const { databaseUrl } = stores;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let mock: Awaited<ReturnType<typeof startMockMarketplaces>>;
  try {
    mock = await startMockMarketplaces({ keys, reviewDelayMs: REVIEW_MS, webhookBaseUrl: base }, 0);
  } catch (error) {
    await stores.remove();
    throw error;
  }
  const listingIds: string[] = [];
  let apiProcess: Started | null = null;
  let worker: Started | null = null;

  const serviceEnv = (role: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    // Not production: production refuses the mock marketplaces' keys and loopback URLs this bench syncs to.
    NODE_ENV: 'test',
    ROLE: role,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: stores.redisUrl,
    REDIS_PREFIX: stores.redisPrefix,
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
  const startWorker = (extra: Record<string, string> = {}): Started =>
    startBuiltService({
      name: 'worker',
      env: serviceEnv('worker', extra),
      nodeArgs: cpuProfileFlags(process.env.BENCH_PROFILE),
      forward: true,
    });
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
    apiProcess = startBuiltService({ name: 'api', env: serviceEnv('api'), forward: true });
    await waitForHealth(base, apiProcess);
    const { accessToken: token } = await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', null, ADMIN);
    const coop = await createCooperative(base, token);
    const product = await createLycheeProduct(base, token, coop.id);
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
      worker.assertAlive();
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
    await worker.stop();
    worker = null;
    const calls = Object.fromEntries(MARKETPLACES.map((m) => [m, mock.states[m].stats.calls]));
    log(
      `mock calls: ${JSON.stringify(calls)}; createCalls max ${Math.max(...MARKETPLACES.flatMap((m) => [...mock.states[m].createCalls.values()]))}`,
    );

    // ---- 3: baseline, the same number of no-op jobs over three queues, same concurrency ----
    const connection = { url: stores.redisUrl, maxRetriesPerRequest: null } as const;
    const prefix = stores.redisPrefix;
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
      worker.assertAlive();
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
    await worker.stop();
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
    await worker?.kill();
    await apiProcess?.stop();
    await mock.close();
    await stores.remove(async (c) => {
      await c.query('DELETE FROM sync_outbox WHERE listing_id = ANY($1)', [listingIds]);
      await c.query('DELETE FROM listing_channels WHERE listing_id = ANY($1)', [listingIds]);
      await c.query('DELETE FROM listings WHERE id = ANY($1)', [listingIds]);
    });
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
