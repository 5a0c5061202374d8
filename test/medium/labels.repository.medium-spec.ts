import { randomUUID } from 'node:crypto';
import { LabelRunsRepository } from '../../src/labels/label-runs.repository';
import { LabelsRepository, NewLabel } from '../../src/labels/labels.repository';
import { PrintedLotReadModel } from '../../src/labels/printed-lot.repository';
import { openMediumDatabase, MediumDatabase, mediumKind } from './support/database';
import { MediumFixtures } from './support/fixtures';

describe(`LabelsRepository and LabelRunsRepository on ${mediumKind()} (medium)`, () => {
  let db: MediumDatabase;
  let labels: LabelsRepository;
  let runs: LabelRunsRepository;
  let fx: MediumFixtures;

  beforeAll(async () => {
    db = await openMediumDatabase();
    labels = new LabelsRepository(db.dataSource);
    runs = new LabelRunsRepository(db.dataSource);
    fx = new MediumFixtures(db.dataSource);
  });
  afterAll(() => db?.close());

  async function runOfBatch(quantity: number) {
    const coop = await fx.cooperative();
    const household = await fx.household(coop);
    const batch = await fx.batch(household, await fx.product(coop));
    const run = await fx.labelRun(batch, { quantity });
    return { batch, run };
  }

  const allocate = (run: { id: string; batchId: string; cooperativeId: string }, count: number): NewLabel[] =>
    Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      serial: `M${randomUUID().replace(/-/g, '').slice(0, 18)}`,
      labelRunId: run.id,
      batchId: run.batchId,
      cooperativeId: run.cooperativeId,
      sequence: i + 1,
    }));

  it('stores allocated serials in multi-row statements and reads them back in print order', async () => {
    // More rows than one statement may carry on SQLite (its parameter limit), so the chunking is exercised.
    const { batch, run } = await runOfBatch(1_500);
    const allocated = allocate(run, 1_500);
    await db.dataSource.transaction((m) => labels.insertMany(m, [...allocated].reverse(), new Date()));

    const serials = await labels.serialsOfRun(run.id);
    expect(serials.map((s) => s.serial)).toEqual(allocated.map((l) => l.serial));
    expect(await labels.countOfBatch(batch.id)).toBe(1_500);
    expect(await labels.countActiveOfBatch(db.dataSource.manager, batch.id)).toBe(1_500);
    const stored = await labels.findBySerial(allocated[0].serial);
    expect(stored).toMatchObject({ status: 'active', scanCount: 0, sequence: 1, batchId: batch.id });
  });

  it('voids only active labels, by serials, by run and by batch, and answers how many', async () => {
    const { batch, run } = await runOfBatch(6);
    const second = await fx.labelRun(batch, { quantity: 2 });
    const first = allocate(run, 6);
    const more = allocate(second, 2);
    await db.dataSource.transaction((m) => labels.insertMany(m, [...first, ...more], new Date()));
    const at = new Date('2026-07-02T00:00:00.000Z');

    expect(await labels.voidActive({ serials: [first[0].serial, first[1].serial] }, { reason: 'in hỏng', at })).toBe(2);
    expect(await labels.voidActive({ serials: [first[0].serial] }, { reason: 'again', at })).toBe(0);
    expect(await labels.countActiveOfBatch(db.dataSource.manager, batch.id)).toBe(6);
    expect(await labels.voidActive({ labelRunId: second.id }, { reason: 'run', at })).toBe(2);
    const voided = await db.dataSource.transaction((m) => labels.voidActive({ batchId: batch.id }, { reason: 'thu hồi', at }, m));
    expect(voided).toBe(4);
    expect(await labels.countActiveOfBatch(db.dataSource.manager, batch.id)).toBe(0);
    expect(await labels.countOfBatch(batch.id)).toBe(8);
    const firstVoided = await labels.findBySerial(first[0].serial);
    expect(firstVoided).toMatchObject({ status: 'voided', voidReason: 'in hỏng' });
    expect(firstVoided!.voidedAt!.toISOString()).toBe(at.toISOString());
    expect((await labels.findBySerial(first[5].serial))?.voidReason).toBe('thu hồi');
  });

  it('names the co-op of the serials it knows, and pages labels by run and batch', async () => {
    const { batch, run } = await runOfBatch(3);
    const made = allocate(run, 3);
    await db.dataSource.transaction((m) => labels.insertMany(m, made, new Date()));
    const owners = await labels.ownersOf([made[0].serial, 'UNKNOWN']);
    expect(owners.map((o) => ({ ...o }))).toEqual([{ serial: made[0].serial, cooperativeId: run.cooperativeId }]);

    const firstPage = await labels.list({ labelRunId: run.id }, { limit: 2 });
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.nextCursor).not.toBeNull();
    const rest = await labels.list({ batchId: batch.id }, { limit: 2, cursor: firstPage.nextCursor! });
    expect([...firstPage.items, ...rest.items].map((l) => l.serial).sort()).toEqual(made.map((l) => l.serial).sort());
  });

  it('finds runs by id and idempotency key, updates them, and lists those queued too long', async () => {
    const { batch } = await runOfBatch(1);
    const old = await fx.labelRun(batch, { idempotencyKey: 'key-1', createdAt: new Date('2026-01-01T00:00:00Z') });
    const recent = await fx.labelRun(batch, { createdAt: new Date('2026-01-01T00:10:00Z') });
    await fx.labelRun(batch, { status: 'done', createdAt: new Date('2026-01-01T00:00:00Z') });

    expect((await runs.findByIdempotencyKey(batch.cooperativeId, 'key-1'))?.id).toBe(old.id);
    expect(await runs.findByIdempotencyKey(batch.cooperativeId, 'key-2')).toBeNull();
    const queued = await runs.queuedSince(new Date('2026-01-01T00:05:00Z'), 100);
    expect(queued).toContain(old.id);
    expect(queued).not.toContain(recent.id);
    await runs.update(old.id, { status: 'failed', error: 'boom' });
    expect(await runs.findById(old.id)).toMatchObject({ status: 'failed', error: 'boom' });
    expect(await runs.queuedSince(new Date('2026-01-01T00:05:00Z'), 100)).not.toContain(old.id);
  });

  it("pages a batch's runs oldest first, and no other batch's", async () => {
    const { batch, run } = await runOfBatch(2);
    const later = await fx.labelRun(batch, { quantity: 3, createdAt: new Date(run.createdAt.getTime() + 1000) });
    await runOfBatch(1);

    const first = await runs.ofBatch(batch.id, { limit: 1 });
    expect(first.items.map((r) => r.id)).toEqual([run.id]);
    expect(first.nextCursor).not.toBeNull();
    const second = await runs.ofBatch(batch.id, { limit: 1, cursor: first.nextCursor! });
    expect(second.items.map((r) => r.id)).toEqual([later.id]);
    expect((await runs.ofBatch(batch.id, {})).items.map((r) => r.id)).toEqual([run.id, later.id]);
  });

  it('adds counted scans inside a transaction: counts add up, the first scan stays the earliest, the last the latest', async () => {
    const { run } = await runOfBatch(2);
    const [a, b] = [await fx.label(run, 1), await fx.label(run, 2)];
    const at = (iso: string) => new Date(iso);
    await db.dataSource.transaction((m) =>
      labels.addScans(m, [
        { serial: b.serial, count: 2, first: at('2026-06-01T02:00:00.000Z'), last: at('2026-06-01T03:00:00.000Z') },
        { serial: a.serial, count: 1, first: at('2026-06-01T01:00:00.000Z'), last: at('2026-06-01T01:00:00.000Z') },
      ]),
    );
    await db.dataSource.transaction((m) =>
      labels.addScans(m, [{ serial: a.serial, count: 4, first: at('2026-06-02T00:00:00.000Z'), last: at('2026-06-02T05:00:00.000Z') }]),
    );

    const first = await labels.findBySerial(a.serial);
    expect(first).toMatchObject({ scanCount: 5 });
    expect(first!.firstScannedAt!.toISOString()).toBe('2026-06-01T01:00:00.000Z');
    expect(first!.lastScannedAt!.toISOString()).toBe('2026-06-02T05:00:00.000Z');
    const second = await labels.findBySerial(b.serial);
    expect(second).toMatchObject({ scanCount: 2 });
    expect(second!.lastScannedAt!.toISOString()).toBe('2026-06-01T03:00:00.000Z');
  });

  it('reads the lot a run prints (batch, product, co-operative), and null for a batch that is gone', async () => {
    const coop = await fx.cooperative();
    const product = await fx.product(coop);
    const batch = await fx.batch(await fx.household(coop), product);
    const lots = new PrintedLotReadModel(db.dataSource);

    const lot = await lots.load(batch.id, coop.id);

    expect(lot?.batch).toMatchObject({ id: batch.id, lotCode: batch.lotCode });
    expect(lot?.product).toMatchObject({ id: product.id, gtin: product.gtin });
    expect(lot?.cooperative).toMatchObject({ id: coop.id, name: coop.name });
    expect(await lots.load(randomUUID(), coop.id)).toBeNull();
  });
});
