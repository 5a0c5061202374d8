import { DataSource } from 'typeorm';
import { createBatch, createCooperative, createHousehold, createManager, createPlot, createProduct } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const day = (offset = 0) => new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** The province dashboard's report on SQLite: timestamps stored as text, the same area matching. */
describe('GET /api/v1/reports/area-activity on SQLite (smoke)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('answers the series and the flags of an area, and nothing for another', async () => {
    const cooperativeId = await createCooperative(t);
    const token = await createManager(t, cooperativeId);
    const householdId = await createHousehold(t, token, cooperativeId, { province: 'Hải Dương', commune: 'Thanh Hà' });
    const plotId = await createPlot(t, token, householdId);
    const expiredPlotId = await createPlot(t, token, householdId, {
      certifications: [{ scheme: 'VietGAP', number: 'VG-HET', issuedAt: day(-400), validUntil: day(-2) }],
    });
    const productId = await createProduct(t, token, cooperativeId, { unit: 'box', packageNetWeightKg: 1 });
    const batch = await createBatch(t, token, { productId, householdId, plotId, quantity: 4, harvestedAt: `${day(-1)}T07:00:00+07:00` });
    expect(
      (await t.http.post(`/api/v1/batches/${batch.id}/label-runs`).set(bearer(token)).send({ quantity: 6, layout: 'a4-3x8', format: 'pdf', allowOverrun: true }))
        .status,
    ).toBe(202);
    expect(
      (
        await t.http
          .post(`/api/v1/batches/${batch.id}/events`)
          .set(bearer(token))
          .send({ bizStep: 'spraying', occurredAt: `${day(-3)}T07:00:00+07:00`, details: { pesticide: 'Thuốc thử', phiDays: 10 } })
      ).status,
    ).toBe(201);
    await t.app.get(DataSource).query('INSERT INTO batch_scan_days (batch_id, day, scans) VALUES (?, ?, ?)', [batch.id, day(0), 3]);

    const here = await t.http.get(`/api/v1/reports/area-activity?province=${encodeURIComponent('Hải Phòng')}`).set(bearer(t.adminToken));
    expect(here.status).toBe(200);
    expect(here.body.labelsPrintedByDay).toEqual([{ day: day(0), labels: 6 }]);
    expect(here.body.scansByDay).toEqual([{ day: day(0), scans: 3 }]);
    expect(here.body.flags.phiHolds).toEqual([expect.objectContaining({ batchId: batch.id, harvestedAt: expect.stringMatching(/Z$/) })]);
    expect(Date.parse(here.body.flags.phiHolds[0].safeFrom)).toBeGreaterThan(Date.parse(here.body.flags.phiHolds[0].harvestedAt));
    expect(here.body.flags.expiredCertificates.map((f: { plotId: string }) => f.plotId)).toEqual([expiredPlotId]);
    expect(here.body.flags.labelMismatches).toEqual([expect.objectContaining({ batchId: batch.id, labelsPrinted: 6, capacity: 4 })]);

    const elsewhere = await t.http.get(`/api/v1/reports/area-activity?province=${encodeURIComponent('Bắc Ninh')}`).set(bearer(t.adminToken));
    expect(elsewhere.body).toEqual({
      labelsPrintedByDay: [],
      scansByDay: [],
      flags: { phiHolds: [], phiOverrides: [], expiredCertificates: [], labelMismatches: [] },
    });
  });
});
