import { randomInt, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createFixture, Fixture, nextPhone } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * A phone that lost the answer sends its create again: in sequence (after a timeout), and at the same
 * moment (a browser re-sending a POST whose connection dropped). Either way one record is made and
 * every copy gets the same answer; the same id with another body is 409.
 */
describe('registry: creates that are safe to repeat (e2e)', () => {
  let t: TestApp;
  let f: Fixture;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    f = await createFixture(t);
    db = t.app.get(DataSource);
  });
  afterAll(async () => t?.close());

  const count = async (table: string, id: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM ${table} WHERE id = $1`, [id]))[0].n);

  /** Sends the same create twice in a row, then twice at once, and checks every answer is the first one. */
  async function repeatEveryWay(send: (body: object) => Promise<Response>, makeBody: () => { id: string }, table: string): Promise<void> {
    const body = makeBody();
    const first = await send(body);
    expect(first.status).toBe(201);
    expect(first.body.id).toBe(body.id);
    const again = await send(body);
    expect({ status: again.status, body: again.body }).toEqual({ status: first.status, body: first.body });
    expect(await count(table, body.id)).toBe(1);

    const twin = makeBody();
    const answers = await Promise.all([send(twin), send(twin), send(twin)]);
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await count(table, twin.id)).toBe(1);
  }

  it('makes one household however often its create is sent', async () => {
    const makeBody = () => ({
      id: randomUUID(),
      headName: 'Nguyễn Văn Lặp',
      phone: nextPhone(),
      province: 'Hải Phòng',
      commune: 'Thanh Hà',
    });
    await repeatEveryWay((body) => t.http.post('/api/v1/households').set(bearer(f.managerToken)).send(body), makeBody, 'households');
  });

  it('makes one plot, with its certificates once, however often its create is sent', async () => {
    const makeBody = () => ({
      id: randomUUID(),
      code: `VN-REP-${randomInt(1e6, 1e7)}`,
      areaHa: 0.7,
      latitude: 20.9,
      longitude: 106.4,
      crop: 'Vải thiều',
      certifications: [
        { scheme: 'VietGAP', number: 'VG-REP-1', validUntil: '2027-12-31' },
        { scheme: 'GlobalGAP', number: 'GG-REP-1', validUntil: '2027-06-30' },
      ],
    });
    const send = (body: object) => t.http.post(`/api/v1/households/${f.householdId}/plots`).set(bearer(f.farmerToken)).send(body);
    await repeatEveryWay(send, makeBody, 'plots');
    const body = makeBody();
    await send(body).expect(201);
    await send(body).expect(201);
    expect(Number((await db.query(`SELECT count(*) AS n FROM plot_certifications WHERE plot_id = $1`, [body.id]))[0].n)).toBe(2);
  });

  it('makes one certificate however often its create is sent', async () => {
    const makeBody = () => ({ id: randomUUID(), scheme: 'VietGAP', number: `VG-${randomInt(1e5, 1e6)}`, validUntil: '2027-12-31' });
    await repeatEveryWay(
      (body) => t.http.post(`/api/v1/plots/${f.plotId}/certifications`).set(bearer(f.farmerToken)).send(body),
      makeBody,
      'plot_certifications',
    );
  });

  it('refuses the same id with another body with 409, and a malformed id with 400', async () => {
    const id = randomUUID();
    const household = { id, headName: 'Trần Thị Một', phone: nextPhone(), province: 'Hải Phòng', commune: 'Thanh Hà' };
    await t.http.post('/api/v1/households').set(bearer(f.managerToken)).send(household).expect(201);
    expectProblem(
      await t.http
        .post('/api/v1/households')
        .set(bearer(f.managerToken))
        .send({ ...household, headName: 'Trần Thị Hai' }),
      409,
    );

    const certificate = { id: randomUUID(), scheme: 'Organic', number: 'OR-1', validUntil: '2027-12-31' };
    await t.http.post(`/api/v1/plots/${f.plotId}/certifications`).set(bearer(f.managerToken)).send(certificate).expect(201);
    expectProblem(
      await t.http
        .post(`/api/v1/plots/${f.plotId}/certifications`)
        .set(bearer(f.managerToken))
        .send({ ...certificate, number: 'OR-2' }),
      409,
    );
    const plot = {
      id: randomUUID(),
      code: `VN-REP-${randomInt(1e6, 1e7)}`,
      areaHa: 1,
      latitude: 20.9,
      longitude: 106.4,
      crop: 'Nhãn',
    };
    await t.http.post(`/api/v1/households/${f.householdId}/plots`).set(bearer(f.managerToken)).send(plot).expect(201);
    expectProblem(
      await t.http
        .post(`/api/v1/households/${f.householdId}/plots`)
        .set(bearer(f.managerToken))
        .send({ ...plot, areaHa: 2 }),
      409,
    );

    const bad = expectProblem(
      await t.http
        .post('/api/v1/households')
        .set(bearer(f.managerToken))
        .send({ ...household, id: 'not-a-uuid' }),
      400,
    );
    expect(bad.errors?.map((e) => e.field)).toEqual(['id']);
  });

  it('still refuses a second household with the same phone under a new id', async () => {
    const phone = nextPhone();
    const body = { headName: 'Lê Văn Ba', phone, province: 'Hải Phòng', commune: 'Thanh Hà' };
    await t.http
      .post('/api/v1/households')
      .set(bearer(f.managerToken))
      .send({ ...body, id: randomUUID() })
      .expect(201);
    expectProblem(
      await t.http
        .post('/api/v1/households')
        .set(bearer(f.managerToken))
        .send({ ...body, id: randomUUID() }),
      409,
    );
  });
});
