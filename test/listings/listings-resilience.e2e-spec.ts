import type { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../../src/config/environment';
import { startMockMarketplaces } from '../../tools/mock-marketplaces';
import { createFixture, Fixture } from '../support/factories';
import { processEnvironment, startServiceProcess, stopProcess } from '../support/processes';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-services';

jest.setTimeout(60_000);

interface Channel {
  marketplace: string;
  status: string;
  externalId: string | null;
  lastError: string | null;
}
interface MockItemView {
  sellerSku: string;
  createCalls: number;
}

const MARKETPLACES = ['lazada', 'tiki', 'shopee'];
// The app's defaults for the marketplace keys are the mock's defaults too; only the base URLs differ.
const SYNC_SETTINGS = {
  MOCK_MARKETPLACES_PORT: '0',
  MARKETPLACE_REVIEW_POLL_MS: '150',
  MARKETPLACE_BACKOFF_MS: '50',
  MARKETPLACE_HTTP_TIMEOUT_MS: '1500',
  MARKETPLACE_SYNC_LOCK_MS: '3000',
  MARKETPLACE_SYNC_ATTEMPTS: '3',
  // Give up after the attempts alone, so the retry test need not wait out an outage.
  MARKETPLACE_GIVE_UP_AFTER_MS: '0',
  SYNC_RELAY_INTERVAL_MS: '50',
  SYNC_SWEEP_STALE_MS: '2000',
};

/**
 * What must survive: Redis down while listings are accepted, a channel that gave up and is retried,
 * and a worker process killed with SIGKILL in the middle of a sync. Real processes, real PostgreSQL
 * and Redis, the mock marketplaces over HTTP.
 */
describe('marketplace sync resilience (e2e: real worker processes)', () => {
  let t: TestApp;
  let f: Fixture;
  let mock: Awaited<ReturnType<typeof startMockMarketplaces>>;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    mock = await startMockMarketplaces(
      { keys: loadEnvironment({ NODE_ENV: 'test' }), reviewDelayMs: 1500, webhookBaseUrl: 'http://127.0.0.1:1' },
      0,
    );
    // The API process points at a Redis port nobody listens on: it must still accept listings (outbox).
    t = await startTestApp(
      {
        ...SYNC_SETTINGS,
        REDIS_URL: 'redis://127.0.0.1:1',
        SHOPEE_BASE_URL: `${mock.url}/shopee`,
        LAZADA_BASE_URL: `${mock.url}/lazada/rest`,
        TIKI_BASE_URL: `${mock.url}/tiki`,
      },
      'api',
    );
    f = await createFixture(t);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => stopProcess(w, 'SIGKILL')));
    await t?.close();
    await mock?.close();
  });

  /** A worker process on the real Redis, sharing the app's database and Redis prefix. */
  const startWorker = (): ChildProcess => {
    const worker = startServiceProcess(
      processEnvironment(t.env, {
        ...SYNC_SETTINGS,
        ROLE: 'worker',
        REDIS_URL: TEST_REDIS_URL,
        SHOPEE_BASE_URL: `${mock.url}/shopee`,
        LAZADA_BASE_URL: `${mock.url}/lazada/rest`,
        TIKI_BASE_URL: `${mock.url}/tiki`,
      }),
    );
    workers.push(worker);
    return worker;
  };

  const items = async (m: string): Promise<MockItemView[]> =>
    (await (await fetch(`${mock.url}/_mock/${m}/items`)).json()) as MockItemView[];
  const control = (m: string, path: string, body: object, method = 'POST') =>
    fetch(`${mock.url}/_mock/${m}/${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function channelsOf(id: string): Promise<Channel[]> {
    const res = await t.http.get(`/api/v1/listings/${id}`).set(bearer(f.managerToken));
    expect(res.status).toBe(200);
    return res.body.channels as Channel[];
  }
  async function waitAll(ids: string[], done: (c: Channel) => boolean, timeoutMs = 30_000): Promise<Channel[][]> {
    const until = Date.now() + timeoutMs;
    let all: Channel[][] = [];
    while (Date.now() < until) {
      all = await Promise.all(ids.map(channelsOf));
      if (all.every((cs) => cs.every(done))) return all;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`channels did not settle: ${JSON.stringify(all.flat().filter((c) => !done(c)))}`);
  }
  async function list(title: string, channels = MARKETPLACES): Promise<string> {
    const res = await t.http
      .post('/api/v1/listings')
      .set(bearer(f.managerToken))
      .send({ productId: f.productId, title, description: 'Vải thiều Thanh Hà loại 1', price: 120000, stock: 20, channels });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const maxCreateCalls = async (): Promise<number> =>
    Math.max(...(await Promise.all(MARKETPLACES.map(async (m) => Math.max(0, ...(await items(m)).map((i) => i.createCalls))))));

  const acceptedWithoutRedis: string[] = [];

  it('accepts listings (201) while Redis is unreachable; a worker on Redis brings them live later', async () => {
    const started = Date.now();
    for (let i = 0; i < 3; i++) acceptedWithoutRedis.push(await list(`Vải thiều khi Redis tắt ${i}`));
    // No request waited on Redis.
    expect(Date.now() - started).toBeLessThan(5000);
    for (const id of acceptedWithoutRedis) expect((await channelsOf(id)).every((c) => c.status === 'pending')).toBe(true);

    startWorker();
    await waitAll(acceptedWithoutRedis, (c) => c.status === 'live', 40_000);
    expect(await maxCreateCalls()).toBe(1);
  });

  it('a channel that ended failed is re-queued by the retry endpoint and goes live', async () => {
    // Every Shopee call fails: with 3 attempts in a row the channel ends `failed`, in the platform's words.
    await control('shopee', 'faults', { errorRate: 1 });
    const id = await list('Vải thiều thử lại', ['shopee']);
    const [[failed]] = await waitAll([id], (c) => c.status === 'failed' || c.status === 'live', 20_000);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/Internal server error|error_server/);
    await control('shopee', 'faults', {}, 'DELETE');

    const retried = await t.http.post(`/api/v1/listings/${id}/channels/shopee/retry`).set(bearer(f.managerToken));
    expect(retried.status).toBe(202);
    expect((retried.body.channels as Channel[])[0].status).toBe('pending');
    const [[live]] = await waitAll([id], (c) => c.status === 'live', 20_000);
    expect(live.externalId).toBeTruthy();
    // Only failed or rejected channels can be retried.
    const again = await t.http.post(`/api/v1/listings/${id}/channels/shopee/retry`).set(bearer(f.managerToken));
    expect(again.status).toBe(409);
    expect(await maxCreateCalls()).toBe(1);
  });

  it('a worker killed with SIGKILL mid-sync is replaced: every channel live, nothing created twice', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await list(`Vải thiều kill ${i}`));
    // Wait until the sync is under way (creates sent, reviews pending), then kill the worker outright.
    const until = Date.now() + 15_000;
    for (;;) {
      const all = (await Promise.all(ids.map(channelsOf))).flat();
      if (all.some((c) => c.status === 'in_review' || c.status === 'syncing')) break;
      if (Date.now() > until) throw new Error('the sync did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    await stopProcess(workers[0], 'SIGKILL');
    const halfway = (await Promise.all(ids.map(channelsOf))).flat();
    expect(halfway.some((c) => c.status !== 'live')).toBe(true);

    startWorker();
    await waitAll([...acceptedWithoutRedis, ...ids], (c) => c.status === 'live', 40_000);
    expect(await maxCreateCalls()).toBe(1);
  });

  it('channels whose jobs Redis lost are swept back into the outbox and go live', async () => {
    await Promise.all(workers.map((w) => stopProcess(w, 'SIGKILL')));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await list(`Vải thiều Redis mất dữ liệu ${i}`));
    // As if the relay had moved the intents to a Redis that then lost them: no intent, no job.
    const dataSource = t.app.get(DataSource);
    await dataSource.query(`DELETE FROM sync_outbox WHERE listing_id = ANY($1)`, [ids]);
    for (const id of ids) expect((await channelsOf(id)).every((c) => c.status === 'pending')).toBe(true);

    startWorker();
    await waitAll(ids, (c) => c.status === 'live', 30_000);
    expect(await maxCreateCalls()).toBe(1);
  });
});
