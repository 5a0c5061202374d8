import { DataSource } from 'typeorm';
import { ChannelStore } from '../../src/listings/sync/channel-store';
import { createFixture, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * The sync's statements on real PostgreSQL: concurrent claims and writes share statements, yet each
 * caller gets exactly its own answer. (The API role has no worker, so nothing else touches the channels.)
 */
describe('ChannelStore (e2e: PostgreSQL)', () => {
  let t: TestApp;
  let f: Fixture;
  let store: ChannelStore;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' }, 'api');
    f = await createFixture(t);
    db = t.app.get(DataSource);
    store = new ChannelStore(db);
  });
  afterAll(async () => t?.close());

  async function listing(title: string): Promise<{ id: string; channels: { id: string }[] }> {
    const res = await t.http
      .post('/api/v1/listings')
      .set(bearer(f.managerToken))
      .send({ productId: f.productId, title, description: 'Hộp 2 kg', price: 99000, stock: 7, channels: ['lazada', 'tiki', 'shopee'] });
    expect(res.status).toBe(201);
    const channels = await db.query<{ id: string }[]>(`SELECT id FROM listing_channels WHERE listing_id = $1 ORDER BY marketplace`, [
      res.body.id,
    ]);
    return { id: res.body.id as string, channels };
  }
  const lease = () => {
    const now = new Date();
    return [now, new Date(now.getTime() + 30_000)] as const;
  };

  it('gives a channel to one of many simultaneous claims, with the listing read in the same statement', async () => {
    const { id } = await listing('Vải thiều tranh nhau');
    const claims = await Promise.all(Array.from({ length: 8 }, () => store.claim(id, 'tiki', ...lease())));
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(1);
    expect(won[0].channel).toMatchObject({ listingId: id, marketplace: 'tiki', status: 'pending', createCalls: 0 });
    expect(won[0].listing).toMatchObject({ id, price: 99000, stock: 7, state: 'active', imageUrls: [] });
    // Held until released.
    expect(await store.claim(id, 'tiki', ...lease())).toBeNull();
    await store.write(won[0].channel.id, { attempts: 1 }, null);
    expect(await store.claim(id, 'tiki', ...lease())).not.toBeNull();
    // Other marketplaces of the same listing were never held.
    const others = await Promise.all([store.claim(id, 'lazada', ...lease()), store.claim(id, 'shopee', ...lease())]);
    expect(others.every((c) => c !== null)).toBe(true);
  });

  it('takes a channel whose lease has run out', async () => {
    const { id } = await listing('Vải thiều hết hạn giữ');
    const now = new Date();
    expect(await store.claim(id, 'lazada', now, new Date(now.getTime() + 50))).not.toBeNull();
    expect(await store.claim(id, 'lazada', new Date(now.getTime() + 100), new Date(now.getTime() + 30_000))).not.toBeNull();
  });

  it('lands every one of many simultaneous writes, and a write at fault fails alone', async () => {
    const a = await listing('Vải thiều ghi A');
    const b = await listing('Vải thiều ghi B');
    const ids = [...a.channels, ...b.channels].map((c) => c.id);
    const results = await Promise.allSettled(
      ids.map((id, i) =>
        store.write(id, { status: 'live', externalId: i === 4 ? 'x'.repeat(100) : `EXT-${i}`, syncedVersion: i, lastError: null }, null),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(ids.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    const rows = await db.query<{ id: string; status: string; external_id: string | null; synced_version: number }[]>(
      `SELECT id, status, external_id, synced_version FROM listing_channels WHERE id = ANY($1)`,
      [ids],
    );
    for (const [i, id] of ids.entries()) {
      const row = rows.find((r) => r.id === id)!;
      if (i === 4) expect(row).toMatchObject({ status: 'pending', external_id: null });
      else expect(row).toMatchObject({ status: 'live', external_id: `EXT-${i}`, synced_version: i });
    }
  });
});
