import { DataSource } from 'typeorm';
import { sqliteTimestamp } from '../../src/database/sql-dialect';
import { createCooperative, createHousehold, createManager, nextPhone } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** The lockout's single UPDATE ... RETURNING and the token versions, on the default SQLite install. */
describe('accounts on SQLite (e2e)', () => {
  let t: TestApp;
  let householdId: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '120', LOGIN_RATE_LIMIT_PER_MINUTE: '0' });
    const coopId = await createCooperative(t);
    householdId = await createHousehold(t, await createManager(t, coopId), coopId);
  });
  afterAll(async () => t?.close());

  const login = (phone: string, password: string) => t.http.post('/api/v1/auth/login').send({ phone, password });

  it('runs on SQLite', () => {
    expect(t.app.get(DataSource).options.type).toBe('better-sqlite3');
  });

  it('locks after LOGIN_MAX_FAILURES parallel wrong guesses, answers like a wrong password, and lifts the lock when it has passed', async () => {
    const phone = nextPhone();
    await t.http
      .post('/api/v1/users')
      .set(bearer(t.adminToken))
      .send({ phone, password: 'right-password-2026', role: 'farmer', householdId })
      .expect(201);
    const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) => login(phone, `wrong-guess-${i}`)));
    expect(guesses.map((g) => g.status)).toEqual(Array(10).fill(401));
    expect(expectProblem(await login(phone, 'right-password-2026'), 401).detail).toBe('Sai số điện thoại hoặc mật khẩu');
    const db = t.app.get(DataSource);
    await db.query('UPDATE users SET locked_until = ? WHERE phone = ?', [sqliteTimestamp(new Date(Date.now() - 1000)), phone]);
    const session = await login(phone, 'right-password-2026');
    expect(session.status).toBe(200);
    expect(await db.query('SELECT failed_login_count, locked_until FROM users WHERE phone = ?', [phone])).toEqual([
      { failed_login_count: 0, locked_until: null },
    ]);

    // And the token version: disabling ends the token at once.
    const token = session.body.accessToken as string;
    expect((await t.http.get(`/api/v1/households/${householdId}`).set(bearer(token))).status).toBe(200);
    const id = (await db.query<{ id: string }[]>('SELECT id FROM users WHERE phone = ?', [phone]))[0].id;
    await t.http.patch(`/api/v1/users/${id}`).set(bearer(t.adminToken)).send({ disabled: true }).expect(200);
    expectProblem(await t.http.get(`/api/v1/households/${householdId}`).set(bearer(token)), 401);
  });
});
