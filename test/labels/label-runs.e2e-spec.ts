import { DigitalLink } from 'digital-link.js';
import { DataSource } from 'typeorm';
import { createBatch, createFixture, createProduct, Fixture } from '../support/factories';
import { decodePdf } from '../support/pdf-qr';
import { printZpl } from '../support/zpl-qr';
import { bearer, binaryBody, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

interface RunBody {
  id: string;
  status: string;
  progress: number;
  quantity: number;
  error?: string;
}

describe('label runs (e2e, api and worker in one process)', () => {
  let t: TestApp;
  let f: Fixture;
  let shortFormBatchId: string;

  beforeAll(async () => {
    t = await startTestApp({ STORAGE_DIR: `/tmp/nst-storage-${process.pid}`, LABEL_RENDER_THREADS: '2' }, 'all');
    f = await createFixture(t);
    // A product with a GTIN, so labels carry the full GS1 Digital Link (the fixture's has none: short /t/ form).
    const productId = await createProduct(t, f.managerToken, f.cooperativeId, { gtin: '8930000000019' });
    const batch = await createBatch(t, f.managerToken, { productId, householdId: f.householdId, plotId: f.plotId });
    shortFormBatchId = f.batchId;
    f = { ...f, productId, batchId: batch.id, lotCode: batch.lotCode };
  });
  afterAll(async () => t?.close());

  async function waitDone(id: string, token = f.managerToken): Promise<RunBody> {
    for (let i = 0; i < 300; i++) {
      const res = await t.http.get(`/api/v1/label-runs/${id}`).set(bearer(token));
      expect(res.status).toBe(200);
      const body = res.body as RunBody;
      if (body.status === 'done' || body.status === 'failed') return body;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`run ${id} did not finish`);
  }

  async function startRun(body: object, headers: Record<string, string> = {}) {
    return t.http.post(`/api/v1/batches/${f.batchId}/label-runs`).set(bearer(f.managerToken)).set(headers).send(body);
  }

  async function labelsOfRun(runId: string): Promise<{ serial: string; url: string; status: string }[]> {
    const out: { serial: string; url: string; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.http
        .get(`/api/v1/labels?labelRunId=${runId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(f.managerToken));
      expect(res.status).toBe(200);
      out.push(...(res.body.items as typeof out));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    return out;
  }

  it('prints an A4 3x8 PDF whose decoded QR codes are exactly the run’s serials', async () => {
    const res = await startRun({ quantity: 50, layout: 'a4-3x8', format: 'pdf' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', quantity: 50 });
    const early = await t.http.get(`/api/v1/label-runs/${res.body.id}/file`).set(bearer(f.managerToken));
    if (early.status !== 200) expect(early.status).toBe(409);

    const done = await waitDone(res.body.id);
    expect(done).toMatchObject({ status: 'done', progress: 100 });
    const file = await t.http.get(`/api/v1/label-runs/${res.body.id}/file`).set(bearer(f.managerToken)).buffer(true).parse(binaryBody);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const pdf = file.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const pages = await decodePdf(pdf);
    expect(pages).toHaveLength(3); // 24 + 24 + 2
    const decoded = pages.flatMap((p) => p.codes ?? []);
    const labels = await labelsOfRun(res.body.id);
    expect(labels).toHaveLength(50);
    expect(new Set(decoded)).toEqual(new Set(labels.map((l) => l.url)));
    expect(decoded).toHaveLength(50);
    for (const url of decoded) {
      expect(url).toMatch(/^https:\/\/nst\.vn\/01\/\d{14}\/10\/[0-9A-Z-]+\/21\/[0-9A-Z]{19}$/);
      expect(DigitalLink(url).isValid()).toBe(true);
    }
    // Vietnamese text is real text (embedded font + ToUnicode), and the serial is printed for people too.
    expect(pages[0].text).toContain('Vải thiều Thanh Hà');
    const allText = pages.map((p) => p.text).join('\n');
    for (const label of labels) expect(allText).toContain(label.serial);
    expect(pages[0].text).toContain('nst.vn');

    const db = t.app.get(DataSource);
    const [{ count }] = await db.query<{ count: string }[]>('SELECT COUNT(DISTINCT serial) AS count FROM labels WHERE label_run_id = $1', [
      res.body.id,
    ]);
    expect(Number(count)).toBe(50);
  });

  it('uses the short /t/{serial} form for a product without a GTIN', async () => {
    const res = await t.http
      .post(`/api/v1/batches/${shortFormBatchId}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 2, layout: 'thermal-50x30', format: 'zpl' });
    expect(res.status).toBe(202);
    await waitDone(res.body.id);
    const labels = await labelsOfRun(res.body.id);
    for (const label of labels) expect(label.url).toBe(`https://nst.vn/t/${label.serial}`);
  });

  it('prints one 50x30 mm label per page, and ZPL with one ^XA…^XZ block per label', async () => {
    const thermal = await startRun({ quantity: 3, layout: 'thermal-50x30', format: 'pdf' });
    expect(thermal.status).toBe(202);
    expect((await waitDone(thermal.body.id)).status).toBe('done');
    const pdf = await t.http.get(`/api/v1/label-runs/${thermal.body.id}/file`).set(bearer(f.managerToken)).buffer(true).parse(binaryBody);
    const pages = await decodePdf(pdf.body as Buffer, 300);
    expect(pages.map((p) => p.codes?.length)).toEqual([1, 1, 1]);
    const urls = (await labelsOfRun(thermal.body.id)).map((l) => l.url);
    expect(new Set(pages.flatMap((p) => p.codes ?? []))).toEqual(new Set(urls));

    const zpl = await startRun({ quantity: 4, layout: 'thermal-50x30', format: 'zpl' });
    expect((await waitDone(zpl.body.id)).status).toBe('done');
    const file = await t.http.get(`/api/v1/label-runs/${zpl.body.id}/file`).set(bearer(f.managerToken));
    expect(file.headers['content-type']).toMatch(/^text\/plain/);
    const text = file.text;
    expect(text.match(/\^XA/g)).toHaveLength(4);
    expect(text.match(/\^XZ/g)).toHaveLength(4);
    const zplLabels = await labelsOfRun(zpl.body.id);
    for (const label of zplLabels) expect(text).toContain(`^BQN,2,4^FDMA,${label.url}^FS`);
    // Printed offline as a 203-dpi printer would: every label's code reads back as its URL.
    expect((await printZpl(text)).map((p) => p.codes.join()).sort()).toEqual(zplLabels.map((l) => l.url).sort());
  });

  it('prints the geographical indication whole, the net weight, best-before date and the scan prompt on the PDF label', async () => {
    const productId = await createProduct(t, f.managerToken, f.cooperativeId, {
      name: 'Vải thiều Thanh Hà loại 1',
      geographicalIndication: 'Vải thiều Thanh Hà (CDĐL số 00005)',
      packageNetWeightKg: 2,
      shelfLifeDays: 30,
    });
    const batch = await createBatch(t, f.managerToken, { productId, householdId: f.householdId, plotId: f.plotId });
    const textOf = async (layout: string): Promise<string> => {
      const run = await t.http
        .post(`/api/v1/batches/${batch.id}/label-runs`)
        .set(bearer(f.managerToken))
        .send({ quantity: 1, layout, format: 'pdf' });
      expect((await waitDone(run.body.id)).status).toBe('done');
      const file = await t.http.get(`/api/v1/label-runs/${run.body.id}/file`).set(bearer(f.managerToken)).buffer(true).parse(binaryBody);
      const [page] = await decodePdf(file.body as Buffer);
      return page.text.replace(/\s+/g, ' ');
    };
    // Harvested 10/06/2026 (Vietnam time), 30 days of shelf life.
    const sheet = await textOf('a4-3x8');
    expect(sheet).toContain('CDĐL: Vải thiều Thanh Hà (CDĐL số 00005)');
    expect(sheet).toContain('HSD: 10/07/2026');
    expect(sheet).toContain('KL tịnh: 2 kg');
    expect(sheet).toContain('Quét mã để truy xuất');
    expect(sheet).not.toContain('…');
    const thermal = await textOf('thermal-50x30');
    expect(thermal).toContain('CDĐL: Vải thiều Thanh Hà (CDĐL số 00005)');
    expect(thermal).toContain('Lô: ');
    expect(thermal).not.toContain('…');
  });

  it('refuses ZPL for an A4 sheet with a 400 naming the format, instead of printing 50x30 labels', async () => {
    const res = await startRun({ quantity: 2, layout: 'a4-3x8', format: 'zpl' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'format', message: expect.stringMatching(/thermal-50x30/) }]);
    const db = t.app.get(DataSource);
    const [{ count }] = await db.query<{ count: string }[]>(
      "SELECT COUNT(*) AS count FROM label_runs WHERE layout = 'a4-3x8' AND format = 'zpl'",
    );
    expect(Number(count)).toBe(0);
  });

  it('refuses a run the batch cannot fill with 409 and the numbers, unless allowOverrun', async () => {
    // The fixture batch is 1,200 kg of a 2 kg box product: 600 packages, 630 with the 5% tolerance; 57 labels exist.
    const refused = await startRun({ quantity: 600, layout: 'thermal-50x30', format: 'zpl' });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ batchCapacity: 600, allowance: 630, activeLabels: 57, requested: 600 });
    const db = t.app.get(DataSource);
    const [{ count }] = await db.query<{ count: string }[]>('SELECT COUNT(*) AS count FROM label_runs WHERE batch_id = $1', [f.batchId]);
    expect(Number(count)).toBe(3);

    const allowed = await startRun({ quantity: 600, layout: 'thermal-50x30', format: 'zpl', allowOverrun: true });
    expect(allowed.status).toBe(202);
    expect(allowed.body).toMatchObject({ allowOverrun: true, batchCapacity: 600 });
    expect((await waitDone(allowed.body.id)).status).toBe('done');
  });

  it('returns the same run for a retried request with the same Idempotency-Key', async () => {
    const body = { quantity: 2, layout: 'thermal-50x30', format: 'zpl', allowOverrun: true };
    const first = await startRun(body, { 'Idempotency-Key': 'print-2026-06-12-a' });
    const second = await startRun(body, { 'Idempotency-Key': 'print-2026-06-12-a' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect(await labelsOfRun(first.body.id)).toHaveLength(2);
    const different = await startRun({ ...body, quantity: 3 }, { 'Idempotency-Key': 'print-2026-06-12-a' });
    expect(different.status).toBe(409);
  });

  it('voids serials and whole runs', async () => {
    const res = await startRun({ quantity: 5, layout: 'thermal-50x30', format: 'zpl', allowOverrun: true });
    await waitDone(res.body.id);
    const labels = await labelsOfRun(res.body.id);
    const some = await t.http
      .post('/api/v1/labels/void')
      .set(bearer(f.managerToken))
      .send({ serials: [labels[0].serial, labels[1].serial], reason: 'In lỗi' });
    expect(some.status).toBe(200);
    expect(some.body).toEqual({ voided: 2 });
    const rest = await t.http.post('/api/v1/labels/void').set(bearer(f.managerToken)).send({ labelRunId: res.body.id });
    expect(rest.body).toEqual({ voided: 3 });
    expect((await labelsOfRun(res.body.id)).every((l) => l.status === 'voided')).toBe(true);
    const unknown = await t.http
      .post('/api/v1/labels/void')
      .set(bearer(f.managerToken))
      .send({ serials: ['1AAAAAAAAAAAAAAAAAA'] });
    expect(unknown.status).toBe(404);
    const farmer = await t.http.post('/api/v1/labels/void').set(bearer(f.farmerToken)).send({ labelRunId: res.body.id });
    expect(farmer.status).toBe(403);
  });

  it('serves one label as PNG and SVG, and keeps other co-ops and farmers out of printing', async () => {
    const res = await startRun({ quantity: 1, layout: 'thermal-50x30', format: 'zpl', allowOverrun: true });
    const [label] = await labelsOfRun(res.body.id);
    const png = await t.http.get(`/api/v1/labels/${label.serial}/image?format=png`).set(bearer(f.managerToken));
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const svg = await t.http.get(`/api/v1/labels/${label.serial}/image?format=svg`).set(bearer(f.managerToken));
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(String(svg.text ?? svg.body)).toContain('<svg');

    const other = await createFixture(t, 'HTX Thanh Xá');
    expect((await t.http.get(`/api/v1/labels/${label.serial}/image`).set(bearer(other.managerToken))).status).toBe(403);
    expect((await t.http.get(`/api/v1/label-runs/${res.body.id}`).set(bearer(other.managerToken))).status).toBe(403);
    const byFarmer = await t.http
      .post(`/api/v1/batches/${f.batchId}/label-runs`)
      .set(bearer(f.farmerToken))
      .send({ quantity: 1, layout: 'a4-3x8', format: 'pdf' });
    expect(byFarmer.status).toBe(403);
    const byOther = await t.http
      .post(`/api/v1/batches/${f.batchId}/label-runs`)
      .set(bearer(other.managerToken))
      .send({ quantity: 1, layout: 'a4-3x8', format: 'pdf' });
    expect(byOther.status).toBe(403);
    const bad = await startRun({ quantity: 0, layout: 'a5', format: 'docx' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['format', 'layout', 'quantity']);
  });
});
