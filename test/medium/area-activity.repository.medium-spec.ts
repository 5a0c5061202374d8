import { AreaActivityReadModel } from '../../src/reports/area-activity.repository';
import { openMediumDatabase, MediumDatabase, mediumKind } from './support/database';
import { MediumFixtures } from './support/fixtures';

describe(`AreaActivityReadModel on ${mediumKind()} (medium)`, () => {
  let db: MediumDatabase;
  let records: AreaActivityReadModel;
  let fx: MediumFixtures;

  beforeAll(async () => {
    db = await openMediumDatabase();
    records = new AreaActivityReadModel(db.dataSource);
    fx = new MediumFixtures(db.dataSource);
  });
  afterAll(() => db?.close());

  it('reads stored area names, and the batches, runs and holds inside a scope only', async () => {
    const coop = await fx.cooperative();
    const product = await fx.product(coop);
    const inside = await fx.batch(await fx.household(coop, { province: 'Hải Phòng', commune: 'Thanh Hà' }), product, {
      safeFrom: new Date('2026-06-10T00:00:00.000Z'),
    });
    const outside = await fx.batch(await fx.household(coop, { province: 'Bắc Giang', commune: 'Lục Ngạn' }), product);
    await fx.labelRun(inside, { quantity: 24 });
    await fx.labelRun(outside, { quantity: 8 });
    const scope = { sql: '(b.cooperative_id = ?) AND (h.province IN (?))', params: [coop.id, 'Hải Phòng'] };

    expect(await records.storedNames('province')).toEqual(expect.arrayContaining(['Hải Phòng', 'Bắc Giang']));
    expect([...(await records.batchIds(scope))]).toEqual([inside.id]);
    expect((await records.labelRuns(scope)).map((r) => Number(r.quantity))).toEqual([24]);
    expect((await records.safetyBatches(scope, 10)).map((b) => b.id)).toEqual([inside.id]);
    expect(await records.scansByDay(scope, 10)).toEqual([]);
    expect(await records.certificates({ sql: '(pl.cooperative_id = ?)', params: [coop.id] })).toEqual([]);
  });
});
