import { randomUUID } from 'node:crypto';
import { createFixture, createPlot, Fixture } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;
const daysAgo = (days: number): string => new Date(Date.now() - days * DAY_MS).toISOString();

describe('batches: food safety enforced (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
  });
  afterAll(async () => t?.close());

  const newBatch = async (body: object = {}, token = f.managerToken): Promise<{ id: string; lotCode: string; onHold: boolean }> => {
    const res = await t.http
      .post('/api/v1/batches')
      .set(bearer(token))
      .send({ productId: f.productId, householdId: f.householdId, harvestedAt: daysAgo(1), quantity: 500, unit: 'kg', ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; lotCode: string; onHold: boolean };
  };
  const addEvent = (batchId: string, body: object, token = f.farmerToken) =>
    t.http.post(`/api/v1/batches/${batchId}/events`).set(bearer(token)).send(body);
  const getBatch = (batchId: string) => t.http.get(`/api/v1/batches/${batchId}`).set(bearer(f.managerToken));
  const labelRun = (batchId: string) =>
    t.http.post(`/api/v1/batches/${batchId}/label-runs`).set(bearer(f.managerToken)).send({ quantity: 2, layout: 'thermal-50x30', format: 'zpl' });
  const listing = (batchId: string) =>
    t.http
      .post('/api/v1/listings')
      .set(bearer(f.managerToken))
      .send({
        productId: f.productId,
        batchId,
        title: 'Vải thiều Thanh Hà',
        description: 'Hộp 2 kg',
        price: 120000,
        stock: 5,
        channels: ['tiki'],
      });
  const spray = (occurredAt: string, details: object) => ({ bizStep: 'spraying', occurredAt, details });

  it('holds a batch harvested inside a pre-harvest interval: label runs and listings answer 409 with the date it is safe, until a manager releases it', async () => {
    const plotId = await createPlot(t, f.managerToken, f.householdId);
    const batch = await newBatch({ plotId });
    expect(batch.onHold).toBe(false);
    const sprayedAt = daysAgo(2);
    expect((await addEvent(batch.id, spray(sprayedAt, { pesticide: 'Reasgant 3.6EC', phiDays: 7 }))).status).toBe(201);
    const safeFrom = new Date(Date.parse(sprayedAt) + 7 * DAY_MS).toISOString();
    const held = (await getBatch(batch.id)).body;
    expect(held).toMatchObject({ onHold: true, safeFrom, safetyOverride: null });

    const refused = expectProblem(await labelRun(batch.id), 409);
    const safeFromDate = new Date(Date.parse(safeFrom) + 7 * 3600_000).toISOString().slice(0, 10);
    expect(refused).toMatchObject({ onHold: true, safeFrom, safeFromDate });
    expect(refused.detail).toContain(safeFromDate);
    expect(refused.detail).toContain('thời gian cách ly');
    const english = expectProblem(await labelRun(batch.id).set('Accept-Language', 'en'), 409);
    expect(english.detail).toBe(
      `Batch ${batch.lotCode} is on hold: it was harvested inside the pre-harvest interval of a pesticide; it is safe from ${safeFromDate}. Only a co-op manager may release it, with a reason.`,
    );
    expect(expectProblem(await listing(batch.id), 409)).toMatchObject({ safeFrom, safeFromDate });

    // A farmer cannot release it; a manager can, with a reason, and who/when/why are kept.
    const override = (token: string, reason = 'Mẫu kiểm nghiệm dư lượng đạt (phiếu KN-2026-118)') =>
      t.http.post(`/api/v1/batches/${batch.id}/safety-override`).set(bearer(token)).send({ reason });
    expectProblem(await override(f.farmerToken), 403);
    expect(errorFields(await override(f.managerToken, ''))).toEqual(['reason']);
    const released = await override(f.managerToken);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({
      onHold: false,
      safeFrom,
      safetyOverride: {
        reason: 'Mẫu kiểm nghiệm dư lượng đạt (phiếu KN-2026-118)',
        by: expect.any(String),
        at: expect.any(String),
        safeFrom,
      },
    });
    // Sent again (a lost answer): the same release, not an error.
    expect((await override(f.managerToken)).body.safetyOverride).toEqual(released.body.safetyOverride);

    expect((await labelRun(batch.id)).status).toBe(202);
    expect((await listing(batch.id)).status).toBe(201);

    // The release is in the diary and the EPCIS records, and in the province office's list.
    const events = (await getBatch(batch.id)).body.events as { bizStep: string; details: Record<string, unknown> }[];
    expect(events).toContainEqual(
      expect.objectContaining({ bizStep: 'inspecting', details: expect.objectContaining({ safetyOverride: true }) }),
    );
    const epcis = await t.http.get(`/api/v1/batches/${batch.id}/epcis`).set(bearer(f.managerToken));
    expect(epcis.status).toBe(200);
    expect(JSON.stringify(epcis.body)).toContain('KN-2026-118');
    const flags = await t.http.get('/api/v1/reports/safety-flags?limit=500').set(bearer(t.adminToken));
    expect(flags.status).toBe(200);
    expect(flags.body.items).toContainEqual(
      expect.objectContaining({
        id: batch.id,
        onHold: false,
        safetyOverride: expect.objectContaining({ reason: expect.stringContaining('KN-2026-118') }),
      }),
    );
    expectProblem(await t.http.get('/api/v1/reports/safety-flags').set(bearer(f.farmerToken)), 403);
  });

  it('a spraying on one batch of a plot holds every batch of that plot harvested inside its interval, and the plot tells when it is safe', async () => {
    const plotId = await createPlot(t, f.managerToken, f.householdId);
    const earlier = await newBatch({ plotId });
    const sprayedAt = daysAgo(3);
    const sprayed = await newBatch({ plotId, harvestedAt: daysAgo(10) });
    expect((await addEvent(sprayed.id, spray(sprayedAt, { pesticide: 'Sherpa 25EC', phiDays: 10 }))).status).toBe(201);
    const safeFrom = new Date(Date.parse(sprayedAt) + 10 * DAY_MS).toISOString();
    expect((await getBatch(earlier.id)).body).toMatchObject({ onHold: true, safeFrom });
    // Harvested before the spraying: not concerned.
    expect((await getBatch(sprayed.id)).body.onHold).toBe(false);
    // A batch registered later on the same plot is held from the start.
    const later = await newBatch({ plotId });
    expect(later.onHold).toBe(true);
    // Another plot is not concerned.
    const elsewhere = await newBatch({ plotId: await createPlot(t, f.managerToken, f.householdId) });
    expect(elsewhere.onHold).toBe(false);

    const safety = await t.http.get(`/api/v1/plots/${plotId}/safety`).set(bearer(f.farmerToken));
    expect(safety.status).toBe(200);
    expect(safety.body).toMatchObject({
      plotId,
      safeToHarvestFrom: safeFrom,
      safeNow: false,
      activeIntervals: [expect.objectContaining({ batchId: sprayed.id, pesticide: 'Sherpa 25EC', phiDays: 10, safeFrom })],
    });
  });

  it('fills the pre-harvest interval from the pesticide table, keeps a typed one, and marks ingredients barred in export areas', async () => {
    const batch = await newBatch({ harvestedAt: daysAgo(40) });
    const filled = await addEvent(batch.id, spray(daysAgo(45), { pesticide: 'Score 250 EC' }));
    expect(filled.status).toBe(201);
    expect(filled.body.details).toMatchObject({ pesticide: 'Score 250 EC', phiDays: 7, phiSource: 'table', exportRestricted: true });
    const byIngredient = await addEvent(batch.id, spray(daysAgo(45), { activeIngredient: 'chlorantraniliprole' }));
    expect(byIngredient.body.details).toMatchObject({ phiDays: 7, phiSource: 'table', exportRestricted: false });
    const typed = await addEvent(batch.id, spray(daysAgo(45), { pesticide: 'Score 250EC', phiDays: 14 }));
    expect(typed.body.details).toMatchObject({ phiDays: 14, preHarvestIntervalDays: 14, phiSource: 'entered' });
    const free = await addEvent(batch.id, spray(daysAgo(45), { pesticide: 'Thuốc tự pha', phiDays: 3 }));
    expect(free.status).toBe(201);
    expect(errorFields(await addEvent(batch.id, spray(daysAgo(45), { pesticide: 'X', phiDays: 3, preHarvestIntervalDays: 5 })))).toEqual([
      'details.phiDays',
    ]);
  });

  it('serves the pesticide table, searched without diacritics, with its source', async () => {
    const all = await t.http.get('/api/v1/pesticides?crop=lychee').set(bearer(f.farmerToken));
    expect(all.status).toBe(200);
    expect(all.body.source).toContain('19/2022/TT-BNNPTNT');
    const barred = (all.body.items as { activeIngredient: string; exportRestricted: boolean }[]).filter((p) => p.exportRestricted);
    expect(barred.map((p) => p.activeIngredient).sort()).toEqual(
      ['Abamectin', 'Carbendazim', 'Chlorothalonil', 'Cypermethrin', 'Difenoconazole', 'Iprodione', 'Trichlorfon'].sort(),
    );
    const accented = await t.http.get(`/api/v1/pesticides?q=${encodeURIComponent('đục cuống')}`).set(bearer(f.farmerToken));
    const plain = await t.http.get('/api/v1/pesticides?q=DUC%20CUONG').set(bearer(f.farmerToken));
    expect(accented.body.items.length).toBeGreaterThan(0);
    expect(plain.body.items).toEqual(accented.body.items);
    const english = await t.http.get('/api/v1/pesticides?q=score').set(bearer(f.farmerToken)).set('Accept-Language', 'en');
    expect(english.body.items).toEqual([expect.objectContaining({ activeIngredient: 'Difenoconazole', phiDays: 7 })]);
    expect(english.body.source).toContain('check against the label');
    expect(errorFields(await t.http.get('/api/v1/pesticides?crop=durian').set(bearer(f.farmerToken)))).toEqual(['crop']);
  });

  it('corrects the diary only by a superseding event: the old one stays, marked, and stops counting', async () => {
    const plotId = await createPlot(t, f.managerToken, f.householdId);
    const batch = await newBatch({ plotId });
    const wrong = (await addEvent(batch.id, spray(daysAgo(2), { pesticide: 'Emaben 5WG', phiDays: 7 }))).body as { id: string };
    expect((await getBatch(batch.id)).body.onHold).toBe(true);

    expect(
      errorFields(await addEvent(batch.id, { ...spray(daysAgo(20), { pesticide: 'Emaben 5WG', phiDays: 7 }), supersedes: wrong.id })),
    ).toEqual(['correctionReason']);
    const fix = await addEvent(batch.id, {
      ...spray(daysAgo(20), { pesticide: 'Emaben 5WG', phiDays: 7 }),
      supersedes: wrong.id,
      correctionReason: 'Ghi nhầm ngày phun',
    });
    expect(fix.status).toBe(201);
    expect(fix.body).toMatchObject({ supersedes: wrong.id, correctionReason: 'Ghi nhầm ngày phun', supersededBy: null });
    const after = (await getBatch(batch.id)).body;
    expect(after.onHold).toBe(false);
    expect(after.safetyWarnings).toEqual([]);
    expect(after.events).toContainEqual(expect.objectContaining({ id: wrong.id, supersededBy: fix.body.id }));

    // Corrected twice: refused; no PATCH or DELETE of events exists.
    expectProblem(
      await addEvent(batch.id, { bizStep: 'packing', occurredAt: daysAgo(1), supersedes: wrong.id, correctionReason: 'lần nữa' }),
      409,
    );
    expect(
      errorFields(
        await addEvent(f.batchId, { bizStep: 'packing', occurredAt: daysAgo(1), supersedes: fix.body.id, correctionReason: 'x' }),
      ),
    ).toEqual(['supersedes']);
    expect((await t.http.patch(`/api/v1/batches/${batch.id}/events/${wrong.id}`).set(bearer(f.managerToken)).send({})).status).toBe(404);
  });

  it('flags a batch harvested after its plot certificate expired', async () => {
    const expiredPlot = await createPlot(t, f.managerToken, f.householdId, {
      certifications: [{ scheme: 'VietGAP', number: `VG-${randomUUID().slice(0, 6)}`, validUntil: '2025-06-30' }],
    });
    const flagged = await newBatch({ plotId: expiredPlot, harvestedAt: '2026-06-10T06:00:00+07:00' });
    expect((await getBatch(flagged.id)).body.certificateExpired).toBe(true);
    const before = await newBatch({ plotId: expiredPlot, harvestedAt: '2025-06-10T06:00:00+07:00' });
    expect((await getBatch(before.id)).body.certificateExpired).toBe(false);
    expect((await getBatch(f.batchId)).body.certificateExpired).toBe(false);
  });
});
