import { ReportsReadModel } from '../../src/reports/reports.repository';
import { openMediumDatabase, MediumDatabase, mediumKind } from './support/database';
import { MediumFixtures } from './support/fixtures';

describe(`ReportsReadModel on ${mediumKind()} (medium)`, () => {
  let db: MediumDatabase;
  let reports: ReportsReadModel;
  let fx: MediumFixtures;

  beforeAll(async () => {
    db = await openMediumDatabase();
    reports = new ReportsReadModel(db.dataSource);
    fx = new MediumFixtures(db.dataSource);
  });
  afterAll(() => db?.close());

  /**
   * Two co-ops in two provinces. In Hải Dương: a trained household selling a batch through a live listing
   * (3 labels, 1 scanned, 2 scans; orders of 4 and 5), and a household with nothing on sale. In Bắc Giang:
   * one household and a listing still pending (not live), without a batch.
   */
  async function province() {
    const haiDuong = await fx.cooperative({ province: 'Hải Dương', commune: 'Thanh Hà' });
    const seller = await fx.household(haiDuong, { digitalSkillsTrained: true });
    await fx.household(haiDuong);
    const product = await fx.product(haiDuong, { packageNetWeightKg: 1 });
    const plot = await fx.plot(seller, { areaHa: 0.5, crop: 'Vải thiều' });
    const batch = await fx.batch(seller, product, {
      plotId: plot.id,
      quantity: 2,
      unit: 'kg',
      harvestedAt: new Date('2026-06-10T01:00:00Z'),
    });
    const run = await fx.labelRun(batch, { quantity: 3, createdAt: new Date('2026-06-11T20:00:00Z') });
    await fx.label(run, 1, { scanCount: 2 });
    await fx.label(run, 2);
    await fx.label(run, 3);
    const listing = await fx.listing(product, batch, { tiki: 'live', lazada: 'pending' });
    await fx.order(listing, 4);
    await fx.order(listing, 5);

    const bacGiang = await fx.cooperative({ province: 'Bắc Giang', commune: 'Lục Ngạn' });
    await fx.household(bacGiang);
    await fx.listing(await fx.product(bacGiang), null, { shopee: 'pending' });
    return { haiDuong, bacGiang, batch, plot };
  }

  it('counts the indicators of one co-op, of an area and of nowhere', async () => {
    const { haiDuong, bacGiang } = await province();

    expect(await reports.indicatorCounts({ cooperativeId: haiDuong.id, households: null, cooperatives: null })).toEqual({
      householdsRegistered: 2,
      householdsTrained: 1,
      householdsOnEcommerce: 1,
      productsListed: 1,
      listingsLive: 1,
      transactions: 2,
      labelsPrinted: 3,
      scans: 2,
    });
    expect(await reports.indicatorCounts({ cooperativeId: bacGiang.id, households: null, cooperatives: null })).toMatchObject({
      householdsRegistered: 1,
      listingsLive: 0,
      transactions: 0,
      labelsPrinted: 0,
    });
    // The Hải Dương area seen from Bắc Giang's co-op: nothing (the co-op filter and the area both apply).
    const area = { province: ['Hải Dương'] };
    expect(await reports.indicatorCounts({ cooperativeId: bacGiang.id, households: area, cooperatives: area })).toMatchObject({
      householdsRegistered: 0,
      transactions: 0,
    });
    const nowhere = { province: [] };
    expect(await reports.indicatorCounts({ households: nowhere, cooperatives: nowhere })).toMatchObject({
      householdsRegistered: 0,
      listingsLive: 0,
      labelsPrinted: 0,
    });
  });

  it('answers the stored spellings of provinces and communes', async () => {
    await fx.cooperative({ province: 'Tỉnh Hải Dương', commune: 'Xã Thanh Xá' });
    expect(await reports.areaNames('cooperatives', 'province')).toEqual(expect.arrayContaining(['Tỉnh Hải Dương']));
    expect(await reports.areaNames('cooperatives', 'commune')).toEqual(expect.arrayContaining(['Xã Thanh Xá']));
  });

  it('reads each batch with its labels printed and scanned and the units sold, and the plots they grew on', async () => {
    const { haiDuong, batch, plot } = await province();
    const [row] = await reports.batchVolumes(haiDuong.id);
    expect(row).toEqual({
      id: batch.id,
      lotCode: batch.lotCode,
      cooperativeId: haiDuong.id,
      plotId: plot.id,
      status: 'active',
      harvestedAt: new Date('2026-06-10T01:00:00Z'),
      quantity: 2,
      unit: 'kg',
      product: 'Vải thiều',
      packageKg: 1,
      printed: 3,
      scanned: 1,
      sold: 9,
    });
    expect(await reports.plotAreas([plot.id])).toEqual([{ id: plot.id, code: plot.code, crop: 'Vải thiều', areaHa: 0.5 }]);
    expect(await reports.plotAreas([])).toEqual([]);
  });

  it('reads the dashboard series: label runs, scans per day and channel health', async () => {
    const { haiDuong, batch } = await province();
    await db.dataSource.query(
      db.kind === 'postgres'
        ? 'INSERT INTO batch_scan_days (batch_id, day, scans) VALUES ($1, $2, 2), ($1, $3, 5)'
        : 'INSERT INTO batch_scan_days (batch_id, day, scans) VALUES (?, ?, 2), (?, ?, 5)',
      db.kind === 'postgres' ? [batch.id, '2026-06-12', '2026-06-13'] : [batch.id, '2026-06-12', batch.id, '2026-06-13'],
    );
    expect(await reports.labelRunSizes(haiDuong.id)).toEqual([{ createdAt: new Date('2026-06-11T20:00:00Z'), quantity: 3 }]);
    expect(await reports.scansByDay(haiDuong.id)).toEqual([
      { day: '2026-06-13', scans: 5 },
      { day: '2026-06-12', scans: 2 },
    ]);
    expect(await reports.channelHealth(haiDuong.id)).toEqual([
      { marketplace: 'lazada', status: 'pending', channels: 1 },
      { marketplace: 'tiki', status: 'live', channels: 1 },
    ]);
  });
});
