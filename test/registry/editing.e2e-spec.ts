import { randomInt } from 'node:crypto';
import type { Response } from 'supertest';
import { createFixture, createHousehold, createPlot, createProduct, Fixture } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** GTIN-13 with its check digit (GS1: weights 3,1,3,… from the right). */
function gtin13(first12: string): string {
  const sum = [...first12].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

describe('registry: correcting and archiving records (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  const printLabels = async (batchId: string) => {
    const run = await t.http
      .post(`/api/v1/batches/${batchId}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 2, layout: 'thermal-50x30', format: 'zpl', allowOverrun: true });
    expect(run.status).toBe(202);
  };

  describe('versions', () => {
    it('answers GET and PATCH with an ETag; a PATCH on a stale If-Match answers 412 with the current record', async () => {
      const householdId = await createHousehold(t, f.managerToken, f.cooperativeId);
      const read = await t.http.get(`/api/v1/households/${householdId}`).set(bearer(f.managerToken));
      expect(read.headers.etag).toBe('"1"');
      expect(read.body.version).toBe(1);

      // Phone A edits on version 1 and wins.
      const first = await t.http
        .patch(`/api/v1/households/${householdId}`)
        .set(bearer(f.managerToken))
        .set('If-Match', '"1"')
        .send({ headName: 'Nguyễn Văn Hùng (chủ hộ)', digitalSkillsTrained: false });
      expect(first.status).toBe(200);
      expect(first.headers.etag).toBe('"2"');
      expect(first.body).toMatchObject({ headName: 'Nguyễn Văn Hùng (chủ hộ)', digitalSkillsTrained: false, version: 2 });

      // Phone B still holds version 1: refused, and shown what is there now.
      const stale = await t.http
        .patch(`/api/v1/households/${householdId}`)
        .set(bearer(f.managerToken))
        .set('If-Match', '"1"')
        .send({ headName: 'Tên cũ' });
      const problem = expectProblem(stale, 412) as unknown as { currentVersion: number; current: { headName: string } };
      expect(stale.headers.etag).toBe('"2"');
      expect(problem.currentVersion).toBe(2);
      expect(problem.current.headName).toBe('Nguyễn Văn Hùng (chủ hộ)');
      expect((await t.http.get(`/api/v1/households/${householdId}`).set(bearer(f.managerToken))).body.headName).toBe(
        'Nguyễn Văn Hùng (chủ hộ)',
      );

      // Without If-Match the edit applies to the current version.
      const free = await t.http.patch(`/api/v1/households/${householdId}`).set(bearer(f.managerToken)).send({ district: 'Thanh Hà' });
      expect(free.status).toBe(200);
      expect(free.body).toMatchObject({ district: 'Thanh Hà', version: 3 });
      expect(
        expectProblem(
          await t.http.patch(`/api/v1/households/${householdId}`).set(bearer(f.managerToken)).set('If-Match', 'three').send({}),
          400,
        ).errors,
      ).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    });

    it('edits a co-operative and a plot; an edit that changes nothing keeps the version', async () => {
      const coop = await t.http
        .patch(`/api/v1/cooperatives/${f.cooperativeId}`)
        .set(bearer(f.managerToken))
        .send({ taxCode: '0801234567', district: null });
      expect(coop.status).toBe(200);
      expect(coop.body).toMatchObject({ taxCode: '0801234567', district: null, version: 2 });
      const again = await t.http
        .patch(`/api/v1/cooperatives/${f.cooperativeId}`)
        .set(bearer(f.managerToken))
        .send({ taxCode: '0801234567' });
      expect(again.body.version).toBe(2);

      const plotId = await createPlot(t, f.farmerToken, f.householdId, { certifications: [] });
      const plot = await t.http
        .patch(`/api/v1/plots/${plotId}`)
        .set(bearer(f.farmerToken))
        .set('If-Match', '"1"')
        .send({ areaHa: 1.5, crop: 'Nhãn lồng', code: `vn-hd-new-${randomInt(1e5, 1e6)}` });
      expect(plot.status).toBe(200);
      expect(plot.headers.etag).toBe('"2"');
      expect(plot.body).toMatchObject({ areaHa: 1.5, crop: 'Nhãn lồng', code: expect.stringMatching(/^VN-HD-NEW-/) });
    });

    it('refuses null for a required field and a phone another household has', async () => {
      const a = await createHousehold(t, f.managerToken, f.cooperativeId);
      const b = await createHousehold(t, f.managerToken, f.cooperativeId);
      const bPhone = (await t.http.get(`/api/v1/households/${b}`).set(bearer(f.managerToken))).body.phone as string;
      const nulled = expectProblem(await t.http.patch(`/api/v1/households/${a}`).set(bearer(f.managerToken)).send({ headName: null }), 400);
      expect(nulled.errors?.map((e) => e.field)).toEqual(['headName']);
      expectProblem(await t.http.patch(`/api/v1/households/${a}`).set(bearer(f.managerToken)).send({ phone: bPhone }), 409);
    });
  });

  describe('fields already printed', () => {
    it('refuses a new plot code once a batch of the plot has labels, naming the field; other fields still change', async () => {
      await printLabels(f.batchId);
      const res = await t.http.patch(`/api/v1/plots/${f.plotId}`).set(bearer(f.managerToken)).send({ code: 'VN-HD-CHANGED' });
      const problem = expectProblem(res, 409) as unknown as { field: string; detail: string };
      expect(problem.field).toBe('code');
      expect(problem.detail).toContain('code');
      const area = await t.http.patch(`/api/v1/plots/${f.plotId}`).set(bearer(f.managerToken)).send({ areaHa: 0.9 });
      expect(area.status).toBe(200);
    });

    it('refuses a new co-op name once it has labels, and a new GS1 prefix once a product GTIN carries it', async () => {
      const coop = await t.http
        .post('/api/v1/cooperatives')
        .set(bearer(t.adminToken))
        .send({ name: 'HTX Tiền tố', province: 'Hải Phòng', commune: 'Thanh Hà', gs1CompanyPrefix: '8936012' });
      expect(coop.status).toBe(201);
      const id = coop.body.id as string;
      // Before any product uses it, the prefix can still be corrected.
      expect(
        (await t.http.patch(`/api/v1/cooperatives/${id}`).set(bearer(t.adminToken)).send({ gs1CompanyPrefix: '8936013' })).status,
      ).toBe(200);
      await createProduct(t, t.adminToken, id, { gtin: gtin13('893601300001') });
      const prefix = expectProblem(
        await t.http.patch(`/api/v1/cooperatives/${id}`).set(bearer(t.adminToken)).send({ gs1CompanyPrefix: '8936014' }),
        409,
      ) as unknown as { field: string };
      expect(prefix.field).toBe('gs1CompanyPrefix');

      const name = expectProblem(
        await t.http.patch(`/api/v1/cooperatives/${f.cooperativeId}`).set(bearer(f.managerToken)).send({ name: 'HTX Tên mới' }),
        409,
      ) as unknown as { field: string };
      expect(name.field).toBe('name');
    });
  });

  describe('archive', () => {
    it('archives a plot without labels: hidden from lists unless includeArchived=true, still readable', async () => {
      const plotId = await createPlot(t, f.managerToken, f.householdId);
      const archived = await t.http.delete(`/api/v1/plots/${plotId}`).set(bearer(f.farmerToken));
      expect(archived.status).toBe(200);
      expect(archived.body.archivedAt).toEqual(expect.any(String));
      expect((await t.http.delete(`/api/v1/plots/${plotId}`).set(bearer(f.farmerToken))).status).toBe(200);

      const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((p) => p.id);
      const listed = await t.http.get(`/api/v1/households/${f.householdId}/plots?limit=500`).set(bearer(f.farmerToken));
      expect(ids(listed)).not.toContain(plotId);
      expect(ids(await t.http.get(`/api/v1/plots?limit=500`).set(bearer(f.managerToken)))).not.toContain(plotId);
      const all = await t.http.get(`/api/v1/households/${f.householdId}/plots?limit=500&includeArchived=true`).set(bearer(f.farmerToken));
      expect(ids(all)).toContain(plotId);
      expect((await t.http.get(`/api/v1/plots/${plotId}`).set(bearer(f.farmerToken))).status).toBe(200);
      // No new certificate on an archived plot.
      expectProblem(
        await t.http
          .post(`/api/v1/plots/${plotId}/certifications`)
          .set(bearer(f.managerToken))
          .send({ scheme: 'VietGAP', number: 'VG-A', validUntil: '2027-06-30' }),
        409,
      );
    });

    it('refuses to archive a plot, household or co-op whose labels are printed', async () => {
      await printLabels(f.batchId);
      expectProblem(await t.http.delete(`/api/v1/plots/${f.plotId}`).set(bearer(f.managerToken)), 409);
      expectProblem(await t.http.delete(`/api/v1/households/${f.householdId}`).set(bearer(f.managerToken)), 409);
      expectProblem(await t.http.delete(`/api/v1/cooperatives/${f.cooperativeId}`).set(bearer(t.adminToken)), 409);
    });

    it('archives a household and a co-op without labels; archived co-ops take no new households', async () => {
      const coop = await t.http
        .post('/api/v1/cooperatives')
        .set(bearer(t.adminToken))
        .send({ name: 'HTX Giải thể', province: 'Hải Phòng', commune: 'Thanh Hà' });
      const householdId = await createHousehold(t, t.adminToken, coop.body.id as string);
      expect((await t.http.delete(`/api/v1/households/${householdId}`).set(bearer(t.adminToken))).body.archivedAt).toEqual(
        expect.any(String),
      );
      const list = await t.http.get(`/api/v1/households?cooperativeId=${coop.body.id}`).set(bearer(t.adminToken));
      expect(list.body.items).toEqual([]);
      const withArchived = await t.http
        .get(`/api/v1/households?cooperativeId=${coop.body.id}&includeArchived=true`)
        .set(bearer(t.adminToken));
      expect(withArchived.body.items.map((h: { id: string }) => h.id)).toEqual([householdId]);

      expect((await t.http.delete(`/api/v1/cooperatives/${coop.body.id}`).set(bearer(t.adminToken))).status).toBe(200);
      const coops = await t.http.get('/api/v1/cooperatives?limit=500').set(bearer(t.adminToken));
      expect(coops.body.items.map((c: { id: string }) => c.id)).not.toContain(coop.body.id);
      expectProblem(
        await t.http
          .post('/api/v1/households')
          .set(bearer(t.adminToken))
          .send({ cooperativeId: coop.body.id, headName: 'X', phone: '0987000111', province: 'Hải Phòng', commune: 'Thanh Hà' }),
        409,
      );
    });
  });

  describe('plot lists', () => {
    it('lists a co-op’s plots paged, with certificate status and expiry; the manager’s own co-op by default', async () => {
      const other = await createFixture(t, 'HTX khác');
      const seen: { id: string; cooperativeId: string; certificationStatus: string; certificationExpiresOn: string | null }[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const res: Response = await t.http.get(`/api/v1/plots?limit=1${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(f.managerToken));
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(seen.length).toBeGreaterThan(1);
      expect(seen.every((p) => p.cooperativeId === f.cooperativeId)).toBe(true);
      expect(seen.find((p) => p.id === f.plotId)).toMatchObject({ certificationStatus: 'valid', certificationExpiresOn: '2028-06-30' });
      expect(seen.map((p) => p.id)).not.toContain(other.plotId);
      expectProblem(await t.http.get(`/api/v1/plots?cooperativeId=${other.cooperativeId}`).set(bearer(f.managerToken)), 403);
      const admin = await t.http.get(`/api/v1/plots?cooperativeId=${other.cooperativeId}`).set(bearer(t.adminToken));
      expect(admin.body.items.map((p: { id: string }) => p.id)).toEqual([other.plotId]);
      // A farmer sees its own household's plots.
      const farmer = await t.http.get('/api/v1/plots?limit=500').set(bearer(other.farmerToken));
      expect(farmer.body.items.map((p: { id: string }) => p.id)).toEqual([other.plotId]);
    });

    it('pages a household’s plots the same way', async () => {
      const householdId = await createHousehold(t, f.managerToken, f.cooperativeId);
      const made = [
        await createPlot(t, f.managerToken, householdId),
        await createPlot(t, f.managerToken, householdId),
        await createPlot(t, f.managerToken, householdId),
      ];
      const first = await t.http.get(`/api/v1/households/${householdId}/plots?limit=2`).set(bearer(f.managerToken));
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await t.http
        .get(`/api/v1/households/${householdId}/plots?limit=2&cursor=${first.body.nextCursor}`)
        .set(bearer(f.managerToken));
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: made[2] })], nextCursor: null });
      expect([...first.body.items, ...second.body.items].map((p: { id: string }) => p.id)).toEqual(made);
    });

    it('registers a household in the manager’s own co-op when cooperativeId is left out; the province office must name one', async () => {
      const body = { headName: 'Hộ mặc định', phone: `09${randomInt(10000000, 99999999)}`, province: 'Hải Phòng', commune: 'Thanh Hà' };
      const res = await t.http.post('/api/v1/households').set(bearer(f.managerToken)).send(body);
      expect(res.status).toBe(201);
      expect(res.body.cooperativeId).toBe(f.cooperativeId);
      const admin = expectProblem(
        await t.http
          .post('/api/v1/households')
          .set(bearer(t.adminToken))
          .send({ ...body, phone: `09${randomInt(10000000, 99999999)}` }),
        400,
      );
      expect(admin.errors?.map((e) => e.field)).toEqual(['cooperativeId']);
    });
  });
});
