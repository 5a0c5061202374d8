import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createFixture, Fixture } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('registry: plots and certifications (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  const code = () => `vn-hd-${randomInt(1e6, 1e7)}`;
  const plotBody = (extra: object = {}) => ({
    code: code(),
    areaHa: 1.25,
    latitude: 20.87,
    longitude: 106.43,
    crop: 'Vải thiều',
    ...extra,
  });
  const createPlot = (body: object, token = f.managerToken) =>
    t.http.post(`/api/v1/households/${f.householdId}/plots`).set(bearer(token)).send(body);

  it('registers a plot with its certificates; an expired certificate is shown as expired, a farmer’s as unverified', async () => {
    const body = plotBody({
      certifications: [
        { scheme: 'VietGAP', number: 'VG-TT-0001', issuer: 'Trung tâm Chứng nhận', validUntil: '2028-06-30' },
        { scheme: 'GlobalGAP', number: 'GG-4049929000001', validUntil: '2020-01-31' },
      ],
    });
    const res = await createPlot(body, f.farmerToken);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      householdId: f.householdId,
      cooperativeId: f.cooperativeId,
      code: body.code.toUpperCase(),
      areaHa: 1.25,
    });
    const read = await t.http.get(`/api/v1/plots/${res.body.id}`).set(bearer(f.managerToken));
    expect(read.status).toBe(200);
    const byNumber = Object.fromEntries(read.body.certifications.map((c: { number: string; status: string }) => [c.number, c.status]));
    expect(byNumber).toEqual({ 'VG-TT-0001': 'unverified', 'GG-4049929000001': 'expired' });
    const list = await t.http.get(`/api/v1/households/${f.householdId}/plots`).set(bearer(f.farmerToken));
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it('answers 409 for a planting-area code already registered (in any letter case), and adds no certificate', async () => {
    const first = plotBody();
    await createPlot(first).expect(201);
    const db = t.app.get(DataSource);
    const before = await db.query(`SELECT count(*)::int AS n FROM plot_certifications`);
    expectProblem(
      await createPlot(
        plotBody({ code: first.code.toUpperCase(), certifications: [{ scheme: 'Organic', number: 'OR-1', validUntil: '2030-01-01' }] }),
      ),
      409,
    );
    expect(await db.query(`SELECT count(*)::int AS n FROM plot_certifications`)).toEqual(before);
  });

  it('writes the plot and its certificates together or not at all', async () => {
    const db = t.app.get(DataSource);
    // Make the second certificate fail inside the database, after the plot row has been written.
    await db.query(
      `CREATE FUNCTION refuse_cert() RETURNS trigger AS $$ BEGIN IF NEW.number = 'REFUSE-ME' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await db.query(`CREATE TRIGGER refuse_cert BEFORE INSERT ON plot_certifications FOR EACH ROW EXECUTE FUNCTION refuse_cert()`);
    try {
      const body = plotBody({
        certifications: [
          { scheme: 'VietGAP', number: 'VG-OK', validUntil: '2028-01-01' },
          { scheme: 'VietGAP', number: 'REFUSE-ME', validUntil: '2028-01-01' },
        ],
      });
      const res = await createPlot(body);
      expect(res.status).toBe(500);
      expect(await db.query(`SELECT id FROM plots WHERE code = $1`, [body.code.toUpperCase()])).toEqual([]);
      expect(await db.query(`SELECT id FROM plot_certifications WHERE number = 'VG-OK'`)).toEqual([]);
    } finally {
      await db.query(`DROP TRIGGER refuse_cert ON plot_certifications`);
      await db.query(`DROP FUNCTION refuse_cert()`);
    }
  });

  it('validates the plot and each certificate', async () => {
    const res = await createPlot({
      code: 'x',
      areaHa: 0,
      latitude: 91,
      longitude: 181,
      crop: '',
      certifications: [{ scheme: 'FakeGAP', number: '', validUntil: '2025-02-30' }],
    });
    expect(errorFields(res)).toEqual(
      expect.arrayContaining([
        'code',
        'areaHa',
        'latitude',
        'longitude',
        'crop',
        'certifications.0.scheme',
        'certifications.0.number',
        'certifications.0.validUntil',
      ]),
    );
  });

  it('answers 404 for an unknown household or plot', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expectProblem(await t.http.post(`/api/v1/households/${missing}/plots`).set(bearer(t.adminToken)).send(plotBody()), 404);
    expectProblem(await t.http.get(`/api/v1/plots/${missing}`).set(bearer(t.adminToken)), 404);
  });
});
