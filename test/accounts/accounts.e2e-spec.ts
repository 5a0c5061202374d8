import { DataSource } from 'typeorm';
import { AuthService } from '../../src/auth/auth.service';
import { createCooperative, createHousehold, createManager, login, nextPhone } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { ADMIN_PHONE, ADMIN_PASSWORD, bearer, startTestApp, TestApp } from '../support/test-app';

describe('accounts (e2e)', () => {
  let t: TestApp;
  let coopId: string;
  let otherCoopId: string;
  let managerToken: string;
  let householdId: string;
  let otherHouseholdId: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '120' });
    coopId = await createCooperative(t, 'HTX Thanh Hà');
    otherCoopId = await createCooperative(t, 'HTX Lục Ngạn');
    managerToken = await createManager(t, coopId);
    householdId = await createHousehold(t, managerToken, coopId);
    otherHouseholdId = await createHousehold(t, t.adminToken, otherCoopId);
  });
  afterAll(async () => t?.close());

  const createUser = (token: string, body: object) => t.http.post('/api/v1/users').set(bearer(token)).send(body);

  describe('login', () => {
    it('creates the admin account at start from ADMIN_PHONE and lets it log in', async () => {
      const res = await t.http.post('/api/v1/auth/login').send({ phone: ADMIN_PHONE, password: ADMIN_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        expiresIn: 900,
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        refreshExpiresIn: 30 * 86_400,
        mustChangePassword: false,
        user: { id: expect.any(String), role: 'admin', cooperativeId: null, householdId: null },
      });
      const rows = await t.app.get(DataSource).query(`SELECT role FROM users WHERE phone = $1`, [ADMIN_PHONE]);
      expect(rows).toEqual([{ role: 'admin' }]);
    });

    it('accepts the phone written +84 with spaces', async () => {
      const res = await t.http.post('/api/v1/auth/login').send({ phone: `+84 ${ADMIN_PHONE.slice(1)}`, password: ADMIN_PASSWORD });
      expect(res.status).toBe(200);
    });

    it('answers 401 for a wrong password and for an unknown phone, alike', async () => {
      const phone = nextPhone();
      await createUser(t.adminToken, { phone, password: 'right-password', role: 'coop_manager', cooperativeId: coopId }).expect(201);
      const wrong = expectProblem(await t.http.post('/api/v1/auth/login').send({ phone, password: 'wrong-password' }), 401);
      const unknown = expectProblem(await t.http.post('/api/v1/auth/login').send({ phone: nextPhone(), password: 'whatever-pass' }), 401);
      expect(wrong.detail).toBe(unknown.detail);
    });

    it('refuses a missing or malformed body with 400', async () => {
      expect(errorFields(await t.http.post('/api/v1/auth/login').send({ phone: ADMIN_PHONE }))).toContain('password');
      expect(errorFields(await t.http.post('/api/v1/auth/login').send({ phone: 123, password: 'x' }))).toContain('phone');
    });

    it('locks a phone after LOGIN_MAX_FAILURES wrong passwords: even the right password answers 401 until the lock passes', async () => {
      const phone = nextPhone();
      await createUser(t.adminToken, { phone, password: 'right-password', role: 'coop_manager', cooperativeId: coopId }).expect(201);
      for (let i = 0; i < 3; i++) {
        expectProblem(await t.http.post('/api/v1/auth/login').send({ phone, password: `wrong-${i}` }), 401);
      }
      const locked = await t.http.post('/api/v1/auth/login').send({ phone, password: 'right-password' });
      expect(expectProblem(locked, 401).detail).toBe('Sai số điện thoại hoặc mật khẩu');
      expect(locked.headers['retry-after']).toBeUndefined();
      const [row] = await t.app.get(DataSource).query<{ locked_until: Date }[]>(`SELECT locked_until FROM users WHERE phone = $1`, [phone]);
      const lockSeconds = (new Date(row.locked_until).getTime() - Date.now()) / 1000;
      expect(lockSeconds).toBeGreaterThan(100);
      expect(lockSeconds).toBeLessThanOrEqual(120);

      // Once the lock has passed, the right password works again and the count starts over.
      await t.app.get(DataSource).query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE phone = $1`, [phone]);
      expect((await t.http.post('/api/v1/auth/login').send({ phone, password: 'right-password' })).status).toBe(200);
    });

    it('resets the failure count after a successful login', async () => {
      const phone = nextPhone();
      await createUser(t.adminToken, { phone, password: 'right-password', role: 'coop_manager', cooperativeId: coopId }).expect(201);
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 2; i++) expectProblem(await t.http.post('/api/v1/auth/login').send({ phone, password: 'wrong' }), 401);
        expect((await t.http.post('/api/v1/auth/login').send({ phone, password: 'right-password' })).status).toBe(200);
      }
    });
  });

  describe('refresh tokens', () => {
    // Ending a session ends the account's access tokens: these tests use an admin of their own, not t.adminToken's.
    const sessionAdmin = { phone: nextPhone(), password: 'session-admin-password' };
    beforeAll(async () => {
      await createUser(t.adminToken, { ...sessionAdmin, role: 'admin' }).expect(201);
    });
    const loginAsAdmin = async () =>
      (await t.http.post('/api/v1/auth/login').send(sessionAdmin)).body as {
        accessToken: string;
        refreshToken: string;
      };
    const refresh = (refreshToken: unknown) => t.http.post('/api/v1/auth/refresh').send({ refreshToken });

    it('stores only a hash of the refresh token', async () => {
      const { refreshToken } = await loginAsAdmin();
      const rows = await t.app.get(DataSource).query<{ token_hash: string }[]>(`SELECT token_hash FROM refresh_tokens`);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.token_hash === refreshToken)).toBe(false);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    });

    it('rotates: a refresh answers a working access token and a new refresh token, and the old one works no more', async () => {
      const first = await loginAsAdmin();
      const renewed = await refresh(first.refreshToken);
      expect(renewed.status).toBe(200);
      expect(renewed.body).toMatchObject({ expiresIn: 900, user: { role: 'admin' } });
      expect(renewed.body.refreshToken).not.toBe(first.refreshToken);
      expect((await t.http.get('/api/v1/cooperatives').set(bearer(renewed.body.accessToken as string))).status).toBe(200);

      // The first token again: someone else holds a copy, so the whole session ends, the new token included.
      const replayed = await refresh(first.refreshToken);
      expectProblem(replayed, 401);
      expect(replayed.body.detail).toMatch(/đã được dùng rồi/);
      expectProblem(await refresh(renewed.body.refreshToken), 401);
    });

    it('lets only one of two simultaneous uses of a token through', async () => {
      const { refreshToken } = await loginAsAdmin();
      const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    });

    it('logs out: the session ends, other sessions of the same account go on', async () => {
      const mine = await loginAsAdmin();
      const other = await loginAsAdmin();
      expect((await t.http.post('/api/v1/auth/logout').send({ refreshToken: mine.refreshToken })).status).toBe(204);
      expectProblem(await refresh(mine.refreshToken), 401);
      expect((await refresh(other.refreshToken)).status).toBe(200);
      // Logging out with an unknown token says nothing either way.
      expect((await t.http.post('/api/v1/auth/logout').send({ refreshToken: 'x'.repeat(43) })).status).toBe(204);
    });

    it('refuses an expired or unknown token with 401 and a malformed body with 400', async () => {
      const { refreshToken } = await loginAsAdmin();
      await t.app
        .get(DataSource)
        .query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL AND used_at IS NULL`);
      expectProblem(await refresh(refreshToken), 401);
      expectProblem(await refresh('y'.repeat(43)), 401);
      const missing = await t.http.post('/api/v1/auth/refresh').send({});
      expectProblem(missing, 400);
      expect(errorFields(missing)).toContain('refreshToken');
      expectProblem(await refresh(12345), 400);
    });

    it('removes refresh tokens a day after they expire', async () => {
      const auth = t.app.get(AuthService);
      const count = async () =>
        Number((await t.app.get(DataSource).query<{ n: string }[]>(`SELECT count(*) AS n FROM refresh_tokens`))[0].n);
      const before = await count();
      expect(await auth.removeExpiredRefreshTokens()).toBe(0);
      expect(await auth.removeExpiredRefreshTokens(new Date(Date.now() + 32 * 86_400_000))).toBe(before);
      expect(await count()).toBe(0);
    });
  });

  describe('POST /users', () => {
    it('lets an admin create every role, and never returns the password or its hash', async () => {
      const bodies = [
        { phone: nextPhone(), password: 'admin-two-password', role: 'admin' },
        { phone: nextPhone(), password: 'manager-password', role: 'coop_manager', cooperativeId: coopId },
        { phone: nextPhone(), password: 'farmer-password', role: 'farmer', householdId },
      ];
      for (const body of bodies) {
        const res = await createUser(t.adminToken, body);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ id: expect.any(String), phone: body.phone, role: body.role });
        expect(res.text).not.toContain(body.password);
        expect(res.text).not.toMatch(/scrypt|passwordHash|"password"/i);
        const session = await t.http.post('/api/v1/auth/login').send({ phone: body.phone, password: body.password });
        expect(session.body.user).toMatchObject({ id: res.body.id, role: body.role });
      }
      const farmer = await t.app
        .get(DataSource)
        .query(`SELECT cooperative_id, password_hash FROM users WHERE phone = $1`, [bodies[2].phone]);
      expect(farmer[0].cooperative_id).toBe(coopId);
      expect(farmer[0].password_hash).toMatch(/^scrypt\$/);
      expect(farmer[0].password_hash).not.toContain('farmer-password');
    });

    it('lets a co-op manager create farmers of its own co-op only', async () => {
      const own = await createUser(managerToken, { phone: nextPhone(), password: 'farmer-password', role: 'farmer', householdId });
      expect(own.status).toBe(201);
      expect(own.body).toMatchObject({ role: 'farmer', householdId, cooperativeId: coopId });
      expectProblem(
        await createUser(managerToken, { phone: nextPhone(), password: 'farmer-password', role: 'farmer', householdId: otherHouseholdId }),
        403,
      );
      expectProblem(
        await createUser(managerToken, { phone: nextPhone(), password: 'manager-password', role: 'coop_manager', cooperativeId: coopId }),
        403,
      );
      expectProblem(await createUser(managerToken, { phone: nextPhone(), password: 'admin-password', role: 'admin' }), 403);
    });

    it('refuses a farmer and an anonymous caller', async () => {
      const phone = nextPhone();
      await createUser(managerToken, { phone, password: 'farmer-password', role: 'farmer', householdId }).expect(201);
      const farmerToken = await login(t, phone, 'farmer-password');
      expectProblem(await createUser(farmerToken, { phone: nextPhone(), password: 'farmer-password', role: 'farmer', householdId }), 403);
      expectProblem(
        await t.http.post('/api/v1/users').send({ phone: nextPhone(), password: 'farmer-password', role: 'farmer', householdId }),
        401,
      );
    });

    it('answers 409 for a phone already registered, however it is written', async () => {
      const phone = nextPhone();
      await createUser(t.adminToken, { phone, password: 'manager-password', role: 'coop_manager', cooperativeId: coopId }).expect(201);
      expectProblem(
        await createUser(t.adminToken, { phone, password: 'manager-password', role: 'coop_manager', cooperativeId: coopId }),
        409,
      );
      expectProblem(await createUser(t.adminToken, { phone: `+84${phone.slice(1)}`, password: 'manager-password', role: 'admin' }), 409);
    });

    it.each([
      ['an admin with a co-op', { role: 'admin', cooperativeId: 'COOP' }, 'role'],
      ['a manager without a co-op', { role: 'coop_manager' }, 'cooperativeId'],
      ['a manager with a household', { role: 'coop_manager', cooperativeId: 'COOP', householdId: 'HH' }, 'householdId'],
      ['a farmer without a household', { role: 'farmer' }, 'householdId'],
      ['a farmer whose co-op is not its household’s', { role: 'farmer', householdId: 'HH', cooperativeId: 'OTHER' }, 'cooperativeId'],
      ['an unknown role', { role: 'superuser' }, 'role'],
      ['a short password', { role: 'admin', password: 'short' }, 'password'],
      ['a phone that is not Vietnamese', { role: 'admin', phone: '+1 202 555 0100' }, 'phone'],
      ['a co-op id that is not a UUID', { role: 'coop_manager', cooperativeId: 'abc' }, 'cooperativeId'],
    ])('answers 400 for %s', async (_label, extra, field) => {
      const ids: Record<string, string> = { COOP: coopId, HH: householdId, OTHER: otherCoopId };
      const body: Record<string, unknown> = { phone: nextPhone(), password: 'long-enough-password' };
      for (const [key, value] of Object.entries(extra)) body[key] = ids[value] ?? value;
      expect(errorFields(await createUser(t.adminToken, body))).toContain(field);
    });

    it('answers 404 for a co-op or household that does not exist', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      expectProblem(
        await createUser(t.adminToken, {
          phone: nextPhone(),
          password: 'long-enough-password',
          role: 'coop_manager',
          cooperativeId: missing,
        }),
        404,
      );
      expectProblem(
        await createUser(t.adminToken, { phone: nextPhone(), password: 'long-enough-password', role: 'farmer', householdId: missing }),
        404,
      );
    });
  });
});
