/**
 * npm run bench:scan — the consumer scan under load, against a bare node:http baseline on the same core.
 *
 * 1. Starts the built service (ROLE=api) as its own process pinned to core 0, on a throwaway PostgreSQL
 *    database (or DATABASE_URL) and its own Redis prefix; creates a co-op, product, batch with events
 *    and one 10,000-label run through the API.
 * 2. A bare node:http server answering the label's JSON from memory runs beside it, also pinned to core 0.
 * 3. autocannon (pinned to core 1: 50 connections, a random label per request) sends, after a 30,000-request
 *    warm-up, BENCH_SCAN_ROUNDS rounds (default 3) of a fixed number of requests (BENCH_SCAN_REQUESTS,
 *    60,000) each: the baseline, the JSON answer (each a real counted scan), the HTML page (counted too)
 *    and the label's linkset (`?linkType=linkset`, not counted). Service and baseline alternate, so each
 *    ratio compares loads measured moments apart: this shared machine's baseline swings 4x within an hour.
 *    Every service load runs between two baseline loads and is divided by their mean; the ratios reported
 *    are the medians over the rounds. BENCH_PROFILE=<dir> writes a CPU profile of the service.
 * 4. The service is stopped with SIGTERM (it flushes its counters) and the scans stored in PostgreSQL are
 *    compared with the counted requests sent.
 * Last line on stdout:
 * {"bench":"scan","rounds":…,"requests":…,"rps":…,"p99Ms":…,"baselineRps":…,"ratio":…,"htmlRps":…,"htmlRatio":…,
 *  "linksetRps":…,"linksetRatio":…,"scansCounted":…,"ratios":{"json":[…],"html":[…],"linkset":[…]}}
 */
import autocannon from 'autocannon';
import { randomInt } from 'node:crypto';
import { pinThisProcess, startNode, Started } from '../support/processes';
import { cpuProfileFlags, withBenchApi } from '../support/service';
import { api, createLycheeBatch, labelPaths, withClient } from '../support/service-client';
import { openStores } from '../support/stores';

const LABELS = Number(process.env.BENCH_SCAN_LABELS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_SCAN_REQUESTS ?? 60_000);
const ROUNDS = Math.max(3, Number(process.env.BENCH_SCAN_ROUNDS ?? 3));
const CONNECTIONS = 50;
/** The service and the baseline run on this core, the load generator (this script) on the other. */
const SERVER_CORE = 0;
const LOAD_CORE = 1;
const ADMIN = { phone: '0900000009', password: 'bench-admin-password' };

const log = (message: string): void => void process.stderr.write(`[bench:scan] ${message}\n`);

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** The bare node:http server answering `body` from memory, pinned to the service's core; resolves to its URL. */
async function startBaseline(body: Buffer): Promise<{ url: string; process: Started }> {
  const baseline = startNode('-e', {
    name: 'baseline',
    args: [
      `const body=Buffer.from(process.env.BODY,'base64');require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'application/json; charset=utf-8','content-length':body.length});s.end(body)}).listen(0,'127.0.0.1',function(){process.stdout.write('port '+this.address().port+'\\n')})`,
    ],
    env: { ...process.env, BODY: body.toString('base64') },
    cpu: SERVER_CORE,
  });
  const portLine = await baseline.waitForLine(/^port \d+$/, 30_000);
  return { url: `http://127.0.0.1:${portLine.split(' ')[1]}`, process: baseline };
}

async function main(): Promise<void> {
  // "The same core" for service and baseline; the load generator stays off it.
  pinThisProcess(LOAD_CORE);
  const stores = await openStores('bench_scan', { useDatabaseUrl: true });
  let runId = null as string | null; // set inside the bench callback: not narrowed to null
  try {
    await withBenchApi(
      stores,
      ADMIN,
      {
        cpu: SERVER_CORE,
        nodeArgs: cpuProfileFlags(process.env.BENCH_PROFILE),
        extra: { SCAN_RATE_LIMIT_PER_MINUTE: '0' },
      },
      async ({ base, service }) => {
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
        const paths = await labelPaths(base, token, run.id);
        log(`${paths.length} labels ready; warming up`);

        const warm = await load(base, paths, 'application/json', 30_000);
        const linksetPaths = paths.map((path) => `${path}?linkType=linkset`);
        // The linkset of each lot is built once: warm it like the scans (not counted).
        await load(base, linksetPaths, 'application/linkset+json', 10_000);
        const sample = await fetch(`${base}${paths[0]}`, { headers: { accept: 'application/json' } });
        const sampleBody = await sample.text();
        const baselineBody = Buffer.from(sampleBody);
        const baseline = await startBaseline(baselineBody);
        let counted = warm.result.requests.total + 1;
        // Each service load sits between two baseline loads and is compared with their mean: on a shared
        // machine the baseline drifts within a minute, so a ratio only compares like with like this way.
        const rounds: { baseline: number[]; json: LoadResult; html: LoadResult; linkset: LoadResult }[] = [];
        try {
          const baselineLoad = async () => (await load(baseline.url, paths, 'application/json', REQUESTS)).rps;
          let before = await baselineLoad();
          for (let round = 1; round <= ROUNDS; round++) {
            const json = await load(base, paths, 'application/json', REQUESTS);
            const afterJson = await baselineLoad();
            const html = await load(base, paths, 'text/html', REQUESTS);
            const afterHtml = await baselineLoad();
            const linkset = await load(base, linksetPaths, 'application/linkset+json', REQUESTS);
            const afterLinkset = await baselineLoad();
            counted += json.result.requests.total + html.result.requests.total;
            rounds.push({ baseline: [before, afterJson, afterHtml, afterLinkset], json, html, linkset });
            log(
              `round ${round}: baseline ${[before, afterJson, afterHtml, afterLinkset].map(Math.round).join('/')}, json ${Math.round(json.rps)}, html ${Math.round(html.rps)}, linkset ${Math.round(linkset.rps)} req/s`,
            );
            before = afterLinkset;
          }
        } finally {
          await baseline.process.kill();
        }
        const requests = counted;

        // SIGTERM: the service flushes its scan counters on the way out.
        await service.stop('SIGTERM');

        const scansCounted = await withClient(stores.databaseUrl, async (c) => {
          const { rows } = await c.query<{ total: string }>(
            'SELECT COALESCE(SUM(scan_count), 0) AS total FROM labels WHERE label_run_id = $1',
            [runId],
          );
          return Number(rows[0].total);
        });

        const around = (r: (typeof rounds)[number], i: number) => (r.baseline[i] + r.baseline[i + 1]) / 2;
        const ratioOf = { json: [] as number[], html: [] as number[], linkset: [] as number[] };
        for (const r of rounds) {
          ratioOf.json.push(r.json.rps / around(r, 0));
          ratioOf.html.push(r.html.rps / around(r, 1));
          ratioOf.linkset.push(r.linkset.rps / around(r, 2));
        }
        const ratios = { json: ratioOf.json.map(round2), html: ratioOf.html.map(round2), linkset: ratioOf.linkset.map(round2) };
        const line = {
          bench: 'scan',
          rounds: ROUNDS,
          requests,
          rps: Math.round(median(rounds.map((r) => r.json.rps))),
          p99Ms: median(rounds.map((r) => r.json.result.latency.p99)),
          baselineRps: Math.round(median(rounds.flatMap((r) => r.baseline))),
          ratio: round2(median(ratioOf.json)),
          htmlRps: Math.round(median(rounds.map((r) => r.html.rps))),
          htmlRatio: round2(median(ratioOf.html)),
          linksetRps: Math.round(median(rounds.map((r) => r.linkset.rps))),
          linksetRatio: round2(median(ratioOf.linkset)),
          scansCounted,
          ratios,
        };
        log(
          `html p99 ${median(rounds.map((r) => r.html.result.latency.p99))} ms; JSON body ${baselineBody.length} bytes; ${scansCounted === requests ? 'every scan counted' : `MISMATCH: ${requests} sent, ${scansCounted} stored`}`,
        );
        process.stdout.write(`${JSON.stringify(line)}\n`);
      },
    );
  } finally {
    await stores.remove((c) => (runId ? c.query('DELETE FROM label_runs WHERE id = $1', [runId]) : Promise.resolve()));
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
