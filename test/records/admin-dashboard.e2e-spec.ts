import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createFixture, Fixture } from '../support/factories';
import { ADMIN_PASSWORD, ADMIN_PHONE, bearer, startTestApp, TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(tmpdir(), 'nongsan-screenshots');

/** /admin in a real browser: log in through the form, see indicators and charts. Needs Debian's chromium. */
describe('/admin in headless Chromium', () => {
  let t: TestApp;
  let f: Fixture;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
    await t.http
      .post(`/api/v1/batches/${f.batchId}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 12, layout: 'thermal-50x30', format: 'zpl' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => t?.close());

  const run = existsSync(CHROMIUM) ? it : it.skip;
  if (!existsSync(CHROMIUM)) console.warn(`Skipping the Chromium test: no browser at ${CHROMIUM} (set CHROMIUM_PATH)`);

  run('logs in through the form and renders the indicators with inline SVG charts', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS package, loaded only when a browser is there
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const external: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(base)) external.push(r.url());
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/admin`);
      await page.fill('input[name=phone]', ADMIN_PHONE);
      await page.fill('input[name=password]', ADMIN_PASSWORD);
      await Promise.all([page.waitForSelector('section.cards', { timeout: 15_000 }), page.click('button[type=submit]')]);
      const cards = await page.locator('.card').allTextContents();
      expect(cards.some((c) => c.includes('12') && c.includes('Labels printed'))).toBe(true);
      expect(await page.locator('svg rect').count()).toBeGreaterThan(0);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-dashboard.png'), fullPage: true });
      expect(external).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
