import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { startMockMarketplaces } from '../../tools/mock-marketplaces';
import { createFixture, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

interface Channel {
  marketplace: string;
  status: string;
  externalId: string | null;
  attempts: number;
  lastError: string | null;
}
interface MockItemView {
  externalId: string | null;
  sellerSku: string;
  title: string;
  price: number;
  stock: number;
  status: string;
  createCalls: number;
  updateCalls: number;
  images: number;
}

const KEYS = {
  SHOPEE_PARTNER_ID: '2001234',
  SHOPEE_PARTNER_KEY: 'e2e-shopee-partner-key',
  SHOPEE_SHOP_ID: '8001234',
  SHOPEE_ACCESS_TOKEN: 'e2e-shopee-token',
  LAZADA_APP_KEY: '123456',
  LAZADA_APP_SECRET: 'e2e-lazada-secret',
  LAZADA_ACCESS_TOKEN: 'e2e-lazada-token',
  TIKI_CLIENT_ID: 'e2e-tiki',
  TIKI_CLIENT_SECRET: 'e2e-tiki-secret',
};

/** A port nobody listens on now, so the app's PUBLIC_BASE_URL can name it before the app starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('marketplace sync (e2e: real PostgreSQL, Redis, queues and the mock marketplaces over HTTP)', () => {
  let t: TestApp;
  let f: Fixture;
  let mock: Awaited<ReturnType<typeof startMockMarketplaces>>;

  beforeAll(async () => {
    // Shopee signs the push URL the seller registered (PUBLIC_BASE_URL + the webhook path) and delivers it
    // to wherever that name leads; here the public name is not the address the mock reaches the app at.
    mock = await startMockMarketplaces(
      { keys: KEYS, reviewDelayMs: 600, webhookBaseUrl: 'http://127.0.0.1:1', registeredWebhookBaseUrl: 'https://nst.vn' },
      0,
    );
    const port = await freePort();
    t = await startTestApp(
      {
        ...KEYS,
        PUBLIC_BASE_URL: 'https://nst.vn',
        MOCK_MARKETPLACES_PORT: '0',
        // The listing's image is served by the mock on this machine.
        IMAGE_FETCH_PRIVATE_NETWORKS: 'allow',
        SHOPEE_BASE_URL: `${mock.url}/shopee`,
        LAZADA_BASE_URL: `${mock.url}/lazada/rest`,
        TIKI_BASE_URL: `${mock.url}/tiki`,
        LISTING_UPDATE_DELAY_MS: '400',
        MARKETPLACE_REVIEW_POLL_MS: '200',
        MARKETPLACE_BACKOFF_MS: '50',
        SYNC_RELAY_INTERVAL_MS: '50',
      },
      'all',
    );
    await t.app.listen({ port, host: '127.0.0.1' });
    mock.options.webhookBaseUrl = await t.app.getUrl();
    f = await createFixture(t);
  });
  afterAll(async () => {
    await t?.close();
    await mock?.close();
  });

  const items = async (m: string): Promise<MockItemView[]> =>
    (await (await fetch(`${mock.url}/_mock/${m}/items`)).json()) as MockItemView[];
  const control = (m: string, path: string, body: object, method = 'POST') =>
    fetch(`${mock.url}/_mock/${m}/${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function waitChannels(id: string, done: (c: Channel[]) => boolean, timeoutMs = 30_000): Promise<Channel[]> {
    const until = Date.now() + timeoutMs;
    let channels: Channel[] = [];
    while (Date.now() < until) {
      const res = await t.http.get(`/api/v1/listings/${id}`).set(bearer(f.managerToken));
      expect(res.status).toBe(200);
      channels = res.body.channels as Channel[];
      if (done(channels)) return channels;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`channels did not settle: ${JSON.stringify(channels)}`);
  }
  const allLive = (c: Channel[]) => c.every((x) => x.status === 'live');

  async function list(title: string, extra: object = {}): Promise<string> {
    const res = await t.http
      .post('/api/v1/listings')
      .set(bearer(f.managerToken))
      .send({
        productId: f.productId,
        batchId: f.batchId,
        title,
        description: 'Vải thiều Thanh Hà loại 1, hộp 2 kg',
        price: 120000,
        stock: 50,
        channels: ['lazada', 'tiki', 'shopee'],
        ...extra,
      });
    expect(res.status).toBe(201);
    expect((res.body.channels as Channel[]).map((c) => c.status)).toEqual(['pending', 'pending', 'pending']);
    return res.body.id as string;
  }

  it('lists on all three, goes live, and each mock holds what the listing says (images prepared with sharp)', async () => {
    const id = await list('Vải thiều Thanh Hà hộp 2kg', { imageUrls: [`${mock.url}/_mock/images/vai.jpg`] });
    const channels = await waitChannels(id, allLive);
    const listing = (await t.http.get(`/api/v1/listings/${id}`).set(bearer(f.managerToken))).body as { sellerSku: string };
    for (const c of channels) {
      expect(c.externalId).toBeTruthy();
      const item = (await items(c.marketplace)).find((i) => i.sellerSku === listing.sellerSku)!;
      expect(item).toMatchObject({
        externalId: c.externalId,
        title: 'Vải thiều Thanh Hà hộp 2kg',
        price: 120000,
        stock: 50,
        createCalls: 1,
      });
      expect(['NORMAL', 'APPROVED', 'active']).toContain(item.status);
      if (c.marketplace !== 'tiki') expect(item.images).toBe(1);
    }
  });

  it('coalesces ten quick stock changes into at most two update calls per channel, ending with the last value', async () => {
    const id = await list('Vải thiều coalesce');
    await waitChannels(id, allLive);
    for (let stock = 41; stock <= 50; stock++) {
      const res = await t.http
        .patch(`/api/v1/listings/${id}`)
        .set(bearer(f.managerToken))
        .send({ stock, price: 99000 + stock });
      expect(res.status).toBe(200);
    }
    const sku = ((await t.http.get(`/api/v1/listings/${id}`).set(bearer(f.managerToken))).body as { sellerSku: string }).sellerSku;
    const until = Date.now() + 15_000;
    for (;;) {
      const views = await Promise.all(['lazada', 'tiki', 'shopee'].map(async (m) => (await items(m)).find((i) => i.sellerSku === sku)!));
      if (views.every((v) => v.stock === 50 && v.price === 99050)) break;
      if (Date.now() > until) throw new Error(JSON.stringify(views));
      await new Promise((r) => setTimeout(r, 150));
    }
    await new Promise((r) => setTimeout(r, 800));
    for (const m of ['lazada', 'tiki', 'shopee']) {
      const view = (await items(m)).find((i) => i.sellerSku === sku)!;
      // Tiki and Lazada get one push after approval; Shopee takes two calls (price, stock) per push.
      const perPush = m === 'shopee' ? 2 : 1;
      const afterLive = m === 'shopee' ? 0 : 1;
      expect(view.updateCalls - afterLive * perPush).toBeLessThanOrEqual(2 * perPush);
    }
  });

  it('pushes title and description changes to every platform, coalesced, without re-sending price and stock', async () => {
    const id = await list('Vải thiều tên cũ');
    await waitChannels(id, allLive);
    const sku = ((await t.http.get(`/api/v1/listings/${id}`).set(bearer(f.managerToken))).body as { sellerSku: string }).sellerSku;
    const before = Object.fromEntries(
      await Promise.all(['lazada', 'tiki', 'shopee'].map(async (m) => [m, (await items(m)).find((i) => i.sellerSku === sku)!.updateCalls])),
    ) as Record<string, number>;
    for (let n = 1; n <= 5; n++) {
      const res = await t.http
        .patch(`/api/v1/listings/${id}`)
        .set(bearer(f.managerToken))
        .send({ title: `Vải thiều Thanh Hà mới ${n}`, description: `Mô tả mới ${n}` });
      expect(res.status).toBe(200);
    }
    const until = Date.now() + 15_000;
    for (;;) {
      const views = await Promise.all(['lazada', 'tiki', 'shopee'].map(async (m) => (await items(m)).find((i) => i.sellerSku === sku)!));
      if (views.every((v) => v.title === 'Vải thiều Thanh Hà mới 5')) break;
      if (Date.now() > until) throw new Error(JSON.stringify(views));
      await new Promise((r) => setTimeout(r, 150));
    }
    await new Promise((r) => setTimeout(r, 800));
    for (const m of ['lazada', 'tiki', 'shopee']) {
      const view = (await items(m)).find((i) => i.sellerSku === sku)! as MockItemView & { description: string };
      expect(view).toMatchObject({ title: 'Vải thiều Thanh Hà mới 5', description: 'Mô tả mới 5', price: 120000, stock: 50 });
      // Five quick edits: one or two item updates, and no price/stock push.
      expect(view.updateCalls - before[m]).toBeGreaterThanOrEqual(1);
      expect(view.updateCalls - before[m]).toBeLessThanOrEqual(2);
    }
  });

  it('delists everywhere', async () => {
    const id = await list('Vải thiều delist');
    await waitChannels(id, allLive);
    const res = await t.http.delete(`/api/v1/listings/${id}`).set(bearer(f.managerToken));
    expect(res.status).toBe(202);
    await waitChannels(id, (c) => c.every((x) => x.status === 'delisted'));
    const sku = ((await t.http.get(`/api/v1/listings/${id}`).set(bearer(f.managerToken))).body as { sellerSku: string }).sellerSku;
    expect((await items('shopee')).find((i) => i.sellerSku === sku)!.status).toBe('UNLIST');
    expect((await items('lazada')).find((i) => i.sellerSku === sku)!.status).toBe('INACTIVE');
    expect((await items('tiki')).find((i) => i.sellerSku === sku)!.status).toBe('inactive');
  });

  it('with 20% errors and a rate limit every channel ends live, nothing is created twice, rejected titles keep the platform message', async () => {
    for (const m of ['lazada', 'tiki', 'shopee']) {
      await control(m, 'faults', { errorRate: 0.2, rateLimitPerSecond: 25, rejectTitlesMatching: 'CẤM' });
    }
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push(await list(i % 8 === 7 ? `Vải CẤM ${i}` : `Vải thiều lô ${i}`));
    // `failed` settles too: a channel that gave up shows up below as a wrong status, not as a 45 s timeout.
    const settled = await Promise.all(
      ids.map((id) => waitChannels(id, (c) => c.every((x) => ['live', 'rejected', 'failed'].includes(x.status)), 45_000)),
    );
    for (const m of ['lazada', 'tiki', 'shopee']) await control(m, 'faults', {}, 'DELETE');
    settled.forEach((channels, i) => {
      for (const c of channels) {
        if (i % 8 === 7) {
          expect(c.status).toBe('rejected');
          expect(c.lastError).toMatch(/prohibited|violate|không được phép/);
        } else expect(c.status).toBe('live');
      }
    });
    for (const m of ['lazada', 'tiki', 'shopee']) {
      expect(Math.max(...(await items(m)).map((i) => i.createCalls))).toBe(1);
    }
  });

  it('records a signed order once, lowers stock on every channel and keeps the lot; a bad signature is 401', async () => {
    const id = await list('Vải thiều order');
    const channels = await waitChannels(id, allLive);
    const shopee = channels.find((c) => c.marketplace === 'shopee')!;
    const placed = (await (
      await control('shopee', 'orders', { externalId: shopee.externalId, quantity: 3, orderId: 'SP-ORDER-1' })
    ).json()) as {
      delivered: number;
      push: { url: string; headers: Record<string, string>; body: string };
    };
    expect(placed.delivered).toBe(200);
    // The same push again (a replay) is ignored.
    const replay = await fetch(placed.push.url, { method: 'POST', headers: placed.push.headers, body: placed.push.body });
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { replayed: number }).replayed).toBe(1);
    // A forged one is refused.
    const forged = await fetch(placed.push.url, {
      method: 'POST',
      headers: { ...placed.push.headers, authorization: 'f'.repeat(64) },
      body: placed.push.body.replace('"quantity":3', '"quantity":30'),
    });
    expect(forged.status).toBe(401);
    const res = await t.http.get(`/api/v1/listings/${id}`).set(bearer(f.managerToken));
    expect(res.body.stock).toBe(47);
    const sku = res.body.sellerSku as string;
    const until = Date.now() + 10_000;
    for (;;) {
      const stocks = await Promise.all(['lazada', 'tiki'].map(async (m) => (await items(m)).find((i) => i.sellerSku === sku)!.stock));
      if (stocks.every((s) => s === 47)) break;
      if (Date.now() > until) throw new Error(`stocks ${stocks.join(',')}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    const orders = await t.app
      .get(DataSource)
      .query('SELECT quantity, lot_code, batch_id FROM marketplace_orders WHERE listing_id = $1', [id]);
    expect(orders).toEqual([{ quantity: 3, lot_code: f.lotCode, batch_id: f.batchId }]);
  });

  it('refuses farmers (403)', async () => {
    const res = await t.http
      .post('/api/v1/listings')
      .set(bearer(f.farmerToken))
      .send({ productId: f.productId, title: 'x', description: 'y', price: 10000, stock: 1, channels: ['tiki'] });
    expect(res.status).toBe(403);
  });
});
