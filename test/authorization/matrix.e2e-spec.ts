import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createFixture, createHousehold, createPlot, Fixture, nextPhone } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Records made in beforeAll for the routes added after the foundation (labels, listings, records, reports). */
const extra = { labelRunId: '', serial: '', listingId: '', recallBatchId: '', farmerUserId: '' };
/** Records of co-op A for the registry routes of issue 12 (see the block at the end of CASES). */
const registry12 = { certificationId: '', spareHouseholdId: '', sparePlotId: '' };
/**
 * Issue 12 point 7 (listings) and issue 11 routes: listings delisted everywhere, to relist. Each row takes
 * the next one (rows run caller by caller: admin first, then A's manager), so each allowed caller
 * relists a listing of its own; the refused callers are refused before the listing's state is read.
 */
const friction12 = { relistIds: [] as string[], addChannelMarketplaces: ['lazada', 'tiki'] };
const nextOf = <T>(queue: T[]): T => (queue.length > 1 ? queue.shift()! : queue[0]);

/**
 * Every protected route × every kind of caller. Co-op A is the record's owner; the callers
 * are: admin, A's manager, B's manager, A's farmer (the record's household), B's farmer, no token.
 */
type Caller = 'admin' | 'ownManager' | 'otherManager' | 'ownFarmer' | 'otherFarmer' | 'anonymous';
const CALLERS: Caller[] = ['admin', 'ownManager', 'otherManager', 'ownFarmer', 'otherFarmer', 'anonymous'];

interface RouteCase {
  route: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: (a: Fixture) => string;
  body?: (a: Fixture) => object | string;
  contentType?: string;
  expected: Record<Caller, number>;
}

const FORBIDDEN_UNLESS = (ok: number, ...allowed: Caller[]): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((c) => [c, c === 'anonymous' ? 401 : allowed.includes(c) ? ok : 403])) as Record<Caller, number>;

const CASES: RouteCase[] = [
  {
    route: 'POST /users (farmer of co-op A)',
    method: 'post',
    path: () => '/api/v1/users',
    body: (a) => ({ phone: nextPhone(), password: 'farmer-password', role: 'farmer', householdId: a.householdId }),
    expected: FORBIDDEN_UNLESS(201, 'admin', 'ownManager'),
  },
  // Account operations (issue 11)
  {
    route: 'GET /users?cooperativeId=A',
    method: 'get',
    path: (a) => `/api/v1/users?cooperativeId=${a.cooperativeId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'PATCH /users/:id (a farmer account of co-op A)',
    method: 'patch',
    path: () => `/api/v1/users/${extra.farmerUserId}`,
    body: () => ({ disabled: false }),
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'POST /users/:id/reset-password (a farmer account of co-op A)',
    method: 'post',
    path: () => `/api/v1/users/${extra.farmerUserId}/reset-password`,
    body: () => ({}),
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'POST /auth/password (own password, a wrong current one)',
    method: 'post',
    path: () => '/api/v1/auth/password',
    body: () => ({ currentPassword: 'not-the-current-one', newPassword: 'a-brand-new-password' }),
    // Open to every account for its own password; the wrong current password keeps the callers' tokens alive.
    expected: FORBIDDEN_UNLESS(400, 'admin', 'ownManager', 'otherManager', 'ownFarmer', 'otherFarmer'),
  },
  {
    route: 'POST /cooperatives',
    method: 'post',
    path: () => '/api/v1/cooperatives',
    body: () => ({ name: 'HTX mới', province: 'Hải Phòng', commune: 'Thanh Hà' }),
    expected: FORBIDDEN_UNLESS(201, 'admin'),
  },
  {
    route: 'GET /cooperatives',
    method: 'get',
    path: () => '/api/v1/cooperatives',
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'otherManager', 'ownFarmer', 'otherFarmer'),
  },
  {
    route: 'GET /cooperatives/:id',
    method: 'get',
    path: (a) => `/api/v1/cooperatives/${a.cooperativeId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'POST /households',
    method: 'post',
    path: () => '/api/v1/households',
    body: (a) => ({ cooperativeId: a.cooperativeId, headName: 'Hộ mới', phone: nextPhone(), province: 'Hải Phòng', commune: 'Thanh Hà' }),
    expected: FORBIDDEN_UNLESS(201, 'admin', 'ownManager'),
  },
  {
    route: 'GET /households?cooperativeId=A',
    method: 'get',
    path: (a) => `/api/v1/households?cooperativeId=${a.cooperativeId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'GET /households/:id',
    method: 'get',
    path: (a) => `/api/v1/households/${a.householdId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'POST /households/import',
    method: 'post',
    path: (a) => `/api/v1/households/import?cooperativeId=${a.cooperativeId}`,
    contentType: 'text/csv',
    body: () => `headName,phone,province,commune\nHộ nhập,${nextPhone()},Hải Phòng,Thanh Hà\n`,
    // A manager of another co-op may call the import, but its rows for co-op A are refused one by one.
    expected: { ...FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'otherManager') },
  },
  {
    route: 'POST /households/:id/plots',
    method: 'post',
    path: (a) => `/api/v1/households/${a.householdId}/plots`,
    body: () => ({ code: `VN-MX-${randomInt(1e6, 1e7)}`, areaHa: 0.5, latitude: 20.9, longitude: 106.4, crop: 'Vải thiều' }),
    expected: FORBIDDEN_UNLESS(201, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /households/:id/plots',
    method: 'get',
    path: (a) => `/api/v1/households/${a.householdId}/plots`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /plots/:id',
    method: 'get',
    path: (a) => `/api/v1/plots/${a.plotId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  // The plot's field diary (issue 13)
  {
    route: 'POST /plots/:id/activities',
    method: 'post',
    path: (a) => `/api/v1/plots/${a.plotId}/activities`,
    body: () => ({ activity: 'watering', occurredAt: new Date(Date.now() - 3_600_000).toISOString() }),
    expected: FORBIDDEN_UNLESS(201, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /plots/:id/activities',
    method: 'get',
    path: (a) => `/api/v1/plots/${a.plotId}/activities`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /plots/:id/photos',
    method: 'get',
    path: (a) => `/api/v1/plots/${a.plotId}/photos`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /batches/:id/photos',
    method: 'get',
    path: (a) => `/api/v1/batches/${a.batchId}/photos`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'POST /products',
    method: 'post',
    path: () => '/api/v1/products',
    body: (a) => ({ cooperativeId: a.cooperativeId, name: 'Vải sấy', unit: 'bag' }),
    expected: FORBIDDEN_UNLESS(201, 'admin', 'ownManager'),
  },
  {
    route: 'GET /products/:id',
    method: 'get',
    path: (a) => `/api/v1/products/${a.productId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /products?cooperativeId=A',
    method: 'get',
    path: (a) => `/api/v1/products?cooperativeId=${a.cooperativeId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'POST /batches',
    method: 'post',
    path: () => '/api/v1/batches',
    body: (a) => ({ productId: a.productId, householdId: a.householdId, harvestedAt: '2026-06-10', quantity: 100, unit: 'kg' }),
    expected: FORBIDDEN_UNLESS(201, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /batches/:id',
    method: 'get',
    path: (a) => `/api/v1/batches/${a.batchId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /batches?cooperativeId=A',
    method: 'get',
    path: (a) => `/api/v1/batches?cooperativeId=${a.cooperativeId}`,
    // A farmer's list is always its own household's batches (checked below), whatever the filter says.
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer', 'otherFarmer'),
  },
  {
    route: 'POST /batches/:id/events',
    method: 'post',
    path: (a) => `/api/v1/batches/${a.batchId}/events`,
    body: () => ({ bizStep: 'packing', occurredAt: '2026-06-11T08:00:00+07:00' }),
    expected: FORBIDDEN_UNLESS(201, 'admin', 'ownManager', 'ownFarmer'),
  },
  // Labels (issue 3)
  {
    route: 'POST /batches/:id/label-runs',
    method: 'post',
    path: (a) => `/api/v1/batches/${a.batchId}/label-runs`,
    body: () => ({ quantity: 1, layout: 'thermal-50x30', format: 'zpl', allowOverrun: true }),
    expected: FORBIDDEN_UNLESS(202, 'admin', 'ownManager'),
  },
  {
    route: 'GET /label-runs/:id',
    method: 'get',
    path: () => `/api/v1/label-runs/${extra.labelRunId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /label-runs/:id/file (not rendered: no worker in this app)',
    method: 'get',
    path: () => `/api/v1/label-runs/${extra.labelRunId}/file`,
    expected: FORBIDDEN_UNLESS(409, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /labels?labelRunId=',
    method: 'get',
    path: () => `/api/v1/labels?labelRunId=${extra.labelRunId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /labels/:serial/image',
    method: 'get',
    path: () => `/api/v1/labels/${extra.serial}/image?format=svg`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'POST /labels/void',
    method: 'post',
    path: () => '/api/v1/labels/void',
    body: () => ({ serials: [extra.serial] }),
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  // Listings (issue 5)
  {
    route: 'POST /listings',
    method: 'post',
    path: () => '/api/v1/listings',
    body: (a) => ({
      productId: a.productId,
      title: 'Vải thiều Thanh Hà 2 kg',
      description: 'Hộp 2 kg',
      price: 120000,
      stock: 5,
      channels: ['shopee'],
    }),
    expected: FORBIDDEN_UNLESS(201, 'admin', 'ownManager'),
  },
  {
    route: 'GET /listings/:id',
    method: 'get',
    path: () => `/api/v1/listings/${extra.listingId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'PATCH /listings/:id',
    method: 'patch',
    path: () => `/api/v1/listings/${extra.listingId}`,
    body: () => ({ stock: 4 }),
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  // Records and reports (issue 6)
  {
    route: 'GET /batches/:id/epcis',
    method: 'get',
    path: (a) => `/api/v1/batches/${a.batchId}/epcis`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'GET /batches/:id/trace.csv',
    method: 'get',
    path: (a) => `/api/v1/batches/${a.batchId}/trace.csv`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'POST /batches/:id/recall (a second batch of co-op A)',
    method: 'post',
    path: () => `/api/v1/batches/${extra.recallBatchId}/recall`,
    body: () => ({ reason: 'Kiểm tra tồn dư thuốc BVTV' }),
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'GET /reports/indicators?cooperativeId=A',
    method: 'get',
    path: (a) => `/api/v1/reports/indicators?cooperativeId=${a.cooperativeId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'GET /reports/reconciliation?cooperativeId=A',
    method: 'get',
    path: (a) => `/api/v1/reports/reconciliation?cooperativeId=${a.cooperativeId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  // ---- Registry: edit, archive, plot lists, certificates (issue 12) ----
  {
    route: 'PATCH /cooperatives/:id',
    method: 'patch',
    path: (a) => `/api/v1/cooperatives/${a.cooperativeId}`,
    body: () => ({ taxCode: '0801234567' }),
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'DELETE /cooperatives/:id (labels printed: 409 once allowed)',
    method: 'delete',
    path: (a) => `/api/v1/cooperatives/${a.cooperativeId}`,
    expected: FORBIDDEN_UNLESS(409, 'admin'),
  },
  {
    route: 'PATCH /households/:id',
    method: 'patch',
    path: (a) => `/api/v1/households/${a.householdId}`,
    body: () => ({ digitalSkillsTrained: true }),
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'DELETE /households/:id (labels printed: 409 once allowed)',
    method: 'delete',
    path: (a) => `/api/v1/households/${a.householdId}`,
    expected: FORBIDDEN_UNLESS(409, 'admin', 'ownManager'),
  },
  {
    route: 'DELETE /households/:id (no labels)',
    method: 'delete',
    path: () => `/api/v1/households/${registry12.spareHouseholdId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'GET /plots?cooperativeId=A',
    method: 'get',
    path: (a) => `/api/v1/plots?cooperativeId=${a.cooperativeId}`,
    // A farmer's list is its own household's plots; naming another co-op is refused.
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'PATCH /plots/:id',
    method: 'patch',
    path: (a) => `/api/v1/plots/${a.plotId}`,
    body: () => ({ areaHa: 0.8 }),
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'DELETE /plots/:id (labels printed: 409 once allowed)',
    method: 'delete',
    path: (a) => `/api/v1/plots/${a.plotId}`,
    expected: FORBIDDEN_UNLESS(409, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'DELETE /plots/:id (no labels)',
    method: 'delete',
    path: () => `/api/v1/plots/${registry12.sparePlotId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'POST /plots/:id/certifications',
    method: 'post',
    path: (a) => `/api/v1/plots/${a.plotId}/certifications`,
    body: () => ({ scheme: 'VietGAP', number: `VG-MX-${randomInt(1e5, 1e6)}`, validUntil: '2027-12-31' }),
    expected: FORBIDDEN_UNLESS(201, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'PATCH /plots/:plotId/certifications/:id',
    method: 'patch',
    path: (a) => `/api/v1/plots/${a.plotId}/certifications/${registry12.certificationId}`,
    body: () => ({ validUntil: '2027-11-30' }),
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
  },
  {
    route: 'POST /plots/:plotId/certifications/:id/verify',
    method: 'post',
    path: (a) => `/api/v1/plots/${a.plotId}/certifications/${registry12.certificationId}/verify`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  // ---- Listings: add a channel, relist (issue 12 point 7); orders and scan alerts (issue 11) ----
  {
    route: 'POST /listings/:id/channels (lazada for admin, tiki for A’s manager)',
    method: 'post',
    path: () => `/api/v1/listings/${extra.listingId}/channels`,
    body: () => ({ marketplace: nextOf(friction12.addChannelMarketplaces) }),
    expected: FORBIDDEN_UNLESS(202, 'admin', 'ownManager'),
  },
  {
    route: 'POST /listings/:id/relist (a delisted listing of A each)',
    method: 'post',
    path: () => `/api/v1/listings/${nextOf(friction12.relistIds)}/relist`,
    body: () => ({}),
    expected: FORBIDDEN_UNLESS(202, 'admin', 'ownManager'),
  },
  {
    route: 'GET /marketplace-orders?cooperativeId=A',
    method: 'get',
    path: (a) => `/api/v1/marketplace-orders?cooperativeId=${a.cooperativeId}`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'GET /labels/:serial/scan-alert',
    method: 'get',
    path: () => `/api/v1/labels/${extra.serial}/scan-alert`,
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
  {
    route: 'POST /labels/:serial/scan-alert/clear',
    method: 'post',
    path: () => `/api/v1/labels/${extra.serial}/scan-alert/clear`,
    body: () => ({ reason: 'Hội chợ nông sản: nhiều khách quét cùng một hộp' }),
    expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
  },
];

describe('authorization matrix (e2e)', () => {
  let t: TestApp;
  let a: Fixture;
  let b: Fixture;
  let tokens: Record<Caller, string | null>;

  beforeAll(async () => {
    t = await startTestApp();
    a = await createFixture(t, 'HTX A');
    b = await createFixture(t, 'HTX B');
    tokens = {
      admin: t.adminToken,
      ownManager: a.managerToken,
      otherManager: b.managerToken,
      ownFarmer: a.farmerToken,
      otherFarmer: b.farmerToken,
      anonymous: null,
    };
    const run = await t.http
      .post(`/api/v1/batches/${a.batchId}/label-runs`)
      .set(bearer(a.managerToken))
      .send({ quantity: 2, layout: 'thermal-50x30', format: 'zpl' });
    extra.labelRunId = run.body.id as string;
    const labels = await t.http.get(`/api/v1/labels?labelRunId=${extra.labelRunId}`).set(bearer(a.managerToken));
    extra.serial = (labels.body.items as { serial: string }[])[0].serial;
    const listing = await t.http
      .post('/api/v1/listings')
      .set(bearer(a.managerToken))
      .send({ productId: a.productId, title: 'Vải thiều', description: 'Hộp 2 kg', price: 120000, stock: 5, channels: ['shopee'] });
    extra.listingId = listing.body.id as string;
    const second = await t.http
      .post('/api/v1/batches')
      .set(bearer(a.managerToken))
      .send({ productId: a.productId, householdId: a.householdId, harvestedAt: '2026-06-12', quantity: 50, unit: 'kg' });
    extra.recallBatchId = second.body.id as string;
    const farmerAccount = await t.http
      .post('/api/v1/users')
      .set(bearer(a.managerToken))
      .send({ phone: nextPhone(), password: 'farmer-password', role: 'farmer', householdId: a.householdId });
    extra.farmerUserId = farmerAccount.body.id as string;
    // Issue 12: a certificate of A's plot, and a household and plot of A without labels to archive.
    const plot = await t.http.get(`/api/v1/plots/${a.plotId}`).set(bearer(a.managerToken));
    registry12.certificationId = (plot.body.certifications as { id: string }[])[0].id;
    registry12.spareHouseholdId = await createHousehold(t, a.managerToken, a.cooperativeId);
    registry12.sparePlotId = await createPlot(t, a.managerToken, a.householdId);
    // Two listings of A, delisted; no worker runs here, so the channels are marked delisted as the sync would.
    for (let i = 0; i < 2; i++) {
      const delisted = await t.http
        .post('/api/v1/listings')
        .set(bearer(a.managerToken))
        .send({ productId: a.productId, title: `Vải thiều ${i}`, description: 'Hộp 2 kg', price: 120000, stock: 5, channels: ['tiki'] });
      await t.http.delete(`/api/v1/listings/${delisted.body.id}`).set(bearer(a.managerToken)).expect(202);
      await t.app.get(DataSource).query(`UPDATE listing_channels SET status = 'delisted' WHERE listing_id = $1`, [delisted.body.id]);
      friction12.relistIds.push(delisted.body.id as string);
    }
  });
  afterAll(async () => t?.close());

  const rows = CASES.flatMap((c) => CALLERS.map((caller) => [c.route, caller, c.expected[caller], c] as const));

  it.each(rows)('%s as %s → %i', async (_route, caller, expected, c) => {
    let req = t.http[c.method](c.path(a));
    const token = tokens[caller];
    if (token) req = req.set(bearer(token));
    if (c.contentType) req = req.set('Content-Type', c.contentType);
    const res = await (c.body ? req.send(c.body(a) as object) : req);
    expect({ status: res.status, body: res.status === expected ? undefined : res.body }).toEqual({ status: expected, body: undefined });
  });

  it("an import by another co-op's manager lands nothing in co-op A", async () => {
    const phone = nextPhone();
    const res = await t.http
      .post(`/api/v1/households/import?cooperativeId=${a.cooperativeId}`)
      .set(bearer(b.managerToken))
      .set('Content-Type', 'text/csv')
      .send(`headName,phone,province,commune\nHộ lạ,${phone},Hải Phòng,Thanh Hà\n`);
    expect(res.body).toEqual({
      created: 0,
      rejected: [{ line: 2, errors: [{ field: 'cooperativeId', message: expect.any(String) }] }],
      ignoredColumns: [],
    });
  });

  it('lists show each caller only its own records', async () => {
    const households = await t.http.get('/api/v1/households?limit=500').set(bearer(b.managerToken));
    expect(households.body.items.every((h: { cooperativeId: string }) => h.cooperativeId === b.cooperativeId)).toBe(true);
    const batches = await t.http.get(`/api/v1/batches?limit=500&cooperativeId=${a.cooperativeId}`).set(bearer(b.farmerToken));
    expect(batches.body.items.length).toBeGreaterThan(0);
    expect(batches.body.items.every((x: { householdId: string }) => x.householdId === b.householdId)).toBe(true);
    expect(batches.body.items.map((x: { id: string }) => x.id)).not.toContain(a.batchId);
    const products = await t.http.get('/api/v1/products?limit=500').set(bearer(b.managerToken));
    expect(products.body.items.map((x: { id: string }) => x.id)).not.toContain(a.productId);
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 12, products and batches: edits, archive, food safety, pesticide table. A block of its own
// (own app and fixtures) so it merges apart from the other slices' cases.
// ---------------------------------------------------------------------------------------------
describe('authorization matrix: products and batches of issue 12 (e2e)', () => {
  type Method = 'get' | 'post' | 'patch' | 'delete';
  interface Case12 {
    route: string;
    method: Method;
    path: () => string;
    body?: () => object;
    expected: Record<Caller, number>;
  }
  let t: TestApp;
  let a: Fixture;
  let b: Fixture;
  let tokens: Record<Caller, string | null>;
  const ids = { product: '', heldBatch: '', archivedBatch: '' };

  const cases = (): Case12[] => [
    {
      route: 'PATCH /products/:id',
      method: 'patch',
      path: () => `/api/v1/products/${ids.product}`,
      body: () => ({ description: 'Hộp 2 kg' }),
      expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
    },
    {
      route: 'DELETE /products/:id',
      method: 'delete',
      path: () => `/api/v1/products/${ids.product}`,
      expected: FORBIDDEN_UNLESS(204, 'admin', 'ownManager'),
    },
    {
      route: 'PATCH /batches/:id',
      method: 'patch',
      path: () => `/api/v1/batches/${ids.heldBatch}`,
      body: () => ({ quantity: 90 }),
      expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
    },
    {
      route: 'DELETE /batches/:id',
      method: 'delete',
      path: () => `/api/v1/batches/${ids.archivedBatch}`,
      expected: FORBIDDEN_UNLESS(204, 'admin', 'ownManager', 'ownFarmer'),
    },
    {
      route: 'POST /batches/:id/safety-override',
      method: 'post',
      path: () => `/api/v1/batches/${ids.heldBatch}/safety-override`,
      body: () => ({ reason: 'Phiếu kiểm nghiệm dư lượng đạt' }),
      expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
    },
    {
      route: 'GET /plots/:id/safety',
      method: 'get',
      path: () => `/api/v1/plots/${a.plotId}/safety`,
      expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'ownFarmer'),
    },
    {
      route: 'GET /reports/safety-flags?cooperativeId=A',
      method: 'get',
      path: () => `/api/v1/reports/safety-flags?cooperativeId=${a.cooperativeId}`,
      expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager'),
    },
    {
      route: 'GET /pesticides',
      method: 'get',
      path: () => '/api/v1/pesticides?crop=lychee&q=sau',
      expected: FORBIDDEN_UNLESS(200, 'admin', 'ownManager', 'otherManager', 'ownFarmer', 'otherFarmer'),
    },
  ];

  beforeAll(async () => {
    t = await startTestApp();
    a = await createFixture(t, 'HTX A');
    b = await createFixture(t, 'HTX B');
    tokens = {
      admin: t.adminToken,
      ownManager: a.managerToken,
      otherManager: b.managerToken,
      ownFarmer: a.farmerToken,
      otherFarmer: b.farmerToken,
      anonymous: null,
    };
    const product = await t.http
      .post('/api/v1/products')
      .set(bearer(a.managerToken))
      .send({ cooperativeId: a.cooperativeId, name: 'Vải sấy', unit: 'bag' });
    ids.product = product.body.id as string;
    const newBatch = async () =>
      (
        await t.http
          .post('/api/v1/batches')
          .set(bearer(a.managerToken))
          .send({
            productId: a.productId,
            householdId: a.householdId,
            plotId: a.plotId,
            harvestedAt: new Date().toISOString(),
            quantity: 100,
            unit: 'kg',
          })
      ).body.id as string;
    ids.heldBatch = await newBatch();
    ids.archivedBatch = await newBatch();
    await t.http
      .post(`/api/v1/batches/${ids.heldBatch}/events`)
      .set(bearer(a.farmerToken))
      .send({ bizStep: 'spraying', occurredAt: new Date(Date.now() - 86_400_000).toISOString(), details: { pesticide: 'Amistar 250SC' } });
  });
  afterAll(async () => t?.close());

  const rows = cases().flatMap((c) => CALLERS.map((caller) => [c.route, caller, c.expected[caller], c] as const));

  it.each(rows)('%s as %s → %i', async (_route, caller, expected, c) => {
    let req = t.http[c.method](c.path());
    const token = tokens[caller];
    if (token) req = req.set(bearer(token));
    const res = await (c.body ? req.send(c.body()) : req);
    expect({ status: res.status, body: res.status === expected ? undefined : (res.body as unknown) }).toEqual({
      status: expected,
      body: undefined,
    });
  });
});
