import { DataSource } from 'typeorm';
import { validateEpcis } from '../support/epcis-validator';
import { expectProblem } from '../support/problem';
import { createBatch, createFixture, createPlot, createProduct, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * Issue 14: the resolver as GS1's standards and test suite describe it (GS1-Conformant Resolver 1.2,
 * Digital Link URI Syntax 1.4+, RFC 9264, RFC 8288), point by point.
 */
const BASE = 'https://nst.vn';
const GTIN = '08930000000019';
const VOC = 'https://gs1.org/voc/';
const PRIVATE = ['Nguyễn Văn Hùng', '030088001234', 'ghi chú nội bộ', 'Chợ đầu mối Long Biên', 'HĐ-0042', 'Xe anh Tư'];

interface Scenario {
  f: Fixture;
  lot: string;
  batchId: string;
  serials: string[];
}

type Link = { href: string; title: string; type?: string; hreflang?: string[] };
type Context = { anchor: string; itemDescription?: string } & Record<string, Link[] | string>;

async function labelled(t: TestApp): Promise<Scenario> {
  const f = await createFixture(t);
  const productId = await createProduct(t, f.managerToken, f.cooperativeId, { gtin: GTIN.slice(1), shelfLifeDays: 30 });
  const plotId = await createPlot(t, f.managerToken, f.householdId, {
    certifications: [{ scheme: 'VietGAP', number: 'VG-HD-0042', issuer: 'Trung tâm Chứng nhận Phù hợp', validUntil: '2028-06-30' }],
  });
  const day = 86_400_000;
  const batch = await createBatch(t, f.managerToken, {
    productId,
    householdId: f.householdId,
    plotId,
    harvestedAt: new Date(Date.now() - 2 * day).toISOString(),
  });
  for (const [bizStep, at, details] of [
    ['spraying', 20, { pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays: 7, note: 'ghi chú nội bộ' }],
    ['packing', 1, { packingHouseCode: 'PHC-HD-003' }],
    ['shipping', 0.5, { destination: 'Chợ đầu mối Long Biên', referenceDocument: 'HĐ-0042', carrier: 'Xe anh Tư' }],
  ] as const) {
    const res = await t.http
      .post(`/api/v1/batches/${batch.id}/events`)
      .set(bearer(f.managerToken))
      .send({ bizStep, occurredAt: new Date(Date.now() - at * day).toISOString(), details });
    expect(res.status).toBe(201);
  }
  const run = await t.http
    .post(`/api/v1/batches/${batch.id}/label-runs`)
    .set(bearer(f.managerToken))
    .send({ quantity: 12, layout: 'thermal-50x30', format: 'zpl' });
  expect(run.status).toBe(202);
  const labels = await t.http.get(`/api/v1/labels?labelRunId=${run.body.id}&limit=500`).set(bearer(f.managerToken));
  return { f, lot: batch.lotCode, batchId: batch.id, serials: (labels.body.items as { serial: string }[]).map((l) => l.serial) };
}

/** RFC 9264 §4.2 and GS1's linkset schema, checked by hand (the schema's licence is not stated, so no copy is kept). */
function expectGs1Linkset(body: unknown): Context[] {
  expect(Object.keys(body as object)).toEqual(['linkset']);
  const contexts = (body as { linkset: Context[] }).linkset;
  expect(Array.isArray(contexts)).toBe(true);
  for (const context of contexts) {
    expect(context.anchor).toMatch(/^https:\/\/nst\.vn\/01\/\d{14}(\/(10|21)\/[^/?#]+)*$/);
    for (const [key, value] of Object.entries(context)) {
      if (key === 'anchor' || key === 'itemDescription') continue;
      // Link types as full URIs of the GS1 Web Vocabulary, never gs1: CURIEs.
      expect(key).toMatch(/^https:\/\/gs1\.org\/voc\/[a-zA-Z]+$/);
      expect(Array.isArray(value) && value.length > 0).toBe(true);
      for (const link of value as Link[]) {
        expect(Object.keys(link).every((k) => ['href', 'title', 'type', 'hreflang'].includes(k))).toBe(true);
        expect(link.href).toMatch(/^https:\/\/nst\.vn\//);
        expect(link.title.length).toBeGreaterThan(0);
        if (link.type !== undefined) expect(link.type).toMatch(/^\w+\/[-+.\w]+$/);
        if (link.hreflang !== undefined) for (const lang of link.hreflang) expect(lang).toMatch(/^\w{2}(-\w{2})?$/);
      }
    }
    // Exactly one default link per entity, title only (resolver standard 2.5.8).
    const defaults = context[`${VOC}defaultLink`] as Link[];
    expect(defaults).toHaveLength(1);
    expect(Object.keys(defaults[0]).sort()).toEqual(['href', 'title']);
  }
  return contexts;
}

describe('GS1-conformant resolver (e2e, issue 14)', () => {
  let t: TestApp;
  let s: Scenario;
  const label = (serial: string) => `/01/${GTIN}/10/${s.lot}/21/${serial}`;
  const lotPath = () => `/01/${GTIN}/10/${s.lot}`;
  const scans = async (serial: string): Promise<number> => {
    // Asking for the JSON verdict counts one itself: the count before it is one less.
    const res = await t.http.get(label(serial)).set('Accept', 'application/json');
    return (res.body as { scan: { count: number } }).scan.count - 1;
  };

  beforeAll(async () => {
    t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0', PUBLIC_BASE_URL: BASE });
    s = await labelled(t);
  });
  afterAll(async () => t?.close());

  it('1. publishes its description at /.well-known/gs1resolver', async () => {
    const res = await t.http.get('/.well-known/gs1resolver').set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toEqual({
      name: 'nongsan-trace',
      resolverRoot: BASE,
      supportedPrimaryKeys: ['01'],
      supportedLinkType: [{ namespace: VOC, prefix: 'gs1:' }],
      linkTypeDefaultCanBeLinkset: false,
      jsonLdContextLocation: 'https://ref.gs1.org/standards/resolver/linkset-context',
    });
  });

  it('2. answers the linkset of a label (label, lot, product) by linkType=linkset, linkType=all and Accept, cached and uncounted', async () => {
    const serial = s.serials[0];
    const byLinkType = await t.http.get(`${label(serial)}?linkType=linkset`);
    expect(byLinkType.status).toBe(200);
    expect(byLinkType.headers['content-type']).toMatch(/^application\/linkset\+json/);
    expect(byLinkType.headers['cache-control']).toBe('public, max-age=300');
    expect(byLinkType.headers['access-control-allow-origin']).toBe('*');
    expect(byLinkType.headers.link).toContain('rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"');
    const contexts = expectGs1Linkset(JSON.parse(byLinkType.text));
    expect(contexts.map((c) => c.anchor)).toEqual([`${BASE}${label(serial)}`, `${BASE}${lotPath()}`, `${BASE}/01/${GTIN}`]);
    const [own, lot] = contexts;
    expect(own[`${VOC}pip`]).toEqual([
      { href: `${BASE}${label(serial)}?format=html`, title: 'Thông tin truy xuất nguồn gốc', type: 'text/html' },
      { href: `${BASE}${label(serial)}?format=html&lang=vi`, title: 'Thông tin truy xuất nguồn gốc', type: 'text/html', hreflang: ['vi'] },
      { href: `${BASE}${label(serial)}?format=html&lang=en`, title: 'Traceability information', type: 'text/html', hreflang: ['en'] },
      { href: `${BASE}${label(serial)}?format=json`, title: 'Traceability information (JSON)', type: 'application/json' },
    ]);
    expect(lot[`${VOC}traceability`]).toEqual([
      { href: `${BASE}/trace/lots/${s.batchId}/epcis`, title: 'EPCIS 2.0 events of the lot', type: 'application/ld+json' },
    ]);
    expect(lot[`${VOC}certificationInfo`]).toEqual([
      { href: `${BASE}/trace/lots/${s.batchId}/certifications`, title: 'Certificates of the growing area', type: 'application/json' },
    ]);

    const all = await t.http.get(`${label(serial)}?linkType=all`);
    const byAccept = await t.http.get(label(serial)).set('Accept', 'application/linkset+json');
    expect(all.text).toBe(byLinkType.text);
    expect(byAccept.status).toBe(200);
    expect(byAccept.text).toBe(byLinkType.text);
    // A client that names plain JSON gets the same document as JSON.
    const asJson = await t.http.get(`${label(serial)}?linkType=linkset`).set('Accept', 'application/json');
    expect(asJson.headers['content-type']).toMatch(/^application\/json/);
    expect(asJson.text).toBe(byLinkType.text);
    // The lot's linkset is the lot and its product.
    const lotLinkset = await t.http.get(`${lotPath()}?linkType=linkset`);
    expect(expectGs1Linkset(JSON.parse(lotLinkset.text)).map((c) => c.anchor)).toEqual([`${BASE}${lotPath()}`, `${BASE}/01/${GTIN}`]);
    expect(await scans(serial)).toBe(0);
  });

  it('2. puts a Link to the linkset on every answer, and never lists the links in the deprecated gs1: form', async () => {
    const serial = s.serials[1];
    const linkset = `<${BASE}${label(serial)}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`;
    for (const accept of ['text/html', 'application/json', '*/*', 'application/linkset+json']) {
      const res = await t.http.get(label(serial)).set('Accept', accept);
      expect(res.headers.link).toContain(linkset);
      expect(res.headers.link).not.toContain('rel="gs1:');
    }
    expect((await t.http.head(label(serial))).headers.link).toBe(linkset);
    const preflight = await t.http.options(label(serial)).set('Origin', 'https://shop.example').set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(preflight.headers.link).toBe(linkset);
    const missing = await t.http.get(`${label(serial)}?linkType=gs1:nosuchlt`);
    expect(missing.headers.link).toBe(linkset);
    expect((await t.http.get(lotPath())).headers.link).toBe(
      `<${BASE}${lotPath()}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`,
    );
    // The per-link header of a redirect: full-URI relation type, title (RFC 8187 when not ASCII), media type, language.
    const redirect = await t.http
      .get(`${label(serial)}?linkType=gs1:pip`)
      .set('Accept', 'text/html')
      .set('Accept-Language', 'vi');
    expect(redirect.headers.link).toBe(
      `${linkset}, <${BASE}${label(serial)}?format=html&lang=vi>; rel="${VOC}pip"; title*=UTF-8''${encodeURIComponent('Thông tin truy xuất nguồn gốc')}; type="text/html"; hreflang="vi"`,
    );
  });

  it('3. serves linkType as a 307 to that link (CURIE or full URI), 404 for a type the item lacks, the page by default', async () => {
    const serial = s.serials[2];
    const en = await t.http
      .get(`${label(serial)}?linkType=gs1:pip`)
      .set('Accept', 'text/html')
      .set('Accept-Language', 'en-GB,en;q=0.8');
    expect(en.status).toBe(307);
    expect(en.headers.location).toBe(`${BASE}${label(serial)}?format=html&lang=en`);
    const json = await t.http.get(`${label(serial)}?linkType=${encodeURIComponent(`${VOC}pip`)}`).set('Accept', 'application/json');
    expect(json.headers.location).toBe(`${BASE}${label(serial)}?format=json`);
    for (const traceability of ['gs1:traceability', 'https://gs1.org/voc/traceability', 'https://ref.gs1.org/voc/traceability']) {
      const res = await t.http.get(`${label(serial)}?linkType=${encodeURIComponent(traceability)}`);
      expect(res.status).toBe(307);
      expect(res.headers.location).toBe(`${BASE}/trace/lots/${s.batchId}/epcis`);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
    // The query string travels with the redirect (resolver standard 2.12), the linkType itself does not.
    const passed = await t.http.get(`${label(serial)}?linkType=gs1:certificationInfo&foo=bar&17=281231`);
    expect(passed.headers.location).toBe(`${BASE}/trace/lots/${s.batchId}/certifications?foo=bar&17=281231`);
    for (const unknown of ['gs1:nosuchlt', 'gs1:recallStatus', 'https://example.com/voc/pip']) {
      const res = await t.http.get(`${label(serial)}?linkType=${encodeURIComponent(unknown)}`).set('Accept-Language', 'en');
      const problem = expectProblem(res, 404);
      expect(problem.detail).toBe(`this item has no link of type ${unknown}`);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
    // Default unchanged: a phone's browser (or an app sending no Accept) gets the page, a JSON client the verdict.
    const page = await t.http.get(label(serial)).set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-language']).toBe('vi');
    expect((await t.http.get(label(serial))).headers['content-type']).toMatch(/^text\/html/);
    expect((await t.http.get(label(serial)).set('Accept', 'application/json')).body.verdict).toBe('genuine');
    // A generic client that names no representation is redirected to the default link, query passed on.
    const generic = await t.http.get(`${label(serial)}?foo=bar`).set('Accept', '*/*');
    expect(generic.status).toBe(307);
    expect(generic.headers.location).toBe(`${BASE}${label(serial)}?format=html&foo=bar`);
  });

  it('4. serves the public, privacy-filtered EPCIS 2.0 document of the lot behind gs1:traceability, valid and cacheable', async () => {
    const link = await t.http.get(`${lotPath()}?linkType=gs1:traceability`);
    const res = await t.http.get(new URL(link.headers.location).pathname).set('Origin', 'https://partner.example');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const document = JSON.parse(res.text) as { '@context': unknown[]; epcisBody: { eventList: Record<string, unknown>[] } };
    const validation = validateEpcis(document);
    expect(validation.errors).toEqual([]);
    expect(validation.success).toBe(true);
    const db = t.app.get(DataSource);
    const [household] = await db.query<{ phone: string }[]>('SELECT phone FROM households WHERE id = $1', [s.f.householdId]);
    for (const secret of [...PRIVATE, household.phone]) expect(res.text).not.toContain(secret);
    const events = document.epcisBody.eventList;
    const commissioning = events.find((e) => e.bizStep === 'commissioning')!;
    const spraying = events.find((e) => e.bizStep === 'https://nongsan-trace.vn/epcis/bizstep/spraying')!;
    // The spraying travels as an event at the plot the commissioning names, with its product and interval.
    expect(spraying).toMatchObject({ 'nst:pesticide': 'Abamectin 3.6EC', 'nst:preHarvestIntervalDays': 7 });
    expect(spraying.bizLocation).toEqual(commissioning.bizLocation);
    expect(events.find((e) => e.bizStep === 'shipping')).not.toHaveProperty('destinationList');
    // Every advertised link answers without an account.
    for (const type of ['gs1:certificationInfo', 'gs1:pip', 'gs1:traceability']) {
      const target = await t.http.get(`${label(s.serials[3])}?linkType=${type}`);
      const followed = await t.http.get(new URL(target.headers.location).pathname + new URL(target.headers.location).search);
      expect([type, followed.status]).toEqual([type, 200]);
    }
    const certs = await t.http.get(`/trace/lots/${s.batchId}/certifications`);
    expect(certs.body.certifications).toEqual([expect.objectContaining({ scheme: 'VietGAP', number: 'VG-HD-0042', status: 'valid' })]);
    expect((await t.http.get('/trace/lots/00000000-0000-4000-8000-000000000000/epcis')).status).toBe(404);
  });

  it('4/8. the authenticated export is valid too, declares cbvmda inline, and its lot identifier is the LGTIN', async () => {
    const res = await t.http.get(`/api/v1/batches/${s.batchId}/epcis`).set(bearer(s.f.managerToken));
    const document = JSON.parse(res.text) as { '@context': unknown[]; epcisBody: { eventList: Record<string, unknown>[] } };
    expect(validateEpcis(document).errors).toEqual([]);
    expect(document['@context'][1]).toEqual({ nst: 'https://nongsan-trace.vn/epcis/', cbvmda: 'urn:epcglobal:cbv:mda:' });
    expect(res.text).not.toContain('nst.vn/');
    expect(res.text).toContain(`https://id.gs1.org/01/${GTIN}/10/${s.lot}`);
  });

  it('5. walks up: lot, product, serial without lot, CPV; a 13-digit GTIN is moved to 14 digits; compressed links are refused', async () => {
    const lot = await t.http.get(lotPath()).set('Accept', 'application/json');
    expect(lot.body.batch.lotCode).toBe(s.lot);
    const product = await t.http.get(`/01/${GTIN}`).set('Accept', 'application/json');
    expect(product.status).toBe(200);
    expect(product.body).toMatchObject({
      product: { name: 'Vải thiều Thanh Hà', gtin: GTIN },
      producer: { cooperative: 'HTX Vải thiều Thanh Hà' },
    });
    const productPage = await t.http.get(`/01/${GTIN}/`).set('Accept', 'text/html').set('Accept-Language', 'en');
    expect(productPage.status).toBe(200);
    expect(productPage.headers['content-language']).toBe('en');
    expect(productPage.text).toContain('Vải thiều Thanh Hà');
    const withoutLot = await t.http.get(`/01/${GTIN}/21/${s.serials[4]}`).set('Accept', 'application/json');
    expect(withoutLot.status).toBe(200);
    expect(withoutLot.body).toMatchObject({ verdict: 'genuine', serial: s.serials[4], batch: { lotCode: s.lot } });
    const variant = await t.http.get(`/01/${GTIN}/22/V2/10/${s.lot}`).set('Accept', 'application/json');
    expect(variant.status).toBe(200);
    expect(variant.body.product.gtin).toBe(GTIN);
    expect((await t.http.get(`/01/${GTIN}/10/NO-SUCH-LOT?linkType=linkset`)).status).toBe(200);
    expect((await t.http.get(`/01/08930000000026`).set('Accept', 'application/json')).status).toBe(404);

    const short = await t.http.get(`/01/${GTIN.slice(1)}/10/${s.lot}?lang=en`);
    expect(short.status).toBe(301);
    expect(short.headers.location).toBe(`${BASE}${lotPath()}?lang=en`);
    const compressed = await t.http.get('/ARHKVAdpQiV3bDGsWE9QAz').set('Accept-Language', 'en');
    expect(expectProblem(compressed, 400).detail).toMatch(/compressed GS1 Digital Links are not supported/);
    expect((await t.http.get('/no-such-page')).status).toBe(404);
  });

  it('6. answers 400 naming the fault for what the grammar refuses, with CORS', async () => {
    const serial = s.serials[5];
    const cases: [string, RegExp][] = [
      [`${label(serial)}/foo`, /path segment "foo"/],
      [`/01/${GTIN}/10/${s.lot}/foo`, /path segment "foo"/],
      [`/01/${GTIN}/21/${serial}/10/${s.lot}`, /AI 10 is out of order/],
      [`/01/${GTIN}/10/A/10/B`, /AI 10 is out of order or repeated/],
      [`/01/${GTIN}/17/261231`, /AI 17 is not a key qualifier/],
      [`${label(serial)}?17=261399`, /value of AI 17/],
      [`${label(serial)}?17=260230`, /value of AI 17/],
      [`${label(serial)}?9999=X`, /"9999" is not a GS1 Application Identifier/],
      [`${label(serial)}?10=OTHER-LOT`, /AI 10 in the query string differs/],
      [`${label(serial)}?01=08930000000026`, /AI 01 in the query string differs/],
      [`${label(serial)}?422=999`, /value of AI 422/],
      [`${label(serial)}?422=7O4`, /value of AI 422/],
      [`${label(serial)}?x=%E0%A4%A`, /percent-encoding/],
    ];
    for (const [path, detail] of cases) {
      const res = await t.http.get(path).set('Accept-Language', 'en');
      const problem = expectProblem(res, 400);
      expect([path, problem.detail]).toEqual([path, expect.stringMatching(detail)]);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
    // A path the router cannot even decode is refused before the resolver sees it.
    expectProblem(await t.http.get(`/01/${GTIN}/10/%E0%A4%A`), 400);
    // Valid data attributes are fine: a date with day 00, a real country code, the path's own lot repeated.
    for (const query of ['17=281200', '422=704', `10=${s.lot}`, `01=${GTIN}`, '3103=000189&foo=bar']) {
      expect([query, (await t.http.get(`${label(serial)}?${query}`).set('Accept', 'application/json')).status]).toEqual([query, 200]);
    }
  });

  it('6. honours q-values and sends Content-Language on pages', async () => {
    const serial = s.serials[6];
    const json = await t.http.get(label(serial)).set('Accept', 'text/html;q=0.5, application/json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const html = await t.http.get(label(serial)).set('Accept', 'application/json;q=0.1, text/html;q=0.9');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    // Equal qualities: the page, as before q-values were read.
    const tie = await t.http.get(label(serial)).set('Accept', 'application/json, text/html');
    expect(tie.headers['content-type']).toMatch(/^text\/html/);
    const refused = await t.http.get(label(serial)).set('Accept', 'text/html;q=0, application/json;q=0.2');
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    const linkset = await t.http.get(label(serial)).set('Accept', 'application/linkset+json, application/json;q=0.5');
    expect(linkset.headers['content-type']).toMatch(/^application\/linkset\+json/);
    const en = await t.http.get(label(serial)).set('Accept', 'text/html').set('Accept-Language', 'fr;q=1, en;q=0.5');
    expect(en.headers['content-language']).toBe('en');
    expect(en.text).toContain('<html lang="en">');
  });

  it('7. counts only people: HEAD, linksets, linkType lookups, redirects, prefetches and machines leave the count alone', async () => {
    const serial = s.serials[7];
    expect(await scans(serial)).toBe(0);
    await t.http.head(label(serial));
    await t.http.get(`${label(serial)}?linkType=linkset`);
    await t.http.get(label(serial)).set('Accept', 'application/linkset+json');
    await t.http.get(`${label(serial)}?linkType=gs1:pip`);
    await t.http.get(`${label(serial)}?linkType=gs1:traceability`);
    await t.http.get(label(serial)).set('Accept', '*/*');
    await t.http.get(label(serial)).set('Sec-Purpose', 'prefetch');
    await t.http.get(label(serial)).set('User-Agent', 'curl/8.5.0');
    await t.http.options(label(serial));
    // The JSON verdict above counted one.
    expect(await scans(serial)).toBe(1);
    // Following the default link is a person arriving at the page: counted.
    await t.http.get(`${label(serial)}?format=html`).set('User-Agent', 'Mozilla/5.0 (Linux; Android 14) Zalo android/1');
    expect(await scans(serial)).toBe(3);
  });

  it('never answers a 5xx to hostile resolver input (paths, queries, headers), and every refusal is a problem', async () => {
    const serial = s.serials[8];
    const paths = [
      `${label(serial)}?linkType=%00`,
      `${label(serial)}?linkType=${'x'.repeat(5000)}`,
      `${label(serial)}?linkType=gs1:pip&linkType=gs1:traceability`,
      `${label(serial)}?linkType=linkset&format=%3Cscript%3E`,
      `${label(serial)}?17=%F0%9F%98%80`,
      `${label(serial)}?=&&=x&%20=1`,
      `${label(serial)}?422=704704704704704704`,
      `/01/${GTIN}/10/${encodeURIComponent("' OR 1=1")}`,
      `/01/${GTIN}/10/${'L'.repeat(21)}`,
      `/01/${GTIN}/22/${encodeURIComponent('<b>')}`,
      `/01/${GTIN}/21/${encodeURIComponent('..%2F..')}`,
      `/01/${GTIN}/${'10/A/'.repeat(50)}`,
      '/01/',
      '/01',
      `/01/${'9'.repeat(14)}`,
      `/01/${GTIN}/10/%F0%9F%98%80`,
      `/t/${serial}?linkType=gs1:traceability&17=261399`,
      '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1',
    ];
    const headers: Record<string, string>[] = [
      {},
      { Accept: 'application/linkset+json;q=abc, */*;q=' },
      { Accept: ';;;,,,/' },
      { 'Accept-Language': 'q=;en;;q=0.x' },
      { Accept: 'text/html', 'Accept-Language': '*' },
    ];
    for (const path of paths) {
      for (const header of headers) {
        for (const method of ['get', 'head', 'options'] as const) {
          const res = await t.http[method](path).set(header);
          expect([method, path, header, res.status < 500]).toEqual([method, path, header, true]);
          // A refusal is a problem; a 404 for a person is the page saying the label is unknown.
          if (method === 'get' && res.status === 400) {
            expect([path, header, res.headers['content-type']]).toEqual([
              path,
              header,
              expect.stringMatching(/^application\/problem\+json/),
            ]);
          }
        }
      }
    }
  });
});
