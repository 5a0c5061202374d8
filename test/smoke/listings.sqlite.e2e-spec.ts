import { DataSource } from 'typeorm';
import { ChannelSweeper } from '../../src/listings/sync/channel-sweeper';
import { startMockMarketplaces } from '../../tools/mock-marketplaces';
import { loadEnvironment } from '../../src/config/environment';
import { createFixture, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

interface Channel {
  marketplace: string;
  status: string;
  externalId: string | null;
}

/** The default set-up (SQLite, ROLE=all): listings reach every mock marketplace, follow a stock change and are swept back when out of line. */
describe('marketplace sync on SQLite (smoke)', () => {
  let t: TestApp;
  let f: Fixture;
  let mock: Awaited<ReturnType<typeof startMockMarketplaces>>;

  beforeAll(async () => {
    mock = await startMockMarketplaces(
      { keys: loadEnvironment({ NODE_ENV: 'test' }), reviewDelayMs: 300, webhookBaseUrl: 'http://127.0.0.1:1' },
      0,
    );
    t = await startTestApp(
      {
        MOCK_MARKETPLACES_PORT: '0',
        SHOPEE_BASE_URL: `${mock.url}/shopee`,
        LAZADA_BASE_URL: `${mock.url}/lazada/rest`,
        TIKI_BASE_URL: `${mock.url}/tiki`,
        LISTING_UPDATE_DELAY_MS: '100',
        MARKETPLACE_REVIEW_POLL_MS: '150',
        SYNC_RELAY_INTERVAL_MS: '50',
      },
      'all',
    );
    f = await createFixture(t);
  });
  afterAll(async () => {
    await t?.close();
    await mock?.close();
  });

  async function waitChannels(id: string, done: (c: Channel[]) => boolean): Promise<Channel[]> {
    const until = Date.now() + 30_000;
    let channels: Channel[] = [];
    while (Date.now() < until) {
      channels = (await t.http.get(`/api/v1/listings/${id}`).set(bearer(f.managerToken))).body.channels as Channel[];
      if (done(channels)) return channels;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`channels did not settle: ${JSON.stringify(channels)}`);
  }
  const stockOnMocks = async (sku: string) =>
    Promise.all(
      ['lazada', 'tiki', 'shopee'].map(async (m) => {
        const items = (await (await fetch(`${mock.url}/_mock/${m}/items`)).json()) as { sellerSku: string; stock: number }[];
        return items.find((i) => i.sellerSku === sku)?.stock;
      }),
    );

  it('goes live everywhere, pushes a stock change, and the sweeper re-queues a channel left out of line', async () => {
    const created = await t.http
      .post('/api/v1/listings')
      .set(bearer(f.managerToken))
      .send({
        productId: f.productId,
        title: 'Vải thiều Thanh Hà SQLite',
        description: 'Hộp 2 kg',
        price: 120000,
        stock: 30,
        channels: ['lazada', 'tiki', 'shopee'],
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const sku = created.body.sellerSku as string;
    const live = await waitChannels(id, (c) => c.every((x) => x.status === 'live'));
    expect(live.every((c) => !!c.externalId)).toBe(true);

    expect((await t.http.patch(`/api/v1/listings/${id}`).set(bearer(f.managerToken)).send({ stock: 12 })).status).toBe(200);
    const until = Date.now() + 20_000;
    while ((await stockOnMocks(sku)).some((s) => s !== 12) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await stockOnMocks(sku)).toEqual([12, 12, 12]);

    // Everything in line: nothing to sweep, however late it is.
    const sweeper = t.app.get(ChannelSweeper);
    const later = new Date(Date.now() + 3_600_000);
    await waitChannels(id, (c) => c.every((x) => x.status === 'live'));
    expect(await sweeper.sweep(later)).toBe(0);
    // A price/stock push whose job was lost: the channel is behind its listing with no intent waiting.
    await t.app.get(DataSource).query(`UPDATE listing_channels SET synced_version = 0 WHERE listing_id = ? AND marketplace = 'tiki'`, [id]);
    expect(await sweeper.sweep(later)).toBe(1);
    expect(await sweeper.sweep(later)).toBe(0); // its intent is waiting now
    // The relay moves it to the queue and the push brings the channel level with its listing again.
    const syncedVersion = async () =>
      (
        await t.app
          .get(DataSource)
          .query<{ synced_version: number }[]>(
            `SELECT synced_version FROM listing_channels WHERE listing_id = ? AND marketplace = 'tiki'`,
            [id],
          )
      )[0].synced_version;
    const deadline = Date.now() + 20_000;
    while ((await syncedVersion()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await syncedVersion()).toBeGreaterThan(0);
  });
});
