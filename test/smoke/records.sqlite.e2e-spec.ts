import { createFixture, createHousehold } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { validateEpcis } from '../support/epcis-validator';

/** The new report, recall and export queries run unchanged on SQLite. */
describe('records and reports on SQLite (smoke)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('exports EPCIS, reports, recalls and writes the CSV', async () => {
    const f = await createFixture(t);
    await createHousehold(t, f.managerToken, f.cooperativeId, { province: 'Hải Dương', district: 'Thanh Hà', commune: 'Thanh Hà' });
    await t.http
      .post(`/api/v1/batches/${f.batchId}/events`)
      .set(bearer(f.managerToken))
      .send({ bizStep: 'packing', occurredAt: '2026-06-10T10:00:00+07:00' });
    expect(
      (
        await t.http
          .post(`/api/v1/batches/${f.batchId}/label-runs`)
          .set(bearer(f.managerToken))
          .send({ quantity: 5, layout: 'thermal-50x30', format: 'zpl' })
      ).status,
    ).toBe(202);

    const epcis = await t.http.get(`/api/v1/batches/${f.batchId}/epcis`).set(bearer(f.managerToken));
    expect(validateEpcis(JSON.parse(epcis.text)).success).toBe(true);

    const indicators = await t.http.get('/api/v1/reports/indicators?province=Hải Phòng&commune=Thanh Hà').set(bearer(t.adminToken));
    expect(indicators.body).toMatchObject({ householdsRegistered: 2, householdsTrained: 2, labelsPrinted: 5, scans: 0, transactions: 0 });
    const reconciliation = await t.http.get('/api/v1/reports/reconciliation').set(bearer(f.managerToken));
    expect(reconciliation.body.batches[0]).toMatchObject({ labelsPrinted: 5, kgHarvested: 1200, capacity: 600 });
    expect(reconciliation.body.plots[0]).toMatchObject({ year: 2026, kgPerHa: 1500 });
    const dashboard = await t.http.get('/api/v1/reports/dashboard').set(bearer(t.adminToken));
    expect(dashboard.body.labelsPrintedByDay[0].labels).toBe(5);

    const recall = await t.http.post(`/api/v1/batches/${f.batchId}/recall`).set(bearer(f.managerToken)).send({ reason: 'Thu hồi thử' });
    expect(recall.body).toMatchObject({ status: 'recalled', labels: { total: 5, voided: 5 } });
    const csv = await t.http.get(`/api/v1/batches/${f.batchId}/trace.csv`).set(bearer(f.managerToken));
    expect(csv.text.trim().split('\r\n')).toHaveLength(3);
  });
});
