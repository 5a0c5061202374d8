import { randomUUID } from 'node:crypto';
import { SyncOutbox } from '../../src/listings/sync/sync-outbox.entity';
import { MetricsReadModel } from '../../src/metrics/metrics.repository';
import { openMediumDatabase, MediumDatabase, mediumKind } from './support/database';
import { MediumFixtures } from './support/fixtures';

describe(`MetricsReadModel on ${mediumKind()} (medium)`, () => {
  let db: MediumDatabase;
  let records: MetricsReadModel;
  let fx: MediumFixtures;

  beforeAll(async () => {
    db = await openMediumDatabase();
    records = new MetricsReadModel(db.dataSource);
    fx = new MediumFixtures(db.dataSource);
  });
  afterAll(() => db?.close());

  const runsWith = async (status: string) => (await records.labelRunsByStatus()).find((r) => r.status === status)?.runs ?? 0;

  it('counts label runs by status and the labels printed', async () => {
    const [queuedBefore, doneBefore, labelsBefore] = [await runsWith('queued'), await runsWith('done'), await records.labelsPrinted()];
    const coop = await fx.cooperative();
    const batch = await fx.batch(await fx.household(coop), await fx.product(coop));
    const done = await fx.labelRun(batch, { quantity: 2, status: 'done' });
    await fx.labelRun(batch, { quantity: 1, status: 'queued' });
    await fx.label(done, 1);
    await fx.label(done, 2);

    expect(await runsWith('queued')).toBe(queuedBefore + 1);
    expect(await runsWith('done')).toBe(doneBefore + 1);
    expect(await records.labelsPrinted()).toBe(labelsBefore + 2);
  });

  it('counts the outbox rows waiting and reads when the oldest was written', async () => {
    const before = await records.outbox();
    const coop = await fx.cooperative();
    const listing = await fx.listing(await fx.product(coop), null, { lazada: 'pending' });
    const writtenAt = new Date('2026-01-02T03:04:05.000Z');
    await db.dataSource.manager.insert(SyncOutbox, {
      id: randomUUID(),
      listingId: listing.id,
      marketplace: 'lazada',
      availableAt: writtenAt,
      createdAt: writtenAt,
    });

    const after = await records.outbox();
    expect(after.pending).toBe(before.pending + 1);
    expect(after.oldest!.getTime()).toBeLessThanOrEqual(writtenAt.getTime());
  });
});
