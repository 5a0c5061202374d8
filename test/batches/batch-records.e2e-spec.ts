import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { createFixture, createPlot, Fixture } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * A phone that goes offline resends every write it is not sure about. This client sends each create
 * twice, like a lost answer followed by a retry, and insists both answers are the same.
 */
async function sentTwice(send: () => Promise<Response>): Promise<Response> {
  const first = await send();
  const second = await send();
  expect({ status: second.status, body: second.body as unknown }).toEqual({ status: first.status, body: first.body as unknown });
  return first;
}

describe('batches: corrections, versions and repeatable creates (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  const batchBody = (extra: object = {}) => ({
    productId: f.productId,
    householdId: f.householdId,
    harvestedAt: '2026-06-10T06:00:00+07:00',
    quantity: 300,
    unit: 'kg',
    ...extra,
  });
  const postBatch = (body: object, token = f.farmerToken) => t.http.post('/api/v1/batches').set(bearer(token)).send(body);
  const patch = (id: string, body: object, ifMatch?: string) => {
    const req = t.http.patch(`/api/v1/batches/${id}`).set(bearer(f.managerToken));
    return (ifMatch ? req.set('If-Match', ifMatch) : req).send(body);
  };

  it('a create repeated with the same client id answers the same batch; another body with that id is 409', async () => {
    const id = randomUUID();
    const res = await sentTwice(() => postBatch(batchBody({ id })));
    expect(res.status).toBe(201);
    expect(res.body.id).toBe(id);
    const list = await t.http.get('/api/v1/batches?limit=500').set(bearer(f.farmerToken));
    expect((list.body.items as { id: string }[]).filter((b) => b.id === id)).toHaveLength(1);
    const clash = expectProblem(await postBatch(batchBody({ id, quantity: 301 })), 409);
    expect(clash.detail).toContain(id);
    expect(errorFields(await postBatch(batchBody({ id: 'not-a-uuid' })))).toEqual(['id']);
  });

  it('concurrent copies of one create make one batch and one event', async () => {
    const id = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => postBatch(batchBody({ id }))));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((r) => r.body.lotCode as string)).size).toBe(1);

    const eventId = randomUUID();
    const event = { id: eventId, bizStep: 'packing', occurredAt: '2026-06-11T08:00:00+07:00', details: { crates: 12 } };
    const events = await Promise.all(
      Array.from({ length: 5 }, () => t.http.post(`/api/v1/batches/${id}/events`).set(bearer(f.farmerToken)).send(event)),
    );
    expect(events.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const detail = await t.http.get(`/api/v1/batches/${id}`).set(bearer(f.managerToken));
    expect((detail.body.events as { id: string }[]).map((e) => e.id)).toEqual([eventId]);
    // The same event id on another batch, or with other details, is another record: 409.
    expectProblem(await t.http.post(`/api/v1/batches/${f.batchId}/events`).set(bearer(f.farmerToken)).send(event), 409);
    expectProblem(
      await t.http
        .post(`/api/v1/batches/${id}/events`)
        .set(bearer(f.farmerToken))
        .send({ ...event, details: { crates: 13 } }),
      409,
    );
  });

  it('a repeated event create answers the same event, sequentially', async () => {
    const batch = (await postBatch(batchBody())).body as { id: string };
    const id = randomUUID();
    const res = await sentTwice(() =>
      t.http
        .post(`/api/v1/batches/${batch.id}/events`)
        .set(bearer(f.farmerToken))
        .send({ id, bizStep: 'spraying', occurredAt: '2026-05-20T07:00:00+07:00', details: { pesticide: 'Amistar 250SC' } }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id, details: { phiDays: 7, phiSource: 'table' } });
  });

  it('edits carry a version: GET and PATCH answer an ETag, a stale If-Match is 412 with the current batch', async () => {
    const batch = (await postBatch(batchBody())).body as { id: string };
    const read = await t.http.get(`/api/v1/batches/${batch.id}`).set(bearer(f.managerToken));
    expect(read.headers.etag).toBe('"1"');
    const edited = await patch(batch.id, { quantity: 280.5 }, '"1"');
    expect(edited.status).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.body).toMatchObject({ quantity: 280.5, version: 2 });
    // The other phone still holds version 1.
    const stale = expectProblem(await patch(batch.id, { quantity: 250 }, '"1"'), 412);
    expect(stale).toMatchObject({ currentVersion: 2, current: expect.objectContaining({ quantity: 280.5 }) });
    // Without If-Match the edit applies to the current version.
    expect((await patch(batch.id, { unit: 'crate' })).body).toMatchObject({ unit: 'crate', version: 3 });
    expect(errorFields(await patch(batch.id, { lotCode: 'có dấu' }))).toEqual(['lotCode']);
    expect(errorFields(await patch(batch.id, { harvestedAt: '2999-01-01T00:00:00+07:00' }))).toEqual(['harvestedAt']);
  });

  it('moving a batch to another plot or harvest date before labels recomputes its hold; after labels those fields are 409, in Vietnamese and English', async () => {
    const plotId = await createPlot(t, f.managerToken, f.householdId);
    const sprayed = (await postBatch(batchBody({ plotId, harvestedAt: '2026-05-01T06:00:00+07:00' }))).body as { id: string };
    const sprayedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await t.http
      .post(`/api/v1/batches/${sprayed.id}/events`)
      .set(bearer(f.farmerToken))
      .send({ bizStep: 'spraying', occurredAt: sprayedAt, details: { pesticide: 'Thuốc A', phiDays: 5 } })
      .expect(201);
    const batch = (await postBatch(batchBody({ harvestedAt: new Date().toISOString() }))).body as { id: string; lotCode: string };
    expect((await patch(batch.id, { plotId })).body.onHold).toBe(true);
    expect((await patch(batch.id, { plotId: null })).body.onHold).toBe(false);

    await t.http
      .post(`/api/v1/batches/${f.batchId}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 1, layout: 'thermal-50x30', format: 'zpl', allowOverrun: true })
      .expect(202);
    const refused = expectProblem(await patch(f.batchId, { harvestedAt: '2026-06-11T06:00:00+07:00' }), 409);
    expect(refused.errors).toEqual([{ field: 'harvestedAt', message: 'không thể sửa harvestedAt: tem của lô này đã được in' }]);
    const english = expectProblem(
      await t.http
        .patch(`/api/v1/batches/${f.batchId}`)
        .set(bearer(f.managerToken))
        .set('Accept-Language', 'en')
        .send({ lotCode: 'NEW-LOT-1' }),
      409,
    );
    expect(english.errors).toEqual([
      { field: 'lotCode', message: 'cannot change lotCode: labels of this batch have already been printed' },
    ]);
    // What labels do not carry stays editable.
    expect((await patch(f.batchId, { quantity: 1300 })).status).toBe(200);
    // A labelled batch stays on record.
    expectProblem(await t.http.delete(`/api/v1/batches/${f.batchId}`).set(bearer(f.managerToken)), 409);
  });

  it('archives a batch without labels: 204, gone from lists, refused for labels', async () => {
    const batch = (await postBatch(batchBody())).body as { id: string };
    expect((await t.http.delete(`/api/v1/batches/${batch.id}`).set(bearer(f.farmerToken))).status).toBe(204);
    expect((await t.http.delete(`/api/v1/batches/${batch.id}`).set(bearer(f.farmerToken))).status).toBe(204);
    const list = await t.http.get('/api/v1/batches?limit=500').set(bearer(f.managerToken));
    expect((list.body.items as { id: string }[]).map((b) => b.id)).not.toContain(batch.id);
    const read = await t.http.get(`/api/v1/batches/${batch.id}`).set(bearer(f.managerToken));
    expect(read.body.archivedAt).toEqual(expect.any(String));
    expectProblem(
      await t.http
        .post(`/api/v1/batches/${batch.id}/label-runs`)
        .set(bearer(f.managerToken))
        .send({ quantity: 1, layout: 'thermal-50x30', format: 'zpl' }),
      409,
    );
    expectProblem(await patch(batch.id, { quantity: 1 }), 409);
  });
});
