/**
 * npm run bench:app — the farm app's first load on a cheap phone on a bad line.
 *
 * 1. Builds the app (web/ → web/dist) and measures the JavaScript a first visit needs, gzipped: the entry
 *    with its static imports, plus the farmer's route table and home screen (what a farmer opens first).
 * 2. Starts the built service (ROLE=api, production) on a throwaway database, and a bare node:http server
 *    answering an empty HTML page (the baseline).
 * 3. Chromium under slow 3G (750 kbps both ways, 300 ms round trip, CDP Network.emulateNetworkConditions)
 *    and a 6× CPU slow-down (Emulation.setCPUThrottlingRate), at 360×740. Rounds interleave (BENCH_APP_ROUNDS,
 *    default 5): the empty page, the app cold (new profile: no cache, no service worker) until its login
 *    form is usable, then the same profile reloaded once the service worker controls it (repeat visit).
 *    The repeat load must come from the service worker (the bench fails otherwise).
 * Last line on stdout (medians):
 * {"bench":"app","jsGzKb":…,"firstUsableMs":…,"baselineMs":…,"ratio":…,"repeatUsableMs":…}
 * ratio = baselineMs / firstUsableMs (target ≥ 0.5); jsGzKb target ≤ 50.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { waitInPage } from '../../test/app/support/page-wait';
import { launchChromium } from '../../test/support/browser';
import { ROOT, withBenchApi } from '../support/service';
import { openStores } from '../support/stores';

const DIST = join(ROOT, 'web', 'dist');
const ROUNDS = Math.max(3, Number(process.env.BENCH_APP_ROUNDS ?? 5));
const ADMIN = { phone: '0900000009', password: 'bench-admin-password' };
const SLOW_3G = { offline: false, latency: 300, downloadThroughput: (750 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 6;

const log = (message: string): void => void process.stderr.write(`[bench:app] ${message}\n`);
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** Gzipped KB of the JavaScript a first visit loads: the entry's static closure and the farmer's first screen. */
function firstLoadJsGzKb(): number {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const dependency of chunk.imports ?? []) visit(dependency);
  };
  visit('index.html');
  visit('src/screens/farmer/routes.ts');
  visit('src/screens/farmer/home.tsx');
  const bytes = [...files]
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}

async function throttled(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    locale: 'vi-VN',
    serviceWorkers: 'allow',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { page, close: () => context.close() };
}

/** Milliseconds from the start of the navigation until `selector` is on screen (the page's own clock). */
async function usableAfter(page: Page, selector: string): Promise<number> {
  await page.waitForSelector(selector, { state: 'visible', timeout: 120_000 });
  return page.evaluate<number>('performance.now()');
}

async function main(): Promise<void> {
  log('building the app');
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'web', 'vite.config.ts')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  const jsGzKb = firstLoadJsGzKb();
  log(`first-load JavaScript: ${jsGzKb} KB gzipped`);

  const stores = await openStores('bench_app', { useDatabaseUrl: true });
  const empty = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(
      '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>.</title></head><body><p id="ready">.</p></body></html>',
    );
  });
  await new Promise<void>((resolve) => empty.listen(0, '127.0.0.1', resolve));
  const emptyUrl = `http://127.0.0.1:${(empty.address() as AddressInfo).port}/`;
  let browser = null as Browser | null; // set inside the bench callback: not narrowed to null
  try {
    await withBenchApi(stores, ADMIN, {}, async ({ base }) => {
      browser = await launchChromium();
      const baseline: number[] = [];
      const first: number[] = [];
      const repeat: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const blank = await throttled(browser);
        await blank.page.goto(emptyUrl, { waitUntil: 'commit' });
        baseline.push(await usableAfter(blank.page, '#ready'));
        await blank.close();

        const phone = await throttled(browser);
        await phone.page.goto(`${base}/app/`, { waitUntil: 'commit' });
        first.push(await usableAfter(phone.page, 'form button[type=submit]'));
        await waitInPage(phone.page, 'navigator.serviceWorker.controller !== null', 120_000);
        const scripts: { url: string; fromWorker: boolean }[] = [];
        phone.page.on('response', (response) => {
          if (response.request().resourceType() === 'script')
            scripts.push({ url: response.url(), fromWorker: response.fromServiceWorker() });
        });
        const document = await phone.page.reload({ waitUntil: 'commit' });
        repeat.push(await usableAfter(phone.page, 'form button[type=submit]'));
        if (!document?.fromServiceWorker() || !scripts.length || scripts.some((s) => !s.fromWorker)) {
          throw new Error(
            `the repeat load did not come from the service worker: document ${document?.fromServiceWorker()}, scripts ${JSON.stringify(scripts)}`,
          );
        }
        await phone.close();
        log(
          `round ${round + 1}/${ROUNDS}: empty page ${baseline.at(-1)!.toFixed(0)} ms, app ${first.at(-1)!.toFixed(0)} ms, repeat ${repeat.at(-1)!.toFixed(0)} ms`,
        );
      }
      const baselineMs = Math.round(median(baseline));
      const firstUsableMs = Math.round(median(first));
      const repeatUsableMs = Math.round(median(repeat));
      console.log(
        JSON.stringify({
          bench: 'app',
          jsGzKb,
          firstUsableMs,
          baselineMs,
          ratio: Math.round((baselineMs / firstUsableMs) * 100) / 100,
          repeatUsableMs,
        }),
      );
    });
  } finally {
    await browser?.close();
    empty.close();
    await stores.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
