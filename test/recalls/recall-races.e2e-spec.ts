import { DataSource } from 'typeorm';
import { createBatch, createFixture, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const ROUNDS = 12;
const LANES = 4;

/**
 * A label run or a listing created while its batch is being recalled must not outlive the recall
 * (issue 11, point 5): real concurrent requests on PostgreSQL, many rounds, one fresh batch each.
 */
describe('recall races (e2e: concurrent requests on PostgreSQL)', () => {
  let t: TestApp;
  let f: Fixture;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
    db = t.app.get(DataSource);
  });
  afterAll(async () => t?.close());

  const labelRun = (batchId: string) =>
    t.http
      .post(`/api/v1/batches/${batchId}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 1, layout: 'thermal-50x30', format: 'zpl' });
  const listing = (batchId: string, i: number) =>
    t.http
      .post('/api/v1/listings')
      .set(bearer(f.managerToken))
      .send({
        productId: f.productId,
        batchId,
        title: `Vải thiều lô đang thu hồi ${i}`,
        description: 'Hộp 2kg',
        price: 120000,
        stock: 10,
        channels: ['tiki'],
      });
  const recall = (batchId: string) =>
    t.http.post(`/api/v1/batches/${batchId}/recall`).set(bearer(f.managerToken)).send({ reason: 'Dư lượng thuốc BVTV vượt ngưỡng' });

  /**
   * Round after round on a fresh batch: one create before the recall (the recall must undo it), lanes of
   * creates that keep going for as long as the recall is in flight, and one after it (refused); then
   * what is left active.
   */
  async function race(create: (batchId: string, i: number) => PromiseLike<{ status: number }>, leftActive: string): Promise<string[]> {
    const survivors: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const batch = await createBatch(t, f.managerToken, { productId: f.productId, householdId: f.householdId, plotId: f.plotId });
      expect([201, 202]).toContain((await create(batch.id, 0)).status);
      let recalling = true;
      const statuses: number[] = [];
      const lane = async (lane: number) => {
        for (let i = 1; recalling; i++) statuses.push((await create(batch.id, lane * 1000 + i)).status);
      };
      const lanes = Array.from({ length: LANES }, (_, i) => lane(i));
      const recalled = await recall(batch.id);
      recalling = false;
      await Promise.all(lanes);
      expect(recalled.status).toBe(200);
      // Each create happened before the recall (and was undone by it) or was refused: never a 500.
      for (const status of statuses) expect([201, 202, 409]).toContain(status);
      expect((await create(batch.id, 999)).status).toBe(409);
      const [row] = await db.query<{ n: number }[]>(leftActive, [batch.id]);
      if (row.n > 0) survivors.push(`round ${round}: ${row.n} left active`);
    }
    return survivors;
  }

  it('voids every label of a run created while its batch was being recalled', async () => {
    const survivors = await race(labelRun, `SELECT count(*)::int AS n FROM labels WHERE batch_id = $1 AND status = 'active'`);
    expect(survivors).toEqual([]);
  });

  it('delists every listing created while its batch was being recalled', async () => {
    const survivors = await race(listing, `SELECT count(*)::int AS n FROM listings WHERE batch_id = $1 AND state <> 'delisted'`);
    expect(survivors).toEqual([]);
  });
});
