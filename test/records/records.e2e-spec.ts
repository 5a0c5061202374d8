import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MarketplaceOrder } from '../../src/listings/orders/marketplace-order.entity';
import { validateEpcis } from '../support/epcis-validator';
import { createFixture, createHousehold, createProduct, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

describe('records that travel (e2e): EPCIS, recall, FSMA CSV, reconciliation, indicators, /admin', () => {
  let t: TestApp;
  let f: Fixture;
  let other: Fixture;
  let db: DataSource;
  let listingId: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    f = await createFixture(t);
    other = await createFixture(t, 'HTX Khác');
    // A product with a GTIN: the lot is an LGTIN in the EPCIS export.
    const productId = await createProduct(t, f.managerToken, f.cooperativeId, { gtin: '8930000000019', shelfLifeDays: 30 });
    const batch = await t.http.post('/api/v1/batches').set(bearer(f.managerToken)).send({
      productId,
      householdId: f.householdId,
      plotId: f.plotId,
      harvestedAt: '2026-06-10T06:00:00+07:00',
      quantity: 100,
      unit: 'kg',
    });
    expect(batch.status).toBe(201);
    f = { ...f, productId, batchId: batch.body.id, lotCode: batch.body.lotCode };
    for (const [bizStep, occurredAt, details] of [
      ['spraying', '2026-05-20T07:00:00+07:00', { pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays: 7, note: 'gọi 0912345678' }],
      ['harvesting', '2026-06-10T06:00:00+07:00', undefined],
      ['packing', '2026-06-10T10:00:00+07:00', { packingHouseCode: 'PHC-HD-003' }],
      ['inspecting', '2026-06-10T11:00:00+07:00', { result: 'pass' }],
      ['shipping', '2026-06-11T05:00:00+07:00', { destination: 'Hà Nội', referenceDocument: 'BL-2026-77' }],
      ['receiving', '2026-06-11T12:00:00+07:00', { source: 'Thanh Hà' }],
    ] as const) {
      const res = await t.http
        .post(`/api/v1/batches/${f.batchId}/events`)
        .set(bearer(f.managerToken))
        .send({ bizStep, occurredAt, details });
      expect(res.status).toBe(201);
    }
    const run = await t.http
      .post(`/api/v1/batches/${f.batchId}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 40, layout: 'thermal-50x30', format: 'zpl' });
    expect(run.status).toBe(202);
    const listing = await t.http
      .post('/api/v1/listings')
      .set(bearer(f.managerToken))
      .send({
        productId,
        batchId: f.batchId,
        title: 'Vải thiều Thanh Hà 2kg',
        description: 'Hộp 2kg',
        price: 120000,
        stock: 20,
        channels: ['lazada', 'shopee'],
      });
    expect(listing.status).toBe(201);
    listingId = listing.body.id;
    // The marketplace sync and the order webhooks are another module's: their outcome is written directly.
    await db.query(`UPDATE listing_channels SET status = 'live' WHERE listing_id = $1 AND marketplace = 'lazada'`, [listingId]);
    const orders = db.getRepository(MarketplaceOrder);
    for (const [i, marketplace] of (['lazada', 'shopee'] as const).entries()) {
      await orders.insert({
        id: randomUUID(),
        marketplace,
        externalOrderId: `ORD-${i}`,
        listingId,
        cooperativeId: f.cooperativeId,
        batchId: f.batchId,
        lotCode: f.lotCode,
        quantity: 2,
        totalAmount: 240000,
        buyerRef: `buyer-${i}`,
        orderedAt: new Date(`2026-06-1${2 + i}T03:00:00Z`),
      });
    }
  });
  afterAll(async () => t?.close());

  it('exports the batch as EPCIS 2.0 JSON-LD that validates against the official schema', async () => {
    const res = await t.http.get(`/api/v1/batches/${f.batchId}/epcis`).set(bearer(f.farmerToken));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const doc = JSON.parse(res.text);
    const validation = validateEpcis(doc);
    expect(validation.errors).toEqual([]);
    expect(validation.success).toBe(true);
    const events = doc.epcisBody.eventList as Record<string, unknown>[];
    // The spraying before harvest travels too, as an event at the plot (issue 14).
    expect(events.map((e) => e.bizStep)).toEqual([
      'https://nongsan-trace.vn/epcis/bizstep/spraying',
      'commissioning',
      'packing',
      'inspecting',
      'shipping',
      'receiving',
    ]);
    expect(events[1]).toMatchObject({ type: 'ObjectEvent', action: 'ADD', eventTimeZoneOffset: '+07:00', disposition: 'active' });
    expect(events[1].ilmd).toMatchObject({ 'cbvmda:harvestStartDate': '2026-06-10', 'cbvmda:lotNumber': f.lotCode });
    expect((events[1].quantityList as { epcClass: string }[])[0].epcClass).toBe(`https://id.gs1.org/01/08930000000019/10/${f.lotCode}`);
    for (const e of events) expect(e.eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    expect(res.text).not.toContain('0912345678');
    // Stable: the same history exports the same ids.
    const again = JSON.parse((await t.http.get(`/api/v1/batches/${f.batchId}/epcis`).set(bearer(f.managerToken))).text);
    expect(again.epcisBody.eventList.map((e: { eventID: string }) => e.eventID)).toEqual(events.map((e) => e.eventID));
  });

  it('keeps EPCIS, recall and the CSV to the batch owners', async () => {
    expect((await t.http.get(`/api/v1/batches/${f.batchId}/epcis`).set(bearer(other.managerToken))).status).toBe(403);
    expect((await t.http.get(`/api/v1/batches/${f.batchId}/trace.csv`).set(bearer(other.farmerToken))).status).toBe(403);
    expect((await t.http.get(`/api/v1/batches/${f.batchId}/epcis`)).status).toBe(401);
    expect(
      (
        await t.http
          .post(`/api/v1/batches/${f.batchId}/recall`)
          .set(bearer(other.managerToken))
          .send({ reason: 'x'.repeat(5) })
      ).status,
    ).toBe(403);
    expect(
      (await t.http.post(`/api/v1/batches/${f.batchId}/recall`).set(bearer(f.farmerToken)).send({ reason: 'Listeria found' })).status,
    ).toBe(403);
    expect((await t.http.post(`/api/v1/batches/${f.batchId}/recall`).set(bearer(f.managerToken)).send({})).status).toBe(400);
    expect(
      (await t.http.post(`/api/v1/batches/${randomUUID()}/recall`).set(bearer(t.adminToken)).send({ reason: 'Listeria found' })).status,
    ).toBe(404);
  });

  it('reconciles per batch and per plot, and flags what the harvest cannot fill', async () => {
    const res = await t.http.get(`/api/v1/reports/reconciliation?cooperativeId=${f.cooperativeId}`).set(bearer(f.managerToken));
    expect(res.status).toBe(200);
    const batch = res.body.batches.find((b: { batchId: string }) => b.batchId === f.batchId);
    // 100 kg in 2 kg boxes: 50 packages; 40 labels fit, 4 units sold.
    expect(batch).toMatchObject({ kgHarvested: 100, capacity: 50, labelsPrinted: 40, labelsScanned: 0, unitsSold: 4, flags: [] });
    // The fixture's 1200 kg batch on a 0.8 ha plot plus this one: 1625 kg/ha, plausible for lychee.
    const plot = res.body.plots.find((p: { plotId: string }) => p.plotId === f.plotId);
    expect(plot).toMatchObject({ kgHarvested: 1300, kgPerHa: 1625, maxKgPerHa: 15000, flags: [] });

    await db.query('UPDATE batches SET quantity = 20000 WHERE id = $1', [f.batchId]);
    await db.query(`UPDATE products SET package_net_weight_kg = 1000 WHERE id = $1`, [f.productId]);
    const flagged = await t.http.get(`/api/v1/reports/reconciliation`).set(bearer(f.managerToken));
    expect(flagged.body.batches.find((b: { batchId: string }) => b.batchId === f.batchId).flags).toEqual(['LABELS_EXCEED_HARVEST']);
    expect(flagged.body.plots.find((p: { plotId: string }) => p.plotId === f.plotId).flags).toEqual(['YIELD_IMPLAUSIBLE']);
    await db.query('UPDATE batches SET quantity = 100 WHERE id = $1', [f.batchId]);
    await db.query(`UPDATE products SET package_net_weight_kg = 2 WHERE id = $1`, [f.productId]);

    expect(
      (await t.http.get(`/api/v1/reports/reconciliation?cooperativeId=${f.cooperativeId}`).set(bearer(other.managerToken))).status,
    ).toBe(403);
    expect((await t.http.get(`/api/v1/reports/reconciliation`).set(bearer(f.farmerToken))).status).toBe(403);
  });

  it('answers the indicators as counted directly in the database, old and new addresses alike', async () => {
    // A household registered under the old three tiers, in a province since merged into Hải Phòng.
    await createHousehold(t, f.managerToken, f.cooperativeId, {
      province: 'Tỉnh Hải Dương',
      district: 'Thanh Hà',
      commune: 'Thanh Hà',
      digitalSkillsTrained: false,
    });
    const res = await t.http.get('/api/v1/reports/indicators?province=Hải Phòng').set(bearer(t.adminToken));
    expect(res.status).toBe(200);
    const [direct] = await db.query(`SELECT
        (SELECT COUNT(*) FROM households)::int AS registered,
        (SELECT COUNT(*) FROM households WHERE digital_skills_trained)::int AS trained,
        (SELECT COUNT(*) FROM labels)::int AS labels,
        (SELECT COALESCE(SUM(scan_count), 0) FROM labels)::int AS scans,
        (SELECT COUNT(*) FROM marketplace_orders)::int AS orders`);
    expect(res.body).toEqual({
      householdsRegistered: direct.registered,
      householdsTrained: direct.trained,
      householdsOnEcommerce: 1,
      productsListed: 1,
      listingsLive: 1,
      transactions: direct.orders,
      labelsPrinted: direct.labels,
      scans: direct.scans,
    });
    expect(direct.registered).toBe(3);
    const commune = await t.http.get('/api/v1/reports/indicators?province=hải phòng&commune=Xã Thanh Hà').set(bearer(t.adminToken));
    expect(commune.body.householdsRegistered).toBe(3);
    const elsewhere = await t.http.get('/api/v1/reports/indicators?province=Hà Nội').set(bearer(t.adminToken));
    expect(elsewhere.body).toMatchObject({ householdsRegistered: 0, labelsPrinted: 0, transactions: 0 });

    const own = await t.http.get('/api/v1/reports/indicators').set(bearer(other.managerToken));
    expect(own.body).toMatchObject({ householdsRegistered: 1, labelsPrinted: 0, transactions: 0 });
    expect((await t.http.get(`/api/v1/reports/indicators?cooperativeId=${f.cooperativeId}`).set(bearer(other.managerToken))).status).toBe(
      403,
    );
    expect((await t.http.get('/api/v1/reports/indicators').set(bearer(f.farmerToken))).status).toBe(403);

    const csv = await t.http
      .get(`/api/v1/reports/indicators?cooperativeId=${f.cooperativeId}`)
      .set(bearer(f.managerToken))
      .set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toContain('"householdsOnEcommerce"');
    expect(row).toContain(`"${f.cooperativeId}"`);
  });

  it('leads /admin to the farm app, and turns a manager\'s token into the queue board\'s HttpOnly session cookie', async () => {
    const admin = await t.http.get('/admin');
    expect(admin.status).toBe(302);
    expect(admin.headers.location).toBe('/app/');
    const session = await t.http.post('/admin/session').set(bearer(f.managerToken));
    expect(session.status).toBe(204);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await t.http.post('/admin/session').set(bearer(f.farmerToken))).status).toBe(403);
    const data = await t.http.get('/api/v1/reports/dashboard').set(bearer(f.managerToken));
    expect(data.status).toBe(200);
    expect(data.body.labelsPrintedByDay.reduce((s: number, d: { labels: number }) => s + d.labels, 0)).toBe(40);
    expect(data.body.syncHealth).toEqual(
      expect.arrayContaining([expect.objectContaining({ marketplace: 'lazada', status: 'live', channels: 1 })]),
    );
  });

  it('recalls in one call: labels scan voided with the reason, listings delisted everywhere, orders listed', async () => {
    const labels = await t.http.get(`/api/v1/labels?batchId=${f.batchId}&limit=500`).set(bearer(f.managerToken));
    const path = new URL(labels.body.items[0].url as string).pathname;
    const before = await t.http.get(path).set('Accept', 'application/json');
    expect(before.body.verdict).not.toBe('voided');

    const reason = 'Dư lượng thuốc BVTV vượt ngưỡng (mẫu 2026-06-12)';
    const res = await t.http.post(`/api/v1/batches/${f.batchId}/recall`).set(bearer(f.managerToken)).send({ reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ batchId: f.batchId, status: 'recalled', reason, labels: { total: 40, voided: 40 } });
    expect(res.body.listings).toHaveLength(1);
    expect(res.body.listings[0].id).toBe(listingId);
    expect(res.body.orders.map((o: { marketplace: string; externalOrderId: string }) => `${o.marketplace}:${o.externalOrderId}`)).toEqual([
      'lazada:ORD-0',
      'shopee:ORD-1',
    ]);

    const after = await t.http.get(path).set('Accept', 'application/json');
    expect(after.body.verdict).toBe('voided');
    expect(JSON.stringify(after.body)).toContain(reason);
    const listing = await t.http.get(`/api/v1/listings/${listingId}`).set(bearer(f.managerToken));
    expect(listing.body.state ?? 'delisted').toBe('delisted');
    const [{ state }] = await db.query('SELECT state FROM listings WHERE id = $1', [listingId]);
    expect(state).toBe('delisted');
    const [{ n }] = await db.query(`SELECT COUNT(*)::int AS n FROM labels WHERE batch_id = $1 AND status = 'voided' AND void_reason = $2`, [
      f.batchId,
      reason,
    ]);
    expect(n).toBe(40);

    // Again: nothing new to void, same answer otherwise.
    const again = await t.http.post(`/api/v1/batches/${f.batchId}/recall`).set(bearer(t.adminToken)).send({ reason: 'another reason' });
    expect(again.body).toMatchObject({ reason, labels: { total: 40, voided: 0 } });

    const epcis = JSON.parse((await t.http.get(`/api/v1/batches/${f.batchId}/epcis`).set(bearer(f.managerToken))).text);
    expect(epcis.epcisBody.eventList.at(-1)).toMatchObject({ bizStep: 'holding', disposition: 'recalled', 'nst:recallReason': reason });
    expect(validateEpcis(epcis).success).toBe(true);
  });

  it('writes the FSMA 204 sortable spreadsheet: one row per critical tracking event, then the orders', async () => {
    const res = await t.http.get(`/api/v1/batches/${f.batchId}/trace.csv`).set(bearer(f.farmerToken));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`trace-${f.lotCode}.csv`);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '"Traceability Lot Code","Product Description","Quantity","Unit of Measure","Critical Tracking Event","Event Date","Event Time","Location Description","Location Identifier","Immediate Previous Source","Immediate Subsequent Recipient","Reference Document Type","Reference Document Number","Traceability Lot Code Source","Record ID"',
    );
    const cte = lines.slice(1).map((l) => l.split('","')[4]);
    expect(cte).toEqual([
      'Harvesting',
      'Initial Packing',
      'Inspecting',
      'Shipping',
      'Receiving',
      'Shipping (marketplace order)',
      'Shipping (marketplace order)',
    ]);
    expect(lines[1]).toContain(`"${f.lotCode}","Vải thiều Thanh Hà","100","kg","Harvesting","2026-06-10","06:00+07:00"`);
    expect(lines[4]).toContain('"Hà Nội","Bill of lading","BL-2026-77"');
    expect(lines[6]).toContain('"lazada buyer","lazada order","ORD-0"');
    expect(res.text).not.toContain('Abamectin');
  });

  it('shows the marketplace buyer references in the CSV to managers and admins, not to farmers', async () => {
    const farmer = await t.http.get(`/api/v1/batches/${f.batchId}/trace.csv`).set(bearer(f.farmerToken));
    expect(farmer.status).toBe(200);
    expect(farmer.text).not.toContain('buyer-0');
    expect(farmer.text).not.toContain('buyer-1');
    for (const token of [f.managerToken, t.adminToken]) {
      const res = await t.http.get(`/api/v1/batches/${f.batchId}/trace.csv`).set(bearer(token));
      expect(res.status).toBe(200);
      expect(res.text).toContain('"lazada buyer buyer-0","lazada order","ORD-0"');
      expect(res.text).toContain('"shopee buyer buyer-1"');
    }
  });

  it('neutralises every CSV cell a spreadsheet would execute, numbers excepted', async () => {
    const attack = "-1+1+cmd|' /C calc'!A0";
    await db.query(
      `UPDATE batch_events SET details = jsonb_build_object('destination', $2::text, 'referenceDocument', $3::text)
       WHERE batch_id = $1 AND biz_step = 'shipping'`,
      [f.batchId, attack, '\n=1+1'],
    );
    await db.query(`UPDATE marketplace_orders SET external_order_id = '@SUM(1+1)' WHERE batch_id = $1 AND marketplace = 'shopee'`, [
      f.batchId,
    ]);
    try {
      const res = await t.http.get(`/api/v1/batches/${f.batchId}/trace.csv`).set(bearer(f.managerToken));
      expect(res.status).toBe(200);
      const text = res.text.replace(/^\uFEFF/, '');
      expect(text).toContain(`"'${attack}"`);
      expect(text).toContain(`"'\n=1+1"`);
      expect(text).toContain(`"'@SUM(1+1)"`);
      // No cell of the export starts with a formula character once its opening quote is removed.
      const cells = text.match(/"(?:[^"]|"")*"/g) ?? [];
      expect(cells.filter((c) => /^"[=+\-@\t\r\n]/.test(c) && !/^"[+-]?\d+(\.\d+)?"$/.test(c))).toEqual([]);
      expect(text).toContain('"100","kg","Harvesting"');
    } finally {
      await db.query(
        `UPDATE batch_events SET details = jsonb_build_object('destination', 'Hà Nội', 'referenceDocument', 'BL-2026-77')
         WHERE batch_id = $1 AND biz_step = 'shipping'`,
        [f.batchId],
      );
      await db.query(`UPDATE marketplace_orders SET external_order_id = 'ORD-1' WHERE batch_id = $1 AND marketplace = 'shopee'`, [
        f.batchId,
      ]);
    }
  });
});
