import { createBatch, createFixture, createProduct } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('GET /metrics (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(async () => t?.close());

  it('exposes request latency per route template, scans by verdict, label runs and queue depth in Prometheus format', async () => {
    const f = await createFixture(t);
    const productId = await createProduct(t, f.managerToken, f.cooperativeId, { gtin: '8930000000019' });
    const batch = await createBatch(t, f.managerToken, { productId, householdId: f.householdId });
    const run = await t.http
      .post(`/api/v1/batches/${batch.id}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 2, layout: 'thermal-50x30', format: 'zpl' });
    const labels = await t.http.get(`/api/v1/labels?labelRunId=${run.body.id}`).set(bearer(f.managerToken));
    const path = new URL((labels.body.items as { url: string }[])[0].url).pathname;
    await t.http.get(path);
    await t.http.get(path);
    await t.http.get(`${path.slice(0, -1)}${path.endsWith('A') ? 'B' : 'A'}`);

    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toMatch(/nongsan_scans_total\{verdict="genuine"\} 2/);
    expect(text).toMatch(/nongsan_scans_total\{verdict="counterfeit"\} 1/);
    // One series per route template, never per serial.
    expect(text).toContain('route="/01/:gtin/10/:lot/21/:serial"');
    expect(text).not.toContain(path);
    expect(text).toMatch(
      /nongsan_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/batches\/:id\/label-runs",status="202"\} 1/,
    );
    expect(text).toMatch(/nongsan_label_runs\{status="queued"\} 1/);
    expect(text).toMatch(/nongsan_queue_jobs\{queue="labels",state="waiting"\} 1/);
    expect(text).toMatch(/nongsan_sync_outbox_pending \d+/);
  });
});

describe('security headers (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('sends helmet headers on API answers', async () => {
    for (const path of ['/health', '/api/v1/households', '/docs-json']) {
      const res = await t.http.get(path);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-frame-options']).toBeDefined();
      expect(res.headers['strict-transport-security']).toBeDefined();
    }
  });

  it('sends a strict policy on the consumer page and nosniff on its JSON', async () => {
    const page = await t.http.get('/t/1ZZZZZZZZZZZZZZZZZZ');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const json = await t.http.get('/t/1ZZZZZZZZZZZZZZZZZZ?format=json');
    expect(json.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('GET /metrics with METRICS_TOKEN set (e2e)', () => {
  const token = 'metrics-scrape-token-0123456789abcdef';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: token });
  });
  afterAll(async () => t?.close());

  it('answers only a scraper that presents the token', async () => {
    const anonymous = await t.http.get('/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(anonymous.text).not.toContain('nongsan_');
    expect((await t.http.get('/metrics').set(bearer(`${token}x`))).status).toBe(401);
    // A user's access token is not a scrape token.
    expect((await t.http.get('/metrics').set(bearer(t.adminToken))).status).toBe(401);
    const scraped = await t.http.get('/metrics').set(bearer(token));
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('nongsan_http_request_duration_seconds');
  });
});
