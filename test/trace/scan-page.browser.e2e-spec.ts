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
    const batch = await createBatch(t, f.managerToken, { productId, householdId: f.householdId, plotId });
    for (const event of [
      {
        bizStep: 'spraying',
        occurredAt: '2026-05-20T07:00:00+07:00',
        details: { pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays: 7 },
      },
      { bizStep: 'harvesting', occurredAt: '2026-06-10T06:00:00+07:00' },
      { bizStep: 'packing', occurredAt: '2026-06-10T10:00:00+07:00', details: { packingHouseCode: 'PHC-HD-003' } },
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
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, locale: string, shot: string) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, locale });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const response = await page.goto(`${base}${path}`);
    await page.screenshot({ path: join(OUTPUT, `${shot}.png`), fullPage: true });
    const result = {
      status: response?.status(),
      text: await page.innerText('body'),
      banner: await page.getAttribute('header.v', 'data-verdict'),
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

  it('speaks English to an English-language phone', async () => {
    const page = await open(genuine, 'en-US', 'scan-genuine-en');
    expect(page.banner).toBe('genuine');
    expect(page.text).toContain('Genuine label');
    expect(page.text).toContain('Scanned 2 times');
  });
});
