import { createFixture, createPlot, Fixture } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** YYYY-MM-DD in Vietnam, `days` from today. */
function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('registry: certificates (e2e)', () => {
  let t: TestApp;
  let f: Fixture;
  let plotId: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
    plotId = await createPlot(t, f.managerToken, f.householdId, { certifications: [] });
  });
  afterAll(async () => t?.close());

  const add = (body: object, token = f.managerToken) => t.http.post(`/api/v1/plots/${plotId}/certifications`).set(bearer(token)).send(body);
  const patch = (id: string, body: object, token = f.managerToken) =>
    t.http.patch(`/api/v1/plots/${plotId}/certifications/${id}`).set(bearer(token)).send(body);
  const verify = (id: string, token = f.managerToken) =>
    t.http.post(`/api/v1/plots/${plotId}/certifications/${id}/verify`).set(bearer(token));

  describe('add, renew, revoke', () => {
    it('adds a certificate with its issue date; entered by a manager it is verified at once', async () => {
      const res = await add({
        scheme: 'VietGAP',
        number: 'VG-HD-0100',
        issuer: 'Trung tâm Chứng nhận',
        issuedAt: inDays(-30),
        validUntil: inDays(365),
      });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        plotId,
        scheme: 'VietGAP',
        issuedAt: inDays(-30),
        status: 'valid',
        verified: true,
        verifiedBy: expect.any(String),
        verifiedAt: expect.any(String),
      });
      const plot = await t.http.get(`/api/v1/plots/${plotId}`).set(bearer(f.farmerToken));
      expect(plot.body.certifications.map((c: { id: string }) => c.id)).toContain(res.body.id);
    });

    it('shows a certificate ending within 30 days as expiring, then renews it with a new number and date', async () => {
      const created = await add({ scheme: 'GlobalGAP', number: 'GGN-1', validUntil: inDays(10) });
      expect(created.body.status).toBe('expiring');
      const renewed = await t.http
        .patch(`/api/v1/plots/${plotId}/certifications/${created.body.id}`)
        .set(bearer(f.managerToken))
        .set('If-Match', '"1"')
        .send({ number: 'GGN-2', issuedAt: inDays(0), validUntil: inDays(300) });
      expect(renewed.status).toBe(200);
      expect(renewed.headers.etag).toBe('"2"');
      expect(renewed.body).toMatchObject({ number: 'GGN-2', validUntil: inDays(300), status: 'valid', version: 2 });
      // A phone still holding version 1 cannot overwrite the renewal.
      const stale = await t.http
        .patch(`/api/v1/plots/${plotId}/certifications/${created.body.id}`)
        .set(bearer(f.managerToken))
        .set('If-Match', '"1"')
        .send({ validUntil: inDays(20) });
      expectProblem(stale, 412);
    });

    it('revokes a certificate with a reason; it stays revoked and cannot be renewed or verified', async () => {
      const created = await add({ scheme: 'VietGAP', number: 'VG-REVOKE', validUntil: inDays(200) });
      expect(expectProblem(await patch(created.body.id, { revoked: true }), 400).errors?.map((e) => e.field)).toEqual(['reason']);
      expectProblem(await patch(created.body.id, { revoked: true, reason: 'x', validUntil: inDays(100) }), 400);
      const revoked = await patch(created.body.id, { revoked: true, reason: 'Tổ chức chứng nhận thu hồi' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String), revokedReason: 'Tổ chức chứng nhận thu hồi' });
      expectProblem(await patch(created.body.id, { validUntil: inDays(100) }), 409);
      expectProblem(await verify(created.body.id), 409);
      expect((await patch(created.body.id, { revoked: true, reason: 'again' })).body.revokedReason).toBe('Tổ chức chứng nhận thu hồi');
    });

    it('answers 404 for a certificate of another plot', async () => {
      const created = await add({ scheme: 'Organic', number: 'OR-404', validUntil: inDays(200) });
      expectProblem(
        await t.http.patch(`/api/v1/plots/${f.plotId}/certifications/${created.body.id}`).set(bearer(f.managerToken)).send({ number: 'x' }),
        404,
      );
    });
  });

  describe('verification (point 4)', () => {
    it('keeps a farmer’s certificate unverified until its co-op’s manager verifies it, recording who and when', async () => {
      const created = await add({ scheme: 'VietGAP', number: 'VG-FARMER', validUntil: inDays(400) }, f.farmerToken);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'unverified', verified: false, verifiedBy: null, verifiedAt: null });
      const plot = await t.http.get(`/api/v1/plots/${plotId}`).set(bearer(f.managerToken));
      expect(plot.body.certifications.find((c: { id: string }) => c.id === created.body.id).status).toBe('unverified');

      expectProblem(await verify(created.body.id, f.farmerToken), 403);
      const other = await createFixture(t, 'HTX khác');
      expectProblem(await verify(created.body.id, other.managerToken), 403);

      const verified = await verify(created.body.id);
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({
        status: 'valid',
        verified: true,
        verifiedBy: expect.any(String),
        verifiedAt: expect.any(String),
      });
      const again = await verify(created.body.id, t.adminToken);
      expect(again.body).toMatchObject({
        verifiedBy: verified.body.verifiedBy,
        verifiedAt: verified.body.verifiedAt,
        version: verified.body.version,
      });

      // A farmer's renewal needs verifying again.
      const renewed = await patch(created.body.id, { validUntil: inDays(500) }, f.farmerToken);
      expect(renewed.body).toMatchObject({ status: 'unverified', verified: false });
      const byAdmin = await verify(created.body.id, t.adminToken);
      expect(byAdmin.body).toMatchObject({ status: 'valid', verified: true });
    });
  });

  describe('validity per scheme (point 7)', () => {
    it('refuses a VietGAP certificate running more than 2 years from its issue date, or from today without one', async () => {
      const long = await add({ scheme: 'VietGAP', number: 'VG-LONG', issuedAt: '2026-01-10', validUntil: '2028-01-11' });
      expect(expectProblem(long, 400).errors?.map((e) => e.field)).toEqual(['validUntil']);
      expect((await add({ scheme: 'VietGAP', number: 'VG-OK', issuedAt: '2026-01-10', validUntil: '2028-01-10' })).status).toBe(201);
      expect(
        expectProblem(await add({ scheme: 'VietGAP', number: 'VG-NODATE', validUntil: inDays(2 * 366 + 1) }), 400).errors?.map(
          (e) => e.field,
        ),
      ).toEqual(['validUntil']);
    });

    it('holds GlobalG.A.P. certificates to one year, refuses an issue date in the future or after the end date', async () => {
      expectProblem(await add({ scheme: 'GlobalGAP', number: 'GG-LONG', issuedAt: inDays(-10), validUntil: inDays(360) }), 400);
      expect((await add({ scheme: 'GlobalGAP', number: 'GG-OK', issuedAt: inDays(-10), validUntil: inDays(350) })).status).toBe(201);
      expect(
        expectProblem(await add({ scheme: 'Organic', number: 'OR-F', issuedAt: inDays(5), validUntil: inDays(100) }), 400).errors?.map(
          (e) => e.field,
        ),
      ).toEqual(['issuedAt']);
      expect(
        expectProblem(await add({ scheme: 'Organic', number: 'OR-B', issuedAt: inDays(-5), validUntil: inDays(-6) }), 400).errors?.map(
          (e) => e.field,
        ),
      ).toEqual(['validUntil']);
    });

    it('checks renewals and the certificates sent with a new plot the same way', async () => {
      const created = await add({ scheme: 'VietGAP', number: 'VG-RENEW', issuedAt: inDays(-100), validUntil: inDays(100) });
      expectProblem(await patch(created.body.id, { validUntil: inDays(900) }), 400);
      const plot = await t.http
        .post(`/api/v1/households/${f.householdId}/plots`)
        .set(bearer(f.managerToken))
        .send({
          code: `VN-SCHEME-${Date.now()}`,
          areaHa: 1,
          latitude: 20.9,
          longitude: 106.4,
          crop: 'Vải thiều',
          certifications: [{ scheme: 'VietGAP', number: 'VG-X', validUntil: '2099-12-31' }],
        });
      expect(expectProblem(plot, 400).errors?.map((e) => e.field)).toEqual(['certifications.0.validUntil']);
    });
  });
});
