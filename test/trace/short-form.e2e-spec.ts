import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LegacyShortLabelLots1764700000000 } from '../../src/database/migrations/1764700000000-legacy-short-label-lots';
import { TraceCache } from '../../src/trace/trace-cache.service';
import { createFixture, Fixture } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A GTIN-less serial as the code before issue 11 signed it: HMAC over `|lot|random`, although /t/ carries no lot. */
function legacyShortSerial(signingKeys: string, lot: string): string {
  const [kid, secret] = signingKeys.split(',')[0].split(/:(.*)/s);
  let random = '';
  for (let i = 0; i < 10; i++) random += ALPHABET[randomInt(32)];
  const mac = createHmac('sha256', secret).update(`|${lot}|${random}`).digest();
  let bits = 0n;
  for (const byte of mac.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let tag = '';
  for (let i = 7; i >= 0; i--) tag += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${kid}${random}${tag}`;
}

function alter(serial: string, at: number): string {
  return serial.slice(0, at) + (serial[at] === 'A' ? 'B' : 'A') + serial.slice(at + 1);
}

describe('short-form labels /t/{serial} of products without a GTIN (e2e)', () => {
  let t: TestApp;
  let f: Fixture;
  let db: DataSource;

  let fresh: { serial: string; url: string }[];
  let legacy: string;

  beforeAll(async () => {
    t = await startTestApp({ SCAN_RATE_LIMIT_PER_MINUTE: '0' });
    f = await createFixture(t);
    db = t.app.get(DataSource);
    const run = await t.http
      .post(`/api/v1/batches/${f.batchId}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity: 2, layout: 'thermal-50x30', format: 'pdf' });
    expect(run.status).toBe(202);
    fresh = (await t.http.get(`/api/v1/labels?labelRunId=${run.body.id}`).set(bearer(f.managerToken))).body.items;

    // A label as the old code stored it, then this migration run over it as on an existing
    // database; before any scan, because a process reads the (then frozen) list of such lots once.
    legacy = legacyShortSerial(t.env.LABEL_SIGNING_KEYS, f.lotCode);
    const migration = new LegacyShortLabelLots1764700000000();
    const runner = db.createQueryRunner();
    try {
      await migration.down(runner);
      await db.query(
        `INSERT INTO labels (id, serial, label_run_id, batch_id, cooperative_id, sequence, status, scan_count)
         VALUES ($1, $2, $3, $4, $5, 99, 'active', 0)`,
        [randomUUID(), legacy, run.body.id, f.batchId, f.cooperativeId],
      );
      await migration.up(runner);
    } finally {
      await runner.release();
    }
  });
  afterAll(async () => t?.close());

  it('scans a freshly printed /t/ label genuine, and the same serial with one character changed counterfeit', async () => {
    const [label] = fresh;
    expect(label.url).toBe(`https://nst.vn/t/${label.serial}`);
    const genuine = await t.http.get(`/t/${label.serial}`).set('Accept', 'application/json');
    expect(genuine.status).toBe(200);
    expect(genuine.body).toMatchObject({ verdict: 'genuine', serial: label.serial, batch: { lotCode: f.lotCode } });
    const page = await t.http.get(`/t/${label.serial}`);
    expect(page.text).toContain('Tem chính hãng');

    for (const at of [3, 12, 18]) {
      const forged = await t.http.get(`/t/${alter(label.serial, at)}`).set('Accept', 'application/json');
      expect(forged.status).toBe(404);
      expect(forged.body.verdict).toBe('counterfeit');
    }
    const link = await t.http.get(`/t/${label.serial}?linkType=gs1:certificationInfo`);
    expect(link.status).toBe(307);
    const certificates = await t.http.get(new URL(link.headers.location).pathname);
    expect(certificates.status).toBe(200);
    expect(certificates.body.certifications).toHaveLength(1);
  });

  it('keeps a /t/ label printed before the fix (signed with its lot) genuine, found by the migration from the stored labels', async () => {
    const res = await t.http.get(`/t/${legacy}`).set('Accept', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verdict: 'genuine', serial: legacy });
    const forged = await t.http.get(`/t/${alter(legacy, 14)}`).set('Accept', 'application/json');
    expect(forged.body.verdict).toBe('counterfeit');
  });

  it('refuses a forged /t/ serial that fails both ways before any label lookup', async () => {
    const cache = t.app.get(TraceCache);
    const lookups = jest.spyOn(cache, 'label');
    try {
      const forgedLegacy = legacyShortSerial('1:some-other-key-0123456789', f.lotCode);
      for (const serial of [forgedLegacy, '1ZZZZZZZZZZZZZZZZZZ', alter(legacyShortSerial(t.env.LABEL_SIGNING_KEYS, 'OTHER-LOT'), 0)]) {
        const res = await t.http.get(`/t/${serial}`).set('Accept', 'application/json');
        expect(res.body.verdict).toBe('counterfeit');
      }
      // Signed with the right key but for a lot that never had short-form labels: not one of ours.
      const otherLot = await t.http.get(`/t/${legacyShortSerial(t.env.LABEL_SIGNING_KEYS, 'OTHER-LOT')}`).set('Accept', 'application/json');
      expect(otherLot.body.verdict).toBe('counterfeit');
      expect(lookups).not.toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
    }
  });
});
