import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parseSigningKeys, SerialSigner } from '../../src/labels/serials/serial-signer';
import { ScanRecorder } from '../../src/trace/scan-recorder.service';
import { createBatch, createFixture, createPlot, createProduct, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const PRIVATE = ['030088001234', 'password', 'passwordHash', 'nationalId', 'phone', 'ghi chú nội bộ', 'Nguyễn Văn Hùng'];

interface Scenario {
  f: Fixture;
  gtin: string;
  lot: string;
  batchId: string;
  serials: string[];
}

async function labelled(t: TestApp, quantity = 10): Promise<Scenario> {
  const f = await createFixture(t);
  const gtin = '08930000000019';
  const productId = await createProduct(t, f.managerToken, f.cooperativeId, { gtin: gtin.slice(1), shelfLifeDays: 30 });
  // One valid and one expired certificate on the plot the fruit came from.
  const plotId = await createPlot(t, f.managerToken, f.householdId, {
    certifications: [
      { scheme: 'VietGAP', number: 'VG-HD-0042', issuer: 'Trung tâm Chứng nhận Phù hợp', validUntil: '2028-06-30' },
      { scheme: 'GlobalGAP', number: 'GG-4063061891234', validUntil: '2025-03-31' },
    ],
  });
  // Harvested two days ago, well inside its 30-day shelf life, sprayed long enough before: a plain genuine lot.
  const day = 86_400_000;
  const batch = await createBatch(t, f.managerToken, {
    productId,
    householdId: f.householdId,
    plotId,
    harvestedAt: new Date(Date.now() - 2 * day).toISOString(),
  });
  await t.http
    .post(`/api/v1/batches/${batch.id}/events`)
    .set(bearer(f.managerToken))
    .send({
      bizStep: 'spraying',
      occurredAt: new Date(Date.now() - 20 * day).toISOString(),
      details: { pesticide: 'Abamectin', preHarvestIntervalDays: 7, note: 'ghi chú nội bộ' },
    });
  const run = await t.http
    .post(`/api/v1/batches/${batch.id}/label-runs`)
    .set(bearer(f.managerToken))
    .send({ quantity, layout: 'thermal-50x30', format: 'zpl' });
  expect(run.status).toBe(202);
  const labels = await t.http.get(`/api/v1/labels?labelRunId=${run.body.id}&limit=500`).set(bearer(f.managerToken));
  return { f, gtin, lot: batch.lotCode, batchId: batch.id, serials: (labels.body.items as { serial: string }[]).map((l) => l.serial) };
}

describe('consumer scan (e2e)', () => {
  let t: TestApp;
  let s: Scenario;
  const path = (serial: string) => `/01/${s.gtin}/10/${s.lot}/21/${serial}`;

  beforeAll(async () => {
    t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0' });
    s = await labelled(t);
  });
  afterAll(async () => t?.close());

  it('answers a genuine label in JSON with origin, certificates, history and a counted scan', async () => {
    const first = await t.http.get(path(s.serials[0])).set('Accept', 'application/json');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      verdict: 'genuine',
      serial: s.serials[0],
      scan: { count: 1 },
      product: { name: 'Vải thiều Thanh Hà', gtin: s.gtin, geographicalIndication: 'Vải thiều Thanh Hà', ocopStars: 4 },
      batch: { lotCode: s.lot },
      origin: { cooperative: 'HTX Vải thiều Thanh Hà', commune: 'Thanh Hà', province: 'Hải Phòng' },
    });
    expect(first.body.origin.certifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scheme: 'VietGAP', status: 'valid' }),
        expect.objectContaining({ scheme: 'GlobalGAP', status: 'expired' }),
      ]),
    );
    expect(first.body.events).toEqual([
      expect.objectContaining({ bizStep: 'spraying', details: { pesticide: 'Abamectin', preHarvestIntervalDays: 7 } }),
    ]);
    expect(first.body.batch.safetyWarnings).toEqual([]);
    expect(first.body.status).toEqual({});
    const second = await t.http.get(`${path(s.serials[0])}?format=json`);
    expect(second.body.scan).toEqual({ count: 2, firstScannedAt: first.body.scan.firstScannedAt });
    expect(first.headers['access-control-allow-origin']).toBe('*');
    // The label's links are in its linkset, pointed at from every answer; the header never lists them in the deprecated gs1: form.
    const link = String(first.headers.link);
    expect(link).toBe(`<https://nst.vn${path(s.serials[0])}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`);
  });

  it('serves a small, self-contained Vietnamese page by default and English on request', async () => {
    const vi = await t.http.get(path(s.serials[1]));
    expect(vi.status).toBe(200);
    expect(vi.headers['content-type']).toMatch(/^text\/html/);
    expect(vi.text).toContain('<html lang="vi">');
    expect(vi.text).toContain('Tem chính hãng');
    expect(vi.text).toContain('data-status="genuine"');
    expect(vi.text).toContain('Đã quét 1 lần, lần đầu ngày');
    expect(vi.text).toContain('HẾT HẠN');
    expect(Buffer.byteLength(vi.text)).toBeLessThanOrEqual(30 * 1024);
    expect(vi.text).not.toMatch(/<script|<link |src=|href="https?:/);
    const en = await t.http.get(path(s.serials[1])).set('Accept-Language', 'en-US,en;q=0.9');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Genuine label');
    expect(en.text).toContain('Scanned 2 times');
    const query = await t.http.get(`${path(s.serials[1])}?lang=en`).set('Accept-Language', 'vi');
    expect(query.text).toContain('Genuine label');
  });

  it('never shows a phone number, national ID, password or internal note', async () => {
    const db = t.app.get(DataSource);
    const [household] = await db.query<{ phone: string }[]>('SELECT phone FROM households WHERE id = $1', [s.f.householdId]);
    for (const accept of ['application/json', 'text/html']) {
      const res = await t.http.get(path(s.serials[2])).set('Accept', accept);
      const everything = `${res.text}\n${String(res.headers.link)}`;
      for (const secret of [...PRIVATE, household.phone]) expect(everything).not.toContain(secret);
    }
  });

  it('tells counterfeit (forged MAC, random serials) from unknown, before any lookup, and 400 for malformed links', async () => {
    const genuine = s.serials[3];
    const altered = genuine.slice(0, 10) + (genuine[10] === 'A' ? 'B' : 'A') + genuine.slice(11);
    const forged = await t.http.get(path(altered)).set('Accept', 'application/json');
    expect(forged.status).toBe(404);
    expect(forged.body).toEqual({ verdict: 'counterfeit', serial: altered, producer: null, helpLine: null });
    const page = await t.http.get(path(altered));
    expect(page.status).toBe(404);
    expect(page.text).toContain('Tem giả');
    for (const serial of ['1', 'ABCDEFGHJKMNPQRSTVW', '1ZZZZZZZZZZZZZZZZZZ']) {
      expect((await t.http.get(`/t/${serial}?format=json`)).body.verdict).toBe('counterfeit');
    }
    // A correctly signed serial that was never issued (e.g. keys leaked, rows deleted): unknown.
    const signer = new SerialSigner(parseSigningKeys(t.env.LABEL_SIGNING_KEYS));
    const neverIssued = signer.issue(s.gtin, s.lot);
    const unknown = await t.http.get(path(neverIssued)).set('Accept', 'application/json');
    expect(unknown.status).toBe(404);
    expect(unknown.body.verdict).toBe('unknown');

    expect((await t.http.get(`/01/08930000000018/10/${s.lot}/21/${genuine}`)).status).toBe(400);
    expect((await t.http.get(`/01/123/10/${s.lot}/21/${genuine}`)).status).toBe(400);
    expect((await t.http.get(`/01/${s.gtin}/10/${'L'.repeat(21)}/21/${genuine}`)).status).toBe(400);
    const bad = await t.http.get(`/t/${'A'.repeat(21)}`);
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('answers HEAD and CORS preflight without counting a scan', async () => {
    const serial = s.serials[4];
    const head = await t.http.head(path(serial));
    expect(head.status).toBe(200);
    expect(head.headers.link).toContain('rel="linkset"');
    const preflight = await t.http.options(path(serial)).set('Origin', 'https://shop.example').set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('GET');
    const get = await t.http.get(path(serial)).set('Accept', 'application/json');
    expect(get.body.scan.count).toBe(1);
  });

  it('walks up from a lot to the batch page, with no verdict and no scan', async () => {
    const res = await t.http.get(`/01/${s.gtin}/10/${s.lot}`).set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body.verdict).toBeUndefined();
    expect(res.body.batch.lotCode).toBe(s.lot);
    const html = await t.http.get(`/01/${s.gtin}/10/${s.lot}`);
    expect(html.text).toContain('Truy xuất nguồn gốc');
    // A lot this resolver does not know walks up to its product (resolver standard 2.5.9), never a bare 404.
    const unknownLot = await t.http.get(`/01/${s.gtin}/10/NO-SUCH-LOT`).set('Accept', 'application/json');
    expect(unknownLot.status).toBe(200);
    expect(unknownLot.body).toMatchObject({ product: { gtin: s.gtin }, producer: { cooperative: 'HTX Vải thiều Thanh Hà' } });
    expect(unknownLot.body.batch).toBeUndefined();
    const link = await t.http.get(`/01/${s.gtin}/10/${s.lot}?linkType=gs1:certificationInfo`);
    expect(link.status).toBe(307);
    const certs = await t.http.get(new URL(link.headers.location).pathname);
    expect(certs.body.certifications).toHaveLength(2);
  });

  it('shows a voided label as voided on the very next scan, and a new event on the next view', async () => {
    const serial = s.serials[5];
    expect((await t.http.get(path(serial)).set('Accept', 'application/json')).body.verdict).toBe('genuine');
    const voided = await t.http
      .post('/api/v1/labels/void')
      .set(bearer(s.f.managerToken))
      .send({ serials: [serial], reason: 'Tem in lỗi' });
    expect(voided.body).toEqual({ voided: 1 });
    const after = await t.http.get(path(serial)).set('Accept', 'application/json');
    expect(after.body).toMatchObject({ verdict: 'voided', reason: 'Tem in lỗi' });
    expect((await t.http.get(path(serial))).text).toContain('Tem đã bị huỷ');

    await t.http
      .post(`/api/v1/batches/${s.batchId}/events`)
      .set(bearer(s.f.managerToken))
      .send({ bizStep: 'packing', occurredAt: new Date().toISOString() });
    const view = await t.http.get(path(s.serials[6])).set('Accept', 'application/json');
    expect(view.body.events.map((e: { bizStep: string }) => e.bizStep)).toEqual(['spraying', 'packing']);
  });

  it('calls a label suspicious when it is scanned from too many networks', async () => {
    const serial = s.serials[7];
    let last: { verdict: string } = { verdict: '' };
    for (let i = 1; i <= 7; i++) {
      const res = await t.http.get(path(serial)).set('Accept', 'application/json').set('X-Forwarded-For', `203.0.${i}.10`);
      last = res.body as { verdict: string };
    }
    expect(last.verdict).toBe('suspicious');
  });

  it('writes exactly as many scans to the database as were requested', async () => {
    const serial = s.serials[8];
    await Promise.all(Array.from({ length: 40 }, () => t.http.get(path(serial)).set('Accept', 'application/json')));
    await t.app.get(ScanRecorder).flush();
    const db = t.app.get(DataSource);
    const [row] = await db.query<{ scan_count: number }[]>('SELECT scan_count FROM labels WHERE serial = $1', [serial]);
    expect(Number(row.scan_count)).toBe(40);
    const [day] = await db.query<{ total: string }[]>('SELECT SUM(scans) AS total FROM batch_scan_days WHERE batch_id = $1', [s.batchId]);
    const [labels] = await db.query<{ total: string }[]>('SELECT SUM(scan_count) AS total FROM labels WHERE batch_id = $1', [s.batchId]);
    expect(Number(day.total)).toBe(Number(labels.total));
  });
});

describe('consumer scan limits and shutdown (e2e)', () => {
  it('rate-limits one client with 429 and Retry-After', async () => {
    const t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const s = await labelled(t, 1);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await t.http.get(`/t/${s.serials[0]}`)).status);
      // The fixture product has a GTIN; the short form is counterfeit for it, but it still counts against the limit.
      expect(statuses.slice(0, 5).every((code) => code !== 429)).toBe(true);
      const limited = await t.http.get(`/01/${s.gtin}/10/${s.lot}/21/${s.serials[0]}`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });

  it('flushes counted scans on graceful shutdown', async () => {
    const t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0' });
    const s = await labelled(t, 1);
    const url = t.env.DATABASE_URL;
    for (let i = 0; i < 12; i++) await t.http.get(`/01/${s.gtin}/10/${s.lot}/21/${s.serials[0]}`);
    await t.app.close();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ scan_count: number }>('SELECT scan_count FROM labels WHERE serial = $1', [s.serials[0]]);
      expect(Number(rows[0].scan_count)).toBe(12);
    } finally {
      await client.end();
      await t.close().catch(() => undefined);
    }
  });
});
