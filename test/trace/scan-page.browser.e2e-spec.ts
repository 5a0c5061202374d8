import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromiumAvailable, CHROMIUM, launchChromium } from '../support/browser';
import { createBatch, createFixture, createPlot, createProduct } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const OUTPUT = join(__dirname, '..', '..', 'test-output', 'screenshots');
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;
if (!chromiumAvailable()) {
  console.warn(`Skipping the browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does it).`);
}

/** The consumer page as a shopper sees it: a phone-sized headless Chromium on the real server. */
describeWithChromium('consumer page in Chromium at a phone viewport', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let genuine: string;
  let forged: string;
  let recalled: string;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const f = await createFixture(t);
    const productId = await createProduct(t, f.managerToken, f.cooperativeId, { gtin: '8930000000019', shelfLifeDays: 30 });
    const plotId = await createPlot(t, f.managerToken, f.householdId, {
      certifications: [
        { scheme: 'VietGAP', number: 'VG-HD-0042', validUntil: '2028-06-30' },
        { scheme: 'GlobalGAP', number: 'GG-4063061891234', validUntil: '2025-03-31' },
      ],
    });
    const day = 86_400_000;
    const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
    // Harvested two days ago, inside its shelf life, sprayed well before: a plain genuine lot.
    const batch = await createBatch(t, f.managerToken, { productId, householdId: f.householdId, plotId, harvestedAt: ago(2) });
    for (const event of [
      { bizStep: 'spraying', occurredAt: ago(25), details: { pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays: 7 } },
      { bizStep: 'harvesting', occurredAt: ago(2) },
      { bizStep: 'packing', occurredAt: ago(2), details: { packingHouseCode: 'PHC-HD-003' } },
    ]) {
      await t.http.post(`/api/v1/batches/${batch.id}/events`).set(bearer(f.managerToken)).send(event);
    }
    const run = await t.http
      .post(`/api/v1/batches/${batch.id}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 2, layout: 'thermal-50x30', format: 'zpl' });
    const labels = await t.http.get(`/api/v1/labels?labelRunId=${run.body.id}`).set(bearer(f.managerToken));
    const urls = (labels.body.items as { url: string }[]).map((l) => new URL(l.url).pathname);
    genuine = urls[0];
    forged = urls[1].slice(0, -3) + (urls[1].endsWith('AAA') ? 'BBB' : 'AAA');
    // A second lot of the same product, recalled after its labels were printed.
    const other = await createBatch(t, f.managerToken, { productId, householdId: f.householdId, plotId, harvestedAt: ago(3) });
    const otherRun = await t.http
      .post(`/api/v1/batches/${other.id}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 1, layout: 'thermal-50x30', format: 'zpl' });
    const otherLabels = await t.http.get(`/api/v1/labels?labelRunId=${otherRun.body.id}`).set(bearer(f.managerToken));
    recalled = new URL((otherLabels.body.items as { url: string }[])[0].url).pathname;
    await t.http.post(`/api/v1/batches/${other.id}/recall`).set(bearer(f.managerToken)).send({ reason: 'Dư lượng thuốc BVTV vượt ngưỡng' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, locale: string, shot: string, viewport = { width: 390, height: 844 }) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 2, isMobile: true, locale });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const response = await page.goto(`${base}${path}`);
    await page.screenshot({ path: join(OUTPUT, `${shot}.png`), fullPage: true });
    const result = {
      status: response?.status(),
      text: await page.innerText('body'),
      banner: await page.getAttribute('header.v', 'data-verdict'),
      headline: await page.getAttribute('header.v', 'data-status'),
      /** Wider than the screen means a shopper has to scroll sideways. */
      overflows: await page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth'),
      requests,
      page,
    };
    await context.close();
    return result;
  }

  it('shows a genuine label with a green banner, the origin, an expired certificate as expired and the history', async () => {
    const page = await open(genuine, 'vi-VN', 'scan-genuine-vi');
    expect(page.status).toBe(200);
    expect(page.banner).toBe('genuine');
    expect(page.headline).toBe('genuine');
    expect(page.text).toContain('Tem chính hãng');
    expect(page.text).toContain('Vải thiều Thanh Hà');
    expect(page.text).toContain('HẾT HẠN');
    expect(page.text).toContain('Phun thuốc BVTV');
    // No external assets: the only request is the page itself.
    expect(page.requests).toEqual([`${base}${genuine}`]);
  });

  it('shows a forged label as counterfeit', async () => {
    const page = await open(forged, 'vi-VN', 'scan-counterfeit-vi');
    expect(page.status).toBe(404);
    expect(page.banner).toBe('counterfeit');
    expect(page.text).toContain('Tem giả');
  });

  // A small Android phone (360×740): the two pages a shopper must not misread.
  const SMALL_PHONE = { width: 360, height: 740 };

  it('shows a recalled lot as recalled, not as a misprint, on a small phone, in both languages', async () => {
    const vi = await open(recalled, 'vi-VN', 'scan-recalled-vi-360x740', SMALL_PHONE);
    expect(vi.status).toBe(200);
    expect(vi.banner).toBe('voided');
    expect(vi.headline).toBe('recalled');
    expect(vi.text).toContain('Lô hàng đã bị thu hồi');
    expect(vi.text).toContain('Dư lượng thuốc BVTV vượt ngưỡng');
    expect(vi.text).not.toContain('Tem đã bị huỷ');
    expect(vi.overflows).toBe(false);
    const en = await open(recalled, 'en-US', 'scan-recalled-en-360x740', SMALL_PHONE);
    expect(en.text).toContain('This lot has been recalled');
    expect(en.overflows).toBe(false);
  });

  it('shows a counterfeit answer on a small phone with what to do next and a form for the serial', async () => {
    const vi = await open(forged, 'vi-VN', 'scan-counterfeit-vi-360x740', SMALL_PHONE);
    expect(vi.status).toBe(404);
    expect(vi.banner).toBe('counterfeit');
    expect(vi.text).toContain('Bạn nên làm gì?');
    expect(vi.overflows).toBe(false);
    const en = await open(forged, 'en-US', 'scan-counterfeit-en-360x740', SMALL_PHONE);
    expect(en.text).toContain('What should you do?');
    expect(en.overflows).toBe(false);
  });

  it("takes the serial typed into the form to that label's page, the server answering", async () => {
    const context = await browser.newContext({ viewport: SMALL_PHONE, isMobile: true, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}${forged}`);
    const serial = genuine.split('/').pop()!;
    // Typed as a shopper might: small letters, a space in the middle.
    await page.fill('input[name="serial"]', `${serial.slice(0, 8).toLowerCase()} ${serial.slice(8)}`);
    await Promise.all([page.waitForURL(`**${genuine}?lang=vi`), page.click('form button')]);
    expect(await page.getAttribute('header.v', 'data-status')).toBe('genuine');
    await context.close();
  });

  it('speaks English to an English-language phone', async () => {
    const page = await open(genuine, 'en-US', 'scan-genuine-en');
    expect(page.banner).toBe('genuine');
    expect(page.text).toContain('Genuine label');
    // Headless Chromium declares itself and is not counted as a scan (consumer-view.ts): no scan line here.
    expect(page.text).toMatch(/Harvested\s+\d{1,2} [A-Z][a-z]{2} \d{4}/);
  });
});
