/**
 * npm run test:fuzz — hostile input against every route of the OpenAPI document, with every role.
 *
 * Starts the built service (ROLE=all, a throwaway PostgreSQL database, its own Redis prefix), builds a
 * small co-operative through the API so path ids are real, then for each operation of /docs-json and
 * each caller (admin, co-op manager, farmer, no token) sends valid and deliberately invalid requests:
 * wrong types, missing and unknown fields, huge strings, unicode, SQL and HTML injection, path
 * traversal in ids, serials and file routes, malformed JSON. Checks: no 5xx; every 4xx is
 * application/problem+json (the resolver's documented {verdict} 404 excepted); stored HTML never comes
 * back unescaped on the consumer page or the dashboard; no password, key, token or national ID in the
 * service's logs (kept at info level for the whole run). An oversized upload the server cuts off
 * without an answer counts in `closedUploads`, and as a crash only if the service is then down.
 * Prints one JSON line last:
 * {"fuzz":"openapi","requests":…,"5xx":0,"notProblemJson":0,"unescaped":0,"secretsInLogs":0,"closedUploads":…,"crashes":0}
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, Started } from './support/processes';
import { ROOT, startBuiltService, waitForHealth } from './support/service';
import { openStores } from './support/stores';

const ADMIN = { phone: '0900000019', password: 'fuzz-admin-password' };
const log = (message: string): void => void process.stderr.write(`[fuzz] ${message}\n`);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Schema {
  type?: string;
  format?: string;
  enum?: Json[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
  minimum?: number;
  maxLength?: number;
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  '"; DROP TABLE households; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  'Vải thiều 🍒 Thanh Hà \u202e\u200b',
  '\ud800',
  'x'.repeat(100_000),
  '',
  ' ',
  '%00',
  '${jndi:ldap://x}',
];
const HOSTILE_VALUES: Json[] = [null, 0, -1, 1e308, true, [], {}, [1, 2], { $gt: '' }, ...HOSTILE_STRINGS];

interface Fixture {
  ids: Record<string, string>;
  tokens: Record<'admin' | 'manager' | 'farmer', string>;
  /** Refresh tokens handed out and sent back while building the fixture: secrets too. */
  refreshTokens: string[];
}

async function call(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: string,
  contentType = 'application/json',
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    body,
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

interface Answer {
  status: number;
  type: string;
  text: string;
}

/**
 * An oversized upload: the server may answer 413 and close the connection while the body is still being
 * sent, and `fetch` then reports only "fetch failed". node:http hands over the answer as soon as it
 * arrives, whatever happens to the rest of the upload; `null` means the connection closed with no answer
 * at all, which the caller tells apart from a crash by asking whether the service is still up.
 */
function callLarge(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body: string,
  contentType: string,
): Promise<Answer | null> {
  return new Promise((resolvePromise) => {
    let settled = false;
    const settle = (answer: Answer | null): void => {
      if (!settled) {
        settled = true;
        resolvePromise(answer);
      }
    };
    const req = httpRequest(`${base}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        'content-type': contentType,
        'content-length': Buffer.byteLength(body),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      const done = (): void =>
        settle({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        });
      res.on('end', done);
      res.on('error', done);
      res.on('close', done);
    });
    req.on('error', () => settle(null));
    req.setTimeout(30_000, () => req.destroy());
    req.end(body);
  });
}

async function api<T>(base: string, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await call(base, method, path, token, body === undefined ? undefined : JSON.stringify(body));
  if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${res.text.slice(0, 300)}`);
  return JSON.parse(res.text) as T;
}

function resolve(schema: Schema | undefined, doc: { components?: { schemas?: Record<string, Schema> } }): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(doc.components?.schemas?.[schema.$ref.split('/').pop()!], doc);
  if (schema.allOf?.length) return resolve(schema.allOf[0], doc);
  return schema;
}

/** A plausible value for a field, using the fixture's real ids for *Id fields. */
function sample(name: string, schema: Schema, doc: object, fixture: Fixture, depth = 0): Json {
  const s = resolve(schema, doc);
  if (s.enum?.length) return s.enum[0];
  if (name.endsWith('Id') && fixture.ids[name]) return fixture.ids[name];
  switch (s.type) {
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 ? [] : [sample(name, s.items ?? {}, doc, fixture, depth + 1)];
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [key, value] of Object.entries(s.properties ?? {})) out[key] = sample(key, value, doc, fixture, depth + 1);
      return out;
    }
    case undefined:
    default:
      if (s.format === 'uuid') return fixture.ids[name] ?? fixture.ids.batchId;
      if (s.format === 'date' || /until|date/i.test(name)) return '2030-01-01';
      if (/At$/.test(name)) return '2026-06-10T06:00:00+07:00';
      if (/phone/i.test(name)) return `09${randomInt(10_000_000, 99_999_999)}`;
      return `fuzz ${name}`.slice(0, s.maxLength ?? 40);
  }
}

function bodies(schema: Schema, doc: object, fixture: Fixture): string[] {
  const s = resolve(schema, doc);
  const valid = sample('body', s, doc, fixture) as Record<string, Json>;
  const out = [JSON.stringify(valid), '{"unterminated":', '[]', '"text"', '12', 'null', JSON.stringify({ ...valid, unknownField: 1 })];
  if (s.type === 'object' && valid && typeof valid === 'object') {
    for (const key of Object.keys(s.properties ?? {})) {
      const { [key]: _removed, ...missing } = valid;
      out.push(JSON.stringify(missing));
      for (const hostile of HOSTILE_VALUES) out.push(JSON.stringify({ ...valid, [key]: hostile }));
    }
  }
  return out;
}

/** A hostile query value, percent-encoded (a lone surrogate cannot be, so it is sent as raw bytes). */
function queryValue(): string {
  const value = HOSTILE_STRINGS[randomInt(HOSTILE_STRINGS.length)].slice(0, 2000);
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function pathVariants(template: string, fixture: Fixture): string[] {
  const real = template.replace(/\{(\w+)\}/g, (_m, name: string) => fixture.ids[name] ?? fixture.ids.id);
  const out = [real];
  for (const hostile of [
    '../../etc/passwd',
    '..%2F..%2F..%2Fetc%2Fpasswd',
    "1' OR '1'='1",
    '%3Cscript%3E',
    'x'.repeat(300),
    '00000000-0000-0000-0000-000000000000',
    '%00',
    '%E0%A4%A',
  ]) {
    out.push(template.replace(/\{(\w+)\}/g, hostile));
  }
  return out;
}

/** A user with a fresh phone number, created by `creator`: their access token. */
async function createUser(
  base: string,
  creator: string,
  user: { password: string; role: string; cooperativeId?: string; householdId?: string },
): Promise<string> {
  const phone = `09${randomInt(10_000_000, 99_999_999)}`;
  await api(base, 'POST', '/api/v1/users', creator, { phone, ...user });
  const { accessToken } = await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', null, { phone, password: user.password });
  return accessToken;
}

async function buildFixture(base: string): Promise<Fixture> {
  const first = await api<{ refreshToken: string }>(base, 'POST', '/api/v1/auth/login', null, ADMIN);
  const { accessToken: admin, refreshToken } = await api<{ accessToken: string; refreshToken: string }>(
    base,
    'POST',
    '/api/v1/auth/refresh',
    null,
    { refreshToken: first.refreshToken },
  );
  const coop = await api<{ id: string }>(base, 'POST', '/api/v1/cooperatives', admin, {
    name: 'HTX <b>Fuzz</b> <script>alert(1)</script>',
    province: 'Hải Phòng',
    commune: 'Thanh Hà',
  });
  const manager = await createUser(base, admin, { password: 'manager-password', role: 'coop_manager', cooperativeId: coop.id });
  const household = await api<{ id: string }>(base, 'POST', '/api/v1/households', manager, {
    cooperativeId: coop.id,
    headName: '<img src=x onerror=alert(1)>',
    nationalId: '030088001234',
    phone: `09${randomInt(10_000_000, 99_999_999)}`,
    province: 'Hải Phòng',
    commune: '<script>alert("commune")</script>',
  });
  const farmer = await createUser(base, manager, { password: 'farmer-password', role: 'farmer', householdId: household.id });
  const plot = await api<{ id: string }>(base, 'POST', `/api/v1/households/${household.id}/plots`, manager, {
    code: `FZ-${randomInt(100000, 999999)}`,
    areaHa: 1,
    latitude: 20.9,
    longitude: 106.4,
    crop: '<script>alert(2)</script>',
    certifications: [{ scheme: 'VietGAP', number: '<b>VG</b>', validUntil: '2028-06-30' }],
  });
  const product = await api<{ id: string }>(base, 'POST', '/api/v1/products', manager, {
    cooperativeId: coop.id,
    name: 'Vải <script>alert(3)</script>',
    gtin: '8930000000019',
    unit: 'box',
    packageNetWeightKg: 2,
    geographicalIndication: '"><svg onload=alert(4)>',
  });
  const batch = await api<{ id: string; lotCode: string }>(base, 'POST', '/api/v1/batches', manager, {
    productId: product.id,
    householdId: household.id,
    plotId: plot.id,
    harvestedAt: '2026-06-10T06:00:00+07:00',
    quantity: 100,
    unit: 'kg',
  });
  await api(base, 'POST', `/api/v1/batches/${batch.id}/events`, manager, {
    bizStep: 'shipping',
    occurredAt: '2026-06-11T06:00:00+07:00',
    details: { destination: '<script>alert(5)</script>' },
  });
  const run = await api<{ id: string }>(base, 'POST', `/api/v1/batches/${batch.id}/label-runs`, manager, {
    quantity: 2,
    layout: 'thermal-50x30',
    format: 'zpl',
  });
  const labels = await api<{ items: { serial: string; url: string }[] }>(base, 'GET', `/api/v1/labels?labelRunId=${run.id}`, manager);
  const listing = await api<{ id: string }>(base, 'POST', '/api/v1/listings', manager, {
    productId: product.id,
    batchId: batch.id,
    title: 'Vải thiều <script>alert(6)</script>',
    description: 'fuzz',
    price: 100000,
    stock: 10,
    channels: ['shopee'],
  }).catch(() => ({ id: batch.id }));
  const ids: Record<string, string> = {
    id: batch.id,
    cooperativeId: coop.id,
    householdId: household.id,
    plotId: plot.id,
    productId: product.id,
    batchId: batch.id,
    labelRunId: run.id,
    listingId: listing.id,
    serial: labels.items[0].serial,
    gtin: '08930000000019',
    lot: batch.lotCode,
    marketplace: 'shopee',
    labelPath: new URL(labels.items[0].url).pathname,
  };
  return { ids, tokens: { admin, manager, farmer }, refreshTokens: [first.refreshToken, refreshToken] };
}

async function main(): Promise<void> {
  const stores = await openStores('fuzz');
  // The service's whole output: at the end no secret may appear in it.
  const logDir = mkdtempSync(join(tmpdir(), 'nst-fuzz-'));
  const logFile = join(logDir, 'service.log');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let service: Started | null = null;
  const stats = { requests: 0, '5xx': 0, notProblemJson: 0, unescaped: 0, secretsInLogs: 0, closedUploads: 0, crashes: 0 };
  const jwtSecret = randomBytes(32).toString('hex');
  const labelKey = randomBytes(24).toString('hex');
  const fixtureTokens: string[] = [];
  const failures: string[] = [];
  try {
    service = startBuiltService({
      name: 'service',
      logFile,
      env: {
        ...process.env,
        ROLE: 'all',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: stores.databaseUrl,
        REDIS_URL: stores.redisUrl,
        REDIS_PREFIX: stores.redisPrefix,
        ADMIN_PHONE: ADMIN.phone,
        ADMIN_PASSWORD: ADMIN.password,
        PUBLIC_BASE_URL: 'https://nst.vn',
        SCAN_RATE_LIMIT_PER_MINUTE: '0',
        LOGIN_MAX_FAILURES: '100000',
        MOCK_MARKETPLACES_PORT: String(await freePort()),
        STORAGE_DIR: join(ROOT, 'data', `fuzz-${stores.throwaway}`),
        JWT_SECRET: jwtSecret,
        LABEL_SIGNING_KEYS: `1:${labelKey}`,
        LOG_LEVEL: 'info',
      },
    });
    await waitForHealth(base, service, 30_000);
    const fixture = await buildFixture(base);
    fixtureTokens.push(...Object.values(fixture.tokens), ...fixture.refreshTokens);
    const doc = JSON.parse((await call(base, 'GET', '/docs-json', null)).text) as {
      paths: Record<string, Record<string, Operation>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const callers: [string, string | null][] = [
      ['admin', fixture.tokens.admin],
      ['manager', fixture.tokens.manager],
      ['farmer', fixture.tokens.farmer],
      ['anonymous', null],
    ];

    const check = (label: string, res: { status: number; type: string; text: string }): void => {
      stats.requests++;
      if (res.status >= 500) {
        stats['5xx']++;
        failures.push(`${label} -> ${res.status} ${res.text.slice(0, 200)}`);
      } else if (res.status >= 400) {
        const resolverVerdict = res.status === 404 && /"verdict"/.test(res.text);
        if (!resolverVerdict && !res.type.startsWith('application/problem+json')) {
          stats.notProblemJson++;
          failures.push(`${label} -> ${res.status} ${res.type}`);
        }
      }
    };

    /** A closed connection without an answer is fine for an oversized upload only while the service stays up. */
    const checkLarge = async (label: string, res: Answer | null): Promise<void> => {
      if (res) return check(label, res);
      stats.requests++;
      stats.closedUploads++;
      const alive = !service?.exited && (await call(base, 'GET', '/health', null).catch(() => null))?.status === 200;
      if (!alive) {
        stats.crashes++;
        failures.push(`${label} -> connection closed and the service is down`);
      }
    };

    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const verb = method.toUpperCase();
        // Logging out every account or deleting the fixture would only make the rest of the run meaningless.
        const jsonBody = operation.requestBody?.content?.['application/json']?.schema;
        const csv = operation.requestBody?.content?.['text/csv'];
        const queries = (operation.parameters ?? []).filter((p) => p.in === 'query');
        for (const [who, token] of callers) {
          for (const path of pathVariants(template, fixture)) {
            const query = queries.length ? `?${queries.map((q) => `${q.name}=${queryValue()}`).join('&')}` : '';
            if (verb === 'GET' || verb === 'DELETE') {
              check(`${who} ${verb} ${path}`, await call(base, verb, path, token));
              if (query) check(`${who} ${verb} ${path}${query}`, await call(base, verb, `${path}${query}`, token));
              continue;
            }
            if (path !== pathVariants(template, fixture)[0]) {
              check(`${who} ${verb} ${path}`, await call(base, verb, path, token, '{}'));
              continue;
            }
            if (csv) {
              for (const body of [
                'headName,phone\n"unterminated',
                'a,b,c\n1,2,3',
                '\u0000\u0000',
                'headName,phone,province,commune\n<script>,0912345678,x,y',
                'x'.repeat(3_000_000),
              ]) {
                const label = `${who} ${verb} ${path} csv`;
                const url = `${path}?cooperativeId=${fixture.ids.cooperativeId}`;
                if (body.length > 1_000_000) await checkLarge(label, await callLarge(base, verb, url, token, body, 'text/csv'));
                else check(label, await call(base, verb, url, token, body, 'text/csv'));
              }
            }
            for (const body of jsonBody ? bodies(jsonBody, doc, fixture) : ['{}', '[]', '{"a":']) {
              check(`${who} ${verb} ${path} ${body.slice(0, 80)}`, await call(base, verb, path, token, body));
            }
            await checkLarge(
              `${who} ${verb} ${path} huge`,
              await callLarge(base, verb, path, token, JSON.stringify({ x: 'y'.repeat(2_000_000) }), 'application/json'),
            );
          }
        }
      }
    }
    // Resolver paths with hostile serials, lots and GTINs.
    for (const path of [
      '/t/..%2F..%2Fetc%2Fpasswd',
      '/t/%3Cscript%3E',
      "/01/08930000000019/10/' OR 1=1/21/X",
      '/01/abc/10/x/21/y',
      `/t/${'Z'.repeat(500)}`,
      '/01/08930000000019/10/%00/21/%00',
    ]) {
      check(`scan ${path}`, await call(base, 'GET', path, null));
    }

    // Stored HTML must come back escaped on the pages people open.
    const pages = [
      (await call(base, 'GET', `${fixture.ids.labelPath}?format=html`, null)).text,
      (await call(base, 'GET', `/01/08930000000019/10/${fixture.ids.lot}?format=html`, null)).text,
    ];
    const dashboard = await call(base, 'GET', '/admin', fixture.tokens.admin);
    if (dashboard.status === 200) pages.push(dashboard.text);
    for (const page of pages) {
      for (const raw of ['<script>alert', '<img src=x onerror', '<svg onload', '<b>Fuzz</b>', '<b>VG</b>']) {
        if (page.includes(raw)) {
          stats.unescaped++;
          failures.push(`unescaped ${raw} on a page`);
        }
      }
    }
  } finally {
    await service?.stop();
    await service?.ending();
    await stores.remove();
  }
  // Secrets never reach the logs: passwords, keys, access and refresh tokens, national ID numbers.
  const logs = readFileSync(logFile, 'utf8');
  rmSync(logDir, { recursive: true, force: true });
  for (const secret of [ADMIN.password, 'manager-password', 'farmer-password', jwtSecret, labelKey, '030088001234', ...fixtureTokens]) {
    if (logs.includes(secret)) {
      stats.secretsInLogs++;
      failures.push(`a secret appears in the logs: ${secret.slice(0, 6)}…`);
    }
  }
  log(`${(logs.length / 1048576).toFixed(1)} MB of logs checked for secrets`);
  for (const failure of failures.slice(0, 40)) log(failure);
  process.stdout.write(`${JSON.stringify({ fuzz: 'openapi', ...stats })}\n`);
  if (stats['5xx'] || stats.notProblemJson || stats.unescaped || stats.secretsInLogs || stats.crashes) process.exit(1);
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
