import { randomUUID } from 'node:crypto';
import { ScanAlertClearance } from '../../src/trace/scan-alert-clearance.entity';
import { ScanDaysRepository } from '../../src/trace/scan-days.repository';
import { TraceReadModel } from '../../src/trace/trace.repository';
import { openMediumDatabase, MediumDatabase, mediumKind } from './support/database';
import { MediumFixtures } from './support/fixtures';

describe(`TraceReadModel on ${mediumKind()} (medium)`, () => {
  let db: MediumDatabase;
  let records: TraceReadModel;
  let fx: MediumFixtures;

  beforeAll(async () => {
    db = await openMediumDatabase();
    records = new TraceReadModel(db.dataSource);
    fx = new MediumFixtures(db.dataSource);
  });
  afterAll(() => db?.close());

  it('reads many labels in one call, each with its latest alarm clearing, and leaves unknown serials out', async () => {
    const coop = await fx.cooperative();
    const batch = await fx.batch(await fx.household(coop), await fx.product(coop));
    const run = await fx.labelRun(batch, { quantity: 3 });
    const active = await fx.label(run, 1, { scanCount: 7, firstScannedAt: new Date('2026-06-01T01:02:03.456Z') });
    const voided = await fx.label(run, 2, { status: 'voided', voidReason: 'Nhãn in hỏng', voidedAt: new Date('2026-06-02T00:00:00.000Z') });
    const cleared = await fx.label(run, 3);
    for (const at of ['2026-06-03T08:00:00.000Z', '2026-06-05T09:30:00.000Z']) {
      await db.dataSource.manager.insert(ScanAlertClearance, {
        id: randomUUID(),
        labelId: cleared.id,
        serial: cleared.serial,
        cooperativeId: coop.id,
        clearedBy: randomUUID(),
        clearedAt: new Date(at),
        reason: 'Hội chợ',
        networksInWindow: 40,
      });
    }

    const rows = await records.loadLabelViews([active.serial, voided.serial, cleared.serial, 'SNOSUCHLABEL0000']);

    expect([...rows.keys()].sort()).toEqual([active.serial, voided.serial, cleared.serial].sort());
    const ms = (value: Date | string | null) =>
      value === null
        ? null
        : value instanceof Date
          ? value.getTime()
          : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
    const first = rows.get(active.serial)!;
    expect(first).toMatchObject({ serial: active.serial, batch_id: batch.id, status: 'active', void_reason: null, last_cleared_at: null });
    expect(Number(first.scan_count)).toBe(7);
    expect(ms(first.first_scanned_at)).toBe(Date.parse('2026-06-01T01:02:03.456Z'));
    expect(rows.get(voided.serial)).toMatchObject({ status: 'voided', void_reason: 'Nhãn in hỏng' });
    expect(ms(rows.get(voided.serial)!.voided_at)).toBe(Date.parse('2026-06-02T00:00:00.000Z'));
    expect(ms(rows.get(cleared.serial)!.last_cleared_at)).toBe(Date.parse('2026-06-05T09:30:00.000Z'));
  });

  it('answers a call for one serial, and a call as large as one batch of the trace cache (500 serials)', async () => {
    const coop = await fx.cooperative();
    const run = await fx.labelRun(await fx.batch(await fx.household(coop), await fx.product(coop)), { quantity: 1 });
    const label = await fx.label(run, 1);
    const unknown = Array.from({ length: 499 }, (_, i) => `SUNKNOWN${String(i).padStart(8, '0')}`);

    expect([...(await records.loadLabelViews([label.serial])).keys()]).toEqual([label.serial]);
    expect([...(await records.loadLabelViews([...unknown, label.serial])).keys()]).toEqual([label.serial]);
  });

  it("adds scans to a batch's days inside the caller's transaction, summing a day written twice", async () => {
    const coop = await fx.cooperative();
    const batch = await fx.batch(await fx.household(coop), await fx.product(coop));
    const days = new ScanDaysRepository(db.dataSource);
    await days.transaction((m) =>
      days.add(m, [
        { batchId: batch.id, day: '2026-06-02', scans: 3 },
        { batchId: batch.id, day: '2026-06-01', scans: 1 },
      ]),
    );
    await days.transaction((m) => days.add(m, [{ batchId: batch.id, day: '2026-06-02', scans: 4 }]));

    const rows = await db.dataSource.query<{ day: string; scans: string | number }[]>(
      `SELECT day, scans FROM batch_scan_days WHERE batch_id = ${mediumKind() === 'postgres' ? '$1' : '?'} ORDER BY day`,
      [batch.id],
    );
    expect(rows.map((r) => [r.day, Number(r.scans)])).toEqual([
      ['2026-06-01', 1],
      ['2026-06-02', 7],
    ]);
  });
});
