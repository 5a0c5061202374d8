import type { Page } from 'playwright-core';

/**
 * Reads `read()` until `accept` holds (the app sends in the background), then answers the last value;
 * gives up after `timeoutMs` with the value seen, so the assertion after it reports what was there.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits until `expression` is true in the page. page.waitForFunction() polls with eval(), which the
 * app's CSP (no unsafe-eval) refuses; page.evaluate() goes through the DevTools protocol instead.
 */
export async function waitInPage(page: Page, expression: string, timeoutMs = 60_000): Promise<void> {
  const ok = await eventually(() => page.evaluate<boolean>(expression), Boolean, timeoutMs);
  if (!ok) throw new Error(`still false after ${timeoutMs} ms: ${expression}`);
}
