import { randomUUID } from 'node:crypto';
import { BatchEvent, BizStep } from '../../src/batches/batch-event.entity';
import { Batch } from '../../src/batches/batch.entity';
import { BatchesRepository } from '../../src/batches/batches.repository';
import { openMediumDatabase, MediumDatabase, mediumKind } from './support/database';
import { MediumFixtures } from './support/fixtures';

describe(`BatchesRepository on ${mediumKind()} (medium)`, () => {
  let db: MediumDatabase;
  let repo: BatchesRepository;
  let fx: MediumFixtures;

  beforeAll(async () => {
    db = await openMediumDatabase();
    repo = new BatchesRepository(db.dataSource);
    fx = new MediumFixtures(db.dataSource);
  });
  afterAll(() => db?.close());

  async function farm() {
    const coop = await fx.cooperative();
    const household = await fx.household(coop);
    const product = await fx.product(coop);
    return { coop, household, product };
  }

  const event = (batch: Batch, bizStep: BizStep, occurredAt: string, extra: Partial<BatchEvent> = {}): BatchEvent =>
    Object.assign(new BatchEvent(), {
      id: randomUUID(),
      batchId: batch.id,
      bizStep,
      occurredAt: new Date(occurredAt),
      details: null,
      recordedBy: null,
      createFingerprint: null,
      supersedes: null,
      supersededBy: null,
      correctionReason: null,
      createdAt: new Date(),
      updatedAt: new Date(),
      ...extra,
    });

  it('locks the batches named and every batch of the plots named, in id order', async () => {
    const { household, product } = await farm();
    const plot = await fx.plot(household);
    const otherPlot = await fx.plot(household);
    const onPlot = [await fx.batch(household, product, { plotId: plot.id }), await fx.batch(household, product, { plotId: plot.id })];
    const named = await fx.batch(household, product);
    await fx.batch(household, product, { plotId: otherPlot.id });

    const locked = await db.dataSource.transaction((m) => repo.lockScope(m, { ids: [named.id], plotIds: [plot.id] }));

    expect(locked.map((b) => b.id)).toEqual([named.id, ...onPlot.map((b) => b.id)].sort());
    expect(await db.dataSource.transaction((m) => repo.lockScope(m, { ids: [], plotIds: [] }))).toEqual([]);
  });

  it('reads a batch row under a lock: its status and lot, or null when unknown', async () => {
    const { household, product } = await farm();
    const batch = await fx.batch(household, product, { status: 'recalled' });
    for (const mode of ['share', 'update'] as const) {
      const locked = await db.dataSource.transaction((m) => repo.lockRow(m, batch.id, mode));
      expect(locked).toEqual({ status: 'recalled', lotCode: batch.lotCode });
    }
    expect(await db.dataSource.transaction((m) => repo.lockRow(m, randomUUID(), 'update'))).toBeNull();
  });

  it('touches a batch for the write lock and answers its status; null for an unknown batch', async () => {
    const { household, product } = await farm();
    const batch = await fx.batch(household, product);
    const at = new Date('2026-07-01T03:04:05.000Z');
    expect(await db.dataSource.transaction((m) => repo.touch(m, batch.id, at))).toBe('active');
    expect((await repo.findById(batch.id))!.updatedAt.toISOString()).toBe(at.toISOString());
    expect(await db.dataSource.transaction((m) => repo.touch(m, randomUUID(), at))).toBeNull();
  });

  it('tells whether a batch has labels', async () => {
    const { household, product } = await farm();
    const labelled = await fx.batch(household, product);
    const bare = await fx.batch(household, product);
    await fx.label(await fx.labelRun(labelled), 1);
    expect(await repo.hasLabels(db.dataSource.manager, labelled.id)).toBe(true);
    expect(await repo.hasLabels(db.dataSource.manager, bare.id)).toBe(false);
  });

  it('reads the diary: all events, the current ones, the tracking events and the plot sprayings', async () => {
    const { household, product } = await farm();
    const plot = await fx.plot(household);
    const batch = await fx.batch(household, product, { plotId: plot.id });
    const sibling = await fx.batch(household, product, { plotId: plot.id });
    const planting = event(batch, 'planting', '2026-03-01T00:00:00Z');
    const spraying = event(batch, 'spraying', '2026-06-01T00:00:00Z', { details: { pesticide: 'Abamectin', preHarvestIntervalDays: 7 } });
    const oldSpraying = event(sibling, 'spraying', '2026-05-01T00:00:00Z');
    const correction = event(sibling, 'spraying', '2026-05-02T00:00:00Z');
    const harvesting = event(batch, 'harvesting', '2026-06-10T00:00:00Z');
    const shipping = event(batch, 'shipping', '2026-06-11T00:00:00Z', { details: { destination: 'Hà Nội' } });
    await db.dataSource.transaction(async (m) => {
      for (const e of [shipping, planting, harvesting, spraying, oldSpraying, correction]) await repo.insertEvent(m, e);
      await repo.markSuperseded(m, oldSpraying.id, correction.id, new Date());
    });

    expect((await repo.eventsOf(batch.id)).map((e) => e.id)).toEqual([planting, spraying, harvesting, shipping].map((e) => e.id));
    expect((await repo.trackingEventsOf(batch.id)).map((e) => e.bizStep)).toEqual(['harvesting', 'shipping']);
    expect((await repo.sprayingsOnPlot(plot.id)).map((e) => e.id)).toEqual([spraying.id, correction.id]);
    const current = await repo.currentEventsOf(db.dataSource.manager, [batch.id, sibling.id]);
    expect(current.map((e) => e.id)).not.toContain(oldSpraying.id);
    expect(current).toHaveLength(5);
    expect(await repo.currentEventsOf(db.dataSource.manager, [])).toEqual([]);
    const stored = await repo.findEvent(spraying.id);
    expect(stored?.details).toEqual({ pesticide: 'Abamectin', preHarvestIntervalDays: 7 });
    expect((await repo.findEvent(oldSpraying.id))?.supersededBy).toBe(correction.id);
  });

  it('lists batches by household, co-op and product, leaving archived ones out, and finds the safety-flagged ones', async () => {
    const a = await farm();
    const b = await farm();
    const otherProduct = await fx.product(a.coop);
    const kept = await fx.batch(a.household, a.product);
    const ofOtherProduct = await fx.batch(a.household, otherProduct, { safeFrom: new Date('2026-06-20T00:00:00Z') });
    await fx.batch(a.household, a.product, { archivedAt: new Date() });
    const elsewhere = await fx.batch(b.household, b.product, { safetyOverrideAt: new Date() });

    const ids = async (p: Promise<{ items: Batch[] }>) => (await p).items.map((x) => x.id).sort();
    expect(await ids(repo.list({ householdId: a.household.id }, {}))).toEqual([kept.id, ofOtherProduct.id].sort());
    expect(await ids(repo.list({ cooperativeId: a.coop.id, productId: a.product.id }, {}))).toEqual([kept.id]);
    expect(await ids(repo.list({ cooperativeId: b.coop.id, ofHousehold: a.household.id }, {}))).toEqual([]);
    expect(await ids(repo.safetyFlagged(a.coop.id, {}))).toEqual([ofOtherProduct.id]);
    expect(await ids(repo.safetyFlagged(undefined, { limit: 500 }))).toEqual(expect.arrayContaining([ofOtherProduct.id, elsewhere.id]));
    expect((await repo.lotsOf([kept.id])).map((l) => ({ ...l }))).toEqual([
      { id: kept.id, lotCode: kept.lotCode, productId: a.product.id },
    ]);
    expect(await repo.lotsOf([])).toEqual([]);
  });
});
