import { randomUUID } from 'node:crypto';
import { createFixture, createPlot, Fixture } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** The food-safety hold, corrections and repeatable creates on SQLite (one writer, no row locks). */
describe('batches on SQLite: food safety, corrections, repeatable creates (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  it('holds, releases, corrects and repeats as on PostgreSQL', async () => {
    const plotId = await createPlot(t, f.managerToken, f.householdId);
    const id = randomUUID();
    const body = {
      id,
      productId: f.productId,
      householdId: f.householdId,
      plotId,
      harvestedAt: new Date().toISOString(),
      quantity: 50,
      unit: 'kg',
    };
    const created = await t.http.post('/api/v1/batches').set(bearer(f.farmerToken)).send(body);
    expect(created.status).toBe(201);
    expect((await t.http.post('/api/v1/batches').set(bearer(f.farmerToken)).send(body)).body).toEqual(created.body);

    const spray = await t.http
      .post(`/api/v1/batches/${id}/events`)
      .set(bearer(f.farmerToken))
      .send({
        bizStep: 'spraying',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        details: { activeIngredient: 'Mancozeb' },
      });
    expect(spray.body.details).toMatchObject({ phiDays: 14, phiSource: 'table' });
    expect((await t.http.get(`/api/v1/batches/${id}`).set(bearer(f.managerToken))).body.onHold).toBe(true);
    expect((await t.http.get(`/api/v1/plots/${plotId}/safety`).set(bearer(f.farmerToken))).body.safeNow).toBe(false);
    expectProblem(
      await t.http
        .post(`/api/v1/batches/${id}/label-runs`)
        .set(bearer(f.managerToken))
        .send({ quantity: 1, layout: 'thermal-50x30', format: 'zpl' }),
      409,
    );

    const fix = await t.http
      .post(`/api/v1/batches/${id}/events`)
      .set(bearer(f.farmerToken))
      .send({
        bizStep: 'spraying',
        occurredAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
        details: { activeIngredient: 'Mancozeb' },
        supersedes: spray.body.id as string,
        correctionReason: 'Nhầm ngày',
      });
    expect(fix.status).toBe(201);
    const after = await t.http.get(`/api/v1/batches/${id}`).set(bearer(f.managerToken));
    expect(after.body.onHold).toBe(false);
    expectProblem(
      await t.http.patch(`/api/v1/batches/${id}`).set(bearer(f.managerToken)).set('If-Match', '"7"').send({ quantity: 40 }),
      412,
    );
    expect(
      (
        await t.http
          .patch(`/api/v1/batches/${id}`)
          .set(bearer(f.managerToken))
          .set('If-Match', after.headers.etag)
          .send({ quantity: 40 })
      ).status,
    ).toBe(200);
    const found = await t.http.get('/api/v1/pesticides?q=duc%20cuong').set(bearer(f.farmerToken));
    expect(found.body.items.length).toBeGreaterThan(0);
  });
});
