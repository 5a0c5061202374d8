import { createCooperative, createFixture, Fixture } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** A valid GTIN-13 with a random body, so reruns never collide. */
function randomGtin13(): string {
  const body = `893${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += Number(body[i]) * w;
  return body + String((10 - (sum % 10)) % 10);
}

describe('catalog: products (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  const create = (body: object, token = f.managerToken) =>
    t.http
      .post('/api/v1/products')
      .set(bearer(token))
      .send({ cooperativeId: f.cooperativeId, name: 'Vải thiều Thanh Hà', unit: 'box', ...body });

  it('stores a GTIN-13 as GTIN-14 and returns the product', async () => {
    const gtin = randomGtin13();
    const res = await create({
      gtin,
      packageNetWeightKg: 2.5,
      geographicalIndication: 'Vải thiều Thanh Hà (CDĐL số 00005)',
      ocopStars: 5,
      shelfLifeDays: 30,
      variety: 'Vải u hồng',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      gtin: `0${gtin}`,
      packageNetWeightKg: 2.5,
      ocopStars: 5,
      cooperativeId: f.cooperativeId,
    });
    const read = await t.http.get(`/api/v1/products/${res.body.id}`).set(bearer(f.farmerToken));
    expect(read.status).toBe(200);
    expect(read.body.gtin).toBe(`0${gtin}`);
  });

  it('answers 400 for a GTIN with a wrong check digit or a wrong length', async () => {
    const gtin = randomGtin13();
    const wrong = gtin.slice(0, 12) + String((Number(gtin[12]) + 1) % 10);
    expect(expectProblem(await create({ gtin: wrong }), 400).errors).toEqual([
      { field: 'gtin', message: expect.stringContaining('check digit') },
    ]);
    expect(errorFields(await create({ gtin: '12345' }))).toEqual(['gtin']);
    expect(errorFields(await create({ gtin: 8934567890120 }))).toContain('gtin');
  });

  it('answers 409 for a GTIN already registered, also when written as GTIN-14', async () => {
    const gtin = randomGtin13();
    await create({ gtin }).expect(201);
    expectProblem(await create({ gtin }), 409);
    expectProblem(await create({ gtin: `0${gtin}` }), 409);
  });

  it('allows any number of products without a GTIN (null or absent)', async () => {
    await create({}).expect(201);
    await create({}).expect(201);
    expect((await create({ gtin: null })).status).toBe(201);
  });

  it.each([2, 6, 0, 3.5, '4'])('answers 400 for ocopStars %j', async (ocopStars) => {
    expect(errorFields(await create({ ocopStars }))).toEqual(['ocopStars']);
  });

  it.each([3, 4, 5])('accepts ocopStars %j', async (ocopStars) => {
    expect((await create({ ocopStars })).status).toBe(201);
  });

  it('validates the other fields', async () => {
    expect(errorFields(await create({ unit: 'barrel', packageNetWeightKg: -1, shelfLifeDays: 0, name: '' }))).toEqual(
      expect.arrayContaining(['unit', 'packageNetWeightKg', 'shelfLifeDays', 'name']),
    );
  });

  it('refuses a manager registering a product of another co-op, and a farmer altogether', async () => {
    const other = await createCooperative(t, 'HTX khác');
    expectProblem(
      await t.http.post('/api/v1/products').set(bearer(f.managerToken)).send({ cooperativeId: other, name: 'X', unit: 'kg' }),
      403,
    );
    expectProblem(await create({}, f.farmerToken), 403);
  });

  it('lists the products of the caller’s co-operative', async () => {
    const res = await t.http.get('/api/v1/products?limit=500').set(bearer(f.managerToken));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((p: { cooperativeId: string }) => p.cooperativeId === f.cooperativeId)).toBe(true);
  });
});
