import { DataSource } from 'typeorm';
import { createCooperative, createHousehold, createManager, createPlot, nextPhone } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('registry: search without diacritics, answers in Vietnamese or English (e2e)', () => {
  let t: TestApp;
  let coopId: string;
  let managerToken: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    coopId = await createCooperative(t, 'HTX Nông nghiệp Thanh Sơn');
    managerToken = await createManager(t, coopId);
    const people = [
      ['an', 'Nguyễn Văn An', 'Phú Thọ', 'Thanh Sơn'],
      ['duc', 'Đặng Đức Anh', 'Phú Thọ', 'Thanh Sơn'],
      ['binh', 'Trần Thị Bình', 'Bắc Giang', 'Lục Ngạn'],
    ];
    for (const [key, headName, province, commune] of people) {
      ids[key] = await createHousehold(t, managerToken, coopId, { headName, province, commune, phone: nextPhone() });
    }
  });
  afterAll(async () => t?.close());

  const households = async (query: string) =>
    ((await t.http.get(`/api/v1/households?${query}`).set(bearer(managerToken))).body.items as { id: string }[]).map((h) => h.id).sort();

  it('finds Nguyễn Văn An by q=Nguyen, and Thanh Sơn by commune=thanh son, in any case', async () => {
    expect(await households('q=Nguyen')).toEqual([ids.an]);
    expect(await households('q=NGUYEN%20VAN')).toEqual([ids.an]);
    expect(await households('q=dang%20duc')).toEqual([ids.duc]);
    expect(await households(`q=${encodeURIComponent('nguyễn')}`)).toEqual([ids.an]);
    expect(await households('commune=thanh%20son')).toEqual([ids.an, ids.duc].sort());
    expect(await households('province=phu%20tho&commune=THANH%20SON')).toEqual([ids.an, ids.duc].sort());
    expect(await households('province=bac%20giang')).toEqual([ids.binh]);
    // A filter is the whole name, not a part of it.
    expect(await households('commune=thanh')).toEqual([]);
  });

  it('finds co-operatives by name and plots by code or crop the same way', async () => {
    const coops = await t.http.get('/api/v1/cooperatives?q=nong%20nghiep%20thanh%20son&limit=500').set(bearer(t.adminToken));
    expect(coops.body.items.map((c: { id: string }) => c.id)).toEqual([coopId]);
    const plotId = await createPlot(t, managerToken, ids.an, { crop: 'Nhãn lồng Hưng Yên', certifications: [] });
    const plots = await t.http.get('/api/v1/plots?q=nhan%20long').set(bearer(managerToken));
    expect(plots.body.items.map((p: { id: string }) => p.id)).toEqual([plotId]);
  });

  it('finds households written by the bulk import, which stores no folded names itself', async () => {
    const db = t.app.get(DataSource);
    // As the import leaves them: text written, folded copies not yet.
    await db.query(`UPDATE households SET head_name_search = NULL, province_search = NULL, commune_search = NULL WHERE id = $1`, [
      ids.binh,
    ]);
    expect(await households('q=tran%20thi')).toEqual([ids.binh]);
    const [row] = await db.query(`SELECT head_name_search, version FROM households WHERE id = $1`, [ids.binh]);
    expect(row).toEqual({ head_name_search: 'tran thi binh', version: 1 });
  });

  it('tells a problem in Vietnamese by default and in English with Accept-Language: en', async () => {
    const phone = (await t.http.get(`/api/v1/households/${ids.an}`).set(bearer(managerToken))).body.phone as string;
    const body = { headName: 'Hộ trùng', phone, province: 'Phú Thọ', commune: 'Thanh Sơn' };
    const vi = expectProblem(await t.http.post('/api/v1/households').set(bearer(managerToken)).send(body), 409);
    expect(vi.detail).toBe(`Số điện thoại ${phone} đã được đăng ký cho một hộ khác`);
    const en = expectProblem(
      await t.http.post('/api/v1/households').set(bearer(managerToken)).set('Accept-Language', 'en').send(body),
      409,
    );
    expect(en.detail).toBe(`A household with phone ${phone} is already registered`);

    const badVi = expectProblem(
      await t.http
        .post('/api/v1/households')
        .set(bearer(managerToken))
        .send({ ...body, phone: 'abc' }),
      400,
    );
    expect(badVi.errors).toEqual([{ field: 'phone', message: 'phải là số điện thoại Việt Nam, ví dụ 0912345678' }]);
    const badEn = expectProblem(
      await t.http
        .post('/api/v1/households')
        .set(bearer(managerToken))
        .set('Accept-Language', 'en')
        .send({ ...body, phone: 'abc' }),
      400,
    );
    expect(badEn.errors).toEqual([{ field: 'phone', message: 'must be a Vietnamese phone number such as 0912345678' }]);

    const cert = await t.http
      .post(`/api/v1/households/${ids.an}/plots`)
      .set(bearer(managerToken))
      .set('Accept-Language', 'en')
      .send({
        code: 'VN-LANG-1',
        areaHa: 1,
        latitude: 20,
        longitude: 105,
        crop: 'Vải',
        certifications: [{ scheme: 'VietGAP', number: 'N', issuedAt: '2026-01-01', validUntil: '2028-06-30' }],
      });
    expect(expectProblem(cert, 400).errors).toEqual([
      { field: 'certifications.0.validUntil', message: 'VietGAP certificates last at most 2 years: must not be after 2028-01-01' },
    ]);
  });
});
