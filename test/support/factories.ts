import { randomInt } from 'node:crypto';
import type { TestApp } from './test-app';
import { bearer } from './test-app';

/** Builders that create records through the public API, as a real client would. */

let phoneCounter = randomInt(1_000_000, 8_000_000);
export function nextPhone(): string {
  phoneCounter += 1;
  return `09${String(phoneCounter).padStart(8, '0')}`;
}

async function post<T>(t: TestApp, token: string, path: string, body: object): Promise<T> {
  const res = await t.http.post(path).set(bearer(token)).send(body);
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

export interface Fixture {
  cooperativeId: string;
  managerToken: string;
  householdId: string;
  farmerToken: string;
  plotId: string;
  productId: string;
  batchId: string;
  lotCode: string;
}

export async function login(t: TestApp, phone: string, password: string): Promise<string> {
  const res = await t.http.post('/api/v1/auth/login').send({ phone, password });
  if (res.status !== 200) throw new Error(`login ${phone} -> ${res.status}`);
  return (res.body as { accessToken: string }).accessToken;
}

export async function createCooperative(t: TestApp, name = 'HTX Vải thiều Thanh Hà'): Promise<string> {
  const coop = await post<{ id: string }>(t, t.adminToken, '/api/v1/cooperatives', { name, province: 'Hải Phòng', commune: 'Thanh Hà' });
  return coop.id;
}

export async function createManager(t: TestApp, cooperativeId: string): Promise<string> {
  const phone = nextPhone();
  await post(t, t.adminToken, '/api/v1/users', { phone, password: 'manager-password', role: 'coop_manager', cooperativeId });
  return login(t, phone, 'manager-password');
}

export async function createHousehold(t: TestApp, token: string, cooperativeId: string, extra: object = {}): Promise<string> {
  const household = await post<{ id: string }>(t, token, '/api/v1/households', {
    cooperativeId,
    headName: 'Nguyễn Văn Hùng',
    phone: nextPhone(),
    nationalId: '030088001234',
    province: 'Hải Phòng',
    commune: 'Thanh Hà',
    digitalSkillsTrained: true,
    ...extra,
  });
  return household.id;
}

export async function createFarmer(t: TestApp, token: string, householdId: string): Promise<string> {
  const phone = nextPhone();
  await post(t, token, '/api/v1/users', { phone, password: 'farmer-password', role: 'farmer', householdId });
  return login(t, phone, 'farmer-password');
}

export async function createPlot(t: TestApp, token: string, householdId: string, extra: object = {}): Promise<string> {
  const plot = await post<{ id: string }>(t, token, `/api/v1/households/${householdId}/plots`, {
    code: `VN-HD-${randomInt(100000, 999999)}`,
    areaHa: 0.8,
    latitude: 20.87,
    longitude: 106.43,
    crop: 'Vải thiều',
    certifications: [{ scheme: 'VietGAP', number: `VG-${randomInt(1e5, 1e6)}`, validUntil: '2028-06-30' }],
    ...extra,
  });
  return plot.id;
}

export async function createProduct(t: TestApp, token: string, cooperativeId: string, extra: object = {}): Promise<string> {
  const product = await post<{ id: string }>(t, token, '/api/v1/products', {
    cooperativeId,
    name: 'Vải thiều Thanh Hà',
    unit: 'box',
    packageNetWeightKg: 2,
    geographicalIndication: 'Vải thiều Thanh Hà',
    ocopStars: 4,
    ...extra,
  });
  return product.id;
}

export async function createBatch(
  t: TestApp,
  token: string,
  body: { productId: string; householdId: string; plotId?: string; quantity?: number; harvestedAt?: string },
) {
  return post<{ id: string; lotCode: string }>(t, token, '/api/v1/batches', {
    harvestedAt: '2026-06-10T06:00:00+07:00',
    quantity: 1200,
    unit: 'kg',
    ...body,
  });
}

/** A whole co-operative: manager, one household with its farmer and plot, a product and a batch. */
export async function createFixture(t: TestApp, name?: string): Promise<Fixture> {
  const cooperativeId = await createCooperative(t, name);
  const managerToken = await createManager(t, cooperativeId);
  const householdId = await createHousehold(t, managerToken, cooperativeId);
  const farmerToken = await createFarmer(t, managerToken, householdId);
  const plotId = await createPlot(t, managerToken, householdId);
  const productId = await createProduct(t, managerToken, cooperativeId);
  const batch = await createBatch(t, managerToken, { productId, householdId, plotId });
  return { cooperativeId, managerToken, householdId, farmerToken, plotId, productId, batchId: batch.id, lotCode: batch.lotCode };
}
