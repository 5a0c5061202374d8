import { DataSource } from 'typeorm';
import { createBatch, createCooperative, createFarmer, createHousehold, createManager, createPlot, createProduct } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

interface Activity {
  labelsPrintedByDay: { day: string; labels: number }[];
  scansByDay: { day: string; scans: number }[];
  flags: {
    phiHolds: { batchId: string; lotCode: string; safeFrom: string }[];
    phiOverrides: { batchId: string; reason: string }[];
    expiredCertificates: { plotId: string; scheme: string; number: string; validUntil: string }[];
    labelMismatches: { batchId: string; labelsPrinted: number; capacity: number }[];
  };
}

interface Side {
  cooperativeId: string;
  managerToken: string;
  householdId: string;
  batchId: string;
  lotCode: string;
  expiredPlotId: string;
}

/** Vietnam's calendar day `offset` days from today. */
function day(offset = 0): string {
  return new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

describe('GET /api/v1/reports/area-activity: the province dashboard by area and co-op', () => {
  let t: TestApp;
  let thanhHa: Side;
  let lucNgan: Side;

  /** A co-op whose household is in `province`/`commune`, a held batch (spraying inside its interval), labels beyond its harvest, an expired plot certificate. */
  async function side(name: string, province: string, commune: string): Promise<Side> {
    const cooperativeId = await createCooperative(t, name);
    const managerToken = await createManager(t, cooperativeId);
    const householdId = await createHousehold(t, managerToken, cooperativeId, { province, commune });
    const plotId = await createPlot(t, managerToken, householdId);
    const expiredPlotId = await createPlot(t, managerToken, householdId, {
      certifications: [{ scheme: 'VietGAP', number: `VG-OLD-${name.length}`, issuedAt: day(-365), validUntil: day(-3) }],
    });
    // A renewed plot: an ended certificate beside a valid one of the same scheme is no flag.
    await createPlot(t, managerToken, householdId, {
      certifications: [
        { scheme: 'VietGAP', number: 'VG-ENDED', issuedAt: day(-365), validUntil: day(-10) },
        { scheme: 'VietGAP', number: 'VG-RENEWED', validUntil: day(300) },
      ],
    });
    const productId = await createProduct(t, managerToken, cooperativeId, { unit: 'box', packageNetWeightKg: 1 });
    const batch = await createBatch(t, managerToken, { productId, householdId, plotId, quantity: 10, harvestedAt: `${day(-1)}T07:00:00+07:00` });
    const run = await t.http
      .post(`/api/v1/batches/${batch.id}/label-runs`)
      .set(bearer(managerToken))
      .send({ quantity: 15, layout: 'a4-3x8', format: 'pdf', allowOverrun: true });
    expect(run.status).toBe(202);
    const spray = await t.http
      .post(`/api/v1/batches/${batch.id}/events`)
      .set(bearer(managerToken))
      .send({ bizStep: 'spraying', occurredAt: `${day(-4)}T07:00:00+07:00`, details: { pesticide: 'Thuốc thử', phiDays: 14 } });
    expect(spray.status).toBe(201);
    return { cooperativeId, managerToken, householdId, batchId: batch.id, lotCode: batch.lotCode, expiredPlotId };
  }

  async function activity(query: string, token = t.adminToken): Promise<Activity> {
    const res = await t.http.get(`/api/v1/reports/area-activity${query}`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body as Activity;
  }

  beforeAll(async () => {
    t = await startTestApp();
    // Recorded under the old province name: Hải Dương is part of Hải Phòng since 1 July 2025.
    thanhHa = await side('HTX Vải Thanh Hà', 'Hải Dương', 'Thanh Hà');
    lucNgan = await side('HTX Vải Lục Ngạn', 'Bắc Giang', 'Lục Ngạn');
    const release = await t.http
      .post(`/api/v1/batches/${lucNgan.batchId}/safety-override`)
      .set(bearer(lucNgan.managerToken))
      .send({ reason: 'Kết quả kiểm dư lượng đạt' });
    expect(release.status).toBe(200);
    const db = t.app.get(DataSource);
    await db.query('INSERT INTO batch_scan_days (batch_id, day, scans) VALUES ($1, $2, $3), ($4, $5, $6)', [
      thanhHa.batchId,
      day(-1),
      4,
      lucNgan.batchId,
      day(0),
      9,
    ]);
  });
  afterAll(async () => t?.close());

  it('answers every co-op for the province office without a filter', async () => {
    const all = await activity('');
    expect(all.flags.phiHolds.map((f) => f.batchId)).toEqual([thanhHa.batchId]);
    expect(all.flags.phiOverrides).toEqual([expect.objectContaining({ batchId: lucNgan.batchId, reason: 'Kết quả kiểm dư lượng đạt' })]);
    expect(all.flags.expiredCertificates.map((f) => f.plotId).sort()).toEqual([thanhHa.expiredPlotId, lucNgan.expiredPlotId].sort());
    expect(all.flags.labelMismatches.map((f) => f.batchId).sort()).toEqual([thanhHa.batchId, lucNgan.batchId].sort());
    expect(all.flags.labelMismatches[0]).toMatchObject({ labelsPrinted: 15, capacity: 10 });
    expect(all.labelsPrintedByDay).toEqual([{ day: day(0), labels: 30 }]);
    expect(all.scansByDay).toEqual([
      { day: day(-1), scans: 4 },
      { day: day(0), scans: 9 },
    ]);
  });

  it('narrows everything to a province (merged provinces included), a commune or a co-op', async () => {
    const haiPhong = await activity(`?province=${encodeURIComponent('Thành phố Hải Phòng')}`);
    expect(haiPhong.flags.phiHolds.map((f) => f.batchId)).toEqual([thanhHa.batchId]);
    expect(haiPhong.flags.phiOverrides).toEqual([]);
    expect(haiPhong.flags.expiredCertificates.map((f) => f.plotId)).toEqual([thanhHa.expiredPlotId]);
    expect(haiPhong.flags.labelMismatches.map((f) => f.batchId)).toEqual([thanhHa.batchId]);
    expect(haiPhong.labelsPrintedByDay).toEqual([{ day: day(0), labels: 15 }]);
    expect(haiPhong.scansByDay).toEqual([{ day: day(-1), scans: 4 }]);

    const lucNganCommune = await activity(`?commune=${encodeURIComponent('xã Lục Ngạn')}`);
    expect(lucNganCommune.flags.phiOverrides.map((f) => f.batchId)).toEqual([lucNgan.batchId]);
    expect(lucNganCommune.flags.phiHolds).toEqual([]);
    expect(lucNganCommune.scansByDay).toEqual([{ day: day(0), scans: 9 }]);

    const coop = await activity(`?cooperativeId=${lucNgan.cooperativeId}`);
    expect(coop.flags.expiredCertificates.map((f) => f.plotId)).toEqual([lucNgan.expiredPlotId]);
    expect(coop.flags.labelMismatches.map((f) => f.batchId)).toEqual([lucNgan.batchId]);

    const nowhere = await activity(`?province=${encodeURIComponent('Cà Mau')}`);
    expect(nowhere).toEqual({
      labelsPrintedByDay: [],
      scansByDay: [],
      flags: { phiHolds: [], phiOverrides: [], expiredCertificates: [], labelMismatches: [] },
    });
  });

  it('shows a co-op manager only their own co-op, refuses another co-op (403) and farmers', async () => {
    const own = await activity('', thanhHa.managerToken);
    expect(own.flags.phiHolds.map((f) => f.batchId)).toEqual([thanhHa.batchId]);
    expect(own.flags.phiOverrides).toEqual([]);
    const other = await t.http.get(`/api/v1/reports/area-activity?cooperativeId=${lucNgan.cooperativeId}`).set(bearer(thanhHa.managerToken));
    expect(other.status).toBe(403);
    const farmerToken = await createFarmer(t, thanhHa.managerToken, thanhHa.householdId);
    const farmer = await t.http.get('/api/v1/reports/area-activity').set(bearer(farmerToken));
    expect(farmer.status).toBe(403);
  });

  it('refuses a malformed co-op id with 400 naming the field', async () => {
    const res = await t.http.get('/api/v1/reports/area-activity?cooperativeId=not-a-uuid').set(bearer(t.adminToken));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'cooperativeId' })]);
  });
});
