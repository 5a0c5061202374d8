import { randomInt } from 'node:crypto';
import { Client } from 'pg';

/** Small helpers the benchmark and drill scripts share for talking to a service process and PostgreSQL. */

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** One call to the service with a JSON body and, if given, a bearer token; the raw response. */
export function request(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A JSON call to the service (the arguments of `request`); any non-2xx answer is an error carrying the body. */
export async function api<T>(...call: Parameters<typeof request>): Promise<T> {
  const [base, method, path] = call;
  const response = await request(...call);
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${base}${path} -> ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Runs `fn` over `items` with `parallel` calls in flight. */
export async function inParallel<T>(items: T[], parallel: number, fn: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

export interface LycheeBatch {
  cooperativeId: string;
  householdId: string;
  plotId: string;
  productId: string;
  batchId: string;
  lotCode: string;
}

/** The Thanh Hà lychee co-operative. */
export function createCooperative(base: string, token: string): Promise<{ id: string }> {
  return api(base, 'POST', '/api/v1/cooperatives', token, {
    name: 'HTX Dịch vụ Nông nghiệp Thanh Hà',
    province: 'Hải Phòng',
    commune: 'Thanh Hà',
  });
}

/** A household of the co-operative, with a fresh phone number. */
export function createHousehold(base: string, token: string, cooperativeId: string): Promise<{ id: string }> {
  return api(base, 'POST', '/api/v1/households', token, {
    cooperativeId,
    headName: 'Nguyễn Văn Hùng',
    phone: `09${randomInt(10_000_000, 99_999_999)}`,
    province: 'Hải Phòng',
    commune: 'Thanh Hà',
  });
}

/** The GTIN-carrying "Vải thiều Thanh Hà" product in 2 kg boxes. */
export function createLycheeProduct(base: string, token: string, cooperativeId: string): Promise<{ id: string }> {
  return api(base, 'POST', '/api/v1/products', token, {
    cooperativeId,
    name: 'Vải thiều Thanh Hà',
    gtin: '8930000000019',
    unit: 'box',
    packageNetWeightKg: 2,
    geographicalIndication: 'Vải thiều Thanh Hà',
    ocopStars: 4,
    shelfLifeDays: 30,
  });
}

/**
 * A Thanh Hà co-operative with one household, a VietGAP plot (and an expired GlobalG.A.P. certificate),
 * the lychee product and one batch, made through the API.
 */
export async function createLycheeBatch(base: string, token: string, quantityKg: number): Promise<LycheeBatch> {
  const coop = await createCooperative(base, token);
  const household = await createHousehold(base, token, coop.id);
  const plot = await api<{ id: string }>(base, 'POST', `/api/v1/households/${household.id}/plots`, token, {
    code: `VN-HDOR-${randomInt(1000, 9999)}`,
    areaHa: 2,
    latitude: 20.87,
    longitude: 106.43,
    crop: 'Vải thiều',
    certifications: [
      { scheme: 'VietGAP', number: 'VG-HD-0042', validUntil: '2028-06-30' },
      { scheme: 'GlobalGAP', number: 'GG-4063061891234', validUntil: '2025-03-31' },
    ],
  });
  const product = await createLycheeProduct(base, token, coop.id);
  const batch = await api<{ id: string; lotCode: string }>(base, 'POST', '/api/v1/batches', token, {
    productId: product.id,
    householdId: household.id,
    plotId: plot.id,
    harvestedAt: '2026-06-10T06:00:00+07:00',
    quantity: quantityKg,
    unit: 'kg',
  });
  return {
    cooperativeId: coop.id,
    householdId: household.id,
    plotId: plot.id,
    productId: product.id,
    batchId: batch.id,
    lotCode: batch.lotCode,
  };
}

/** The paths (`/01/…/21/…`) of a label run's labels, page by page. */
export async function labelPaths(base: string, token: string, runId: string): Promise<string[]> {
  const paths: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { url: string }[]; nextCursor: string | null } = await api(
      base,
      'GET',
      `/api/v1/labels?labelRunId=${runId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      token,
    );
    for (const item of page.items) paths.push(new URL(item.url).pathname);
    cursor = page.nextCursor;
  } while (cursor);
  return paths;
}
