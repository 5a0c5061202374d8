import { createCooperative, createFixture, createHousehold, createPlot, createProduct, Fixture } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const GS1_AI82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

describe('batches (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  const newBatch = (body: object, token = f.managerToken) =>
    t.http
      .post('/api/v1/batches')
      .set(bearer(token))
      .send({
        productId: f.productId,
        householdId: f.householdId,
        harvestedAt: '2026-06-10T06:00:00+07:00',
        quantity: 500,
        unit: 'kg',
        ...body,
      });
  const addEvent = (batchId: string, body: object, token = f.farmerToken) =>
    t.http.post(`/api/v1/batches/${batchId}/events`).set(bearer(token)).send(body);
  const getBatch = (batchId: string) => t.http.get(`/api/v1/batches/${batchId}`).set(bearer(f.managerToken));
  const spray = (occurredAt: string, preHarvestIntervalDays: number) => ({
    bizStep: 'spraying',
    occurredAt,
    details: { pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays },
  });

  it('generates a unique lot code of at most 20 GS1 characters, starting with the harvest date', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await newBatch({}, f.farmerToken);
      expect(res.status).toBe(201);
      expect(res.body.lotCode).toMatch(GS1_AI82);
      expect(res.body.lotCode.startsWith('260610-')).toBe(true);
      codes.add(res.body.lotCode);
    }
    expect(codes.size).toBe(5);
  });

  it('returns the batch with product, household (national ID masked), plot and events', async () => {
    const res = await getBatch(f.batchId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: f.batchId,
      lotCode: f.lotCode,
      product: { id: f.productId },
      household: { id: f.householdId, nationalId: '********1234' },
      plot: { id: f.plotId },
      events: expect.any(Array),
      safetyWarnings: expect.any(Array),
    });
    expect(res.text).not.toContain('030088001234');
  });

  it('refuses a plot of another household and a product of another co-op with 400', async () => {
    const otherHousehold = await createHousehold(t, f.managerToken, f.cooperativeId);
    const otherPlot = await createPlot(t, f.managerToken, otherHousehold);
    expect(errorFields(await newBatch({ plotId: otherPlot }))).toEqual(['plotId']);
    const otherCoop = await createCooperative(t, 'HTX khác');
    const foreignProduct = await createProduct(t, t.adminToken, otherCoop);
    expect(errorFields(await newBatch({ productId: foreignProduct }))).toEqual(['productId']);
  });

  it('validates the batch body', async () => {
    expect(errorFields(await newBatch({ harvestedAt: '10/06/2026', quantity: 0, unit: 'bushel' }))).toEqual(
      expect.arrayContaining(['harvestedAt', 'quantity', 'unit']),
    );
    expect(errorFields(await newBatch({ harvestedAt: '2999-01-01T00:00:00+07:00' }))).toEqual(['harvestedAt']);
    expectProblem(await newBatch({ productId: '00000000-0000-4000-8000-000000000000' }), 404);
  });

  it.each(['planting', 'fertilizing', 'spraying', 'harvesting', 'packing', 'inspecting', 'shipping', 'receiving'])(
    'records a %s event',
    async (bizStep) => {
      const details =
        bizStep === 'spraying' ? { pesticide: 'Chlorantraniliprole', preHarvestIntervalDays: 3 } : { note: `bước ${bizStep}` };
      const res = await addEvent(f.batchId, { bizStep, occurredAt: '2026-05-01T07:00:00+07:00', details });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), batchId: f.batchId, bizStep, details });
    },
  );

  it('refuses an unknown step and a spraying without pesticide or pre-harvest interval', async () => {
    expect(errorFields(await addEvent(f.batchId, { bizStep: 'dancing', occurredAt: '2026-05-01' }))).toEqual(['bizStep']);
    expect(errorFields(await addEvent(f.batchId, { bizStep: 'spraying', occurredAt: '2026-05-01' }))).toEqual([
      'details.pesticide',
      'details.phiDays',
    ]);
    // A product the pesticide table does not know needs its interval typed in.
    expect(errorFields(await addEvent(f.batchId, { bizStep: 'spraying', occurredAt: '2026-05-01', details: { pesticide: 'X' } }))).toEqual([
      'details.phiDays',
    ]);
    expect(
      errorFields(await addEvent(f.batchId, { bizStep: 'spraying', occurredAt: '2026-05-01', details: { preHarvestIntervalDays: 7 } })),
    ).toEqual(['details.pesticide']);
  });

  it('flags a harvest inside the pre-harvest interval of a spraying, and keeps the record', async () => {
    const batch = (await newBatch({}, f.farmerToken)).body as { id: string };
    expect((await addEvent(batch.id, spray('2026-06-05T07:00:00+07:00', 7))).status).toBe(201);
    const res = await getBatch(batch.id);
    expect(res.body.events).toHaveLength(1);
    expect(res.body.safetyWarnings).toEqual([
      expect.objectContaining({ code: 'PRE_HARVEST_INTERVAL_NOT_ELAPSED', pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays: 7 }),
    ]);
  });

  it('flags it too when the spraying is recorded after the harvesting event', async () => {
    const batch = (await newBatch({ harvestedAt: '2026-06-01T06:00:00+07:00' }, f.farmerToken)).body as { id: string };
    expect((await addEvent(batch.id, { bizStep: 'harvesting', occurredAt: '2026-06-20T06:00:00+07:00' })).status).toBe(201);
    expect((await getBatch(batch.id)).body.safetyWarnings).toEqual([]);
    expect((await addEvent(batch.id, spray('2026-06-15T07:00:00+07:00', 10))).status).toBe(201);
    const warnings = (await getBatch(batch.id)).body.safetyWarnings;
    expect(warnings).toEqual([
      expect.objectContaining({ harvestedAt: new Date('2026-06-20T06:00:00+07:00').toISOString(), preHarvestIntervalDays: 10 }),
    ]);
  });

  it('does not flag a harvest after the interval has passed', async () => {
    const batch = (await newBatch({}, f.farmerToken)).body as { id: string };
    expect((await addEvent(batch.id, spray('2026-05-20T07:00:00+07:00', 14))).status).toBe(201);
    expect((await addEvent(batch.id, { bizStep: 'harvesting', occurredAt: '2026-06-10T06:00:00+07:00' })).status).toBe(201);
    expect((await getBatch(batch.id)).body.safetyWarnings).toEqual([]);
  });

  it('lists batches of the caller only', async () => {
    const res = await t.http.get('/api/v1/batches?limit=500').set(bearer(f.farmerToken));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((b: { householdId: string }) => b.householdId === f.householdId)).toBe(true);
  });
});
