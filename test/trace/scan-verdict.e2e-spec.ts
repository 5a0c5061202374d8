import request from 'supertest';
import { loadEnvironment } from '../../src/config/environment';
import { createHttpApp } from '../../src/http-app';
import { ScanRecorder } from '../../src/trace/scan-recorder.service';
import { createCooperative, createFixture, createManager, createProduct, createBatch, Fixture } from '../support/factories';
import { expectProblem, errorFields } from '../support/problem';
import { processEnvironment } from '../support/processes';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/** What a shopper's phone sends: a browser user agent, nothing speculative. */
const PHONE = 'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const LINK_PREVIEWS = [
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Mozilla/5.0 (compatible; ZaloBot/1.0; +https://zalo.me)',
  'TelegramBot (like TwitterBot)',
  'WhatsApp/2.23.20.0 A',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'curl/8.5.0',
  'Wget/1.21.4',
];

interface Labelled {
  f: Fixture;
  serials: string[];
  path: (serial: string) => string;
}

async function labelled(t: TestApp, quantity: number): Promise<Labelled> {
  const f = await createFixture(t);
  const gtin = '08930000000019';
  const productId = await createProduct(t, f.managerToken, f.cooperativeId, { gtin: gtin.slice(1) });
  const batch = await createBatch(t, f.managerToken, { productId, householdId: f.householdId });
  const run = await t.http
    .post(`/api/v1/batches/${batch.id}/label-runs`)
    .set(bearer(f.managerToken))
    .send({ quantity, layout: 'thermal-50x30', format: 'zpl' });
  expect(run.status).toBe(202);
  const labels = await t.http.get(`/api/v1/labels?labelRunId=${run.body.id}&limit=500`).set(bearer(f.managerToken));
  return {
    f,
    serials: (labels.body.items as { serial: string }[]).map((l) => l.serial),
    path: (serial) => `/01/${gtin}/10/${batch.lotCode}/21/${serial}`,
  };
}

const userIdOf = (token: string): string => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string }).sub;

describe('the suspicious verdict (e2e)', () => {
  let t: TestApp;
  let s: Labelled;

  beforeAll(async () => {
    t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0', SCAN_SUSPICIOUS_NETWORKS: '5' });
    s = await labelled(t, 8);
  });
  afterAll(async () => t?.close());

  /** One consumer view from this address, as a shopper's phone makes it. */
  const view = async (serial: string, address: string, lang = 'vi') => {
    const res = await t.http
      .get(`${s.path(serial)}?format=json&lang=${lang}`)
      .set('User-Agent', PHONE)
      .set('X-Forwarded-For', address);
    expect(res.status).toBe(200);
    return res.body as { verdict: string; scan: { count: number } };
  };

  it('stays genuine through 40 reloads and language switches from one client', async () => {
    const serial = s.serials[0];
    for (let i = 0; i < 40; i++) await view(serial, '198.51.100.23', i % 2 ? 'en' : 'vi');
    const last = await view(serial, '198.51.100.23');
    expect(last.verdict).toBe('genuine');
    // The scan count the shopper sees still says how often it was looked at.
    expect(last.scan.count).toBe(41);
  });

  it('counts addresses of one /24 as one network', async () => {
    const serial = s.serials[1];
    for (let host = 1; host <= 20; host++) await view(serial, `198.51.100.${host}`);
    expect((await view(serial, '198.51.100.250')).verdict).toBe('genuine');
  });

  it('turns suspicious once more distinct /24 networks than allowed view it in the window', async () => {
    const serial = s.serials[2];
    for (let net = 1; net <= 5; net++) expect((await view(serial, `203.0.${net}.10`)).verdict).toBe('genuine');
    expect((await view(serial, '203.0.6.10')).verdict).toBe('suspicious');
    // The page agrees, and so does a request that is not counted.
    const page = await t.http.get(s.path(serial)).set('User-Agent', PHONE).set('X-Forwarded-For', '203.0.1.10');
    expect(page.text).toContain('tem có dấu hiệu bị sao chép');
  });

  it('never moves the verdict or the count for HEAD, linkset, linkType, prefetch or link-preview requests', async () => {
    const serial = s.serials[3];
    for (let net = 1; net <= 8; net++) {
      const from = `192.0.${net}.7`;
      expect((await t.http.head(s.path(serial)).set('User-Agent', PHONE).set('X-Forwarded-For', from)).status).toBe(200);
      await t.http.get(s.path(serial)).set('User-Agent', PHONE).set('Accept', 'application/linkset+json').set('X-Forwarded-For', from);
      await t.http
        .get(`${s.path(serial)}?linkType=gs1:certificationInfo`)
        .set('User-Agent', PHONE)
        .set('X-Forwarded-For', from);
      await t.http
        .get(`${s.path(serial)}?linkType=all`)
        .set('User-Agent', PHONE)
        .set('X-Forwarded-For', from);
      await t.http.get(s.path(serial)).set('User-Agent', PHONE).set('Sec-Purpose', 'prefetch;prerender').set('X-Forwarded-For', from);
      await t.http.get(s.path(serial)).set('User-Agent', PHONE).set('Purpose', 'prefetch').set('X-Forwarded-For', from);
      for (const agent of LINK_PREVIEWS) {
        const preview = await t.http.get(s.path(serial)).set('User-Agent', agent).set('X-Forwarded-For', from);
        expect(preview.status).toBe(200);
      }
    }
    await t.app.get(ScanRecorder).flush();
    const first = await view(serial, '192.0.1.7');
    expect(first).toMatchObject({ verdict: 'genuine', scan: { count: 1 } });
  });

  it('counts IPv6 clients of one /48 once, however their addresses are written', async () => {
    const serial = s.serials[4];
    const oneSite = [
      '2001:db8:aa:1::1',
      '2001:0db8:00aa:0001:0000:0000:0000:0002',
      '2001:DB8:AA:2::1',
      '2001:db8:aa:ff00:1:2:3:4',
      '2001:db8:aa::7',
      '2001:db8:aa:0:0:0:0:8',
      '2001:db8:aa:3:a:b:c:d',
    ];
    for (const address of oneSite) expect((await view(serial, address)).verdict).toBe('genuine');
    // An IPv4 client seen through a dual-stack socket is that IPv4 client.
    for (const address of ['::ffff:198.18.0.1', '198.18.0.2', '::FFFF:c612:0003'])
      expect((await view(serial, address)).verdict).toBe('genuine');
    for (const address of ['2001:db8:ab::1', '2001:db8:ac::1', '2001:db8:ad::1'])
      expect((await view(serial, address)).verdict).toBe('genuine');
    // Six networks now: 2001:db8:aa::/48, 198.18.0.0/24 and three more /48s, plus this one.
    expect((await view(serial, '2001:db8:ae::1')).verdict).toBe('suspicious');
  });

  it('lets the co-op manager clear a false alarm, recorded, and nobody else', async () => {
    const serial = s.serials[5];
    for (let net = 1; net <= 6; net++) await view(serial, `100.64.${net}.1`);
    expect((await view(serial, '100.64.1.1')).verdict).toBe('suspicious');

    const other = await createManager(t, await createCooperative(t, 'HTX Cam Cao Phong'));
    const clear = (token: string, body: object) => t.http.post(`/api/v1/labels/${serial}/scan-alert/clear`).set(bearer(token)).send(body);
    expectProblem(await clear(other, { reason: 'Khách hàng quét nhiều lần' }), 403);
    expectProblem(await t.http.get(`/api/v1/labels/${serial}/scan-alert`).set(bearer(other)), 403);
    expectProblem(await clear(s.f.farmerToken, { reason: 'Khách hàng quét nhiều lần' }), 403);
    expect(errorFields(await clear(s.f.managerToken, {}))).toContain('reason');
    expect(errorFields(await clear(s.f.managerToken, { reason: ' ' }))).toContain('reason');
    expect(errorFields(await clear(s.f.managerToken, { reason: 'a'.repeat(501) }))).toContain('reason');
    expectProblem(
      await t.http.post('/api/v1/labels/ZZZZZZZZZZZZZZZZZZZ/scan-alert/clear').set(bearer(s.f.managerToken)).send({ reason: 'Nhầm' }),
      404,
    );
    expect(
      errorFields(await t.http.post('/api/v1/labels/not-a-serial/scan-alert/clear').set(bearer(s.f.managerToken)).send({ reason: 'Nhầm' })),
    ).toContain('serial');

    const before = await t.http.get(`/api/v1/labels/${serial}/scan-alert`).set(bearer(s.f.managerToken));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ serial, verdict: 'suspicious', networksInWindow: 6, suspiciousAbove: 5, clearances: [] });

    const cleared = await clear(s.f.managerToken, { reason: 'Hội chợ nông sản: nhiều khách quét thử' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      serial,
      verdict: 'genuine',
      networksInWindow: 0,
      clearances: [
        {
          clearedBy: userIdOf(s.f.managerToken),
          reason: 'Hội chợ nông sản: nhiều khách quét thử',
          networksInWindow: 6,
          clearedAt: expect.any(String),
        },
      ],
    });
    // Readable by the co-op and the province office.
    const seen = await t.http.get(`/api/v1/labels/${serial}/scan-alert`).set(bearer(t.adminToken));
    expect(seen.body.clearances).toHaveLength(1);
    expect(seen.body.clearances[0].clearedBy).toBe(userIdOf(s.f.managerToken));

    // Genuine again, even for a network that had seen it before...
    expect((await view(serial, '100.64.1.1')).verdict).toBe('genuine');
    for (let net = 2; net <= 5; net++) expect((await view(serial, `100.64.${net}.1`)).verdict).toBe('genuine');
    // ...until more distinct networks than allowed show up after the clearing.
    expect((await view(serial, '100.64.99.1')).verdict).toBe('suspicious');
  });
});

describe('the suspicious verdict across api processes (e2e)', () => {
  it('adds up the networks every process saw, and a clearing made on one holds on the other', async () => {
    const a = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0', SCAN_SUSPICIOUS_NETWORKS: '5' });
    // Another api process of the same deployment: same database, same Redis prefix.
    const appB = await createHttpApp(
      loadEnvironment(processEnvironment(a.env, { SCAN_RATE_LIMIT_PER_MINUTE: '0', SCAN_SUSPICIOUS_NETWORKS: '5' })),
      'api',
    );
    try {
      await appB.getHttpAdapter().getInstance().ready();
      const b = request(appB.getHttpServer());
      const s = await labelled(a, 1);
      const serial = s.serials[0];
      const viewOn = async (agent: typeof b, address: string) =>
        (
          (
            await agent
              .get(`${s.path(serial)}?format=json`)
              .set('User-Agent', PHONE)
              .set('X-Forwarded-For', address)
          ).body as { verdict: string }
        ).verdict;
      const flushBoth = async () => {
        await a.app.get(ScanRecorder).flush();
        await appB.get(ScanRecorder).flush();
      };

      for (let net = 1; net <= 5; net++) expect(await viewOn(a.http, `203.0.${net}.1`)).toBe('genuine');
      expect(await viewOn(b, '203.0.6.1')).toBe('genuine');
      await flushBoth();
      expect(await viewOn(b, '203.0.6.1')).toBe('suspicious');

      const cleared = await a.http
        .post(`/api/v1/labels/${serial}/scan-alert/clear`)
        .set(bearer(s.f.managerToken))
        .send({ reason: 'Hội chợ' });
      expect(cleared.status).toBe(200);
      // The clearing reaches the other process over Redis pub/sub; give it a moment, not a deadline.
      let onB = await viewOn(b, '203.0.6.1');
      for (let attempt = 0; onB !== 'genuine' && attempt < 50; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        onB = await viewOn(b, '203.0.6.1');
      }
      expect(onB).toBe('genuine');
      await flushBoth();
      expect(await viewOn(b, '203.0.6.1')).toBe('genuine');

      // New networks after the clearing add up across the two, with what B saw since the clearing.
      for (let net = 11; net <= 14; net++) await viewOn(a.http, `203.0.${net}.1`);
      await a.app.get(ScanRecorder).flush();
      expect(await viewOn(b, '203.0.16.1')).toBe('genuine');
      await appB.get(ScanRecorder).flush();
      expect(await viewOn(b, '203.0.6.1')).toBe('suspicious');
    } finally {
      await appB.close();
      await a.close();
    }
  });
});

describe('scan limits per client (e2e)', () => {
  it('rate-limits IPv6 clients per /64 and IPv4-mapped clients as their IPv4 address', async () => {
    const t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const s = await labelled(t, 1);
      const get = (address: string) => t.http.get(s.path(s.serials[0])).set('User-Agent', PHONE).set('X-Forwarded-For', address);
      // Three spellings and three hosts of one /64: one client.
      for (const address of ['2001:db8:5:6::1', '2001:0DB8:0005:0006::2', '2001:db8:5:6:0:0:0:3'])
        expect((await get(address)).status).toBe(200);
      const limited = await get('2001:db8:5:6:ffff::9');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // The next /64 is somebody else.
      expect((await get('2001:db8:5:7::1')).status).toBe(200);
      for (const address of ['198.18.7.1', '::ffff:198.18.7.1', '::ffff:c612:701']) expect((await get(address)).status).toBe(200);
      expect((await get('198.18.7.1')).status).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('believes X-Forwarded-For only from loopback unless TRUST_PROXY says otherwise', async () => {
    const base = await startTestApp();
    // No TRUST_PROXY: the default is what is being tested.
    const env = loadEnvironment(processEnvironment(base.env, { SCAN_RATE_LIMIT_PER_MINUTE: '2' }));
    expect(env.TRUST_PROXY).toBe('loopback');
    const app = await createHttpApp(env, 'api');
    try {
      const fastify = app.getHttpAdapter().getInstance();
      await fastify.ready();
      const statuses: number[] = [];
      // A host on the private network (another container, a neighbour on the LAN) is not a proxy we know.
      for (let i = 1; i <= 3; i++) {
        const res = await fastify.inject({
          method: 'GET',
          url: '/t/AAAAAAAAAAAAAAAAAAA',
          remoteAddress: '10.1.2.3',
          headers: { 'x-forwarded-for': `203.0.113.${i}`, 'user-agent': PHONE },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([404, 404, 429]);
      // From loopback (the bundled proxy on the same host) the header names the client.
      for (let i = 1; i <= 3; i++) {
        const res = await fastify.inject({
          method: 'GET',
          url: '/t/AAAAAAAAAAAAAAAAAAA',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': `203.0.113.${i}`, 'user-agent': PHONE },
        });
        expect(res.statusCode).not.toBe(429);
      }
    } finally {
      await app.close();
      await base.close();
    }
  });
});
