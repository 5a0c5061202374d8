import { startTestApp, TestApp } from '../support/test-app';

/** Every (method, path) the HTTP router serves, read from Fastify's own route tree. */
function registeredRoutes(t: TestApp): { method: string; path: string }[] {
  const fastify = t.app.getHttpAdapter().getInstance() as unknown as { printRoutes(options: object): string };
  const tree = fastify.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: { method: string; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const path = (stack[depth - 1] ?? '') + match[2];
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean))
      routes.push({ method, path });
  }
  return routes;
}

describe('operability (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('GET /health answers 200 with the database and Redis up, without a token', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('/docs-json documents every route the router serves', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = registeredRoutes(t)
      // /docs, /admin (a redirect to the app), the Bull Board UI at /admin/queues and the farm app (/, /app/…) are
      // user interfaces, not API operations.
      .filter(
        (r) =>
          r.method !== 'HEAD' &&
          r.method !== 'OPTIONS' &&
          !r.path.startsWith('/docs') &&
          !r.path.startsWith('/admin') &&
          !['/', '/app', '/app*'].includes(r.path) &&
          r.path !== '*',
      )
      // Fastify's tree prints the resolver's `/01/*` wildcard (every GTIN Digital Link shape) as `/*`.
      .map((r) => `${r.method} ${r.path === '/*' ? '/01/{digitalLinkPath}' : r.path.replace(/:(\w+)/g, '{$1}')}`);
    // Sanity: the parser found the routes this issue is about.
    expect(served).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/login',
        'POST /api/v1/households/import',
        'POST /api/v1/batches/{id}/events',
        'GET /health',
        'GET /01/{digitalLinkPath}',
        'GET /.well-known/gs1resolver',
      ]),
    );
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('the Swagger UI is served at /docs', async () => {
    const res = await t.http.get('/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/swagger/i);
  });

  it('echoes a sane X-Request-Id, and makes one when it is absent or unusable', async () => {
    const echoed = await t.http.get('/health').set('X-Request-Id', 'client-req-42');
    expect(echoed.headers['x-request-id']).toBe('client-req-42');
    const generated = await t.http.get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const other = await t.http.get('/health');
    expect(other.headers['x-request-id']).not.toBe(generated.headers['x-request-id']);
    const unusable = await t.http.get('/health').set('X-Request-Id', 'bad id with spaces <script>');
    expect(unusable.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id on error answers too, header and body alike', async () => {
    const res = await t.http.get('/api/v1/cooperatives').set('X-Request-Id', 'err-req-7');
    expect(res.status).toBe(401);
    expect(res.headers['x-request-id']).toBe('err-req-7');
    expect(JSON.parse(res.text).requestId).toBe('err-req-7');
  });
});
