import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { chromiumAvailable, CHROMIUM, launchChromium } from '../../support/browser';
import { createCooperative, createHousehold, createManager, createPlot, createProduct, nextPhone } from '../../support/factories';
import { bearer, startTestApp, TestApp } from '../../support/test-app';
import { ensureWebBuild } from './web-build';

/** Screenshots of every screen the tests visit, kept as artefacts (git-ignored). */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output', 'app-screenshots');

export const describeWithChromium = chromiumAvailable() ? describe : describe.skip;
if (!chromiumAvailable()) {
  console.warn(`Skipping the farm app browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does it).`);
}

export interface AppServer {
  t: TestApp;
  /** http://127.0.0.1:port */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The real service (fresh database) serving the built app on a real port, and a headless Chromium. */
export async function startAppServer(overrides: Record<string, string> = {}): Promise<AppServer> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ensureWebBuild();
  const t = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '0', ...overrides });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1');
  const browser = await launchChromium();
  return {
    t,
    base,
    browser,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** A cheap Android phone as the issue describes it: 360×740, Vietnamese, Viet Nam's time zone. */
export async function openPhone(server: AppServer, options: { textScale?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await server.browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    serviceWorkers: 'allow',
  });
  const page = await context.newPage();
  if (options.textScale) {
    // The phone's "large text" setting: the root font size the app's rem units follow.
    await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => { document.documentElement.style.fontSize = '${options.textScale * 100}%'; });`);
  }
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core's WCAG 2.x A/AA rules on the page as it is now. Injected through the DevTools protocol, so the
 * app's CSP (no inline script) stays as production has it.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE_SOURCE}\n;0`);
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } };
  // A string, not a function: this file is type-checked without the DOM library.
  return page.evaluate<AxeViolation[]>(
    `axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`,
  );
}

export interface FarmerAccount {
  phone: string;
  password: string;
  cooperativeId: string;
  managerToken: string;
  householdId: string;
  plotIds: string[];
  productId: string;
}

/** A co-operative with one farming household, its farmer's login, two plots and one product. */
export async function createFarmerAccount(t: TestApp): Promise<FarmerAccount> {
  const cooperativeId = await createCooperative(t);
  const managerToken = await createManager(t, cooperativeId);
  const householdId = await createHousehold(t, managerToken, cooperativeId);
  const phone = nextPhone();
  const password = 'farmer-password';
  const res = await t.http.post('/api/v1/users').set(bearer(managerToken)).send({ phone, password, role: 'farmer', householdId });
  if (res.status !== 201) throw new Error(`farmer account -> ${res.status} ${JSON.stringify(res.body)}`);
  const plotIds = [
    await createPlot(t, managerToken, householdId, { crop: 'Vải thiều' }),
    await createPlot(t, managerToken, householdId, { crop: 'Nhãn lồng', certifications: [] }),
  ];
  const productId = await createProduct(t, managerToken, cooperativeId);
  return { phone, password, cooperativeId, managerToken, householdId, plotIds, productId };
}

/** A camera original: 4000×3000 with sensor-like noise, several MB as JPEG. */
export async function cameraPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: 'white', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** Logs in through the login screen as a person would. */
export async function logIn(page: Page, base: string, account: { phone: string; password: string }): Promise<void> {
  await page.goto(`${base}/app/`);
  await page.getByLabel('Số điện thoại').fill(account.phone);
  await page.getByLabel('Mật khẩu').fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}


export { eventually, waitInPage } from './page-wait';
