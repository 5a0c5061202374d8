import { bearer, startTestApp, TestApp } from '../support/test-app';
import { createFixture, Fixture } from '../support/factories';

describe('batches (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  it('flags a harvest inside the pre-harvest interval of a spraying, and keeps the record', async () => {
    const spray = await t.http
      .post(`/api/v1/batches/${f.batchId}/events`)
      .set(bearer(f.farmerToken))
      .send({ bizStep: 'spraying', occurredAt: '2026-06-05T07:00:00+07:00', details: { pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays: 7 } });
    expect(spray.status).toBe(201);
    const batch = await t.http.get(`/api/v1/batches/${f.batchId}`).set(bearer(f.managerToken));
    expect(batch.status).toBe(200);
    expect(batch.body.events).toHaveLength(1);
    expect(batch.body.safetyWarnings).toEqual([
      expect.objectContaining({ code: 'PRE_HARVEST_INTERVAL_NOT_ELAPSED', pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays: 7 }),
    ]);
    expect(batch.body.lotCode).toMatch(/^\d{6}-[0-9A-Z]{6}$/);
    expect(batch.body.household.nationalId).toBe('********1234');
  });
});
