/**
 * What the drills do to the service and how they count: listings created and brought live (creates per
 * SKU on the mock marketplaces), scans sent and scans stored.
 */
import { randomInt } from 'node:crypto';
import { sleep, waitFor } from '../support/wait';
import { request, withClient } from '../support/service-client';
import { log, MARKETPLACES, Stage } from './stage';

export const query = <T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> =>
  withClient(url, async (c) => (await c.query(sql, params)).rows as T[]);

/** A call whose answer is checked by the caller: the status and the body (parsed when it is JSON). */
export async function call<T>(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await request(base, method, path, token, body, { accept: 'application/json' });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed as T };
}

export async function createListing(s: Stage, title: string): Promise<{ status: number; id?: string; ms: number }> {
  const started = Date.now();
  const res = await call<{ id: string }>(s.base, 'POST', '/api/v1/listings', s.token, {
    productId: s.productId,
    title,
    description: 'Vải thiều Thanh Hà loại 1, đóng hộp 2 kg',
    price: 120000,
    stock: 50,
    channels: [...MARKETPLACES],
  });
  return { status: res.status, id: res.status === 201 ? res.body.id : undefined, ms: Date.now() - started };
}

export interface ChannelRow {
  listing_id: string;
  seller_sku: string;
  marketplace: string;
  status: string;
  last_error: string | null;
}

export async function channelsOf(s: Stage, ids: string[]): Promise<ChannelRow[]> {
  return query<ChannelRow>(
    s.db,
    `SELECT c.listing_id, l.seller_sku, c.marketplace, c.status, c.last_error
       FROM listing_channels c JOIN listings l ON l.id = c.listing_id WHERE c.listing_id = ANY($1::uuid[])`,
    [ids],
  );
}

/** Waits until every channel of `ids` is live, then counts creates per SKU on the mock marketplaces. */
export async function settleListings(
  s: Stage,
  ids: string[],
  timeoutMs: number,
): Promise<{ accepted: number; lost: number; duplicated: number }> {
  let rows: ChannelRow[] = [];
  try {
    await waitFor(
      'every channel live',
      timeoutMs,
      async () => {
        rows = await channelsOf(s, ids);
        return rows.length === ids.length * MARKETPLACES.length && rows.every((r) => r.status === 'live');
      },
      { everyMs: 250 },
    );
  } catch {
    const stuck = rows.filter((r) => r.status !== 'live');
    log(`not live after ${timeoutMs} ms: ${stuck.length}; e.g. ${JSON.stringify(stuck.slice(0, 5))}`);
  }
  rows = await channelsOf(s, ids);
  const created = new Map<string, number>();
  for (const m of MARKETPLACES) {
    const items = (await (await fetch(`${s.mockUrl}/_mock/${m}/items`)).json()) as { sellerSku: string; createCalls: number }[];
    for (const item of items) created.set(`${m}|${item.sellerSku}`, item.createCalls);
  }
  let lost = 0;
  let duplicated = 0;
  for (const r of rows) {
    const calls = created.get(`${r.marketplace}|${r.seller_sku}`) ?? 0;
    if (r.status !== 'live' || calls === 0) lost++;
    if (calls > 1) duplicated += calls - 1;
  }
  lost += ids.length * MARKETPLACES.length - rows.length;
  return { accepted: ids.length * MARKETPLACES.length, lost, duplicated };
}

/** Scans stored on the scan run's labels. */
export async function scanTotal(s: Stage): Promise<number> {
  const [row] = await query<{ total: string }>(s.db, 'SELECT COALESCE(SUM(scan_count), 0) AS total FROM labels WHERE label_run_id = $1', [
    s.scanRunId,
  ]);
  return Number(row.total);
}

/** Scans with `concurrency` shoppers until stop() is called; answers what each request got. */
export function startScanning(s: Stage, concurrency = 8, pauseMs = 20) {
  const statuses = new Map<string, number>();
  let accepted = 0;
  let stopped = false;
  const loops = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      const path = s.scanPaths[randomInt(s.scanPaths.length)];
      let key: string;
      try {
        // No client timeout: a request given up on by the client may still be counted by the server.
        const res = await fetch(`${s.base}${path}`, { headers: { accept: randomInt(2) ? 'text/html' : 'application/json' } });
        await res.arrayBuffer();
        key = String(res.status);
        if (res.status === 200) accepted++;
      } catch (error) {
        key = `error:${(error as Error).cause ? String(((error as Error).cause as Error).message) : (error as Error).message}`.slice(0, 60);
      }
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      await sleep(pauseMs);
    }
  });
  return {
    get accepted() {
      return accepted;
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return { accepted, statuses: Object.fromEntries(statuses) };
    },
  };
}

/** A server a drill stops and starts again (its private PostgreSQL or Redis). */
export interface Stoppable {
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * Scans start; a second later `server` is stopped for `outageMs`, `whileDown` is called over and over
 * until the outage is over, and the server is started again. Scanning goes on: stop it when done.
 */
export async function scanThroughOutage(s: Stage, name: string, server: Stoppable, outageMs: number, whileDown: () => Promise<void>) {
  const before = await scanTotal(s);
  const scanning = startScanning(s);
  await sleep(1000);
  log(`stopping ${name} for ${outageMs / 1000} s`);
  await server.stop();
  const stoppedAt = Date.now();
  const atStop = scanning.accepted;
  while (Date.now() - stoppedAt < outageMs) await whileDown();
  const answeredDuringOutage = scanning.accepted - atStop;
  await server.start();
  return { before, scanning, stoppedAt, answeredDuringOutage };
}

/** Waits for the recorder to flush (counts stop moving and reach the expected total), then compares. */
export async function compareScans(
  s: Stage,
  before: number,
  accepted: number,
): Promise<{ lost: number; duplicated: number; stored: number }> {
  let stored = 0;
  await waitFor(
    'scan counts to be flushed',
    20_000,
    async () => {
      stored = (await scanTotal(s)) - before;
      return stored >= accepted;
    },
    { everyMs: 250 },
  ).catch(() => undefined);
  await sleep(2500); // one more flush period: anything beyond `accepted` would show up now
  stored = (await scanTotal(s)) - before;
  return { lost: Math.max(0, accepted - stored), duplicated: Math.max(0, stored - accepted), stored };
}
