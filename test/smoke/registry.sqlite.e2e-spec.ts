import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import {
  createBatch,
  createCooperative,
  createFarmer,
  createHousehold,
  createManager,
  createPlot,
  createProduct,
  login,
  nextPhone,
} from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** The default install runs on SQLite: the main flows of issue 2, end to end, on a SQLite file. */
describe('registry on SQLite (smoke)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('runs on SQLite', () => {
    expect(t.app.get(DataSource).options.type).toBe('better-sqlite3');
  });

  it('logs in, registers a co-op, household, plot, product, batch and events, and flags a PHI violation', async () => {
    const coopId = await createCooperative(t);
    const managerToken = await createManager(t, coopId);
    const householdId = await createHousehold(t, managerToken, coopId);
    const farmerToken = await createFarmer(t, managerToken, householdId);
    const plotId = await createPlot(t, farmerToken, householdId, {
      certifications: [
        { scheme: 'VietGAP', number: 'VG-1', validUntil: '2028-06-30' },
        { scheme: 'GlobalGAP', number: 'GG-1', validUntil: '2021-01-01' },
      ],
    });
    const plot = await t.http.get(`/api/v1/plots/${plotId}`).set(bearer(farmerToken));
    expect(plot.body.certifications.map((c: { number: string; status: string }) => `${c.number}:${c.status}`).sort()).toEqual([
      'GG-1:expired',
      'VG-1:unverified',
    ]);

    const productId = await createProduct(t, managerToken, coopId, { gtin: '8934567890120' });
    expect((await t.http.get(`/api/v1/products/${productId}`).set(bearer(managerToken))).body.gtin).toBe('08934567890120');
    expectProblem(
      await t.http
        .post('/api/v1/products')
        .set(bearer(managerToken))
        .send({ cooperativeId: coopId, name: 'X', unit: 'kg', gtin: '8934567890120' }),
      409,
    );

    const batch = await createBatch(t, farmerToken, { productId, householdId, plotId });
    expect(batch.lotCode).toMatch(/^\d{6}-[0-9A-Z]{6}$/);
    const spray = await t.http
      .post(`/api/v1/batches/${batch.id}/events`)
      .set(bearer(farmerToken))
      .send({
        bizStep: 'spraying',
        occurredAt: '2026-06-05T07:00:00+07:00',
        details: { pesticide: 'Abamectin', preHarvestIntervalDays: 7 },
      });
    expect(spray.status).toBe(201);
    const packing = await t.http
      .post(`/api/v1/batches/${batch.id}/events`)
      .set(bearer(farmerToken))
      .send({ bizStep: 'packing', occurredAt: '2026-06-11' });
    expect(packing.status).toBe(201);

    const detail = await t.http.get(`/api/v1/batches/${batch.id}`).set(bearer(managerToken));
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ household: { nationalId: '********1234' }, plot: { id: plotId }, product: { id: productId } });
    expect(detail.body.events.map((e: { bizStep: string }) => e.bizStep)).toEqual(['spraying', 'packing']);
    expect(detail.body.safetyWarnings).toEqual([expect.objectContaining({ code: 'PRE_HARVEST_INTERVAL_NOT_ELAPSED' })]);
    expect(detail.text).not.toContain('030088001234');
    expect(JSON.stringify(await t.app.get(DataSource).query('SELECT * FROM households'))).not.toContain('030088001234');
  });

  it('locks a phone after repeated wrong passwords', async () => {
    const phone = nextPhone();
    const coopId = await createCooperative(t);
    await t.http
      .post('/api/v1/users')
      .set(bearer(t.adminToken))
      .send({ phone, password: 'right-password', role: 'coop_manager', cooperativeId: coopId })
      .expect(201);
    for (let i = 0; i < t.env.LOGIN_MAX_FAILURES; i++)
      expectProblem(await t.http.post('/api/v1/auth/login').send({ phone, password: 'wrong' }), 401);
    // A locked phone answers like a wrong password (issue 11): the answer tells nobody the account exists.
    const locked = await t.http.post('/api/v1/auth/login').send({ phone, password: 'right-password' });
    expect(expectProblem(locked, 401).detail).toBe('Sai số điện thoại hoặc mật khẩu');
    await expect(login(t, phone, 'right-password')).rejects.toThrow('401');
  });

  it('imports households from CSV and pages through them', async () => {
    const coopId = await createCooperative(t);
    const phones = Array.from({ length: 5 }, () => nextPhone());
    const csv = [
      'headName,phone,nationalId,province,commune,district,digitalSkillsTrained',
      ...phones.map((p, i) => `"Hộ ${i}, Thanh Hà",${p},03008800${1000 + i},Hải Phòng,Thanh Hà,,${i % 2 ? 'true' : 'false'}`),
      `Trùng,${phones[0]},,Hải Phòng,Thanh Hà,,`,
    ].join('\n');
    const res = await t.http
      .post(`/api/v1/households/import?cooperativeId=${coopId}`)
      .set(bearer(t.adminToken))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 5,
      rejected: [{ line: 7, errors: [{ field: 'phone', message: expect.any(String) }] }],
      ignoredColumns: [],
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const list: Response = await t.http
        .get(`/api/v1/households?cooperativeId=${coopId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(t.adminToken));
      expect(list.status).toBe(200);
      seen.push(...list.body.items.map((h: { phone: string }) => h.phone));
      cursor = list.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual(phones.slice().sort());
    const search = await t.http.get(`/api/v1/households?cooperativeId=${coopId}&q=${encodeURIComponent('hộ 3')}`).set(bearer(t.adminToken));
    expect(search.body.items.map((h: { phone: string }) => h.phone)).toEqual([phones[3]]);
  });
  it('searches without case or diacritics, edits on a version, repeats a create once and archives on SQLite', async () => {
    const coopId = await createCooperative(t, 'HTX Thanh Sơn');
    const managerToken = await createManager(t, coopId);
    const an = await createHousehold(t, managerToken, coopId, { headName: 'Nguyễn Văn An', commune: 'Thanh Sơn', phone: nextPhone() });
    const search = (query: string) => t.http.get(`/api/v1/households?${query}`).set(bearer(managerToken));
    expect((await search('q=Nguyen')).body.items.map((h: { id: string }) => h.id)).toEqual([an]);
    expect((await search('commune=thanh%20son')).body.items.map((h: { id: string }) => h.id)).toEqual([an]);

    const edited = await t.http
      .patch(`/api/v1/households/${an}`)
      .set(bearer(managerToken))
      .set('If-Match', '"1"')
      .send({ district: 'Thanh Sơn' });
    expect(edited.status).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expectProblem(
      await t.http.patch(`/api/v1/households/${an}`).set(bearer(managerToken)).set('If-Match', '"1"').send({ district: 'X' }),
      412,
    );

    const plot = { id: randomUUID(), code: `VN-SQ-${Date.now()}`, areaHa: 1, latitude: 21, longitude: 105, crop: 'Vải thiều' };
    const send = () => t.http.post(`/api/v1/households/${an}/plots`).set(bearer(managerToken)).send(plot);
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    expect((await send()).body).toEqual(answers[0].body);
    const list = await t.http.get(`/api/v1/households/${an}/plots`).set(bearer(managerToken));
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([plot.id]);

    const certificate = await t.http
      .post(`/api/v1/plots/${plot.id}/certifications`)
      .set(bearer(managerToken))
      .send({ scheme: 'VietGAP', number: 'VG-SQ', validUntil: '2027-12-31' });
    expect(certificate.body).toMatchObject({ status: 'valid', verified: true });
    expect((await t.http.delete(`/api/v1/plots/${plot.id}`).set(bearer(managerToken))).body.archivedAt).toEqual(expect.any(String));
    expect((await t.http.get(`/api/v1/households/${an}/plots`).set(bearer(managerToken))).body.items).toEqual([]);
  });
});
