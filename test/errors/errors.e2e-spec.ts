import { createFixture, Fixture } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('errors (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '65536' });
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  const admin = () => bearer(t.adminToken);

  it('answers every error status as application/problem+json', async () => {
    expectProblem(await t.http.post('/api/v1/cooperatives').set(admin()).send({}), 400);
    expectProblem(await t.http.get('/api/v1/cooperatives'), 401);
    expectProblem(await t.http.get('/api/v1/cooperatives').set(bearer('not.a.jwt')), 401);
    expectProblem(
      await t.http.post('/api/v1/cooperatives').set(bearer(f.managerToken)).send({ name: 'X', province: 'Y', commune: 'Z' }),
      403,
    );
    expectProblem(await t.http.get('/api/v1/households/00000000-0000-4000-8000-000000000000').set(admin()), 404);
    expectProblem(await t.http.get('/api/v1/no-such-route').set(admin()), 404);
    const householdPhone = (await t.http.get(`/api/v1/households/${f.householdId}`).set(admin())).body.phone as string;
    expectProblem(
      await t.http
        .post('/api/v1/households')
        .set(admin())
        .send({ cooperativeId: f.cooperativeId, headName: 'X', phone: householdPhone, province: 'Y', commune: 'Z' }),
      409,
    );
    expectProblem(
      await t.http
        .post('/api/v1/cooperatives')
        .set(admin())
        .send({ name: 'x'.repeat(70_000), province: 'Y', commune: 'Z' }),
      413,
    );
    expectProblem(
      await t.http.post('/api/v1/cooperatives').set(admin()).set('Content-Type', 'application/xml').send('<cooperative/>'),
      415,
    );
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await t.http.post('/api/v1/cooperatives').set(admin()).set('Content-Type', 'application/json').send('{"name": "HTX",');
    expectProblem(res, 400);
    expectProblem(
      await t.http.post('/api/v1/cooperatives').set(admin()).set('Content-Type', 'application/json').send('{"__proto__": {"admin": true}}'),
      400,
    );
  });

  it('rejects unknown fields with 400 naming each one, in Vietnamese unless English is asked for', async () => {
    const body = { name: 'HTX', province: 'Y', commune: 'Z', isAdmin: true, nested: { a: 1 } };
    const res = await t.http.post('/api/v1/cooperatives').set(admin()).send(body);
    const problem = expectProblem(res, 400);
    expect(res.headers['content-language']).toBe('vi');
    expect(problem.title).toBe('Dữ liệu không hợp lệ');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'isAdmin', message: 'trường không được hỗ trợ' },
        { field: 'nested', message: 'trường không được hỗ trợ' },
      ]),
    );
    const english = await t.http.post('/api/v1/cooperatives').set(admin()).set('accept-language', 'en-US,en;q=0.9').send(body);
    expect(english.headers['content-language']).toBe('en');
    expect(expectProblem(english, 400).errors).toEqual(
      expect.arrayContaining([
        { field: 'isAdmin', message: 'unknown field' },
        { field: 'nested', message: 'unknown field' },
      ]),
    );
    const query = await t.http.get('/api/v1/households?colour=red').set(admin()).set('accept-language', 'en');
    expect(expectProblem(query, 400).errors).toEqual([{ field: 'colour', message: 'unknown field' }]);
  });

  it('gives one errors entry per bad field', async () => {
    const res = await t.http.post('/api/v1/cooperatives').set(admin()).send({ name: 42, province: null });
    const fields = (expectProblem(res, 400).errors ?? []).map((e) => e.field);
    expect(fields.sort()).toEqual(['commune', 'name', 'province']);
  });

  it('gives each bad field its one relevant reason, never reasons that contradict each other', async () => {
    const listing = await t.http
      .post('/api/v1/listings')
      .set(admin())
      .set('Accept-Language', 'en')
      .send({ productId: 'x', title: 'Vải thiều', price: 'abc', stock: 'abc', imageUrls: 'http://x', channels: 'shopee' });
    const errors = Object.fromEntries((expectProblem(listing, 400).errors ?? []).map((e) => [e.field, e.message]));
    // class-validator alone says "must not be greater than 1000000; must not be less than 0" for "abc" too.
    expect(errors.stock).toBe('must be an integer');
    expect(errors.price).toBe('must be an integer');
    expect(errors.imageUrls).toBe('must be an array');
    expect(errors.channels).toBe('must be an array');
  });

  it.each([
    '/api/v1/cooperatives/abc',
    '/api/v1/households/123',
    '/api/v1/households/not-a-uuid/plots',
    '/api/v1/plots/1%27%20OR%201=1',
    '/api/v1/products/zzz',
    '/api/v1/batches/00000000-0000-0000-0000-00000000000g',
  ])('answers 400 for the non-UUID path id in %s', async (path) => {
    expect(expectProblem(await t.http.get(path).set(admin()), 400).errors).toEqual([{ field: 'id', message: expect.any(String) }]);
  });

  it('answers problem+json, never 5xx, for router-level errors (over-long parameter, bad URL encoding)', async () => {
    const long = await t.http.get(`/api/v1/households/${'a'.repeat(500)}`).set(admin());
    expect(long.status).toBeLessThan(500);
    expectProblem(long, long.status);
    const bad = await t.http.get('/api/v1/households/%E0%A4%A').set(admin());
    expect(bad.status).toBeLessThan(500);
    expectProblem(bad, bad.status);
  });

  describe('weird inputs never give a 5xx', () => {
    const WEIRD: unknown[] = [
      null,
      {},
      { $ne: null },
      [],
      ['a'],
      true,
      -1,
      1e308,
      0.1,
      '',
      ' ',
      'x'.repeat(20_000),
      '\u0000',
      'a\u0000b',
      '😀🍈 Vải thiều',
      '\ud800',
      '<script>alert(1)</script>',
      "'; DROP TABLE households; --",
      '2026-02-30',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59+14:00',
      '00000000-0000-0000-0000-000000000000',
    ];

    const routes: { name: string; path: () => string; token: () => string; body: () => Record<string, unknown> }[] = [
      {
        name: 'login',
        path: () => '/api/v1/auth/login',
        token: () => '',
        body: () => ({ phone: '0900000009', password: 'wrong-password' }),
      },
      {
        name: 'cooperative',
        path: () => '/api/v1/cooperatives',
        token: () => t.adminToken,
        body: () => ({
          name: 'HTX',
          province: 'Hải Phòng',
          commune: 'Thanh Hà',
          district: 'Thanh Hà',
          taxCode: '0801234567',
          gs1CompanyPrefix: '893601',
        }),
      },
      {
        name: 'household',
        path: () => '/api/v1/households',
        token: () => f.managerToken,
        body: () => ({
          cooperativeId: f.cooperativeId,
          headName: 'An',
          phone: '0912000000',
          nationalId: '030088001234',
          province: 'HP',
          commune: 'TH',
          district: 'TH',
          digitalSkillsTrained: true,
        }),
      },
      {
        name: 'plot',
        path: () => `/api/v1/households/${f.householdId}/plots`,
        token: () => f.managerToken,
        body: () => ({
          code: 'WEIRD-1',
          areaHa: 1,
          latitude: 20,
          longitude: 106,
          crop: 'Vải',
          certifications: [{ scheme: 'VietGAP', number: 'N', issuer: 'I', validUntil: '2028-06-30' }],
        }),
      },
      {
        name: 'product',
        path: () => '/api/v1/products',
        token: () => f.managerToken,
        body: () => ({
          cooperativeId: f.cooperativeId,
          name: 'Vải',
          variety: 'u hồng',
          gtin: '8934567890120',
          unit: 'box',
          packageNetWeightKg: 2,
          geographicalIndication: 'GI',
          ocopStars: 4,
          description: 'D',
          shelfLifeDays: 10,
        }),
      },
      {
        name: 'batch',
        path: () => '/api/v1/batches',
        token: () => f.managerToken,
        body: () => ({
          productId: f.productId,
          householdId: f.householdId,
          plotId: f.plotId,
          harvestedAt: '2026-06-10',
          quantity: 10,
          unit: 'kg',
        }),
      },
      {
        name: 'event',
        path: () => `/api/v1/batches/${f.batchId}/events`,
        token: () => f.managerToken,
        body: () => ({ bizStep: 'spraying', occurredAt: '2026-06-01', details: { pesticide: 'X', preHarvestIntervalDays: 3 } }),
      },
    ];

    it.each(routes.map((r) => [r.name, r] as const))('POST %s with each field replaced by odd values', async (_name, route) => {
      const failures: string[] = [];
      const base = route.body();
      // Login is slow on purpose (scrypt); one pass over its fields is enough.
      const values = route.name === 'login' ? WEIRD.slice(0, 12) : WEIRD;
      for (const field of Object.keys(base)) {
        for (const value of values) {
          const body = { ...base, [field]: value };
          const req = t.http.post(route.path()).send(body);
          const res = await (route.token() ? req.set(bearer(route.token())) : req);
          if (res.status >= 500) failures.push(`${field}=${JSON.stringify(value).slice(0, 40)} -> ${res.status}`);
          else if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      }
      for (const body of [[], 'text', 42, null, [base]]) {
        const req = t.http.post(route.path()).set('Content-Type', 'application/json').send(JSON.stringify(body));
        const res = await (route.token() ? req.set(bearer(route.token())) : req);
        if (res.status >= 500) failures.push(`body=${JSON.stringify(body).slice(0, 40)} -> ${res.status}`);
      }
      expect(failures).toEqual([]);
    });

    it('odd query strings on the lists', async () => {
      const failures: string[] = [];
      for (const path of ['/api/v1/households', '/api/v1/cooperatives', '/api/v1/products', '/api/v1/batches']) {
        for (const query of [
          'limit=-1',
          'limit=1e3',
          'limit[]=1',
          'cursor=%00',
          'q=%00',
          `q=${'%25'.repeat(50)}`,
          'province[a]=b',
          'cooperativeId=1&cooperativeId=2',
          'q=%F0%9F%8D%88',
        ]) {
          const res = await t.http.get(`${path}?${query}`).set(admin());
          if (res.status >= 500) failures.push(`${path}?${query} -> ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
});
