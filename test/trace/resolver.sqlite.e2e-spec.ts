import { validateEpcis } from '../support/epcis-validator';
import { createFixture, createProduct, createBatch } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/** The resolver's own SQL (the label row with its last clearing) and the public lot records run unchanged on SQLite. */
describe('the resolver on SQLite (smoke)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(async () => t?.close());

  it('scans, voids, clears, answers the linkset and serves the public EPCIS', async () => {
    const f = await createFixture(t);
    const productId = await createProduct(t, f.managerToken, f.cooperativeId, { gtin: '8930000000019' });
    const batch = await createBatch(t, f.managerToken, { productId, householdId: f.householdId, plotId: f.plotId });
    const run = await t.http
      .post(`/api/v1/batches/${batch.id}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 3, layout: 'thermal-50x30', format: 'zpl' });
    expect(run.status).toBe(202);
    const labels = await t.http.get(`/api/v1/labels?labelRunId=${run.body.id}&limit=10`).set(bearer(f.managerToken));
    const [first, second] = (labels.body.items as { serial: string }[]).map((l) => l.serial);
    const path = (serial: string) => `/01/08930000000019/10/${batch.lotCode}/21/${serial}`;

    const genuine = await t.http.get(path(first)).set('Accept', 'application/json');
    expect(genuine.body).toMatchObject({ verdict: 'genuine', scan: { count: 1 } });
    expect(new Date(genuine.body.scan.firstScannedAt as string).getTime()).toBeGreaterThan(Date.now() - 600_000);

    await t.http
      .post('/api/v1/labels/void')
      .set(bearer(f.managerToken))
      .send({ serials: [second], reason: 'Tem in lỗi' });
    const voided = await t.http.get(path(second)).set('Accept', 'application/json');
    expect(voided.body.verdict).toBe('voided');
    expect(new Date(voided.body.status.voided.at as string).getTime()).toBeGreaterThan(Date.now() - 600_000);

    const linkset = await t.http.get(`${path(first)}?linkType=linkset`);
    expect(linkset.status).toBe(200);
    expect((JSON.parse(linkset.text) as { linkset: unknown[] }).linkset).toHaveLength(3);
    const traceability = await t.http.get(`${path(first)}?linkType=gs1:traceability`);
    const epcis = await t.http.get(new URL(traceability.headers.location).pathname);
    expect(epcis.status).toBe(200);
    expect(validateEpcis(JSON.parse(epcis.text)).errors).toEqual([]);
  });
});
