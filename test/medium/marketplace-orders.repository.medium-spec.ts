import { randomUUID } from 'node:crypto';
import { MarketplaceOrdersRepository } from '../../src/listings/orders/marketplace-orders.repository';
import { openMediumDatabase, MediumDatabase, mediumKind } from './support/database';
import { MediumFixtures } from './support/fixtures';

describe(`MarketplaceOrdersRepository on ${mediumKind()} (medium)`, () => {
  let db: MediumDatabase;
  let orders: MarketplaceOrdersRepository;
  let fx: MediumFixtures;

  beforeAll(async () => {
    db = await openMediumDatabase();
    orders = new MarketplaceOrdersRepository(db.dataSource);
    fx = new MediumFixtures(db.dataSource);
  });
  afterAll(() => db?.close());

  async function listed() {
    const coop = await fx.cooperative();
    const household = await fx.household(coop);
    const product = await fx.product(coop);
    const batch = await fx.batch(household, product);
    const listing = await fx.listing(product, batch, { tiki: 'live' });
    return { coop, batch, listing };
  }

  it('matches a pushed line to a listing by its platform item id, or by its seller SKU on that platform only', async () => {
    const { listing } = await listed();
    await db.dataSource.query(
      db.kind === 'postgres'
        ? "UPDATE listing_channels SET external_id = 'TIKI-1' WHERE listing_id = $1"
        : "UPDATE listing_channels SET external_id = 'TIKI-1' WHERE listing_id = ?",
      [listing.id],
    );
    expect((await orders.findListingByItem('tiki', 'TIKI-1'))?.id).toBe(listing.id);
    expect(await orders.findListingByItem('lazada', 'TIKI-1')).toBeNull();
    expect((await orders.findListingBySkuOn('tiki', listing.sellerSku))?.id).toBe(listing.id);
    expect(await orders.findListingBySkuOn('shopee', listing.sellerSku)).toBeNull();
    expect((await orders.findListingBySku(listing.sellerSku))?.id).toBe(listing.id);
  });

  it('draws stock under the lock, moves the offer version, and keeps and settles rejected lines', async () => {
    const { listing, batch } = await listed();
    const now = new Date();
    const id = randomUUID();
    await orders.transaction(async (m) => {
      await orders.insertOrder(m, {
        id,
        marketplace: 'tiki',
        externalOrderId: 'O-1',
        externalItemId: 'I-1',
        listingId: listing.id,
        cooperativeId: listing.cooperativeId,
        batchId: batch.id,
        lotCode: batch.lotCode,
        quantity: 12,
        unitPrice: 1000,
        totalAmount: 12000,
        oversold: false,
        buyerRef: null,
        orderedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      const stock = await orders.lockStock(m, listing.id);
      expect(stock).toBe(10);
      await orders.drawStock(m, listing.id, 0, now, now);
      await orders.markOversold(m, id);
      expect((await orders.channelsOf(m, listing.id)).map((c) => c.marketplace)).toEqual(['tiki']);
    });
    const after = await orders.findListing(listing.id);
    expect(after).toMatchObject({ stock: 0, version: 2 });
    expect(after!.oversoldAt).not.toBeNull();
    const [order] = await orders.ofBatch(batch.id);
    expect(order).toMatchObject({ id, oversold: true, quantity: 12 });

    await orders.insertRejection({
      id: randomUUID(),
      marketplace: 'tiki',
      externalOrderId: 'O-2',
      externalItemId: 'I-2',
      listingId: listing.id,
      cooperativeId: listing.cooperativeId,
      reason: 'unknown item',
      line: { orderId: 'O-2' },
      createdAt: now,
      updatedAt: now,
    });
    const filter = { cooperativeId: listing.cooperativeId };
    expect((await orders.listRejections(filter, {})).items).toHaveLength(1);
    expect((await orders.list(filter, {})).items.map((o) => o.id)).toEqual([id]);
    await orders.transaction((m) => orders.settleRejection(m, 'tiki', 'O-2', 'I-2'));
    expect((await orders.listRejections(filter, {})).items).toHaveLength(0);
  });
});
