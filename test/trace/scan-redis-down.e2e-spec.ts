import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '../../src/config/environment';
import { createHttpApp } from '../../src/http-app';
import { ScanRecorder } from '../../src/trace/scan-recorder.service';
import { createBatch, createFixture, createProduct } from '../support/factories';
import { processEnvironment } from '../support/processes';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/**
 * Redis is not on the scan path: with Redis unreachable the page still answers from the database and
 * scans are still counted (only the cross-process network counts and change notices wait for it).
 */
describe('consumer scan with Redis down (e2e)', () => {
  let healthy: TestApp;
  let broken: TestApp | null = null;

  beforeAll(async () => {
    healthy = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(async () => {
    await broken?.app.close().catch(() => undefined);
    await healthy?.close();
  });

  it('answers and counts from the database', async () => {
    const f = await createFixture(healthy);
    const productId = await createProduct(healthy, f.managerToken, f.cooperativeId, { gtin: '8930000000019' });
    const batch = await createBatch(healthy, f.managerToken, { productId, householdId: f.householdId });
    const run = await healthy.http
      .post(`/api/v1/batches/${batch.id}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 1, layout: 'thermal-50x30', format: 'zpl' });
    const labels = await healthy.http.get(`/api/v1/labels?labelRunId=${run.body.id}`).set(bearer(f.managerToken));
    const path = new URL((labels.body.items as { url: string }[])[0].url).pathname;

    // Another api process of the same deployment, whose Redis is gone (nothing listens on port 1).
    broken = await startWithoutRedis(healthy);
    for (let i = 0; i < 3; i++) {
      const res = await broken.http.get(path).set('Accept', 'application/json');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ verdict: 'genuine', scan: { count: i + 1 } });
    }
    expect((await broken.http.get(path)).text).toContain('Tem chính hãng');
    await broken.app.get(ScanRecorder).flush();
    const [row] = await healthy.app
      .get(DataSource)
      .query<{ scan_count: number }[]>('SELECT scan_count FROM labels WHERE serial = $1', [path.slice(-19)]);
    expect(Number(row.scan_count)).toBe(4);
  });
});

async function startWithoutRedis(healthy: TestApp): Promise<TestApp> {
  const env = loadEnvironment({ ...processEnvironment(healthy.env), REDIS_URL: 'redis://127.0.0.1:1', SCAN_RATE_LIMIT_PER_MINUTE: '0' });
  const app = await createHttpApp(env, 'api');
  await app.getHttpAdapter().getInstance().ready();
  return { app, env, http: request(app.getHttpServer()), adminToken: '', close: () => app.close() };
}
