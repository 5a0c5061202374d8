import { createServer } from 'node:net';
import { startMockMarketplaces } from '../../tools/mock-marketplaces';
import { createFixture, Fixture } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

interface Channel {
  marketplace: string;
  status: string;
  externalId: string | null;
}
interface Listing {
  id: string;
  sellerSku: string;
  state: string;
  price: number;
  channels: Channel[];
}
interface MockItemView {
  externalId: string | null;
  sellerSku: string;
  title: string;
  price: number;
  status: string;
  createCalls: number;
}

const KEYS = {
  SHOPEE_PARTNER_ID: '2001234',
  SHOPEE_PARTNER_KEY: 'e2e-lifecycle-shopee-key',
  SHOPEE_SHOP_ID: '8001234',
  SHOPEE_ACCESS_TOKEN: 'e2e-lifecycle-shopee-token',
  LAZADA_APP_KEY: '123456',
  LAZADA_APP_SECRET: 'e2e-lifecycle-lazada-secret',
  LAZADA_ACCESS_TOKEN: 'e2e-lifecycle-lazada-token',
  TIKI_CLIENT_ID: 'e2e-lifecycle-tiki',
  TIKI_CLIENT_SECRET: 'e2e-lifecycle-tiki-secret',
};
const ALL = ['lazada', 'tiki', 'shopee'];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('listings: updating, adding a channel and relisting (e2e against the mock marketplaces)', () => {
  let t: TestApp;
  let f: Fixture;
  let mock: Awaited<ReturnType<typeof startMockMarketplaces>>;

  beforeAll(async () => {
    mock = await startMockMarketplaces({ keys: KEYS, reviewDelayMs: 400, webhookBaseUrl: 'http://127.0.0.1:1' }, 0);
    const port = await freePort();
    t = await startTestApp(
      {
        ...KEYS,
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        MOCK_MARKETPLACES_PORT: '0',
        SHOPEE_BASE_URL: `${mock.url}/shopee`,
        LAZADA_BASE_URL: `${mock.url}/lazada/rest`,
        TIKI_BASE_URL: `${mock.url}/tiki`,
        // A change waits this long before it is pushed: the window in which a channel reads `updating`.
        LISTING_UPDATE_DELAY_MS: '1500',
        MARKETPLACE_REVIEW_POLL_MS: '150',
        MARKETPLACE_BACKOFF_MS: '50',
        SYNC_RELAY_INTERVAL_MS: '50',
      },
      'all',
    );
    await t.app.listen({ port, host: '127.0.0.1' });
    f = await createFixture(t);
  });
  afterAll(async () => {
    await t?.close();
    await mock?.close();
  });

  const items = async (m: string): Promise<MockItemView[]> =>
    (await (await fetch(`${mock.url}/_mock/${m}/items`)).json()) as MockItemView[];
  const itemOf = async (m: string, sku: string) => (await items(m)).filter((i) => i.sellerSku === sku);
  const faults = (m: string, body: object | null) =>
    fetch(`${mock.url}/_mock/${m}/faults`, {
      method: body ? 'POST' : 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
  const get = async (id: string): Promise<Listing> =>
    (await t.http.get(`/api/v1/listings/${id}`).set(bearer(f.managerToken))).body as Listing;

  async function waitFor(id: string, done: (l: Listing) => boolean, timeoutMs = 45_000): Promise<Listing> {
    const until = Date.now() + timeoutMs;
    let listing = await get(id);
    while (!done(listing)) {
      if (Date.now() > until) throw new Error(`listing did not settle: ${JSON.stringify(listing.channels)}`);
      await new Promise((r) => setTimeout(r, 120));
      listing = await get(id);
    }
    return listing;
  }
  const every =
    (status: string, marketplaces = ALL) =>
    (l: Listing) =>
      marketplaces.every((m) => l.channels.find((c) => c.marketplace === m)?.status === status);
  const statuses = (l: Listing) => Object.fromEntries(l.channels.map((c) => [c.marketplace, c.status]));

  async function list(title: string, channels = ALL): Promise<string> {
    const res = await t.http
      .post('/api/v1/listings')
      .set(bearer(f.managerToken))
      .send({ productId: f.productId, title, description: 'Vải thiều Thanh Hà, hộp 2 kg', price: 120000, stock: 40, channels });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('shows a live channel as updating while a price or text change is on its way, and live once pushed', async () => {
    const id = await list('Vải thiều cập nhật');
    const live = await waitFor(id, every('live'));
    const patched = await t.http.patch(`/api/v1/listings/${id}`).set(bearer(f.managerToken)).send({ price: 99000 });
    expect(patched.status).toBe(200);
    expect(statuses(patched.body as Listing)).toEqual({ lazada: 'updating', tiki: 'updating', shopee: 'updating' });
    // Not `live` with the old price: the platforms still show it.
    for (const m of ALL) expect((await itemOf(m, live.sellerSku))[0].price).toBe(120000);
    await waitFor(id, every('live'));
    for (const m of ALL) expect((await itemOf(m, live.sellerSku))[0].price).toBe(99000);

    const retitled = await t.http.patch(`/api/v1/listings/${id}`).set(bearer(f.managerToken)).send({ title: 'Vải thiều loại 1' });
    expect(statuses(retitled.body as Listing)).toEqual({ lazada: 'updating', tiki: 'updating', shopee: 'updating' });
    await waitFor(id, every('live'));
    for (const m of ALL) expect((await itemOf(m, live.sellerSku))[0].title).toBe('Vải thiều loại 1');
  });

  it('adds a channel to a listing on sale, creating its item once; a channel already there is 409', async () => {
    const id = await list('Vải thiều thêm kênh', ['shopee']);
    await waitFor(id, every('live', ['shopee']));
    const added = await t.http.post(`/api/v1/listings/${id}/channels`).set(bearer(f.managerToken)).send({ marketplace: 'lazada' });
    expect(added.status).toBe(202);
    expect(statuses(added.body as Listing)).toEqual({ lazada: 'pending', shopee: 'live' });
    const listing = await waitFor(id, every('live', ['lazada', 'shopee']));
    expect(await itemOf('lazada', listing.sellerSku)).toEqual([expect.objectContaining({ createCalls: 1, price: 120000 })]);
    expect(await itemOf('shopee', listing.sellerSku)).toEqual([expect.objectContaining({ createCalls: 1 })]);

    const again = expectProblem(
      await t.http.post(`/api/v1/listings/${id}/channels`).set(bearer(f.managerToken)).send({ marketplace: 'lazada' }),
      409,
    );
    expect(again.detail).toBe('Tin đăng đã có kênh lazada (trạng thái live)');
    expectProblem(await t.http.post(`/api/v1/listings/${id}/channels`).set(bearer(f.managerToken)).send({ marketplace: 'ebay' }), 400);
    expectProblem(await t.http.post(`/api/v1/listings/${id}/channels`).set(bearer(f.farmerToken)).send({ marketplace: 'tiki' }), 403);
  });

  it('relists a delisted listing under a new seller SKU, each platform creating it once; refused while on sale or still delisting', async () => {
    const id = await list('Vải thiều bán lại');
    const first = await waitFor(id, every('live'));
    const onSale = await t.http.post(`/api/v1/listings/${id}/relist`).set(bearer(f.managerToken)).send({});
    expect(expectProblem(onSale, 409).detail).toBe(`Tin đăng ${id} đang được bán; chỉ tin đã ngừng bán mới đăng bán lại được`);
    const onSaleEn = await t.http.post(`/api/v1/listings/${id}/relist`).set(bearer(f.managerToken)).set('accept-language', 'en').send({});
    expect(expectProblem(onSaleEn, 409).detail).toBe(`Listing ${id} is on sale; only a delisted listing can be listed again`);

    // Shopee fails every call for now, so its channel cannot finish delisting: a relist must wait for it.
    await faults('shopee', { errorRate: 1 });
    expect((await t.http.delete(`/api/v1/listings/${id}`).set(bearer(f.managerToken))).status).toBe(202);
    await waitFor(id, every('delisted', ['lazada', 'tiki']));
    const early = expectProblem(await t.http.post(`/api/v1/listings/${id}/relist`).set(bearer(f.managerToken)).send({}), 409);
    expect(early.detail).toContain('shopee');
    await faults('shopee', null);
    await waitFor(id, every('delisted'));

    const relisted = await t.http.post(`/api/v1/listings/${id}/relist`).set(bearer(f.managerToken)).send({});
    expect(relisted.status).toBe(202);
    const body = relisted.body as Listing;
    expect(body.state).toBe('active');
    expect(body.sellerSku).not.toBe(first.sellerSku);
    expect(statuses(body)).toEqual({ lazada: 'pending', tiki: 'pending', shopee: 'pending' });
    const second = await waitFor(id, every('live'));
    for (const m of ALL) {
      const [old] = await itemOf(m, first.sellerSku);
      const [fresh] = await itemOf(m, second.sellerSku);
      expect(old.createCalls).toBe(1);
      expect(['UNLIST', 'INACTIVE', 'inactive']).toContain(old.status);
      expect(fresh).toMatchObject({ createCalls: 1, price: 120000 });
      expect(['NORMAL', 'APPROVED', 'active']).toContain(fresh.status);
      expect(second.channels.find((c) => c.marketplace === m)?.externalId).toBe(fresh.externalId);
    }
  });

  it('relists on the channels named; a channel left delisted can be added back later, created once under the new SKU', async () => {
    const id = await list('Vải thiều bán lại một kênh', ['lazada', 'shopee']);
    await waitFor(id, every('live', ['lazada', 'shopee']));
    await t.http.delete(`/api/v1/listings/${id}`).set(bearer(f.managerToken)).expect(202);
    await waitFor(id, every('delisted', ['lazada', 'shopee']));
    expectProblem(await t.http.post(`/api/v1/listings/${id}/channels`).set(bearer(f.managerToken)).send({ marketplace: 'tiki' }), 409);

    const relisted = await t.http
      .post(`/api/v1/listings/${id}/relist`)
      .set(bearer(f.managerToken))
      .send({ channels: ['shopee', 'tiki'] });
    expect(relisted.status).toBe(202);
    expect(statuses(relisted.body as Listing)).toEqual({ lazada: 'delisted', tiki: 'pending', shopee: 'pending' });
    await waitFor(id, every('live', ['tiki', 'shopee']));
    const added = await t.http.post(`/api/v1/listings/${id}/channels`).set(bearer(f.managerToken)).send({ marketplace: 'lazada' });
    expect(added.status).toBe(202);
    const listing = await waitFor(id, every('live'));
    for (const m of ALL) expect(await itemOf(m, listing.sellerSku)).toEqual([expect.objectContaining({ createCalls: 1 })]);
  });
});
