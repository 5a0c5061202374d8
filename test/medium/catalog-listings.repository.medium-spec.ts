import { ProductsRepository } from '../../src/catalog/products.repository';
import { ListingsRepository } from '../../src/listings/listings.repository';
import { openMediumDatabase, MediumDatabase, mediumKind } from './support/database';
import { MediumFixtures } from './support/fixtures';

describe(`ProductsRepository and ListingsRepository on ${mediumKind()} (medium)`, () => {
  let db: MediumDatabase;
  let products: ProductsRepository;
  let listings: ListingsRepository;
  let fx: MediumFixtures;

  beforeAll(async () => {
    db = await openMediumDatabase();
    products = new ProductsRepository(db.dataSource);
    listings = new ListingsRepository(db.dataSource);
    fx = new MediumFixtures(db.dataSource);
  });
  afterAll(() => db?.close());

  async function shelf() {
    const coop = await fx.cooperative();
    const household = await fx.household(coop);
    const product = await fx.product(coop);
    return { coop, household, product };
  }

  it('tells whether a product has labels on any of its batches', async () => {
    const { household, product } = await shelf();
    const { product: bare } = await shelf();
    const batch = await fx.batch(household, product);
    expect(await products.hasLabels(db.dataSource.manager, product.id)).toBe(false);
    await fx.label(await fx.labelRun(batch), 1);
    expect(await products.hasLabels(db.dataSource.manager, product.id)).toBe(true);
    expect(await products.hasLabels(db.dataSource.manager, bare.id)).toBe(false);
  });

  it('lists the products not archived of a co-op, reads one under a lock and updates it', async () => {
    const { coop, product } = await shelf();
    const archived = await fx.product(coop, { archivedAt: new Date() });
    expect((await products.list(coop.id, {})).items.map((p) => p.id)).toEqual([product.id]);
    expect((await products.findByIds([product.id, archived.id])).map((p) => p.id).sort()).toEqual([product.id, archived.id].sort());
    await db.dataSource.transaction(async (m) => {
      const locked = await products.lockById(m, product.id);
      expect(locked?.name).toBe(product.name);
      await products.update(m, product.id, { name: 'Vải thiều Thanh Hà', version: 2 });
    });
    expect(await products.findById(product.id)).toMatchObject({ name: 'Vải thiều Thanh Hà', version: 2 });
  });

  it('moves the offer and content versions of a listing apart', async () => {
    const { product } = await shelf();
    const listing = await fx.listing(product, null, { tiki: 'live' });
    await db.dataSource.transaction((m) =>
      listings.applyEdit(m, listing.id, { price: 99000 }, { offer: true, content: false }, new Date()),
    );
    await db.dataSource.transaction((m) =>
      listings.applyEdit(m, listing.id, { title: 'Vải thiều loại 1' }, { offer: false, content: true }, new Date()),
    );
    const stored = await listings.findById(listing.id);
    expect(Number(stored!.price)).toBe(99000);
    expect(stored).toMatchObject({ title: 'Vải thiều loại 1', version: 2, contentVersion: 2 });
  });

  it('reopens only a delisted listing, and resets only a channel still delisted', async () => {
    const { product } = await shelf();
    const listing = await fx.listing(product, null, { tiki: 'delisted', lazada: 'live' });
    const channels = await listings.channelsOf([listing.id]);
    const tiki = channels.find((c) => c.marketplace === 'tiki')!;
    const lazada = channels.find((c) => c.marketplace === 'lazada')!;
    const now = new Date();
    const fresh = {
      status: 'pending' as const,
      externalId: null,
      reviewRef: null,
      attempts: 0,
      createCalls: 0,
      lastError: null,
      syncedAt: null,
      syncedVersion: 0,
      syncedContentVersion: 0,
      leaseUntil: null,
      updatedAt: now,
    };

    expect(await db.dataSource.transaction((m) => listings.reopen(m, listing.id, 'NST-NEW', now))).toBe(false);
    await db.dataSource.transaction((m) => listings.update(m, listing.id, { state: 'delisted' }));
    expect(await db.dataSource.transaction((m) => listings.reopen(m, listing.id, 'NST-NEW', now))).toBe(true);
    expect(await listings.findById(listing.id)).toMatchObject({ state: 'active', sellerSku: 'NST-NEW', version: 2 });

    expect(await db.dataSource.transaction((m) => listings.resetDelistedChannel(m, lazada.id, fresh))).toBe(false);
    expect(await db.dataSource.transaction((m) => listings.resetDelistedChannel(m, tiki.id, fresh))).toBe(true);
    expect((await listings.channelOf(listing.id, 'tiki'))?.status).toBe('pending');
    expect((await listings.channelOf(listing.id, 'lazada'))?.status).toBe('live');
  });

  it('finds the listings drawing on a lot, oldest first', async () => {
    const { household, product } = await shelf();
    const batch = await fx.batch(household, product);
    const first = await fx.listing(product, batch, {});
    const second = await fx.listing(product, batch, {});
    await fx.listing(product, null, {});
    await db.dataSource.query(
      db.kind === 'postgres' ? 'UPDATE listings SET created_at = $1 WHERE id = $2' : 'UPDATE listings SET created_at = ? WHERE id = ?',
      [db.kind === 'postgres' ? new Date('2026-01-01T00:00:00Z') : '2026-01-01 00:00:00.000', second.id],
    );
    expect((await listings.drawingOn(batch.id)).map((l) => l.id)).toEqual([second.id, first.id]);
  });
});
