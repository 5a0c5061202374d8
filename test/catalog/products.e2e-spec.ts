import { createCooperative, createFixture, createManager, Fixture } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** A valid GTIN-13 with a random body, so reruns never collide. */
function randomGtin13(prefix = '893'): string {
  const body = `${prefix}${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`.slice(0, 12);
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
      { field: 'gtin', message: 'sai chữ số kiểm tra (check digit)' },
    ]);
    expect(expectProblem(await create({ gtin: wrong }).set('Accept-Language', 'en'), 400).errors).toEqual([
      { field: 'gtin', message: 'has a wrong check digit' },
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

  it('takes a co-op manager’s own co-operative when none is named; the province office must name one', async () => {
    const own = await t.http.post('/api/v1/products').set(bearer(f.managerToken)).send({ name: 'Vải thiều sấy khô', unit: 'bag' });
    expect(own.status).toBe(201);
    expect(own.body.cooperativeId).toBe(f.cooperativeId);
    const office = await t.http.post('/api/v1/products').set(bearer(t.adminToken)).send({ name: 'Vải thiều sấy khô', unit: 'bag' });
    expect(errorFields(office)).toEqual(['cooperativeId']);
  });

  it('lists the products of the caller’s co-operative', async () => {
    const res = await t.http.get('/api/v1/products?limit=500').set(bearer(f.managerToken));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((p: { cooperativeId: string }) => p.cooperativeId === f.cooperativeId)).toBe(true);
  });

  describe('corrections (issue 12)', () => {
    const patch = (id: string, body: object, ifMatch?: string, token = f.managerToken) => {
      const req = t.http.patch(`/api/v1/products/${id}`).set(bearer(token));
      return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body);
    };

    it('edits carry a version: ETag on GET and PATCH, a stale If-Match is 412 with the current product', async () => {
      const id = (await create({ description: 'Hộp 2 kg' })).body.id as string;
      expect((await t.http.get(`/api/v1/products/${id}`).set(bearer(f.managerToken))).headers.etag).toBe('"1"');
      const edited = await patch(id, { description: 'Hộp 2,5 kg', ocopStars: 5 }, '"1"');
      expect(edited.status).toBe(200);
      expect(edited.headers.etag).toBe('"2"');
      expect(edited.body).toMatchObject({ description: 'Hộp 2,5 kg', ocopStars: 5, version: 2 });
      expect(expectProblem(await patch(id, { description: 'cũ' }, '"1"'), 412)).toMatchObject({
        currentVersion: 2,
        current: expect.objectContaining({ description: 'Hộp 2,5 kg' }),
      });
      expect((await patch(id, { variety: null })).body).toMatchObject({ variety: null });
      expect(errorFields(await patch(id, { name: null }))).toEqual(['name']);
      expectProblem(await patch(id, { description: 'x' }, undefined, f.farmerToken), 403);
    });

    it('once labels are printed, gtin, name, geographicalIndication and packageNetWeightKg are 409 naming the field; other fields stay editable', async () => {
      await t.http
        .post(`/api/v1/batches/${f.batchId}/label-runs`)
        .set(bearer(f.managerToken))
        .send({ quantity: 1, layout: 'thermal-50x30', format: 'zpl', allowOverrun: true })
        .expect(202);
      for (const [field, value] of [
        ['name', 'Vải khác'],
        ['gtin', randomGtin13()],
        ['geographicalIndication', 'Khác'],
        ['packageNetWeightKg', 3],
      ] as const) {
        const problem = expectProblem(await patch(f.productId, { [field]: value }), 409);
        expect(problem).toMatchObject({ field, errors: [{ field, message: `không thể sửa ${field}: đã có tem in cho sản phẩm này` }] });
      }
      expect((await patch(f.productId, { description: 'Mô tả mới', shelfLifeDays: 20 })).status).toBe(200);
      // The same value again is not a change.
      expect((await patch(f.productId, { packageNetWeightKg: 2 })).status).toBe(200);
      expectProblem(await t.http.delete(`/api/v1/products/${f.productId}`).set(bearer(f.managerToken)), 409);
    });

    it('archives a product without labels: 204, gone from the list, no new batches', async () => {
      const id = (await create({})).body.id as string;
      expect((await t.http.delete(`/api/v1/products/${id}`).set(bearer(f.managerToken))).status).toBe(204);
      const list = await t.http.get('/api/v1/products?limit=500').set(bearer(f.managerToken));
      expect((list.body.items as { id: string }[]).map((p) => p.id)).not.toContain(id);
      expectProblem(
        await t.http
          .post('/api/v1/batches')
          .set(bearer(f.managerToken))
          .send({ productId: id, householdId: f.householdId, harvestedAt: '2026-06-10', quantity: 10, unit: 'kg' }),
        409,
      );
    });
  });

  describe('a GTIN belongs to its owner (issue 12, point 8)', () => {
    const prefix = `893${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
    let cooperativeId: string;
    let managerToken: string;

    beforeAll(async () => {
      const coop = await t.http
        .post('/api/v1/cooperatives')
        .set(bearer(t.adminToken))
        .send({ name: 'HTX có mã GS1', province: 'Hải Phòng', commune: 'Thanh Hà', gs1CompanyPrefix: prefix });
      cooperativeId = coop.body.id as string;
      managerToken = await createManager(t, cooperativeId);
    });

    const createIn = (body: object, token = managerToken) =>
      t.http
        .post('/api/v1/products')
        .set(bearer(token))
        .send({ cooperativeId, name: 'Vải thiều', unit: 'box', ...body });

    it('accepts a GTIN under the co-op prefix and refuses one outside it with 400 naming gtin', async () => {
      expect((await createIn({ gtin: randomGtin13(prefix) })).status).toBe(201);
      const outside = expectProblem(await createIn({ gtin: randomGtin13('8930000') }), 400);
      expect(outside.errors).toEqual([{ field: 'gtin', message: expect.stringContaining(prefix) }]);
      // A manager cannot override it.
      expectProblem(await createIn({ gtin: randomGtin13('8930000'), gtinPrefixOverrideReason: 'GTIN của nhà phân phối' }), 403);
      // Without a prefix (the fixture co-op) any valid GTIN is accepted.
      expect((await create({ gtin: randomGtin13('8930000') })).status).toBe(201);
    });

    it('an admin may accept a GTIN outside the prefix with a reason, recorded on the product', async () => {
      const res = await createIn(
        { gtin: randomGtin13('8930000'), gtinPrefixOverrideReason: 'GTIN cấp cho nhà phân phối độc quyền' },
        t.adminToken,
      );
      expect(res.status).toBe(201);
      expect(res.body.gtinPrefixOverride).toEqual({
        reason: 'GTIN cấp cho nhà phân phối độc quyền',
        by: expect.any(String),
        at: expect.any(String),
      });
      // The rule holds on edits too.
      const id = (await createIn({})).body.id as string;
      expect(
        errorFields(
          await t.http
            .patch(`/api/v1/products/${id}`)
            .set(bearer(managerToken))
            .send({ gtin: randomGtin13('8930000') }),
        ),
      ).toEqual(['gtin']);
    });
  });
});
