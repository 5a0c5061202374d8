/**
 * npm run test:faults — fault drills against real processes: the built service (dist/main.js, one
 * ROLE=api and one ROLE=worker process), a PRIVATE redis-server and a PRIVATE PostgreSQL cluster
 * started here on free ports (the machine's shared 5432/6379 are never touched), and the mock
 * marketplaces over HTTP.
 *
 *  1. label-worker-kill    kill -9 the worker mid label run; a new worker finishes it, every serial printed once
 *  2. sync-worker-kill     kill -9 the worker mid sync of many listings; a new worker: every channel live, createCalls 1
 *  3. redis-stop-20s       Redis stopped 20 s (SIGTERM, restarted on the same port) while listings are created (201)
 *                          and labels scanned (200): everything created goes live, every scan counted
 *  4. postgres-stop-10s    PostgreSQL stopped 10 s (fast shutdown, restarted on the same data dir) while scans
 *                          arrive: the processes stay up and recover alone; stored scans = scans answered 200
 *  5. marketplace-5xx      every mock marketplace answers 50% 5xx for a minute (FAULTS_5XX_SECONDS, 60) while
 *                          40 listings are created across that minute and sync: every channel live, createCalls 1
 *
 * Each drill prints one JSON line {"drill":…,"accepted":…,"lost":0,"duplicated":0,…}; exit 1 if any fails.
 * FAULTS_ONLY=name[,name] runs some drills only. The private Redis has no persistence (as a restarted cache
 * would), so the Redis drill creates its listings during the outage, not before. Logs of every process
 * are kept in the printed work directory when a drill fails.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { chownSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment } from '../src/config/environment';
import { startMockMarketplaces } from '../tools/mock-marketplaces';
import { Client } from 'pg';
import { api, createLycheeBatch, request, withClient } from './support/service-client';

const ROOT = join(__dirname, '..');
const MARKETPLACES = ['lazada', 'tiki', 'shopee'] as const;
const ADMIN = { phone: '0900000029', password: 'faults-admin-password' };
const FAULT_5XX_SECONDS = Number(process.env.FAULTS_5XX_SECONDS ?? 60);
const log = (message: string): void => void process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WORK = mkdtempSync(join(tmpdir(), 'nst-faults-'));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (exited(child)) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await done;
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}${lastError ? ` (${(lastError as Error).message})` : ''}`);
}

// ------------------------------------------------------------------ private Redis
class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    const out = createWriteStream(join(WORK, 'redis.log'), { flags: 'a' });
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout?.pipe(out);
    this.child.stderr?.pipe(out);
    await waitFor('redis to listen', 10_000, () => {
      if (this.child && exited(this.child)) throw new Error('redis-server exited');
      return (
        execFileSync('redis-cli', ['-p', String(this.port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim() === 'PONG'
      );
    });
  }
  async stop(): Promise<void> {
    if (this.child) await stopChild(this.child, 'SIGTERM');
    this.child = null;
  }
}

// ------------------------------------------------------------------ private PostgreSQL
class PrivatePostgres {
  private child: ChildProcess | null = null;
  private readonly dir = join(WORK, 'pg');
  private readonly bin: string;
  private readonly asPostgres: string[];
  constructor(readonly port: number) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    this.bin = join('/usr/lib/postgresql', versions[0], 'bin');
    this.asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  }
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }
  private run(command: string, args: string[]): ChildProcess {
    const [head, ...rest] = [...this.asPostgres, join(this.bin, command), ...args];
    return spawn(head, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
  }
  async init(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    if (this.asPostgres.length) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(WORK, uid, gid);
      chownSync(this.dir, uid, gid);
    }
    const init = this.run('initdb', ['-D', this.dir, '-U', 'postgres', '--auth=trust', '--no-sync']);
    let output = '';
    init.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    init.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => init.once('exit', resolve));
    if (code !== 0) throw new Error(`initdb failed: ${output}`);
  }
  async start(): Promise<void> {
    const out = createWriteStream(join(WORK, 'postgres.log'), { flags: 'a' });
    this.child = this.run('postgres', [
      '-D',
      this.dir,
      '-p',
      String(this.port),
      '-k',
      this.dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ]);
    this.child.stdout?.pipe(out);
    this.child.stderr?.pipe(out);
    await waitFor('postgres to accept connections', 20_000, async () => {
      if (this.child && exited(this.child)) throw new Error('postgres exited');
      const client = new Client({ connectionString: this.url() });
      await client.connect();
      await client.end();
      return true;
    });
  }
  /** The postmaster's own pid (the child may be runuser), from postmaster.pid. */
  private postmasterPid(): number | null {
    const file = join(this.dir, 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
  }
  /** Fast shutdown (SIGINT): sessions are cut, the way a crashed or restarted database server looks to clients. */
  async stop(): Promise<void> {
    const pid = this.postmasterPid();
    if (pid) process.kill(pid, 'SIGINT');
    if (this.child && !exited(this.child)) await new Promise<void>((resolve) => this.child!.once('exit', () => resolve()));
    await waitFor('postgres to stop', 20_000, () => !existsSync(join(this.dir, 'postmaster.pid')));
    this.child = null;
  }
}

// ------------------------------------------------------------------ the service
interface Service {
  name: string;
  child: ChildProcess;
}

let serviceEnv: NodeJS.ProcessEnv = {};
const services: Service[] = [];

function startService(name: string, role: 'api' | 'worker', extra: Record<string, string> = {}): Service {
  const out = createWriteStream(join(WORK, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    env: { ...serviceEnv, ROLE: role, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const service = { name, child };
  services.push(service);
  return service;
}

function tail(name: string, lines = 30): string {
  const file = join(WORK, `${name}.log`);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}

/** A call whose answer is checked by the caller: the status and the body (parsed when it is JSON). */
async function call<T>(
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

const query = <T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> =>
  withClient(url, async (c) => (await c.query(sql, params)).rows as T[]);

// ------------------------------------------------------------------ drills
interface DrillResult {
  drill: string;
  accepted: number;
  lost: number;
  duplicated: number;
  [key: string]: unknown;
}

interface Context {
  base: string;
  db: string;
  token: string;
  productId: string;
  batchId: string;
  redis: PrivateRedis;
  postgres: PrivatePostgres;
  mockUrl: string;
  api: Service;
  worker: Service;
  scanPaths: string[];
  scanRunId: string;
}

async function labelRunPaths(c: Context, runId: string): Promise<string[]> {
  const paths: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { url: string }[]; nextCursor: string | null } = await api(
      c.base,
      'GET',
      `/api/v1/labels?labelRunId=${runId}&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      c.token,
    );
    for (const item of page.items) paths.push(new URL(item.url).pathname);
    cursor = page.nextCursor;
  } while (cursor);
  return paths;
}

async function createListing(c: Context, title: string): Promise<{ status: number; id?: string; ms: number }> {
  const started = Date.now();
  const res = await call<{ id: string }>(c.base, 'POST', '/api/v1/listings', c.token, {
    productId: c.productId,
    title,
    description: 'Vải thiều Thanh Hà loại 1, đóng hộp 2 kg',
    price: 120000,
    stock: 50,
    channels: [...MARKETPLACES],
  });
  return { status: res.status, id: res.status === 201 ? res.body.id : undefined, ms: Date.now() - started };
}

interface ChannelRow {
  listing_id: string;
  seller_sku: string;
  marketplace: string;
  status: string;
  last_error: string | null;
}

async function channelsOf(c: Context, ids: string[]): Promise<ChannelRow[]> {
  return query<ChannelRow>(
    c.db,
    `SELECT c.listing_id, l.seller_sku, c.marketplace, c.status, c.last_error
       FROM listing_channels c JOIN listings l ON l.id = c.listing_id WHERE c.listing_id = ANY($1::uuid[])`,
    [ids],
  );
}

/** Waits until every channel of `ids` is live, then counts creates per SKU on the mock marketplaces. */
async function settleListings(
  c: Context,
  ids: string[],
  timeoutMs: number,
): Promise<{ accepted: number; lost: number; duplicated: number }> {
  let rows: ChannelRow[] = [];
  try {
    await waitFor(
      'every channel live',
      timeoutMs,
      async () => {
        rows = await channelsOf(c, ids);
        return rows.length === ids.length * MARKETPLACES.length && rows.every((r) => r.status === 'live');
      },
      250,
    );
  } catch {
    const stuck = rows.filter((r) => r.status !== 'live');
    log(`not live after ${timeoutMs} ms: ${stuck.length}; e.g. ${JSON.stringify(stuck.slice(0, 5))}`);
  }
  rows = await channelsOf(c, ids);
  const created = new Map<string, number>();
  for (const m of MARKETPLACES) {
    const items = (await (await fetch(`${c.mockUrl}/_mock/${m}/items`)).json()) as { sellerSku: string; createCalls: number }[];
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

async function scanTotal(c: Context): Promise<number> {
  const [row] = await query<{ total: string }>(c.db, 'SELECT COALESCE(SUM(scan_count), 0) AS total FROM labels WHERE label_run_id = $1', [
    c.scanRunId,
  ]);
  return Number(row.total);
}

/** Scans with `concurrency` shoppers until stop() is called; answers what each request got. */
function startScanning(c: Context, concurrency = 8, pauseMs = 20) {
  const statuses = new Map<string, number>();
  let accepted = 0;
  let stopped = false;
  const loops = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      const path = c.scanPaths[randomInt(c.scanPaths.length)];
      let key: string;
      try {
        // No client timeout: a request given up on by the client may still be counted by the server.
        const res = await fetch(`${c.base}${path}`, { headers: { accept: randomInt(2) ? 'text/html' : 'application/json' } });
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

/** Waits for the recorder to flush (counts stop moving and reach the expected total), then compares. */
async function compareScans(c: Context, before: number, accepted: number): Promise<{ lost: number; duplicated: number; stored: number }> {
  let stored = 0;
  await waitFor(
    'scan counts to be flushed',
    20_000,
    async () => {
      stored = (await scanTotal(c)) - before;
      return stored >= accepted;
    },
    250,
  ).catch(() => undefined);
  await sleep(2500); // one more flush period: anything beyond `accepted` would show up now
  stored = (await scanTotal(c)) - before;
  return { lost: Math.max(0, accepted - stored), duplicated: Math.max(0, stored - accepted), stored };
}

function assertAlive(...list: Service[]): void {
  for (const s of list)
    if (exited(s.child)) throw new Error(`${s.name} died (exit ${s.child.exitCode ?? s.child.signalCode}):\n${tail(s.name)}`);
}

async function drillLabelWorkerKill(c: Context): Promise<DrillResult> {
  const quantity = 4800;
  const created = await api<{ id: string }>(c.base, 'POST', `/api/v1/batches/${c.batchId}/label-runs`, c.token, {
    quantity,
    layout: 'a4-3x8',
    format: 'pdf',
  });
  const serials = await query<{ serial: string }>(c.db, 'SELECT serial FROM labels WHERE label_run_id = $1', [created.id]);
  const run = async () =>
    (
      await query<{ status: string; progress: number; attempts: number }>(
        c.db,
        'SELECT status, progress, attempts FROM label_runs WHERE id = $1',
        [created.id],
      )
    )[0];
  await waitFor(
    'the run to be mid-render',
    60_000,
    async () => {
      const r = await run();
      if (r.status === 'done') throw new Error('the run finished before the worker could be killed');
      return r.status === 'rendering' && r.progress > 0;
    },
    50,
  );
  log(`label run at ${(await run()).progress}%: kill -9 ${c.worker.name}`);
  await stopChild(c.worker.child, 'SIGKILL');
  c.worker = startService('worker-2', 'worker');
  const final = await waitFor(
    'the run to finish',
    90_000,
    async () => {
      const r = await run();
      return r.status === 'done' || r.status === 'failed' ? r : null;
    },
    200,
  );
  if (final.status !== 'done') throw new Error(`label run ended ${final.status}`);
  // Read the printed file and count each serial's appearances.
  const file = await fetch(`${c.base}/api/v1/label-runs/${created.id}/file`, { headers: { authorization: `Bearer ${c.token}` } });
  if (file.status !== 200) throw new Error(`label file -> ${file.status}`);
  const pdf = join(WORK, 'run.pdf');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(pdf, Buffer.from(await file.arrayBuffer()));
  const text = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import * as mupdf from 'mupdf'; import { readFileSync } from 'node:fs';
       const doc = mupdf.Document.openDocument(readFileSync(process.argv[1]), 'application/pdf');
       let out = ''; for (let i = 0; i < doc.countPages(); i++) out += doc.loadPage(i).toStructuredText('preserve-whitespace').asText() + '\\n';
       process.stdout.write(out);`,
      pdf,
    ],
    { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 },
  ).toString();
  const printed = new Map<string, number>();
  for (const s of text.match(/\b[0-9A-Z]{19}\b/g) ?? []) printed.set(s, (printed.get(s) ?? 0) + 1);
  let lost = 0;
  let duplicated = 0;
  for (const { serial } of serials) {
    const n = printed.get(serial) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicated += n - 1;
  }
  const strangers = [...printed.keys()].filter((s) => !serials.some((x) => x.serial === s)).length;
  return { drill: 'label-worker-kill', accepted: quantity, lost, duplicated: duplicated + strangers, attempts: final.attempts };
}

async function drillSyncWorkerKill(c: Context): Promise<DrillResult> {
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) {
    const res = await createListing(c, `Vải thiều kill-sync ${i}`);
    if (res.status !== 201) throw new Error(`POST /listings -> ${res.status}`);
    ids.push(res.id!);
  }
  await waitFor(
    'the sync to be under way',
    20_000,
    async () => {
      const rows = await channelsOf(c, ids);
      return (
        rows.some((r) => r.status === 'syncing' || r.status === 'in_review' || r.status === 'live') && rows.some((r) => r.status !== 'live')
      );
    },
    25,
  );
  const halfway = await channelsOf(c, ids);
  log(`sync under way (${halfway.filter((r) => r.status === 'live').length}/${halfway.length} live): kill -9 ${c.worker.name}`);
  await stopChild(c.worker.child, 'SIGKILL');
  c.worker = startService('worker-3', 'worker');
  const counts = await settleListings(c, ids, 60_000);
  return { drill: 'sync-worker-kill', ...counts, liveAtKill: halfway.filter((r) => r.status === 'live').length };
}

async function drillRedisStop(c: Context): Promise<DrillResult> {
  const before = await scanTotal(c);
  const scanning = startScanning(c);
  await sleep(1000);
  log('stopping Redis for 20 s');
  await c.redis.stop();
  const stoppedAt = Date.now();
  const ids: string[] = [];
  const refused: number[] = [];
  let slowest = 0;
  let i = 0;
  while (Date.now() - stoppedAt < 20_000) {
    const res = await createListing(c, `Vải thiều Redis tắt ${i++}`);
    slowest = Math.max(slowest, res.ms);
    if (res.status === 201) ids.push(res.id!);
    else refused.push(res.status);
    await sleep(500);
  }
  const duringOutage = scanning.accepted;
  await c.redis.start();
  log(`Redis back: ${ids.length} listings created (${refused.length} refused, slowest ${slowest} ms), ${duringOutage} scans answered`);
  await sleep(2000);
  const scans = await scanning.stop();
  assertAlive(c.api, c.worker);
  const listings = await settleListings(c, ids, 60_000);
  const counted = await compareScans(c, before, scans.accepted);
  return {
    drill: 'redis-stop-20s',
    accepted: listings.accepted + scans.accepted,
    lost: listings.lost + counted.lost + refused.length,
    duplicated: listings.duplicated + counted.duplicated,
    listingsCreated: ids.length,
    listingsRefused: refused.length,
    slowestPostMs: slowest,
    scansAccepted: scans.accepted,
    scansStored: counted.stored,
    scanAnswers: scans.statuses,
  };
}

async function drillPostgresStop(c: Context): Promise<DrillResult> {
  const before = await scanTotal(c);
  const scanning = startScanning(c);
  await sleep(1000);
  log('stopping PostgreSQL for 10 s');
  await c.postgres.stop();
  const stoppedAt = Date.now();
  const atStop = scanning.accepted;
  while (Date.now() - stoppedAt < 10_000) {
    assertAlive(c.api, c.worker);
    await sleep(250);
  }
  const duringOutage = scanning.accepted - atStop;
  await c.postgres.start();
  log(`PostgreSQL back; ${duringOutage} scans answered 200 while it was away`);
  // Recovers by itself: health answers 200 again and scans keep being answered.
  const recoveredMs = await waitFor(
    'the api to report healthy again',
    30_000,
    async () => {
      const res = await fetch(`${c.base}/health`);
      return res.ok ? Date.now() - stoppedAt - 10_000 : null;
    },
    200,
  );
  const afterRecovery = scanning.accepted;
  await sleep(3000);
  const scans = await scanning.stop();
  if (scans.accepted <= afterRecovery) throw new Error('scans are not answered after PostgreSQL came back');
  // Degrading means a 5xx: never a 4xx (a 404 would tell the shopper the label is counterfeit) nor a dropped connection.
  const wrong = Object.keys(scans.statuses).filter((status) => status !== '200' && !/^5\d\d$/.test(status));
  if (wrong.length) throw new Error(`scans answered ${wrong.join(', ')} while PostgreSQL was away`);
  assertAlive(c.api, c.worker);
  const counted = await compareScans(c, before, scans.accepted);
  return {
    drill: 'postgres-stop-10s',
    accepted: scans.accepted,
    lost: counted.lost,
    duplicated: counted.duplicated,
    scansStored: counted.stored,
    answeredDuringOutage: duringOutage,
    recoveredAfterMs: Math.max(0, recoveredMs),
    scanAnswers: scans.statuses,
  };
}

async function drillMarketplace5xx(c: Context): Promise<DrillResult> {
  const control = (m: string, method: string, body?: object) =>
    fetch(`${c.mockUrl}/_mock/${m}/faults`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  for (const m of MARKETPLACES) {
    const set = await control(m, 'POST', { errorRate: 0.5 });
    if (!set.ok) throw new Error(`setting ${m} faults -> ${set.status}`);
  }
  const started = Date.now();
  log(`mock marketplaces answer 50% 5xx for ${FAULT_5XX_SECONDS} s`);
  const ids: string[] = [];
  let i = 0;
  while (Date.now() - started < FAULT_5XX_SECONDS * 1000) {
    if (ids.length < 40) {
      const res = await createListing(c, `Vải thiều 5xx ${i++}`);
      if (res.status !== 201) throw new Error(`POST /listings -> ${res.status}`);
      ids.push(res.id!);
    }
    // Spread the 40 listings over the whole fault window.
    await sleep(Math.max(250, (FAULT_5XX_SECONDS * 1000) / 40));
  }
  const stats = await Promise.all(
    MARKETPLACES.map(async (m) => (await (await fetch(`${c.mockUrl}/_mock/${m}/stats`)).json()) as { injectedErrors: number }),
  );
  for (const m of MARKETPLACES) {
    const cleared = await control(m, 'DELETE');
    if (!cleared.ok) throw new Error(`clearing ${m} faults -> ${cleared.status}`);
  }
  const failedDuring = (await channelsOf(c, ids)).filter((r) => r.status === 'failed');
  if (failedDuring.length) log(`${failedDuring.length} channels gave up during the faults: ${JSON.stringify(failedDuring.slice(0, 3))}`);
  const counts = await settleListings(c, ids, 60_000);
  return {
    drill: 'marketplace-5xx',
    ...counts,
    faultSeconds: FAULT_5XX_SECONDS,
    injectedErrors: stats.reduce((s, x) => s + (x.injectedErrors ?? 0), 0),
  };
}

// ------------------------------------------------------------------ main
async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'main.js'))) throw new Error('dist/main.js missing: run nest build first');
  const redis = new PrivateRedis(await freePort());
  const postgres = new PrivatePostgres(await freePort());
  log(`private Redis :${redis.port}, private PostgreSQL :${postgres.port}, work dir ${WORK}`);
  await redis.start();
  await postgres.init();
  await postgres.start();
  await query(postgres.url(), 'CREATE DATABASE faults');
  const db = postgres.url('faults');

  const apiPort = await freePort();
  const base = `http://127.0.0.1:${apiPort}`;
  const mock = await startMockMarketplaces({ keys: loadEnvironment({ NODE_ENV: 'test' }), reviewDelayMs: 1500, webhookBaseUrl: base }, 0);
  serviceEnv = {
    PATH: process.env.PATH,
    // Not production: production refuses the mock marketplaces' keys and loopback URLs the drills sync to.
    NODE_ENV: 'test',
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    DATABASE_URL: db,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `faults_${randomBytes(3).toString('hex')}`,
    ADMIN_PHONE: ADMIN.phone,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LABEL_SIGNING_KEYS: `1:${randomBytes(24).toString('hex')}`,
    PUBLIC_BASE_URL: 'https://nst.vn',
    STORAGE_DIR: join(WORK, 'storage'),
    LOG_LEVEL: 'warn',
    SCAN_RATE_LIMIT_PER_MINUTE: '0',
    LABEL_RENDER_THREADS: '1',
    LABEL_JOB_LOCK_SECONDS: '3',
    MOCK_MARKETPLACES_PORT: '0',
    SHOPEE_BASE_URL: `${mock.url}/shopee`,
    LAZADA_BASE_URL: `${mock.url}/lazada/rest`,
    TIKI_BASE_URL: `${mock.url}/tiki`,
    MARKETPLACE_REVIEW_POLL_MS: '300',
    MARKETPLACE_BACKOFF_MS: '500',
    MARKETPLACE_HTTP_TIMEOUT_MS: '3000',
    MARKETPLACE_SYNC_LOCK_MS: '3000',
    MARKETPLACE_SYNC_ATTEMPTS: '8',
    SYNC_RELAY_INTERVAL_MS: '100',
  };

  const apiService = startService('api', 'api');
  await waitFor('the api to be healthy', 60_000, async () => {
    if (exited(apiService.child)) throw new Error(`api exited:\n${tail('api')}`);
    return (await fetch(`${base}/health`)).ok;
  });
  const worker = startService('worker-1', 'worker');

  const results: DrillResult[] = [];
  const failures: string[] = [];
  try {
    // A co-operative with one product and batch, and a small ZPL run whose labels are scanned in drills 3 and 4.
    const { accessToken: token } = await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', null, ADMIN);
    const batch = await createLycheeBatch(base, token, 40_000);
    const scanRun = await api<{ id: string }>(base, 'POST', `/api/v1/batches/${batch.batchId}/label-runs`, token, {
      quantity: 200,
      layout: 'thermal-50x30',
      format: 'zpl',
    });
    const c: Context = {
      base,
      db,
      token,
      productId: batch.productId,
      batchId: batch.batchId,
      redis,
      postgres,
      mockUrl: mock.url,
      api: apiService,
      worker,
      scanRunId: scanRun.id,
      scanPaths: [],
    };
    c.scanPaths = await labelRunPaths(c, scanRun.id);

    const drills: [string, (c: Context) => Promise<DrillResult>][] = [
      ['label-worker-kill', drillLabelWorkerKill],
      ['sync-worker-kill', drillSyncWorkerKill],
      ['redis-stop-20s', drillRedisStop],
      ['postgres-stop-10s', drillPostgresStop],
      ['marketplace-5xx', drillMarketplace5xx],
    ];
    const only = process.env.FAULTS_ONLY?.split(',');
    for (const [name, drill] of drills) {
      if (only && !only.includes(name)) continue;
      const started = Date.now();
      try {
        const result = await drill(c);
        assertAlive(c.api, c.worker);
        results.push(result);
        process.stdout.write(`${JSON.stringify(result)}\n`);
        if (result.lost !== 0 || result.duplicated !== 0) failures.push(`${name}: lost ${result.lost}, duplicated ${result.duplicated}`);
        log(
          `${name} ${result.lost === 0 && result.duplicated === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`,
        );
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
        log(`${name} FAILED: ${(error as Error).stack ?? String(error)}`);
        process.stdout.write(`${JSON.stringify({ drill: name, error: (error as Error).message })}\n`);
      }
    }
  } finally {
    for (const s of services) await stopChild(s.child, 'SIGKILL').catch(() => undefined);
    await mock.close().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
    await redis.stop().catch(() => undefined);
  }
  if (failures.length) {
    log(`FAILED: ${failures.join('; ')} (logs kept in ${WORK})`);
    process.exit(1);
  }
  rmSync(WORK, { recursive: true, force: true });
  log('all drills passed');
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)} (logs in ${WORK})`);
  process.exit(1);
});
