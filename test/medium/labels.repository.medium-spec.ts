import { randomUUID } from 'node:crypto';
import { LabelRunsRepository } from '../../src/labels/label-runs.repository';
import { LabelsRepository, NewLabel } from '../../src/labels/labels.repository';
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
});
