import { DataSource } from 'typeorm';
import { createFixture, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { KEYS, OrderView, push, PUBLIC_BASE_URL } from './pushes';

jest.setTimeout(60_000);

/** The order webhook's writes (64-bit amounts, the stock read under the write lock, rejections) on SQLite. */
describe('marketplace orders on SQLite (smoke)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp({ ...KEYS, PUBLIC_BASE_URL });
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  it('records a big order once, flags it beyond stock and keeps a bad line as rejected', async () => {
    const created = await t.http
      .post('/api/v1/listings')
      .set(bearer(f.managerToken))
      .send({
        productId: f.productId,
        batchId: f.batchId,
        title: 'Vải thiều',
        description: 'Hộp 2kg',
        price: 120000,
        stock: 2,
        channels: ['shopee'],
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await t.app.get(DataSource).query(`UPDATE listing_channels SET status = 'live', external_id = '700001' WHERE listing_id = ?`, [id]);
    const send = (p: ReturnType<typeof push>) => t.http.post(`/api/v1/marketplaces/${p.marketplace}/webhook`).set(p.headers).send(p.body);

    const big = push('shopee', 'SP-SQLITE-1', [{ item: 700001, quantity: 3, price: 3_000_000_000 }]);
    expect((await send(big)).body).toMatchObject({ recorded: 1 });
    expect((await send(big)).body).toMatchObject({ recorded: 0, replayed: 1 });
    expect((await send(push('shopee', 'SP-SQLITE-2', [{ item: 700001, quantity: 0.5, price: 1 }]))).body).toMatchObject({ rejected: 1 });

    const list = async (query: string) =>
      (await t.http.get(`/api/v1/marketplace-orders?listingId=${id}${query}`).set(bearer(f.managerToken))).body.items as OrderView[];
    expect(await list('')).toEqual([expect.objectContaining({ quantity: 3, totalAmount: 9_000_000_000, oversold: true })]);
    expect(await list('&status=rejected')).toEqual([
      expect.objectContaining({ externalOrderId: 'SP-SQLITE-2', reason: expect.stringMatching(/quantity/) }),
    ]);
    const listing = await t.http.get(`/api/v1/listings/${id}`).set(bearer(f.managerToken));
    expect(listing.body).toMatchObject({ stock: 0, oversoldAt: expect.any(String) });
  });
});
