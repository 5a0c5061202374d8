/**
 * npm run bench:scan — the consumer scan under load, against a bare node:http baseline on the same core.
 *
 * 1. Starts the built service (ROLE=api) as its own process pinned to core 0, on a throwaway PostgreSQL
 *    database (or DATABASE_URL) and its own Redis prefix; creates a co-op, product, batch with events
 *    and one 10,000-label run through the API.
 * 2. autocannon (pinned to core 1: 50 connections, a random label per request, each a real counted scan)
 *    sends a fixed number of requests (BENCH_SCAN_REQUESTS, 150,000) for the JSON answer, then for the
 *    HTML page, after a 30,000-request warm-up. BENCH_PROFILE=<dir> writes a CPU profile of the service.
 * 3. A bare node:http server answering the same JSON from memory, also pinned to core 0, gets the same load.
 * 4. The service is stopped with SIGTERM (it flushes its counters) and the scans stored in PostgreSQL are
 *    compared with the requests sent.
 * Last line on stdout:
 * {"bench":"scan","requests":…,"rps":…,"p99Ms":…,"baselineRps":…,"ratio":…,"htmlRps":…,"htmlRatio":…,"scansCounted":…}
 */
import autocannon from 'autocannon';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import Redis from 'ioredis';
import { api, benchDatabase, builtServiceEnv, createLycheeBatch, waitForHealth, withClient } from '../support/service-client';

const ROOT = join(__dirname, '..', '..');
const LABELS = Number(process.env.BENCH_SCAN_LABELS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_SCAN_REQUESTS ?? 150_000);
const CONNECTIONS = 50;
const ADMIN_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN = { phone: '0900000009', password: 'bench-admin-password' };

const log = (message: string): void => void process.stderr.write(`[bench:scan] ${message}\n`);
const cores = Number(execFileSync('nproc').toString().trim());
const pin = (core: number): string[] => (cores > 1 ? ['taskset', '-c', String(core)] : []);

interface LoadResult {
  result: autocannon.Result;
  /** Requests per second from the first request to the last response (autocannon's own clock ticks by whole seconds). */
  rps: number;
}

/** A fixed number of requests (not a duration), so every request sent is known when the counts are compared. */
async function load(url: string, paths: string[], accept: string, amount: number): Promise<LoadResult> {
  let lastResponse = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        amount,
        headers: { accept },
        requests: [{ setupRequest: (request) => ({ ...request, path: paths[randomInt(paths.length)] }) }],
      },
      (error: Error | null, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', () => (lastResponse = performance.now()));
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`load on ${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { result, rps: result.requests.total / ((lastResponse - started) / 1000) };
}

async function main(): Promise<void> {
  // The load generator runs on core 1, the servers on core 0: "the same core" for service and baseline.
  if (cores > 1) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
  const { databaseUrl, throwaway } = await benchDatabase(ADMIN_POSTGRES_URL, 'scan');
  const prefix = `bench_scan_${randomBytes(4).toString('hex')}`;
  const port = 20_000 + randomInt(20_000);
  const base = `http://127.0.0.1:${port}`;
  let service: ChildProcess | null = null;
  let runId: string | null = null;
  try {
    const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    const [command, ...args] = [...pin(0), process.execPath, ...profile, join(ROOT, 'dist', 'main.js')];
    service = spawn(command, args, {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: builtServiceEnv({
        role: 'api',
        port,
        databaseUrl,
        redisUrl: REDIS_URL,
        redisPrefix: prefix,
        admin: ADMIN,
        extra: { SCAN_RATE_LIMIT_PER_MINUTE: '0' },
      }),
    });
    await waitForHealth(base, service);

    const { accessToken: token } = await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', null, ADMIN);
    const fixture = await createLycheeBatch(base, token, 20_000);
    const batch = { id: fixture.batchId, lotCode: fixture.lotCode };
    for (const [bizStep, occurredAt, details] of [
      ['spraying', '2026-05-20T07:00:00+07:00', { pesticide: 'Abamectin 3.6EC', preHarvestIntervalDays: 7 }],
      ['harvesting', '2026-06-10T06:00:00+07:00', undefined],
      ['packing', '2026-06-10T10:00:00+07:00', { packingHouseCode: 'PHC-HD-003' }],
      ['shipping', '2026-06-11T05:00:00+07:00', { destination: 'Hà Nội' }],
    ] as const) {
      await api(base, 'POST', `/api/v1/batches/${batch.id}/events`, token, { bizStep, occurredAt, details });
    }
    const run = await api<{ id: string }>(base, 'POST', `/api/v1/batches/${batch.id}/label-runs`, token, {
      quantity: LABELS,
      layout: 'thermal-50x30',
      format: 'zpl',
    });
    runId = run.id;
    const paths: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { url: string }[]; nextCursor: string | null } = await api(
        base,
        'GET',
        `/api/v1/labels?labelRunId=${run.id}&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        token,
      );
      for (const item of page.items) paths.push(new URL(item.url).pathname);
      cursor = page.nextCursor;
    } while (cursor);
    log(`${paths.length} labels ready; warming up`);

    const warm = await load(base, paths, 'application/json', 30_000);
    const json = await load(base, paths, 'application/json', REQUESTS);
    const html = await load(base, paths, 'text/html', REQUESTS);
    const sample = await fetch(`${base}${paths[0]}`, { headers: { accept: 'application/json' } });
    const sampleBody = await sample.text();
    const requests = warm.result.requests.total + json.result.requests.total + html.result.requests.total + 1;

    // SIGTERM: the service flushes its scan counters on the way out.
    const exited = once(service, 'exit');
    service.kill('SIGTERM');
    await exited;
    service = null;

    const scansCounted = await withClient(databaseUrl, async (c) => {
      const { rows } = await c.query<{ total: string }>(
        'SELECT COALESCE(SUM(scan_count), 0) AS total FROM labels WHERE label_run_id = $1',
        [runId],
      );
      return Number(rows[0].total);
    });

    // Baseline: the same JSON body from memory, bare node:http, same core.
    const baselineBody = Buffer.from(sampleBody);
    const baseline = spawn(
      pin(0)[0] ?? process.execPath,
      [
        ...pin(0).slice(1),
        ...(pin(0).length ? [process.execPath] : []),
        '-e',
        `const body=Buffer.from(process.env.BODY,'base64');require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'application/json; charset=utf-8','content-length':body.length});s.end(body)}).listen(0,'127.0.0.1',function(){process.stdout.write(String(this.address().port)+'\\n')})`,
      ],
      { env: { ...process.env, BODY: baselineBody.toString('base64') }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [portLine] = (await once(baseline.stdout, 'data')) as [Buffer];
    const baselineResult = await load(`http://127.0.0.1:${portLine.toString().trim()}`, paths, 'application/json', REQUESTS);
    baseline.kill('SIGKILL');

    const rps = json.rps;
    const baselineRps = baselineResult.rps;
    const line = {
      bench: 'scan',
      requests,
      rps: Math.round(rps),
      p99Ms: json.result.latency.p99,
      baselineRps: Math.round(baselineRps),
      ratio: Math.round((rps / baselineRps) * 100) / 100,
      htmlRps: Math.round(html.rps),
      htmlRatio: Math.round((html.rps / baselineRps) * 100) / 100,
      scansCounted,
    };
    log(
      `html p99 ${html.result.latency.p99} ms; JSON body ${baselineBody.length} bytes; ${scansCounted === requests ? 'every scan counted' : `MISMATCH: ${requests} sent, ${scansCounted} stored`}`,
    );
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    if (service) {
      service.kill('SIGKILL');
      await once(service, 'exit').catch(() => undefined);
    }
    if (throwaway) await withClient(ADMIN_POSTGRES_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${throwaway}" WITH (FORCE)`));
    else if (runId) await withClient(databaseUrl, (c) => c.query('DELETE FROM label_runs WHERE id = $1', [runId]));
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
