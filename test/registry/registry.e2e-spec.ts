import { DataSource } from 'typeorm';
import { createCooperative, createHousehold, createManager, nextPhone } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('registry: co-operatives and households (e2e)', () => {
  let t: TestApp;
  let coopId: string;
  let managerToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    coopId = await createCooperative(t, 'HTX Vải thiều Thanh Hà');
    managerToken = await createManager(t, coopId);
  });
  afterAll(async () => t?.close());

  describe('co-operatives', () => {
    it('creates, reads and lists a co-operative', async () => {
      const body = {
        name: 'HTX Nông nghiệp Thanh Xá',
        province: 'Hải Phòng',
        commune: 'Thanh Xá',
        district: 'Thanh Hà',
        taxCode: '0801234567',
        gs1CompanyPrefix: '8936012',
      };
      const created = await t.http.post('/api/v1/cooperatives').set(bearer(t.adminToken)).send(body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.any(String), ...body });
      const read = await t.http.get(`/api/v1/cooperatives/${created.body.id}`).set(bearer(t.adminToken));
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
      const list = await t.http.get('/api/v1/cooperatives?limit=500').set(bearer(t.adminToken));
      expect(list.status).toBe(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([coopId, created.body.id]));
      expect(list.body.nextCursor).toBeNull();
    });

    it('shows a manager only its own co-operative', async () => {
      const list = await t.http.get('/api/v1/cooperatives').set(bearer(managerToken));
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([coopId]);
      const other = await createCooperative(t, 'HTX khác');
      expectProblem(await t.http.get(`/api/v1/cooperatives/${other}`).set(bearer(managerToken)), 403);
    });

    it('validates the body', async () => {
      const res = await t.http
        .post('/api/v1/cooperatives')
        .set(bearer(t.adminToken))
        .send({ name: '', province: 'Hải Phòng', taxCode: '12', gs1CompanyPrefix: 'abc' });
      expect(errorFields(res)).toEqual(expect.arrayContaining(['name', 'commune', 'taxCode', 'gs1CompanyPrefix']));
    });

    it('answers 404 for an unknown id', async () => {
      expectProblem(await t.http.get('/api/v1/cooperatives/00000000-0000-4000-8000-000000000000').set(bearer(t.adminToken)), 404);
    });
  });

  describe('households', () => {
    it('masks the national ID in the answer and never stores it in clear', async () => {
      const phone = nextPhone();
      const res = await t.http.post('/api/v1/households').set(bearer(managerToken)).send({
        cooperativeId: coopId,
        headName: 'Nguyễn Thị Lan',
        phone,
        nationalId: '030188009876',
        province: 'Hải Phòng',
        commune: 'Thanh Hà',
        digitalSkillsTrained: true,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        cooperativeId: coopId,
        phone,
        nationalId: '********9876',
        digitalSkillsTrained: true,
        district: null,
      });
      expect(res.text).not.toContain('030188009876');
      const read = await t.http.get(`/api/v1/households/${res.body.id}`).set(bearer(managerToken));
      expect(read.body.nationalId).toBe('********9876');
      expect(read.text).not.toContain('030188009876');

      const rows = await t.app.get(DataSource).query(`SELECT * FROM households WHERE id = $1`, [res.body.id]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows[0])).not.toContain('030188009876');
      expect(JSON.stringify(rows[0])).not.toContain('30188009876');
    });

    it('answers 409 for a phone already registered', async () => {
      const phone = nextPhone();
      await createHousehold(t, managerToken, coopId, { phone });
      expectProblem(
        await t.http
          .post('/api/v1/households')
          .set(bearer(managerToken))
          .send({ cooperativeId: coopId, headName: 'X', phone, province: 'Hải Phòng', commune: 'Thanh Hà' }),
        409,
      );
    });

    it('validates the body', async () => {
      const res = await t.http.post('/api/v1/households').set(bearer(managerToken)).send({
        cooperativeId: 'nope',
        headName: '',
        phone: 'abc',
        nationalId: '12345',
        province: 'Hải Phòng',
        digitalSkillsTrained: 'yes',
      });
      expect(errorFields(res)).toEqual(
        expect.arrayContaining(['cooperativeId', 'headName', 'phone', 'nationalId', 'commune', 'digitalSkillsTrained']),
      );
    });

    it('refuses a manager registering into another co-operative', async () => {
      const other = await createCooperative(t, 'HTX khác nữa');
      expectProblem(
        await t.http
          .post('/api/v1/households')
          .set(bearer(managerToken))
          .send({ cooperativeId: other, headName: 'X', phone: nextPhone(), province: 'Hải Phòng', commune: 'Thanh Hà' }),
        403,
      );
    });

    describe('list', () => {
      let listCoop: string;
      let listManager: string;
      const ids: Record<string, string> = {};

      beforeAll(async () => {
        listCoop = await createCooperative(t, 'HTX danh sách');
        listManager = await createManager(t, listCoop);
        const people = [
          ['an', 'Nguyễn Văn An', 'Hải Phòng', 'Thanh Hà'],
          ['binh', 'Trần Thị Bình', 'Hải Phòng', 'Thanh Hà'],
          ['cuong', 'Lê Văn Cường', 'Hải Phòng', 'Hà Đông'],
          ['dung', 'Phạm Văn Dũng', 'Bắc Giang', 'Lục Ngạn'],
          ['em', 'Vũ Thị 100%_Em', 'Bắc Giang', 'Lục Ngạn'],
        ];
        for (const [key, headName, province, commune] of people) {
          ids[key] = await createHousehold(t, listManager, listCoop, { headName, province, commune, phone: nextPhone() });
        }
      });

      const list = (query: string, token = listManager) => t.http.get(`/api/v1/households?${query}`).set(bearer(token));
      const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((h) => h.id).sort();

      it('filters by co-operative, province, commune and q (name or phone)', async () => {
        expect(idsOf(await list(`cooperativeId=${listCoop}`))).toEqual(Object.values(ids).sort());
        expect(idsOf(await list(`cooperativeId=${listCoop}&province=${encodeURIComponent('Bắc Giang')}`))).toEqual(
          [ids.dung, ids.em].sort(),
        );
        expect(
          idsOf(
            await list(`cooperativeId=${listCoop}&province=${encodeURIComponent('Hải Phòng')}&commune=${encodeURIComponent('Thanh Hà')}`),
          ),
        ).toEqual([ids.an, ids.binh].sort());
        expect(idsOf(await list(`cooperativeId=${listCoop}&q=${encodeURIComponent('văn')}`))).toEqual([ids.an, ids.cuong, ids.dung].sort());
        expect(idsOf(await list(`cooperativeId=${listCoop}&q=${encodeURIComponent('100%_')}`))).toEqual([ids.em]);
        expect(idsOf(await list(`cooperativeId=${listCoop}&q=${encodeURIComponent('%')}`))).toEqual([ids.em]);
        const one = await t.http.get(`/api/v1/households/${ids.binh}`).set(bearer(listManager));
        expect(idsOf(await list(`q=${one.body.phone.slice(3)}`))).toEqual([ids.binh]);
      });

      it('stores text typed as NFD (as phones type Vietnamese) as NFC, and finds it either way', async () => {
        const nfd = 'Nguyễn Thị Ngọc Ánh'.normalize('NFD');
        expect(nfd).not.toBe(nfd.normalize('NFC'));
        const created = await t.http
          .post('/api/v1/households')
          .set(bearer(listManager))
          .send({
            cooperativeId: listCoop,
            headName: nfd,
            phone: nextPhone(),
            province: 'Bắc Giang'.normalize('NFD'),
            commune: 'Lục Ngạn',
          });
        try {
          expect(created.status).toBe(201);
          expect(created.body.headName).toBe('Nguyễn Thị Ngọc Ánh'.normalize('NFC'));
          const [row] = await t.app.get(DataSource).query('SELECT head_name, province FROM households WHERE id = $1', [created.body.id]);
          expect(row).toEqual({ head_name: 'Nguyễn Thị Ngọc Ánh'.normalize('NFC'), province: 'Bắc Giang'.normalize('NFC') });
          for (const q of ['Ngọc Ánh'.normalize('NFD'), 'Ngọc Ánh'.normalize('NFC')]) {
            expect(idsOf(await list(`cooperativeId=${listCoop}&q=${encodeURIComponent(q)}`))).toEqual([created.body.id]);
          }
        } finally {
          await t.app.get(DataSource).query('DELETE FROM households WHERE id = $1', [created.body.id]);
        }
      });

      it('keeps a manager to its own co-operative', async () => {
        expect(idsOf(await list(''))).toEqual(Object.values(ids).sort());
        expectProblem(await list(`cooperativeId=${coopId}`), 403);
      });

      it('pages with limit and nextCursor, without gaps or repeats', async () => {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res = await list(`cooperativeId=${listCoop}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
          expect(res.status).toBe(200);
          expect(res.body.items.length).toBeLessThanOrEqual(2);
          seen.push(...res.body.items.map((h: { id: string }) => h.id));
          cursor = res.body.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        expect(pages).toBe(3);
        expect(seen.slice().sort()).toEqual(Object.values(ids).sort());
        expect(new Set(seen).size).toBe(5);
      });

      it('refuses bad paging parameters and a forged cursor with 400', async () => {
        expect(errorFields(await list('limit=0'))).toContain('limit');
        expect(errorFields(await list('limit=501'))).toContain('limit');
        expect(errorFields(await list('limit=abc'))).toContain('limit');
        expect(errorFields(await list('cursor=not-a-cursor'))).toContain('cursor');
        const forged = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', "1' OR '1'='1"])).toString('base64url');
        expect(errorFields(await list(`cursor=${forged}`))).toContain('cursor');
      });
    });
  });
});
