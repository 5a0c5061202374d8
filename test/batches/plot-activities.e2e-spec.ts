import { randomUUID } from 'node:crypto';
import { createFixture, createPlot, Fixture } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;
const daysAgo = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString();

/** The plot's own field diary (issue 13): work recorded before any harvest batch exists. */
describe('plots: field diary (e2e)', () => {
  let t: TestApp;
  let f: Fixture;
  let other: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
    other = await createFixture(t, 'HTX Nhãn lồng Hưng Yên');
  });
  afterAll(async () => t?.close());

  const record = (plotId: string, body: object, token = f.farmerToken) =>
    t.http.post(`/api/v1/plots/${plotId}/activities`).set(bearer(token)).send(body);

  it('records watering and pruning by the farmer, lists them, and answers a repeated create with the same record', async () => {
    const plotId = await createPlot(t, f.managerToken, f.householdId);
    const id = randomUUID();
    const body = { id, activity: 'watering', occurredAt: daysAgo(1), details: { note: 'Tưới gốc' } };
    const first = await record(plotId, body);
    expect(first.status).toBe(201);
    expect(first.body).toEqual(expect.objectContaining({ id, plotId, activity: 'watering', details: { note: 'Tưới gốc' } }));
    // The answer was lost and the phone sends again: the same record, not a second one.
    const again = await record(plotId, body);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    expect((await record(plotId, { activity: 'pruning', occurredAt: daysAgo(2) })).status).toBe(201);
    const list = await t.http.get(`/api/v1/plots/${plotId}/activities`).set(bearer(f.farmerToken));
    expect(list.status).toBe(200);
    expect((list.body.items as { activity: string }[]).map((a) => a.activity).sort()).toEqual(['pruning', 'watering']);
    // The same id with another body is refused, not silently merged.
    expectProblem(await record(plotId, { ...body, activity: 'pruning' }), 409);
  });

  it('refuses bad input naming the field, and another co-operative’s plot', async () => {
    expect(errorFields(await record(f.plotId, { activity: 'dancing', occurredAt: daysAgo(1) }))).toContain('activity');
    expect(errorFields(await record(f.plotId, { activity: 'watering', occurredAt: 'yesterday' }))).toContain('occurredAt');
    expect(errorFields(await record(f.plotId, { activity: 'spraying', occurredAt: daysAgo(1), details: {} }))).toContain('details.pesticide');
    expect(errorFields(await record(f.plotId, { activity: 'watering', occurredAt: new Date(Date.now() + 3 * DAY_MS).toISOString() }))).toContain(
      'occurredAt',
    );
    const foreign = await record(other.plotId, { activity: 'watering', occurredAt: daysAgo(1) });
    expect([403, 404]).toContain(foreign.status);
  });

  it('a spraying in the plot diary sets the safe-to-harvest date and holds a batch harvested inside its interval', async () => {
    const plotId = await createPlot(t, f.managerToken, f.householdId);
    const spray = await record(plotId, {
      id: randomUUID(),
      activity: 'spraying',
      occurredAt: daysAgo(2),
      details: { pesticide: 'Abamectin 3.6EC', phiDays: 7 },
    });
    expect(spray.status).toBe(201);
    expect(spray.body.details).toEqual(expect.objectContaining({ phiDays: 7 }));
    const safety = await t.http.get(`/api/v1/plots/${plotId}/safety`).set(bearer(f.farmerToken));
    expect(safety.status).toBe(200);
    expect(safety.body.safeNow).toBe(false);
    expect(Date.parse(safety.body.safeToHarvestFrom)).toBe(Date.parse(spray.body.occurredAt) + 7 * DAY_MS);
    expect(safety.body.activeIntervals).toEqual([expect.objectContaining({ eventId: spray.body.id, batchId: null, phiDays: 7 })]);

    const harvest = await t.http
      .post('/api/v1/batches')
      .set(bearer(f.farmerToken))
      .send({ productId: f.productId, householdId: f.householdId, plotId, harvestedAt: daysAgo(1), quantity: 100, unit: 'kg' });
    expect(harvest.status).toBe(201);
    expect(harvest.body.onHold).toBe(true);
    expect(Date.parse(harvest.body.safeFrom)).toBe(Date.parse(safety.body.safeToHarvestFrom));
  });

  it('a spraying written later but dated before a harvest puts that batch on hold', async () => {
    const plotId = await createPlot(t, f.managerToken, f.householdId);
    const harvest = await t.http
      .post('/api/v1/batches')
      .set(bearer(f.farmerToken))
      .send({ productId: f.productId, householdId: f.householdId, plotId, harvestedAt: daysAgo(1), quantity: 100, unit: 'kg' });
    expect(harvest.body.onHold).toBe(false);
    expect((await record(plotId, { activity: 'spraying', occurredAt: daysAgo(3), details: { pesticide: 'Abamectin 3.6EC', phiDays: 7 } })).status).toBe(
      201,
    );
    const batch = await t.http.get(`/api/v1/batches/${harvest.body.id}`).set(bearer(f.managerToken));
    expect(batch.body.onHold).toBe(true);
  });
});
