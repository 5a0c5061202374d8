import { createFixture, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(90_000);

interface RunPage {
  items: { id: string; batchId: string; quantity: number; status: string; format: string }[];
  nextCursor: string | null;
}

/** GET /api/v1/batches/:id/label-runs: the print runs of a batch, paged, for whoever may read the batch. */
describe('a batch’s label runs (e2e)', () => {
  let t: TestApp;
  let a: Fixture;
  let b: Fixture;
  const runIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    a = await createFixture(t, 'HTX A');
    b = await createFixture(t, 'HTX B');
    for (const quantity of [3, 5, 7]) {
      const run = await t.http
        .post(`/api/v1/batches/${a.batchId}/label-runs`)
        .set(bearer(a.managerToken))
        .send({ quantity, layout: 'thermal-50x30', format: 'zpl' });
      expect(run.status).toBe(202);
      runIds.push(run.body.id as string);
    }
    // Another batch's run is not among them.
    await t.http.post(`/api/v1/batches/${b.batchId}/label-runs`).set(bearer(b.managerToken)).send({ quantity: 2, layout: 'a4-3x8', format: 'pdf' }).expect(202);
  });
  afterAll(async () => t?.close());

  it('lists the runs oldest first, page by page, with their state', async () => {
    const first = await t.http.get(`/api/v1/batches/${a.batchId}/label-runs?limit=2`).set(bearer(a.managerToken));
    expect(first.status).toBe(200);
    const page1 = first.body as RunPage;
    expect(page1.items.map((r) => r.quantity)).toEqual([3, 5]);
    expect(page1.items.every((r) => r.batchId === a.batchId && r.format === 'zpl' && typeof r.status === 'string')).toBe(true);
    const second = await t.http.get(`/api/v1/batches/${a.batchId}/label-runs?limit=2&cursor=${page1.nextCursor}`).set(bearer(a.managerToken));
    const page2 = second.body as RunPage;
    expect(page2.items.map((r) => r.id)).toEqual([runIds[2]]);
    expect(page2.nextCursor).toBeNull();
  });

  it('answers whoever may read the batch, and no one else', async () => {
    const status = async (token: string | null) => {
      const req = t.http.get(`/api/v1/batches/${a.batchId}/label-runs`);
      return (await (token ? req.set(bearer(token)) : req)).status;
    };
    expect(await status(t.adminToken)).toBe(200);
    expect(await status(a.managerToken)).toBe(200);
    expect(await status(a.farmerToken)).toBe(200);
    expect(await status(b.managerToken)).toBe(403);
    expect(await status(b.farmerToken)).toBe(403);
    expect(await status(null)).toBe(401);
  });

  it('refuses a malformed id (400 naming it) and answers 404 for an unknown batch', async () => {
    const bad = await t.http.get('/api/v1/batches/not-a-uuid/label-runs').set(bearer(t.adminToken));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    const unknown = await t.http.get('/api/v1/batches/7d3f0c7e-1b2a-4c5d-8e9f-0a1b2c3d4e5f/label-runs').set(bearer(t.adminToken));
    expect(unknown.status).toBe(404);
  });
});
