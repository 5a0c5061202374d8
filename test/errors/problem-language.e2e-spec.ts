import type { Response } from 'supertest';
import { createCooperative, createFixture, createHousehold, createManager, Fixture, nextPhone } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Problems people read (issue 12 point 5): Vietnamese by default, English with Accept-Language: en,
 * the language named in Content-Language, for login, recalls, the access policy and the label resolver.
 */
describe('problems in Vietnamese and English (e2e)', () => {
  let t: TestApp;
  let f: Fixture;
  let other: Fixture;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '2', LOGIN_LOCK_SECONDS: '600' });
    f = await createFixture(t, 'HTX Vải thiều Thanh Hà');
    other = await createFixture(t, 'HTX Nhãn lồng Hưng Yên');
  });
  afterAll(async () => t?.close());

  /** The problem and its language, asserting Content-Language says the language of the text. */
  function problemIn(res: Response, status: number, language: 'vi' | 'en') {
    const problem = expectProblem(res, status);
    expect(res.headers['content-language']).toBe(language);
    return problem;
  }

  describe('login', () => {
    const login = (phone: string, password: string, language?: string) => {
      const req = t.http.post('/api/v1/auth/login');
      if (language) void req.set('Accept-Language', language);
      return req.send({ phone, password });
    };

    it('says a wrong password in Vietnamese by default and in English on request', async () => {
      const phone = nextPhone();
      await t.http
        .post('/api/v1/users')
        .set(bearer(t.adminToken))
        .send({ phone, password: 'mat-khau-dung-2026', role: 'coop_manager', cooperativeId: f.cooperativeId })
        .expect(201);
      const vi = problemIn(await login(phone, 'mat-khau-sai-2026'), 401, 'vi');
      expect(vi).toMatchObject({ title: 'Chưa đăng nhập hoặc phiên đã hết hạn', detail: 'Sai số điện thoại hoặc mật khẩu' });
      const en = problemIn(await login(phone, 'mat-khau-dung-2026x', 'en-US,en;q=0.9'), 401, 'en');
      expect(en).toMatchObject({ title: 'Unauthorized', detail: 'Wrong phone number or password' });
    });

    it('answers a locked account byte for byte like a wrong password, in both languages', async () => {
      const phone = nextPhone();
      await t.http
        .post('/api/v1/users')
        .set(bearer(t.adminToken))
        .send({ phone, password: 'mat-khau-dung-2026', role: 'coop_manager', cooperativeId: f.cooperativeId })
        .expect(201);
      // Only the request id differs from one answer to the next.
      const shape = (res: Response) => ({
        headers: { type: res.headers['content-type'], language: res.headers['content-language'], retry: res.headers['retry-after'] },
        body: res.text.replace(/"requestId":"[^"]*"/, '"requestId":"…"'),
      });
      for (const language of [undefined, 'en']) {
        const stranger = nextPhone();
        const wrong = shape(await login(stranger, 'mat-khau-sai-2026', language));
        expect(wrong.body).toContain(language === 'en' ? 'Wrong phone number or password' : 'Sai số điện thoại hoặc mật khẩu');
        expect(shape(await login(phone, `sai-${language}-1`, language))).toEqual(wrong);
        expect(shape(await login(phone, `sai-${language}-2`, language))).toEqual(wrong);
        // Locked now: the right password answers the same bytes.
        expect(shape(await login(phone, 'mat-khau-dung-2026', language))).toEqual(wrong);
      }
    });
  });

  describe('recalls', () => {
    it('names a missing batch and a too-short reason in Vietnamese, and in English on request', async () => {
      const missing = '00000000-0000-4000-8000-00000000abcd';
      const recall = (id: string, body: object, language?: string) => {
        const req = t.http.post(`/api/v1/batches/${id}/recall`).set(bearer(f.managerToken));
        if (language) void req.set('Accept-Language', language);
        return req.send(body);
      };
      expect(problemIn(await recall(missing, { reason: 'Phát hiện dư lượng thuốc' }), 404, 'vi')).toMatchObject({
        title: 'Không tìm thấy',
        detail: `Lô hàng ${missing} không tồn tại`,
      });
      expect(problemIn(await recall(missing, { reason: 'Residue found' }, 'en'), 404, 'en')).toMatchObject({
        title: 'Not found',
        detail: `Batch ${missing} does not exist`,
      });
      expect(problemIn(await recall(f.batchId, { reason: 'x' }), 400, 'vi').errors).toEqual([
        { field: 'reason', message: 'phải có ít nhất 3 ký tự' },
      ]);
      expect(problemIn(await recall(f.batchId, { reason: 'x' }, 'en'), 400, 'en').errors).toEqual([
        { field: 'reason', message: 'must be at least 3 characters long' },
      ]);
    });

    it("refuses another co-operative's batch with the access policy's sentence", async () => {
      const res = await t.http.post(`/api/v1/batches/${other.batchId}/recall`).set(bearer(f.managerToken)).send({ reason: 'Nhầm lô' });
      expect(problemIn(res, 403, 'vi')).toMatchObject({ title: 'Không có quyền', detail: 'Bản ghi này thuộc hợp tác xã khác' });
      const en = await t.http
        .post(`/api/v1/batches/${other.batchId}/recall`)
        .set(bearer(f.managerToken))
        .set('Accept-Language', 'en')
        .send({ reason: 'Wrong lot' });
      expect(problemIn(en, 403, 'en')).toMatchObject({ title: 'Forbidden', detail: 'This record belongs to another co-operative' });
    });
  });

  describe('access', () => {
    it("tells a farmer another household's batch is not theirs, in both languages", async () => {
      const path = `/api/v1/batches/${other.batchId}`;
      expect(problemIn(await t.http.get(path).set(bearer(f.farmerToken)), 403, 'vi').detail).toBe('Bản ghi này thuộc hộ khác');
      expect(problemIn(await t.http.get(path).set(bearer(f.farmerToken)).set('Accept-Language', 'en'), 403, 'en').detail).toBe(
        'This record belongs to another household',
      );
    });

    it('names the role a route is closed to', async () => {
      const res = await t.http.post(`/api/v1/batches/${f.batchId}/recall`).set(bearer(f.farmerToken)).send({ reason: 'Thử' });
      expect(problemIn(res, 403, 'vi').detail).toBe('Tài khoản có vai trò farmer không được làm thao tác này');
    });

    it('explains account rules in Vietnamese: a manager creates farmer accounts only', async () => {
      const coopId = await createCooperative(t, 'HTX Vải Lục Ngạn');
      const manager = await createManager(t, coopId);
      await createHousehold(t, manager, coopId);
      const res = await t.http
        .post('/api/v1/users')
        .set(bearer(manager))
        .send({ phone: nextPhone(), password: 'mat-khau-quan-ly', role: 'coop_manager', cooperativeId: coopId });
      expect(problemIn(res, 403, 'vi').detail).toBe('Quản lý hợp tác xã chỉ tạo được tài khoản nông hộ');
      const weak = await t.http
        .post('/api/v1/users')
        .set(bearer(t.adminToken))
        .set('Accept-Language', 'vi-VN,vi;q=0.9,en;q=0.8')
        .send({ phone: nextPhone(), password: '0912345678', role: 'coop_manager', cooperativeId: coopId });
      expect(problemIn(weak, 400, 'vi').errors).toEqual([
        { field: 'password', message: 'không được chỉ gồm chữ số (số điện thoại hay ngày sinh bị đoán đầu tiên)' },
      ]);
    });
  });

  describe('label resolver', () => {
    it('answers a malformed Digital Link in Vietnamese, in English with Accept-Language: en or ?lang=en', async () => {
      const path = `/t/${'A'.repeat(21)}`;
      const vi = problemIn(await t.http.get(path), 400, 'vi');
      expect(vi).toMatchObject({
        title: 'Đường dẫn tem sai định dạng (GS1 Digital Link)',
        detail: 'số sê-ri (21) phải dài 1-20 ký tự thuộc bộ ký tự GS1',
        instance: path,
      });
      const en = problemIn(await t.http.get(path).set('Accept-Language', 'en'), 400, 'en');
      expect(en).toMatchObject({
        title: 'Malformed Digital Link',
        detail: 'the serial (21) must be 1-20 characters of the GS1 character set',
      });
      expect(problemIn(await t.http.get(`${path}?lang=en`), 400, 'en').title).toBe('Malformed Digital Link');
      const gtin = problemIn(await t.http.get(`/01/08930000000018/10/L1/21/ABC`), 400, 'vi');
      expect(gtin.detail).toBe('mã GTIN (01) sai chữ số kiểm tra');
    });

    it('answers the scan-alert routes in the reader’s language', async () => {
      const res = await t.http.get('/api/v1/labels/bad-serial/scan-alert').set(bearer(f.managerToken));
      expect(problemIn(res, 400, 'vi').errors).toEqual([{ field: 'serial', message: 'số sê-ri của tem gồm tối đa 20 ký tự 0-9 A-Z' }]);
    });
  });
});
