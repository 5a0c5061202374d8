import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { binaryBody } from '../support/test-app';
import { createFixture, Fixture } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Photos from the farmer's phone (issue 13): a plot's paper certificate, a harvest. */
describe('photos (e2e)', () => {
  let t: TestApp;
  let f: Fixture;
  let other: Fixture;
  let jpeg: Buffer;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
    other = await createFixture(t, 'HTX Nhãn lồng Hưng Yên');
    jpeg = await sharp({ create: { width: 1280, height: 960, channels: 3, background: { r: 40, g: 120, b: 40 } } })
      .jpeg({ quality: 70 })
      .toBuffer();
  });
  afterAll(async () => t?.close());

  const upload = (path: string, body: Buffer, type = 'image/jpeg', token = f.farmerToken) =>
    t.http.post(path).set(bearer(token)).set('Content-Type', type).send(body);

  it('the farmer adds a certificate photo to a plot and a harvest photo to a batch; both can be listed and read back; a repeat is one photo', async () => {
    const id = randomUUID();
    const first = await upload(`/api/v1/plots/${f.plotId}/photos?kind=certificate&id=${id}`, jpeg);
    expect(first.status).toBe(201);
    expect(first.body).toEqual(
      expect.objectContaining({ id, subject: 'plot', subjectId: f.plotId, kind: 'certificate', contentType: 'image/jpeg', width: 1280, height: 960 }),
    );
    const again = await upload(`/api/v1/plots/${f.plotId}/photos?kind=certificate&id=${id}`, jpeg);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    const list = await t.http.get(`/api/v1/plots/${f.plotId}/photos`).set(bearer(f.managerToken));
    expect(list.body.map((p: { id: string }) => p.id)).toEqual([id]);
    const image = await t.http.get(first.body.url).set(bearer(f.managerToken)).buffer(true).parse(binaryBody);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(image.body as Buffer, jpeg)).toBe(0);

    const harvest = await upload(`/api/v1/batches/${f.batchId}/photos?kind=harvest`, jpeg);
    expect(harvest.status).toBe(201);
    expect(harvest.body.subject).toBe('batch');
  });

  it('refuses what is not a photo, a full-size original and another co-operative’s record, naming the reason', async () => {
    expect(errorFields(await upload(`/api/v1/plots/${f.plotId}/photos?kind=certificate`, Buffer.from('not an image')))).toEqual(['body']);
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'white' } }).png().toBuffer();
    // Declared JPEG, actually PNG.
    expect(errorFields(await upload(`/api/v1/plots/${f.plotId}/photos?kind=certificate`, png))).toEqual(['body']);
    const huge = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: 'white' } }).jpeg({ quality: 30 }).toBuffer();
    const tooBig = expectProblem(await upload(`/api/v1/plots/${f.plotId}/photos?kind=certificate`, huge), 400);
    expect(tooBig.detail).toContain('4000×3000');
    expect(errorFields(await upload(`/api/v1/plots/${f.plotId}/photos?kind=selfie`, jpeg))).toContain('kind');
    expect(expectProblem(await upload(`/api/v1/plots/${f.plotId}/photos?kind=certificate`, Buffer.from('{}'), 'application/json'), 400).errors?.[0].field).toBe(
      'body',
    );
    expectProblem(await upload(`/api/v1/plots/${other.plotId}/photos?kind=certificate`, jpeg), 403);
    const mine = await upload(`/api/v1/plots/${f.plotId}/photos?kind=field`, jpeg);
    expectProblem(await t.http.get(mine.body.url).set(bearer(other.managerToken)), 403);
  });
});
