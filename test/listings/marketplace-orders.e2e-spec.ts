import { DataSource } from 'typeorm';
import { lazadaPushSign } from '../../src/marketplaces/lazada/lazada-signing';
import type { Marketplace } from '../../src/marketplaces/marketplace';
import { MetricsService } from '../../src/metrics/metrics.service';
import { createFixture, Fixture } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { KEYS, Line, OrderView, push, Push, PUBLIC_BASE_URL } from './pushes';

jest.setTimeout(60_000);

/**
 * Orders pushed by the marketplaces are never lost or forged (issue 11, point 7): amounts beyond int4,
 * bad lines, resends, lines naming another platform's item, stale pushes, orders beyond stock, and the
 * Shopee push URL.
 */
describe('marketplace orders (e2e: signed pushes to the webhook)', () => {
  let t: TestApp;
  let a: Fixture;
  let b: Fixture;
  let db: DataSource;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp({ ...KEYS, PUBLIC_BASE_URL });
    a = await createFixture(t);
    b = await createFixture(t, 'HTX Nhãn lồng Hưng Yên');
    db = t.app.get(DataSource);
  });
  afterAll(async () => t?.close());

  const send = (p: Push, extraHeaders: Record<string, string> = {}) =>
    t.http
      .post(`/api/v1/marketplaces/${p.marketplace}/webhook`)
      .set({ ...p.headers, ...extraHeaders })
      .send(p.body);

  /** A listing of co-op A, live on the given marketplaces with item ids of their own. */
  async function liveListing(marketplaces: Marketplace[], stock = 50): Promise<{ id: string; sku: string; items: Record<string, string> }> {
    const res = await t.http.post('/api/v1/listings').set(bearer(a.managerToken)).send({
      productId: a.productId,
      batchId: a.batchId,
      title: 'Vải thiều Thanh Hà 2kg',
      description: 'Hộp 2kg',
      price: 120000,
      stock,
      channels: marketplaces,
    });
    expect(res.status).toBe(201);
    const items: Record<string, string> = {};
    for (const m of marketplaces) {
      items[m] = String(700000 + ++counter);
      await db.query(`UPDATE listing_channels SET status = 'live', external_id = $1 WHERE listing_id = $2 AND marketplace = $3`, [
        items[m],
        res.body.id,
        m,
      ]);
    }
    return { id: res.body.id as string, sku: res.body.sellerSku as string, items };
  }

  const orders = async (query: string, token = a.managerToken): Promise<OrderView[]> => {
    const res = await t.http.get(`/api/v1/marketplace-orders?${query}`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body.items as OrderView[];
  };
  const stockOf = async (id: string): Promise<number> =>
    (await t.http.get(`/api/v1/listings/${id}`).set(bearer(a.managerToken))).body.stock;

  it('records an order of 3,000,000,000 VND (beyond int4) instead of answering 500 on every resend', async () => {
    const listing = await liveListing(['tiki']);
    const order = push('tiki', 'TK-BIG-1', [{ item: Number(listing.items.tiki), sku: listing.sku, quantity: 1, price: 3_000_000_000 }]);
    const first = await send(order);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ recorded: 1 });
    const again = await send(order);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ recorded: 0, replayed: 1 });
    const [line] = await orders(`listingId=${listing.id}`);
    expect(line).toMatchObject({ status: 'recorded', externalOrderId: 'TK-BIG-1', quantity: 1, totalAmount: 3_000_000_000 });
    expect(typeof line.totalAmount).toBe('number');
  });

  it('records a bad line as rejected, visible to the co-op with its reason, and counts it; never a 500', async () => {
    const listing = await liveListing(['lazada']);
    const item = listing.items.lazada;
    const bad: [string, Line, RegExp][] = [
      ['LZ-BAD-QTY', { item, sku: listing.sku, quantity: 1.5, price: 120000 }, /quantity/],
      ['LZ-BAD-ZERO', { item, sku: listing.sku, quantity: 0, price: 120000 }, /quantity/],
      ['LZ-BAD-HUGE', { item, sku: listing.sku, quantity: 1e12, price: 120000 }, /quantity/],
      ['LZ-BAD-PRICE', { item, sku: listing.sku, quantity: 1, price: -5000 }, /price/],
      ['LZ-BAD-TEXT', { item, sku: listing.sku, quantity: 'hai', price: 120000 }, /quantity/],
      ['9'.repeat(80), { item, sku: listing.sku, quantity: 1, price: 120000 }, /order id/],
    ];
    const rejectedBefore = await rejectedCount('lazada');
    for (const [orderId, line] of bad) {
      const res = await send(push('lazada', orderId, [line]));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ recorded: 0, rejected: 1 });
    }
    // A resend of a rejected line is the same rejection, not a new one.
    expect((await send(push('lazada', 'LZ-BAD-QTY', [bad[0][1]]))).body).toMatchObject({ rejected: 1 });
    expect(await rejectedCount('lazada')).toBe(rejectedBefore + bad.length);

    const rejected = await orders(`listingId=${listing.id}&status=rejected`);
    expect(rejected).toHaveLength(bad.length);
    for (const [orderId, , reason] of bad) {
      const line = rejected.find((r) => orderId.startsWith(r.externalOrderId));
      expect(line).toMatchObject({ status: 'rejected', marketplace: 'lazada', listingId: listing.id });
      expect(line?.reason).toMatch(reason);
    }
    expect(await stockOf(listing.id)).toBe(50);
    // Another co-op's manager sees none of it.
    expect(await orders('status=rejected', b.managerToken)).toEqual([]);
  });

  async function rejectedCount(marketplace: string): Promise<number> {
    const metric = await t.app.get(MetricsService).registry.getSingleMetric('nongsan_marketplace_order_lines_rejected_total')?.get();
    return (metric?.values ?? []).filter((v) => v.labels.marketplace === marketplace).reduce((sum, v) => sum + v.value, 0);
  }

  it('keys a line by (marketplace, order id, item id): a resend that adds a line records only the new one', async () => {
    const first = await liveListing(['shopee', 'tiki']);
    const second = await liveListing(['shopee']);
    const lineA: Line = { item: Number(first.items.shopee), sku: first.sku, quantity: 2, price: 120000 };
    const lineB: Line = { item: Number(second.items.shopee), sku: second.sku, quantity: 1, price: 120000 };
    expect((await send(push('shopee', 'SP-MULTI-1', [lineA]))).body).toMatchObject({ recorded: 1, replayed: 0 });
    expect((await send(push('shopee', 'SP-MULTI-1', [lineB, lineA]))).body).toMatchObject({ recorded: 1, replayed: 1 });
    expect(await stockOf(first.id)).toBe(48);
    expect(await stockOf(second.id)).toBe(49);
    // The same order id on another platform is another order.
    const tiki = push('tiki', 'SP-MULTI-1', [{ item: Number(first.items.tiki), sku: first.sku, quantity: 1, price: 120000 }]);
    expect((await send(tiki)).body).toMatchObject({ recorded: 1 });
    const lines = await orders(`listingId=${first.id}`);
    expect(lines.map((l) => [l.marketplace, l.externalOrderId, l.externalItemId, l.quantity]).sort()).toEqual(
      [
        ['shopee', 'SP-MULTI-1', first.items.shopee, 2],
        ['tiki', 'SP-MULTI-1', first.items.tiki, 1],
      ].sort(),
    );
  });

  it('matches a line only to the channel of the marketplace that pushed it', async () => {
    const lazadaOnly = await liveListing(['lazada']);
    // Tiki names an item it does not have and the SKU of a listing that is not on Tiki: not that listing's order.
    const stray = await send(push('tiki', 'TK-STRAY-1', [{ item: 424242, sku: lazadaOnly.sku, quantity: 3, price: 120000 }]));
    expect(stray.status).toBe(200);
    expect(stray.body).toMatchObject({ recorded: 0, rejected: 1 });
    expect(await stockOf(lazadaOnly.id)).toBe(50);
    // A Tiki item id that happens to be this listing's Lazada id is no match either.
    const clash = await send(push('tiki', 'TK-STRAY-2', [{ item: Number(lazadaOnly.items.lazada), quantity: 1, price: 120000 }]));
    expect(clash.body).toMatchObject({ recorded: 0, rejected: 1 });
    expect(await stockOf(lazadaOnly.id)).toBe(50);
    // The SKU still finds a listing that is on Tiki (its Tiki item id not known yet).
    const onTiki = await liveListing(['tiki']);
    await db.query(`UPDATE listing_channels SET external_id = NULL WHERE listing_id = $1`, [onTiki.id]);
    const bySku = await send(push('tiki', 'TK-SKU-1', [{ item: 525252, sku: onTiki.sku, quantity: 2, price: 120000 }]));
    expect(bySku.body).toMatchObject({ recorded: 1 });
    expect(await stockOf(onTiki.id)).toBe(48);
  });

  it('refuses a push whose timestamp is more than 10 minutes away, whatever its signature (400 naming the field)', async () => {
    const listing = await liveListing(['shopee', 'lazada', 'tiki']);
    const line = (m: Marketplace): Line => ({ item: Number(listing.items[m]), sku: listing.sku, quantity: 1, price: 120000 });
    const stale = [
      push('lazada', 'LZ-STALE-1', [line('lazada')], Date.now() - 11 * 60_000),
      push('shopee', 'SP-STALE-1', [line('shopee')], Date.now() + 11 * 60_000),
      push('tiki', 'TK-STALE-1', [line('tiki')], Date.now() - 60 * 60_000),
    ];
    for (const p of stale) {
      const problem = expectProblem(await send(p), 400);
      expect(problem.errors?.map((e) => e.field)).toEqual([p.marketplace === 'tiki' ? 'created_at' : 'timestamp']);
    }
    // A push without any timestamp is refused the same way.
    const body = JSON.stringify({ message_type: 0, data: { trade_order_id: 'LZ-NOTIME', order_item_list: [] } });
    const undated = await send({
      marketplace: 'lazada',
      body,
      headers: { 'content-type': 'application/json', authorization: lazadaPushSign(KEYS.LAZADA_APP_SECRET, KEYS.LAZADA_APP_KEY, body) },
    });
    expectProblem(undated, 400);
    expect(await orders(`listingId=${listing.id}`)).toEqual([]);
    expect(await stockOf(listing.id)).toBe(50);
  });

  it('flags an order beyond stock on the order line and on the listing', async () => {
    const listing = await liveListing(['shopee'], 2);
    const listed = await t.http.get(`/api/v1/listings/${listing.id}`).set(bearer(a.managerToken));
    expect(listed.body.oversoldAt).toBeNull();
    const res = await send(
      push('shopee', 'SP-OVER-1', [{ item: Number(listing.items.shopee), sku: listing.sku, quantity: 5, price: 120000 }]),
    );
    expect(res.body).toMatchObject({ recorded: 1 });
    const [line] = await orders(`listingId=${listing.id}`);
    expect(line).toMatchObject({ quantity: 5, oversold: true });
    const after = await t.http.get(`/api/v1/listings/${listing.id}`).set(bearer(a.managerToken));
    expect(after.body.stock).toBe(0);
    expect(after.body.oversoldAt).toEqual(expect.any(String));
  });

  it('checks the Shopee push signature against PUBLIC_BASE_URL, not the Host the request names', async () => {
    const listing = await liveListing(['shopee']);
    const line: Line = { item: Number(listing.items.shopee), sku: listing.sku, quantity: 1, price: 120000 };
    expect((await send(push('shopee', 'SP-URL-1', [line]))).status).toBe(200);
    // Signed for a URL the attacker chose, with a Host header to match it.
    const forged = push('shopee', 'SP-URL-2', [line], Date.now(), 'http://evil.example/api/v1/marketplaces/shopee/webhook');
    expectProblem(await send(forged, { host: 'evil.example' }), 401);
    expect((await orders(`listingId=${listing.id}`)).map((o) => o.externalOrderId)).toEqual(['SP-URL-1']);
  });

  it('shows orders to admins and the owning co-op only', async () => {
    const listing = await liveListing(['tiki']);
    await send(push('tiki', 'TK-OWN-1', [{ item: Number(listing.items.tiki), quantity: 1, price: 120000 }]));
    expect(await orders(`listingId=${listing.id}`, t.adminToken)).toHaveLength(1);
    expect(await orders('', b.managerToken)).toEqual([]);
    expect((await t.http.get(`/api/v1/marketplace-orders?listingId=${listing.id}`).set(bearer(b.managerToken))).status).toBe(403);
    expect((await t.http.get('/api/v1/marketplace-orders').set(bearer(a.farmerToken))).status).toBe(403);
    expect((await t.http.get('/api/v1/marketplace-orders')).status).toBe(401);
    expectProblem(await t.http.get('/api/v1/marketplace-orders?status=lost').set(bearer(a.managerToken)), 400);
  });
});
