import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { createCooperative, createHousehold, createManager, nextPhone } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const HEADER = 'headName,phone,nationalId,province,commune,district,digitalSkillsTrained';
const IMPORT_LIMIT = 256 * 1024;
/** The header row of a co-op's member sheet, as Excel exports it. */
const EXCEL_HEADER = 'STT;Họ và tên;Số điện thoại;CCCD;Tỉnh/Thành phố;Quận/Huyện;Xã/Phường;Đã tập huấn;Ghi chú';

describe('registry: household CSV import (e2e)', () => {
  let t: TestApp;
  let coopId: string;
  let otherCoopId: string;
  let managerToken: string;

  beforeAll(async () => {
    // A small import limit, so the 413 of an upload over it is cheap to show.
    t = await startTestApp({ IMPORT_LIMIT_BYTES: String(IMPORT_LIMIT) });
    coopId = await createCooperative(t, 'HTX Thanh Hà');
    otherCoopId = await createCooperative(t, 'HTX Lục Ngạn');
    managerToken = await createManager(t, coopId);
  });
  afterAll(async () => t?.close());

  const importCsv = (csv: string, query = `?cooperativeId=${coopId}`, token = managerToken) =>
    t.http.post(`/api/v1/households/import${query}`).set(bearer(token)).set('Content-Type', 'text/csv; charset=utf-8').send(csv);

  async function householdByPhone(phone: string): Promise<
    | {
        cooperative_id: string;
        head_name: string;
        district: string | null;
        national_id_encrypted: string | null;
        digital_skills_trained: boolean;
      }
    | undefined
  > {
    const rows = await t.app.get(DataSource).query(`SELECT * FROM households WHERE phone = $1`, [phone]);
    return rows[0];
  }

  it('lands good rows and reports bad ones with line, field and reason', async () => {
    const [p1, p2, p3, p4, p5] = [nextPhone(), nextPhone(), nextPhone(), nextPhone(), nextPhone()];
    const taken = nextPhone();
    await createHousehold(t, managerToken, coopId, { phone: taken });
    const csv = [
      HEADER,
      `Nguyễn Văn An,${p1},030088001111,Hải Phòng,Thanh Hà,,true`,
      `,${p2},,Hải Phòng,Thanh Hà,,false`,
      `Trần Thị Bình,not-a-phone,,Hải Phòng,Thanh Hà,,`,
      `Lê Văn Cường,${p3},123,Hải Phòng,Thanh Hà,Thanh Hà,có`,
      `Phạm Văn Dũng,${taken},,Hải Phòng,Thanh Hà,,`,
      `Vũ Thị Em,${p1},,Hải Phòng,Thanh Hà,,`,
      `Đỗ Văn Phúc,${p4},,Hải Phòng,Thanh Hà,Thanh Hà,x`,
      `Hoàng Thị Giang,${p5},,Hải Phòng,Thanh Hà,,perhaps`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    expect(res.body.ignoredColumns).toEqual([]);
    expect(res.body.rejected).toEqual([
      { line: 3, errors: [{ field: 'headName', message: expect.any(String) }] },
      { line: 4, errors: [{ field: 'phone', message: expect.any(String) }] },
      { line: 5, errors: [{ field: 'nationalId', message: expect.any(String) }] },
      { line: 6, errors: [{ field: 'phone', message: 'đã có hộ đăng ký với số điện thoại này' }] },
      { line: 7, errors: [{ field: 'phone', message: 'trùng số điện thoại ở dòng 2' }] },
      { line: 9, errors: [{ field: 'digitalSkillsTrained', message: expect.any(String) }] },
    ]);
    const an = await householdByPhone(p1);
    expect(an).toMatchObject({ cooperative_id: coopId, head_name: 'Nguyễn Văn An', district: null });
    expect(JSON.stringify(an)).not.toContain('030088001111');
    expect(an?.national_id_encrypted).toEqual(expect.any(String));
    expect(await householdByPhone(p4)).toMatchObject({ district: 'Thanh Hà' });
    for (const phone of [p2, p3, p5]) expect(await householdByPhone(phone)).toBeUndefined();
    expect((await householdByPhone(taken))?.head_name).toBe('Nguyễn Văn Hùng');
  });

  it('reads quoted fields with commas, quotes and line breaks, CRLF and a byte-order mark', async () => {
    const [p1, p2, p3] = [nextPhone(), nextPhone(), nextPhone()];
    const csv =
      '\uFEFF' +
      [
        HEADER,
        `"Nguyễn Văn ""Tèo"", con",${p1},,"Hải Phòng","Thanh Hà","Thanh Hà, cũ",true`,
        `"Trần Thị
Bình",${p2},,Hải Phòng,Thanh Hà,,false`,
        `Lê Văn Cường,${p3},bad,Hải Phòng,Thanh Hà,,`,
      ].join('\r\n') +
      '\r\n';
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 2,
      rejected: [{ line: 5, errors: [{ field: 'nationalId', message: expect.any(String) }] }],
      ignoredColumns: [],
    });
    expect(await householdByPhone(p1)).toMatchObject({
      head_name: 'Nguyễn Văn "Tèo", con',
      district: 'Thanh Hà, cũ',
      digital_skills_trained: true,
    });
    expect((await householdByPhone(p2))?.head_name).toBe('Trần Thị\nBình');
  });

  const importBytes = (bytes: Buffer, contentType = 'text/csv') =>
    t.http.post(`/api/v1/households/import?cooperativeId=${coopId}`).set(bearer(managerToken)).set('Content-Type', contentType).send(bytes);

  it('stores names typed as NFD as NFC', async () => {
    const phone = nextPhone();
    const res = await importCsv(`${HEADER}\n${'Nguyễn Văn Ổn'.normalize('NFD')},${phone},,${'Hải Phòng'.normalize('NFD')},Thanh Hà,,\n`);
    expect(res.body).toEqual({ created: 1, rejected: [], ignoredColumns: [] });
    expect(await householdByPhone(phone)).toMatchObject({
      head_name: 'Nguyễn Văn Ổn'.normalize('NFC'),
      province: 'Hải Phòng'.normalize('NFC'),
    });
  });

  it('imports what Excel in a Vietnamese locale saves: semicolons, with or without a byte-order mark', async () => {
    const [p1, p2] = [nextPhone(), nextPhone()];
    const csv = [
      HEADER.replaceAll(',', ';'),
      `Nguyễn Văn An;${p1};;Hải Phòng;Thanh Hà;"Thanh Hà; cũ";có`,
      `Trần Thị Bình;${p2};;Hải Phòng;Thanh Hà;;`,
    ].join('\r\n');
    for (const body of [`\uFEFF${csv}`]) expect((await importCsv(body)).body).toEqual({ created: 2, rejected: [], ignoredColumns: [] });
    expect(await householdByPhone(p1)).toMatchObject({
      head_name: 'Nguyễn Văn An',
      district: 'Thanh Hà; cũ',
      digital_skills_trained: true,
    });
    const p3 = nextPhone();
    expect((await importCsv(`${HEADER.replaceAll(',', ';')}\nLê Văn Cường;${p3};;Hải Phòng;Thanh Hà;;\n`)).body).toEqual({
      created: 1,
      rejected: [],
      ignoredColumns: [],
    });
  });

  it('converts UTF-16 with a byte-order mark (Excel "Unicode Text", tab-separated) and Windows-1258', async () => {
    const [p1, p2] = [nextPhone(), nextPhone()];
    const tabbed = `${HEADER.replaceAll(',', '\t')}\r\nNguyễn Văn Đức\t${p1}\t\tHải Phòng\tThanh Hà\t\t\r\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, 'utf16le')]);
    expect((await importBytes(utf16)).body).toEqual({ created: 1, rejected: [], ignoredColumns: [] });
    expect((await householdByPhone(p1))?.head_name).toBe('Nguyễn Văn Đức');

    // Windows-1258 keeps â ê ô ă ơ ư precomposed and writes the tone as a combining mark after them.
    const name = 'Phạm Thị Hường';
    const cp1258Form = (text: string) => text.normalize('NFD').replace(/[AEIOUYaeiouy][\u0302\u0306\u031B]/g, (m) => m.normalize('NFC'));
    const legacy = iconv.encode(cp1258Form(`${HEADER}\r\n${name},${p2},,Hải Phòng,Thanh Hà,Thanh Hà,có\r\n`), 'windows-1258');
    expect(legacy.includes(0xd2)).toBe(true);
    const res = await importBytes(legacy);
    expect(res.body).toEqual({ created: 1, rejected: [], ignoredColumns: [] });
    expect(await householdByPhone(p2)).toMatchObject({
      head_name: name.normalize('NFC'),
      district: 'Thanh Hà',
      digital_skills_trained: true,
    });
  });

  it('refuses a file that is not UTF-8 and cannot be told with confidence, saying to save it as CSV UTF-8', async () => {
    const before = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM households`);
    for (const bytes of [
      Buffer.from(`${HEADER}\nJosé Müller,${nextPhone()},,Hải Phòng,Thanh Hà,,\n`, 'latin1'),
      // TCVN3 (ABC), the other legacy Vietnamese encoding: "Nguyễn" is 4E 67 75 D6 6E.
      Buffer.concat([
        Buffer.from(`${HEADER}\n`),
        Buffer.from([0x4e, 0x67, 0x75, 0xd6, 0x6e, 0x20, 0xb5, 0xad, 0xac]),
        Buffer.from(`,${nextPhone()},,HP,TH,,\n`),
      ]),
    ]) {
      const res = await importBytes(bytes);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/UTF-8/) }]);
      expect(res.body.detail).toMatch(/CSV UTF-8/);
    }
    expect(await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM households`)).toEqual(before);
  });

  it('takes the co-operative from a column, falling back to ?cooperativeId= for empty cells', async () => {
    const adminCoop = await createCooperative(t, 'HTX thứ ba');
    const [p1, p2] = [nextPhone(), nextPhone()];
    const csv = [`${HEADER},cooperativeId`, `An,${p1},,HP,TH,,,${adminCoop}`, `Bình,${p2},,HP,TH,,,`].join('\n');
    const res = await importCsv(csv, `?cooperativeId=${coopId}`, t.adminToken);
    expect(res.body).toEqual({ created: 2, rejected: [], ignoredColumns: [] });
    expect((await householdByPhone(p1))?.cooperative_id).toBe(adminCoop);
    expect((await householdByPhone(p2))?.cooperative_id).toBe(coopId);
  });

  it("rejects, row by row, another co-operative's id given by a manager", async () => {
    const [p1, p2] = [nextPhone(), nextPhone()];
    const csv = [`${HEADER},cooperativeId`, `An,${p1},,HP,TH,,,${otherCoopId}`, `Bình,${p2},,HP,TH,,,${coopId}`].join('\n');
    const res = await importCsv(csv, '');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 1,
      rejected: [{ line: 2, errors: [{ field: 'cooperativeId', message: expect.any(String) }] }],
      ignoredColumns: [],
    });
    expect(await householdByPhone(p1)).toBeUndefined();
    const whole = await importCsv(`${HEADER}\nAn,${nextPhone()},,HP,TH,,\n`, `?cooperativeId=${otherCoopId}`);
    expect(whole.body.created).toBe(0);
    expect(whole.body.rejected).toEqual([{ line: 2, errors: [{ field: 'cooperativeId', message: expect.any(String) }] }]);
  });

  it.each([
    ['a missing required column', 'headName,province,commune\nAn,HP,TH\n'],
    ['a repeated column', `${HEADER},phone\n`],
    ['an empty file', ''],
    ['an unclosed quote', `${HEADER}\n"An,0911000001,,HP,TH,,\n`],
  ])('answers 400 for %s, and lands nothing', async (_label, csv) => {
    const before = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM households`);
    expectProblem(await importCsv(csv), 400);
    expect(await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM households`)).toEqual(before);
  });

  it('answers 400 when an admin gives no co-operative at all, or a bad one', async () => {
    expectProblem(await importCsv(`${HEADER}\nAn,${nextPhone()},,HP,TH,,\n`, '', t.adminToken), 400);
    expectProblem(await importCsv(`${HEADER}\n`, '?cooperativeId=not-a-uuid'), 400);
  });

  it('answers 4xx for a body that is not CSV', async () => {
    const json = await t.http.post(`/api/v1/households/import?cooperativeId=${coopId}`).set(bearer(managerToken)).send({ headName: 'An' });
    expect(json.status).toBeGreaterThanOrEqual(400);
    expect(json.status).toBeLessThan(500);
    expectProblem(json, json.status);
    const binary = await t.http
      .post(`/api/v1/households/import?cooperativeId=${coopId}`)
      .set(bearer(managerToken))
      .set('Content-Type', 'application/vnd.ms-excel')
      .send(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    expectProblem(binary, 415);
    const utf16 = await importCsv(Buffer.from(`${HEADER}\n`, 'utf16le').toString('latin1'));
    expectProblem(utf16, 400);
  });

  it('refuses a farmer', async () => {
    const household = await createHousehold(t, managerToken, coopId);
    const phone = nextPhone();
    await t.http
      .post('/api/v1/users')
      .set(bearer(managerToken))
      .send({ phone, password: 'farmer-password', role: 'farmer', householdId: household })
      .expect(201);
    const token = (await t.http.post('/api/v1/auth/login').send({ phone, password: 'farmer-password' })).body.accessToken as string;
    expectProblem(await importCsv(`${HEADER}\n`, `?cooperativeId=${coopId}`, token), 403);
  });

  describe('as a browser uploads it (multipart/form-data) and as Excel writes it', () => {
    const upload = (file: Buffer | string, fields: Record<string, string> = {}, token = managerToken, filename = 'danh-sach-ho.csv') => {
      let req = t.http.post('/api/v1/households/import').set(bearer(token));
      for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
      return req.attach('file', Buffer.isBuffer(file) ? file : Buffer.from(file), { filename, contentType: 'text/csv' });
    };

    it("imports an Excel member sheet with Vietnamese headers, semicolons and a BOM into the manager's own co-op", async () => {
      const [p1, p2, p3] = [nextPhone(), nextPhone(), nextPhone()];
      const sheet =
        '\uFEFF' +
        [
          EXCEL_HEADER,
          `1;Nguyễn Văn Ánh;${p1};030088001234;Hải Phòng;Thanh Hà;Thanh Sơn;Có;hộ mới`,
          `2;Trần Thị Bình;${p2};;Hải Phòng;;Thanh Sơn;Không;`,
          `3;Lê Văn Cường;${p3};;Hải Phòng;;Thanh Sơn;x;`,
        ].join('\r\n') +
        '\r\n';
      const res = await upload(sheet);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 3, rejected: [], ignoredColumns: ['STT', 'Ghi chú'] });
      expect(await householdByPhone(p1)).toMatchObject({
        cooperative_id: coopId,
        head_name: 'Nguyễn Văn Ánh',
        district: 'Thanh Hà',
        digital_skills_trained: true,
      });
      expect(await householdByPhone(p2)).toMatchObject({ district: null, digital_skills_trained: false });
      expect((await householdByPhone(p3))?.digital_skills_trained).toBe(true);
      // The folded search columns are written by the import itself, so a search finds the rows at once.
      const [row] = await t.app.get(DataSource).query(`SELECT head_name_search, commune_search FROM households WHERE phone = $1`, [p1]);
      expect(row).toEqual({ head_name_search: 'nguyen van anh', commune_search: 'thanh son' });
      const found = await t.http.get('/api/v1/households?q=nguyen van anh').set(bearer(managerToken));
      expect(found.body.items.map((h: { phone: string }) => h.phone)).toEqual([p1]);
    });

    it('matches headers whatever their case, diacritics and order, in a text/csv body too', async () => {
      const phone = nextPhone();
      const csv = `da tap huan,XÃ/PHƯỜNG,tỉnh / thành phố,số điện thoại,HỌ VÀ TÊN\n1,Thanh Sơn,Hải Phòng,${phone},Phạm Văn Dũng\n`;
      expect((await importCsv(csv, '')).body).toEqual({ created: 1, rejected: [], ignoredColumns: [] });
      expect(await householdByPhone(phone)).toMatchObject({
        head_name: 'Phạm Văn Dũng',
        commune: 'Thanh Sơn',
        digital_skills_trained: true,
      });
    });

    it('takes the co-operative from a form field (an admin), and reports bad rows in Vietnamese, or in English on request', async () => {
      const [p1, p2] = [nextPhone(), nextPhone()];
      const sheet = [EXCEL_HEADER, `1;Vũ Thị Em;${p1};;Hải Phòng;;Thanh Sơn;có lẽ;`, `2;Đỗ Văn Phúc;${p2};;Hải Phòng;;Thanh Sơn;;`].join(
        '\r\n',
      );
      const vi = await upload(sheet, { cooperativeId: otherCoopId }, t.adminToken);
      expect(vi.status).toBe(200);
      expect(vi.body).toEqual({
        created: 1,
        rejected: [{ line: 2, errors: [{ field: 'digitalSkillsTrained', message: 'phải là Có/Không, x, 1/0 hoặc true/false' }] }],
        ignoredColumns: ['STT', 'Ghi chú'],
      });
      expect((await householdByPhone(p2))?.cooperative_id).toBe(otherCoopId);
      const en = await upload(sheet, { cooperativeId: otherCoopId }, t.adminToken).set('accept-language', 'en');
      expect(en.body.rejected).toEqual([
        { line: 2, errors: [{ field: 'digitalSkillsTrained', message: 'must be Có/Không (yes/no), x, 1/0 or true/false' }] },
        { line: 3, errors: [{ field: 'phone', message: 'a household with this phone number is already registered' }] },
      ]);
    });

    it('refuses a manager naming another co-op in the form, row by row', async () => {
      const res = await upload(`${EXCEL_HEADER}\r\n1;An;${nextPhone()};;HP;;TH;;\r\n`, { cooperativeId: otherCoopId });
      expect(res.body).toEqual({
        created: 0,
        rejected: [{ line: 2, errors: [{ field: 'cooperativeId', message: 'bạn không quản lý hợp tác xã này' }] }],
        ignoredColumns: ['STT', 'Ghi chú'],
      });
    });

    it('answers 400, never 500, for malformed forms, and lands nothing', async () => {
      const before = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM households`);
      const raw = (body: string | Buffer, contentType: string) =>
        t.http.post('/api/v1/households/import').set(bearer(managerToken)).set('Content-Type', contentType).send(Buffer.from(body));
      const b = 'XyZBoundary';
      const cases: [string | Buffer, string][] = [
        ['whatever', 'multipart/form-data'],
        ['not a form at all', `multipart/form-data; boundary=${b}`],
        [
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${HEADER}\n`,
          `multipart/form-data; boundary=${b}`,
        ],
        [`--${b}\r\nbroken header\r\n\r\nx\r\n--${b}--\r\n`, `multipart/form-data; boundary=${b}`],
        [
          `--${b}\r\nContent-Disposition: form-data; name="cooperativeId"\r\n\r\n${'x'.repeat(2000)}\r\n--${b}--\r\n`,
          `multipart/form-data; boundary=${b}`,
        ],
        [`--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\nno file\r\n--${b}--\r\n`, `multipart/form-data; boundary=${b}`],
      ];
      for (const [body, contentType] of cases) {
        const res = await raw(body, contentType);
        expectProblem(res, 400);
      }
      const noFile = expectProblem(
        await raw(`--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${b}--\r\n`, `multipart/form-data; boundary=${b}`),
        400,
      );
      expect(noFile.errors).toEqual([{ field: 'file', message: 'biểu mẫu không có tệp: hãy chọn tệp CSV trong trường "file"' }]);
      const workbook = expectProblem(await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), {}, managerToken, 'ho.xlsx'), 400);
      expect(workbook.detail).toMatch(/CSV UTF-8/);
      expect(await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM households`)).toEqual(before);
    });

    it('answers 413 for a file over IMPORT_LIMIT_BYTES', async () => {
      const res = await upload(`${HEADER}\n${'x'.repeat(IMPORT_LIMIT + 10)}\n`);
      expectProblem(res, 413);
    });
  });
});
