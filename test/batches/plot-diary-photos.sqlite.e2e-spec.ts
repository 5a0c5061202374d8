import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { createFixture, createPlot, Fixture } from '../support/factories';
import { bearer, binaryBody, startTestApp, TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;

/** The plot diary and photos (issue 13) on SQLite: JSON details, the image stored as a blob. */
describe('plot diary and photos on SQLite (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  it('a plot spraying holds a harvest; a photo comes back byte for byte', async () => {
    const plotId = await createPlot(t, f.managerToken, f.householdId);
    const spray = await t.http
      .post(`/api/v1/plots/${plotId}/activities`)
      .set(bearer(f.farmerToken))
      .send({ id: randomUUID(), activity: 'spraying', occurredAt: new Date(Date.now() - 2 * DAY_MS).toISOString(), details: { pesticide: 'Abamectin 3.6EC', phiDays: 7 } });
    expect(spray.status).toBe(201);
    const harvest = await t.http
      .post('/api/v1/batches')
      .set(bearer(f.farmerToken))
      .send({ productId: f.productId, householdId: f.householdId, plotId, harvestedAt: new Date(Date.now() - DAY_MS).toISOString(), quantity: 50, unit: 'kg' });
    expect(harvest.body.onHold).toBe(true);

    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
    const photo = await t.http.post(`/api/v1/batches/${harvest.body.id}/photos?kind=harvest`).set(bearer(f.farmerToken)).set('Content-Type', 'image/jpeg').send(jpeg);
    expect(photo.status).toBe(201);
    const image = await t.http.get(photo.body.url).set(bearer(f.farmerToken)).buffer(true).parse(binaryBody);
    expect(Buffer.compare(image.body as Buffer, jpeg)).toBe(0);
  });
});
