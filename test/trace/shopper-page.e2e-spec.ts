import { parseSigningKeys, SerialSigner } from '../../src/labels/serials/serial-signer';
import { createBatch, createFarmer, createFixture, createPlot, createProduct, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const HELP_VI = 'Chi cục Quản lý chất lượng Nông lâm sản và Thủy sản Hải Phòng: 0225 3842 520';
const HELP_EN = 'Hai Phong agro-forestry-fishery quality office: 0225 3842 520';
/** Letters with Vietnamese diacritics (and đ): none may appear on an English page outside the data's own names. */
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;
const VI_DATE = /\b\d{2}\/\d{2}\/\d{4}\b/;
const EN_DATE = /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/;

const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
/** A calendar date in Vietnam, as the page writes it in each language. */
function shown(iso: string, lang: 'vi' | 'en'): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return lang === 'vi'
    ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`
    : `${Number(d.slice(8, 10))} ${months[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
}

/** The page's banner: its status, colour and text. */
function banner(html: string): { status: string | null; verdict: string | null; colour: string | null; text: string } {
  const header = /<header class="v" style="background:(#[0-9a-f]+)"([^>]*)>(.*?)<\/header>/.exec(html);
  return {
    colour: header?.[1] ?? null,
    verdict: /data-verdict="(\w+)"/.exec(header?.[2] ?? '')?.[1] ?? null,
    status: /data-status="(\w+)"/.exec(header?.[2] ?? '')?.[1] ?? null,
    text: (header?.[3] ?? '').replace(/<[^>]+>/g, ' '),
  };
}

/** What a person reads on the page: tags, attributes and the inline style left out. */
function readable(html: string): string {
  return html
    .replace(/<style>.*?<\/style>/s, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The parts of a scan's JSON these tests read. */
interface ScanBody {
  verdict: string;
  status: {
    recalled?: { at: string; reason: string };
    voided?: { at: string; reason: string };
    expired?: { bestBefore: string };
    onHold?: { safeFrom: string };
  };
  batch: { bestBefore: string; harvestedAt: string; safetyWarnings: unknown[] };
  origin: { contact: unknown; certifications: { number: string; status: string }[] };
}

describe('what shoppers see (e2e)', () => {
  let t: TestApp;
  let f: Fixture;
  let gtin: string;
  let productId: string;

  beforeAll(async () => {
    t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0', TRACE_HELP_LINE: HELP_VI, TRACE_HELP_LINE_EN: HELP_EN });
    f = await createFixture(t);
    gtin = '08930000000026';
    productId = await createProduct(t, f.managerToken, f.cooperativeId, { gtin: gtin.slice(1), shelfLifeDays: 30 });
  });
  afterAll(async () => t?.close());

  /** A batch harvested `harvestedDaysAgo` with `quantity` labels printed, and their paths. */
  async function labelledBatch(harvestedDaysAgo: number, plotId = f.plotId, quantity = 4) {
    const batch = await createBatch(t, f.managerToken, {
      productId,
      householdId: f.householdId,
      plotId,
      harvestedAt: daysAgo(harvestedDaysAgo),
    });
    const run = await t.http
      .post(`/api/v1/batches/${batch.id}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity, layout: 'thermal-50x30', format: 'zpl' });
    expect(run.status).toBe(202);
    const labels = await t.http.get(`/api/v1/labels?labelRunId=${run.body.id}`).set(bearer(f.managerToken));
    const serials = (labels.body.items as { serial: string }[]).map((l) => l.serial);
    return { batch, serials, path: (serial: string) => `/01/${gtin}/10/${batch.lotCode}/21/${serial}` };
  }

  async function both(path: string) {
    const json = await t.http.get(path).set('Accept', 'application/json');
    const vi = await t.http.get(path);
    const en = await t.http.get(path).set('Accept-Language', 'en');
    return { json: json.body as ScanBody, vi: vi.text, en: en.text };
  }

  it('tells a recalled lot from a voided label: distinct status, headline and colour, in both languages', async () => {
    const lot = await labelledBatch(2);
    // One label voided as a misprint before the lot is recalled.
    const misprint = await t.http
      .post('/api/v1/labels/void')
      .set(bearer(f.managerToken))
      .send({ serials: [lot.serials[0]], reason: 'Tem in lỗi' });
    expect(misprint.status).toBeLessThan(300);
    const voided = await both(lot.path(lot.serials[0]));
    expect(voided.json.verdict).toBe('voided');
    expect(voided.json.status).toEqual({ voided: { at: expect.any(String), reason: 'Tem in lỗi' } });
    expect(banner(voided.vi)).toMatchObject({ verdict: 'voided', status: 'voided', colour: '#6b6b6b' });
    expect(banner(voided.vi).text).toContain('Tem đã bị huỷ');
    expect(banner(voided.vi).text).toContain(`Huỷ ngày ${shown(voided.json.status.voided!.at, 'vi')}`);
    expect(banner(voided.en).text).toContain('This label has been voided');
    expect(banner(voided.en).text).toContain(`Voided on ${shown(voided.json.status.voided!.at, 'en')}`);

    const recall = await t.http
      .post(`/api/v1/batches/${lot.batch.id}/recall`)
      .set(bearer(f.managerToken))
      .send({ reason: 'Dư lượng thuốc BVTV vượt ngưỡng' });
    expect(recall.status).toBeLessThan(300);
    const recalled = await both(lot.path(lot.serials[1]));
    // The verdict keeps its values; status says why.
    expect(recalled.json.verdict).toBe('voided');
    expect(recalled.json.status).toEqual({ recalled: { at: expect.any(String), reason: 'Dư lượng thuốc BVTV vượt ngưỡng' } });
    expect(banner(recalled.vi)).toMatchObject({ verdict: 'voided', status: 'recalled', colour: '#7a1240' });
    expect(banner(recalled.vi).text).toContain('Lô hàng đã bị thu hồi');
    expect(banner(recalled.vi).text).toContain(`Thu hồi ngày ${shown(recalled.json.status.recalled!.at, 'vi')}`);
    expect(banner(recalled.vi).text).not.toContain('Tem đã bị huỷ');
    expect(banner(recalled.en).text).toContain('This lot has been recalled');
    expect(banner(recalled.en).text).toContain(`Recalled on ${shown(recalled.json.status.recalled!.at, 'en')}`);

    // The misprint stays a misprint under the recall: both are told.
    const both2 = (await t.http.get(lot.path(lot.serials[0])).set('Accept', 'application/json')).body;
    expect(Object.keys(both2.status).sort()).toEqual(['recalled', 'voided']);
  });

  it('tells a lot past its best-before from a genuine one, with the date in each language', async () => {
    const fresh = await labelledBatch(2);
    const freshPages = await both(fresh.path(fresh.serials[0]));
    expect(freshPages.json.status).toEqual({});
    expect(banner(freshPages.vi)).toMatchObject({ status: 'genuine', colour: '#1b7f3b' });

    const old = await labelledBatch(45);
    const pages = await both(old.path(old.serials[0]));
    expect(pages.json.verdict).toBe('genuine');
    const bestBefore = pages.json.batch.bestBefore;
    expect(pages.json.status).toEqual({ expired: { bestBefore } });
    expect(bestBefore < new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)).toBe(true);
    expect(banner(pages.vi)).toMatchObject({ verdict: 'genuine', status: 'expired', colour: '#6d4c1f' });
    expect(banner(pages.vi).text).toContain('Sản phẩm đã quá hạn sử dụng');
    expect(banner(pages.vi).text).toContain(`Hạn sử dụng: ${shown(`${bestBefore}T12:00:00+07:00`, 'vi')}`);
    // Not under the green "genuine" headline: the genuine label is only mentioned in the explanation.
    expect(pages.vi).not.toContain('<h1>✔ Tem chính hãng</h1>');
    expect(banner(pages.en).text).toContain('This product is past its best-before date');
    expect(banner(pages.en).text).toContain(`Best before: ${shown(`${bestBefore}T12:00:00+07:00`, 'en')}`);
  });

  it('holds a lot harvested inside a pre-harvest interval under an orange banner, never the green one', async () => {
    // A spraying holds every batch of its plot harvested inside the interval: these lots get plots of their own.
    const held = await labelledBatch(1, await createPlot(t, f.managerToken, f.householdId));
    // Sprayed two days ago with a 7-day interval, harvested yesterday: not safe for another five days.
    const spray = await t.http
      .post(`/api/v1/batches/${held.batch.id}/events`)
      .set(bearer(f.managerToken))
      .send({ bizStep: 'spraying', occurredAt: daysAgo(2), details: { pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays: 7 } });
    expect(spray.status).toBe(201);
    const pages = await both(held.path(held.serials[0]));
    expect(pages.json.verdict).toBe('genuine');
    expect(pages.json.status).toEqual({ onHold: { safeFrom: expect.any(String) } });
    const safeFrom = pages.json.status.onHold!.safeFrom;
    expect(Date.parse(safeFrom)).toBeGreaterThan(Date.now());
    expect(banner(pages.vi)).toMatchObject({ verdict: 'genuine', status: 'onHold', colour: '#c2410c' });
    expect(banner(pages.vi).text).toContain('Lô hàng đang bị tạm giữ vì an toàn thực phẩm');
    expect(banner(pages.vi).text).toContain(`Chỉ an toàn để thu hoạch từ ngày ${shown(safeFrom, 'vi')}`);
    expect(banner(pages.vi).text).not.toContain('✔');
    expect(banner(pages.en).text).toContain('This lot is on hold for food safety');
    // The warning itself is told in the page's language, from its fields.
    expect(readable(pages.en)).toContain('inside the 7-day pre-harvest interval after spraying Abamectin 3.6EC');
    expect(readable(pages.vi)).toContain('khi chưa hết thời gian cách ly 7 ngày sau lần phun Abamectin 3.6EC');

    // Harvested inside an interval that has since run out: still held, the calendar does not release it.
    const past = await labelledBatch(5, await createPlot(t, f.managerToken, f.householdId));
    await t.http
      .post(`/api/v1/batches/${past.batch.id}/events`)
      .set(bearer(f.managerToken))
      .send({ bizStep: 'spraying', occurredAt: daysAgo(10), details: { pesticide: 'Emamectin benzoate', preHarvestIntervalDays: 7 } });
    const stillHeld = await both(past.path(past.serials[0]));
    expect(stillHeld.json.status.onHold?.safeFrom).toBeDefined();
    expect(Date.parse(stillHeld.json.status.onHold!.safeFrom)).toBeLessThan(Date.now());
    expect(banner(stillHeld.vi).status).toBe('onHold');
    expect(banner(stillHeld.en).text).toContain(`Safe to harvest only from ${shown(stillHeld.json.status.onHold!.safeFrom, 'en')}`);
    // Released by a manager with a reason: no longer held, still not the green banner.
    const release = await t.http
      .post(`/api/v1/batches/${past.batch.id}/safety-override`)
      .set(bearer(f.managerToken))
      .send({ reason: 'Kết quả xét nghiệm dư lượng đạt' });
    expect(release.status).toBe(200);
    const after = await both(past.path(past.serials[1]));
    expect(after.json.status).toEqual({});
    expect(after.json.batch.safetyWarnings).toHaveLength(1);
    expect(banner(after.vi)).toMatchObject({ verdict: 'genuine', status: 'caution', colour: '#c2410c' });
    expect(banner(after.en).text).toContain('Food-safety warning');
  });

  it('never shows an expired, revoked or unverified certificate as valid (JSON, Vietnamese and English)', async () => {
    const farmerToken = await createFarmer(t, f.managerToken, f.householdId);
    // Entered by the farmer: unverified until a manager checks it.
    const plotId = await createPlot(t, farmerToken, f.householdId, {
      certifications: [{ scheme: 'VietGAP', number: 'VG-FARMER-1', validUntil: '2027-12-31' }],
    });
    const add = (body: object) => t.http.post(`/api/v1/plots/${plotId}/certifications`).set(bearer(f.managerToken)).send(body);
    expect((await add({ scheme: 'GlobalGAP', number: 'GG-EXPIRED-1', validUntil: '2025-03-31' })).status).toBe(201);
    const organic = await add({ scheme: 'Organic', number: 'HC-REVOKED-1', validUntil: '2027-10-31' });
    expect(organic.status).toBe(201);
    const revoke = await t.http
      .patch(`/api/v1/plots/${plotId}/certifications/${organic.body.id}`)
      .set(bearer(f.managerToken))
      .send({ revoked: true, reason: 'Giấy chứng nhận giả' });
    expect(revoke.status).toBe(200);

    const lot = await labelledBatch(2, plotId);
    const pages = await both(lot.path(lot.serials[0]));
    const statuses = Object.fromEntries(pages.json.origin.certifications.map((c) => [c.number, c.status]));
    expect(statuses).toEqual({ 'VG-FARMER-1': 'unverified', 'GG-EXPIRED-1': 'expired', 'HC-REVOKED-1': 'revoked' });
    const certs = (html: string) => /<ul class="certs">(.*?)<\/ul>/.exec(html)?.[1] ?? '';
    expect(certs(pages.vi)).toContain('<li class="unverified">');
    expect(readable(certs(pages.vi))).toContain('chưa xác minh');
    expect(readable(certs(pages.vi))).toContain('HẾT HẠN từ 31/03/2025');
    expect(readable(certs(pages.vi))).toContain('ĐÃ BỊ THU HỒI');
    expect(readable(certs(pages.vi))).toContain('Hữu cơ');
    expect(readable(certs(pages.vi))).not.toContain('còn hiệu lực');
    expect(certs(pages.vi)).not.toMatch(/class="(valid|expiring)"/);
    expect(readable(certs(pages.en))).toContain('unverified');
    expect(readable(certs(pages.en))).toContain('EXPIRED on 31 Mar 2025');
    expect(readable(certs(pages.en))).toContain('REVOKED');
    expect(readable(certs(pages.en))).toContain('Organic');
    expect(certs(pages.en)).not.toMatch(/class="(valid|expiring)"/);
    // The certificates link type carries the same statuses.
    const link = await t.http.get(`${lot.path(lot.serials[0])}?linkType=gs1:certificationInfo`);
    expect(link.status).toBe(307);
    const info = await t.http.get(new URL(link.headers.location).pathname);
    expect((info.body.certifications as { status: string }[]).map((c) => c.status).sort()).toEqual(['expired', 'revoked', 'unverified']);
  });

  it('says everything in English on an English page and in one date format per language', async () => {
    const lot = await labelledBatch(3);
    for (const event of [
      {
        bizStep: 'spraying',
        occurredAt: daysAgo(25),
        details: { pesticide: 'Abamectin 3.6EC', activeIngredient: 'Abamectin', preHarvestIntervalDays: 7 },
      },
      { bizStep: 'fertilizing', occurredAt: daysAgo(20), details: { fertilizer: 'NPK 16-16-8', quantityKg: 40 } },
      { bizStep: 'harvesting', occurredAt: daysAgo(3) },
      { bizStep: 'packing', occurredAt: daysAgo(3), details: { packingHouseCode: 'PHC-HD-003', temperatureC: 4 } },
      { bizStep: 'inspecting', occurredAt: daysAgo(2) },
      { bizStep: 'shipping', occurredAt: daysAgo(2) },
    ]) {
      expect((await t.http.post(`/api/v1/batches/${lot.batch.id}/events`).set(bearer(f.managerToken)).send(event)).status).toBe(201);
    }
    // Read twice: the second page carries the scan line with its date.
    await t.http.get(lot.path(lot.serials[0])).set('Accept-Language', 'en');
    const pages = await both(lot.path(lot.serials[0]));
    // Names are data: the product, its geographical indication, the co-operative and its address.
    // "Tiếng Việt" is the language switch, in the language it switches to.
    const names = ['HTX Vải thiều Thanh Hà', 'Vải thiều Thanh Hà', 'Thanh Hà', 'Hải Phòng', 'Tiếng Việt'];
    let english = readable(pages.en);
    for (const name of names) english = english.split(name).join('');
    expect(english).not.toMatch(VIETNAMESE);
    expect(english).toMatch(EN_DATE);
    expect(readable(pages.en)).not.toMatch(VI_DATE);
    expect(readable(pages.vi)).toMatch(VI_DATE);
    expect(readable(pages.vi)).not.toMatch(EN_DATE);
    expect(readable(pages.en)).toContain(`Harvested ${shown(pages.json.batch.harvestedAt, 'en')}`);
    expect(readable(pages.vi)).toContain(`Ngày thu hoạch ${shown(pages.json.batch.harvestedAt, 'vi')}`);
    // The Vietnamese page says the steps in Vietnamese, the English one in English.
    expect(readable(pages.vi)).toContain('Phun thuốc BVTV');
    expect(readable(pages.en)).toContain('Pesticide spraying');
    expect(readable(pages.en)).toContain('Scanned 4 times, first on');
  });

  it('tells the shopper what to do after a counterfeit answer: advice, the province office line and a form for the serial', async () => {
    const lot = await labelledBatch(2);
    const genuine = lot.serials[0];
    const forged = genuine.slice(0, 10) + (genuine[10] === 'A' ? 'B' : 'A') + genuine.slice(11);
    const json = await t.http.get(lot.path(forged)).set('Accept', 'application/json');
    expect(json.status).toBe(404);
    // A failed MAC says nothing about who made it: no producer, the general line.
    expect(json.body).toEqual({ verdict: 'counterfeit', serial: forged, producer: null, helpLine: HELP_VI });
    const vi = await t.http.get(lot.path(forged));
    expect(vi.status).toBe(404);
    expect(banner(vi.text)).toMatchObject({ verdict: 'counterfeit', status: 'counterfeit', colour: '#b3261e' });
    expect(readable(vi.text)).toContain('Bạn nên làm gì?');
    expect(readable(vi.text)).toContain('gõ nhầm một ký tự không có nghĩa là hàng giả');
    expect(readable(vi.text)).toContain(HELP_VI);
    expect(vi.text).toContain(
      `<form method="get" action="${lot.path(forged)}"><input type="hidden" name="lang" value="vi"><input id="serial" name="serial"`,
    );
    expect(vi.text).not.toContain('HTX Vải thiều Thanh Hà');
    const en = await t.http.get(lot.path(forged)).set('Accept-Language', 'en');
    expect(readable(en.text)).toContain('What should you do?');
    expect(readable(en.text)).toContain(HELP_EN);
    expect(readable(en.text).replace('Tiếng Việt', '')).not.toMatch(VIETNAMESE);
    expect(String(vi.headers['content-security-policy'])).toContain("form-action 'self'");
  });

  it("answers an unknown serial under a known GTIN with the co-operative's public contact, never a farmer's phone", async () => {
    const patch = await t.http
      .patch(`/api/v1/cooperatives/${f.cooperativeId}`)
      .set(bearer(f.managerToken))
      .send({ contactPhone: '0220 3852 123', contactEmail: 'htx.thanhha@example.vn' });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ contactPhone: '0220 3852 123', contactEmail: 'htx.thanhha@example.vn' });
    const lot = await labelledBatch(2);
    const signer = new SerialSigner(parseSigningKeys(t.env.LABEL_SIGNING_KEYS));
    const neverIssued = signer.issue(gtin, lot.batch.lotCode);
    const json = await t.http.get(lot.path(neverIssued)).set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.body).toEqual({
      verdict: 'unknown',
      serial: neverIssued,
      producer: { cooperative: 'HTX Vải thiều Thanh Hà', contact: { phone: '0220 3852 123', email: 'htx.thanhha@example.vn' } },
      helpLine: HELP_VI,
    });
    const vi = await t.http.get(lot.path(neverIssued));
    expect(banner(vi.text).status).toBe('unknown');
    expect(vi.text).toContain('<a href="tel:02203852123">0220 3852 123</a>');
    expect(vi.text).toContain('mailto:htx.thanhha@example.vn');
    expect(readable(vi.text)).toContain('Nơi sản xuất');
    // A known label's page names the same contact.
    const page = await both(lot.path(lot.serials[0]));
    expect(page.json.origin.contact).toEqual({ phone: '0220 3852 123', email: 'htx.thanhha@example.vn' });
    expect(readable(page.en)).toContain('Contact');
    // A GTIN no product carries: nobody to name.
    const strangerGtin = '08930000000033';
    const stranger = signer.issue(strangerGtin, 'LOT-X');
    const none = await t.http.get(`/01/${strangerGtin}/10/LOT-X/21/${stranger}`).set('Accept', 'application/json');
    expect(none.body).toMatchObject({ verdict: 'unknown', producer: null });
  });

  it('answers the serial typed into the form with its page: spaces, small letters and look-alikes forgiven', async () => {
    const lot = await labelledBatch(2);
    const serial = lot.serials[0];
    const typed = `${serial.slice(0, 5).toLowerCase()} ${serial.slice(5, 10)}-${serial.slice(10).replace(/0/g, 'O').replace(/1/g, 'l')}`;
    const bad = serial.slice(0, 10) + (serial[10] === 'A' ? 'B' : 'A') + serial.slice(11);
    const redirect = await t.http.get(`${lot.path(bad)}?lang=en&serial=${encodeURIComponent(typed)}`);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.location).toBe(`${lot.path(serial)}?lang=en`);
    const followed = await t.http.get(redirect.headers.location);
    expect(banner(followed.text)).toMatchObject({ verdict: 'genuine', status: 'genuine' });
    // From the batch page and the short form too.
    const fromBatch = await t.http.get(`/01/${gtin}/10/${lot.batch.lotCode}?serial=${serial}`);
    expect(fromBatch.status).toBe(303);
    expect(fromBatch.headers.location).toBe(lot.path(serial));
    const short = await t.http.get(`/t/ZZZZ?serial=${serial.toLowerCase()}`);
    expect(short.headers.location).toBe(`/t/${serial}`);
    // Nothing usable typed: the page again, saying so, with the form; nothing counted.
    const unreadable = await t.http.get(`${lot.path(bad)}?serial=${encodeURIComponent('  ')}`);
    expect(unreadable.status).toBe(400);
    expect(readable(unreadable.text)).toContain('Không đọc được số sê-ri này');
    expect(unreadable.text).toContain('<input id="serial" name="serial"');
    // A program asking for JSON gets the one error format instead.
    const unreadableJson = await t.http.get(`${lot.path(bad)}?serial=${encodeURIComponent('  ')}`).set('Accept', 'application/json');
    expect(unreadableJson.status).toBe(400);
    expect(unreadableJson.headers['content-type']).toMatch(/^application\/problem\+json/);
    const count = (await t.http.get(lot.path(serial)).set('Accept', 'application/json')).body.scan.count;
    expect(count).toBe(2);
  });

  it("validates a co-operative's public contact, in Vietnamese by default and in English on request", async () => {
    const send = (lang?: string) => {
      const req = t.http.patch(`/api/v1/cooperatives/${f.cooperativeId}`).set(bearer(f.managerToken));
      if (lang) req.set('Accept-Language', lang);
      return req.send({ contactPhone: 'gọi tôi', contactEmail: 'not-an-email' });
    };
    const vi = await send();
    expect(vi.status).toBe(400);
    const messages = (res: { body: { errors: { field: string; message: string }[] } }) =>
      Object.fromEntries(res.body.errors.map((e) => [e.field, e.message]));
    expect(messages(vi).contactPhone).toContain('phải là số điện thoại công khai của hợp tác xã');
    expect(messages(vi).contactEmail).toContain('phải là địa chỉ email');
    const en = await send('en');
    expect(messages(en).contactPhone).toContain("must be the co-operative's public phone number");
    expect(messages(en).contactEmail).toContain('must be an e-mail address');
  });
});
