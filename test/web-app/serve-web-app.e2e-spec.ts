import { ensureWebBuild } from '../app/support/web-build';
import { startTestApp, TestApp } from '../support/test-app';

/** How the service hands out the farm app: caching, fallback, compression, its policy. */
describe('the farm app served at /app/ (e2e)', () => {
  let t: TestApp;
  let script: string;

  beforeAll(async () => {
    ensureWebBuild();
    t = await startTestApp();
    const index = await t.http.get('/app/');
    script = /<script type="module" crossorigin src="([^"]+)"/.exec(index.text)![1];
  });
  afterAll(async () => t?.close());

  it('sends / to /app/, and answers the shell for the app’s own paths without caching it', async () => {
    const root = await t.http.get('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/app/');
    for (const path of ['/app/', '/app', '/app/farmer/entry/spraying', '/app/outbox']) {
      const res = await t.http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="app">');
    }
  });

  it('hashed files are immutable for a year, compressed when the browser accepts it; a missing one is 404, not the shell', async () => {
    const plain = await t.http.get(script).set('Accept-Encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gzip = await t.http.get(script).set('Accept-Encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const brotli = await t.http.get(script).set('Accept-Encoding', 'gzip, br').buffer(true).parse((res, done) => {
      res.on('data', () => undefined);
      res.on('end', () => done(null, null));
    });
    expect(brotli.headers['content-encoding']).toBe('br');
    const again = await t.http.get(script).set('If-None-Match', plain.headers.etag);
    expect(again.status).toBe(304);
    expect((await t.http.get('/app/assets/main-00000000.js')).status).toBe(404);
    expect((await t.http.get('/app/.vite/manifest.json')).headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('the service worker is re-checked on every visit and scoped to /app/; the app runs under a CSP with no inline script', async () => {
    const worker = await t.http.get('/app/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.headers['service-worker-allowed']).toBe('/app/');
    const csp = (await t.http.get('/app/')).headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // The API keeps its own headers.
    expect((await t.http.get('/health')).headers['content-security-policy']).not.toBe(csp);
  });
});
