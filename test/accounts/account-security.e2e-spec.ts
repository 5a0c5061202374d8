import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../../src/common/crypto/password-hasher';
import { createHttpApp } from '../../src/http-app';
import { createCooperative, createHousehold, createManager, nextPhone } from '../support/factories';
import { errorFields, expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-services';

/** Issue 11, point 4: lockout, per-address throttle, token versions, account operations, password rules. */
describe('account security (e2e)', () => {
  let t: TestApp;
  let coopId: string;
  let otherCoopId: string;
  let householdId: string;
  let otherHouseholdId: string;
  let managerToken: string;
  let address = 0;
  /** Every test logs in from its own client address (X-Forwarded-For from loopback is trusted), so the per-address limit of one does not touch another. */
  const nextAddress = (): string => `198.51.100.${++address}`;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '120', LOGIN_RATE_LIMIT_PER_MINUTE: '5' });
    coopId = await createCooperative(t, 'HTX Thanh Hà');
    otherCoopId = await createCooperative(t, 'HTX Lục Ngạn');
    managerToken = await createManager(t, coopId);
    householdId = await createHousehold(t, managerToken, coopId);
    otherHouseholdId = await createHousehold(t, t.adminToken, otherCoopId);
  });
  afterAll(async () => t?.close());
  afterEach(() => jest.restoreAllMocks());

  const login = (phone: string, password: string, from = nextAddress()) =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ phone, password });

  async function newUser(body: object = {}): Promise<{ id: string; phone: string; password: string }> {
    const phone = nextPhone();
    const password = 'right-password-2026';
    const res = await t.http
      .post('/api/v1/users')
      .set(bearer(t.adminToken))
      .send({ phone, password, role: 'farmer', householdId, ...body });
    if (res.status !== 201) throw new Error(`create user -> ${res.status} ${res.text}`);
    return { id: res.body.id as string, phone, password };
  }

  async function sessionOf(user: { phone: string; password: string }) {
    const res = await login(user.phone, user.password);
    if (res.status !== 200) throw new Error(`login -> ${res.status} ${res.text}`);
    return res.body as { accessToken: string; refreshToken: string; mustChangePassword: boolean };
  }

  const ownHousehold = (token: string) => t.http.get(`/api/v1/households/${householdId}`).set(bearer(token));

  describe('lockout', () => {
    it('lets no more than LOGIN_MAX_FAILURES of 20 parallel wrong guesses reach the password check, and then stays locked', async () => {
      const user = await newUser();
      const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
      // From 20 addresses, so the per-address limit plays no part.
      const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => login(user.phone, `wrong-guess-${i}`, `203.0.113.${i + 1}`)));
      expect(guesses.map((g) => g.status)).toEqual(Array(20).fill(401));
      expect(verify.mock.calls.length).toBeLessThanOrEqual(3);
      // The right password does not open a locked account.
      expectProblem(await login(user.phone, user.password), 401);
    });

    it('answers a locked phone exactly like a wrong password: same status, same body, no Retry-After', async () => {
      const user = await newUser();
      const wrong = await login(user.phone, 'wrong-password-1');
      for (let i = 2; i <= 3; i++) expectProblem(await login(user.phone, `wrong-password-${i}`), 401);
      const locked = await login(user.phone, user.password);
      const unknown = await login(nextPhone(), 'wrong-password-1');
      const comparable = (res: request.Response) => ({
        status: res.status,
        contentType: res.headers['content-type'],
        retryAfter: res.headers['retry-after'],
        body: res.text.replace(/"requestId":"[^"]*"/, ''),
      });
      expect(comparable(locked)).toEqual(comparable(wrong));
      expect(comparable(unknown)).toEqual(comparable(wrong));
    });

    it('lifts the lock once it has passed, and the right password resets the count', async () => {
      const user = await newUser();
      for (let i = 0; i < 3; i++) expectProblem(await login(user.phone, 'wrong-password'), 401);
      await t.app.get(DataSource).query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE phone = $1`, [user.phone]);
      expect((await login(user.phone, user.password)).status).toBe(200);
      const rows = await t.app.get(DataSource).query(`SELECT failed_login_count, locked_until FROM users WHERE phone = $1`, [user.phone]);
      expect(rows).toEqual([{ failed_login_count: 0, locked_until: null }]);
    });
  });

  describe('per-address throttle', () => {
    it('answers 429 with Retry-After past LOGIN_RATE_LIMIT_PER_MINUTE failed logins from one address; other addresses go on', async () => {
      const from = nextAddress();
      for (let i = 0; i < 5; i++) expectProblem(await login(nextPhone(), 'wrong-password', from), 401);
      const refused = await login(nextPhone(), 'wrong-password', from);
      expectProblem(refused, 429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expectProblem(await login(nextPhone(), 'wrong-password', nextAddress()), 401);
    });

    it('counts an IPv6 /64 as one address', async () => {
      for (let i = 0; i < 5; i++) expectProblem(await login(nextPhone(), 'wrong-password', `2001:db8:7:1::${i + 1}`), 401);
      expectProblem(await login(nextPhone(), 'wrong-password', '2001:db8:7:1:ffff::9'), 429);
      expectProblem(await login(nextPhone(), 'wrong-password', '2001:db8:7:2::1'), 401);
    });

    it('does not count successful logins', async () => {
      const user = await newUser();
      const from = nextAddress();
      for (let i = 0; i < 8; i++) expect((await login(user.phone, user.password, from)).status).toBe(200);
    });
  });

  describe('access tokens', () => {
    it('refuses a token without exp, even one signed with the right key', async () => {
      const user = await newUser();
      const { accessToken } = await sessionOf(user);
      expect((await ownHousehold(accessToken)).status).toBe(200);
      const claims = new JwtService().decode<Record<string, unknown>>(accessToken);
      delete claims.exp;
      delete claims.iat;
      const forever = await new JwtService({ secret: t.env.JWT_SECRET }).signAsync(claims);
      expectProblem(await ownHousehold(forever), 401);
    });

    it("refuses a disabled user's existing token at once, and its login and refresh", async () => {
      const user = await newUser();
      const session = await sessionOf(user);
      expect((await ownHousehold(session.accessToken)).status).toBe(200);
      const disabled = await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(managerToken)).send({ disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ id: user.id, disabled: true });
      expectProblem(await ownHousehold(session.accessToken), 401);
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }), 401);
      expectProblem(await login(user.phone, user.password), 403);
      // Enabled again, a new login works.
      await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ disabled: false }).expect(200);
      expect((await ownHousehold((await sessionOf(user)).accessToken)).status).toBe(200);
    });

    it('ends the tokens issued before a role change', async () => {
      const user = await newUser();
      const before = await sessionOf(user);
      expect((await ownHousehold(before.accessToken)).status).toBe(200);
      const changed = await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(bearer(t.adminToken))
        .send({ role: 'coop_manager', cooperativeId: otherCoopId });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ role: 'coop_manager', cooperativeId: otherCoopId, householdId: null });
      expectProblem(await ownHousehold(before.accessToken), 401);
      const after = await sessionOf(user);
      expectProblem(await ownHousehold(after.accessToken), 403);
      expect((await t.http.get(`/api/v1/households/${otherHouseholdId}`).set(bearer(after.accessToken))).status).toBe(200);
    });

    it('ends access tokens at logout and when a reused refresh token revokes the session', async () => {
      const user = await newUser();
      const first = await sessionOf(user);
      expect((await t.http.post('/api/v1/auth/logout').send({ refreshToken: first.refreshToken })).status).toBe(204);
      expectProblem(await ownHousehold(first.accessToken), 401);

      const second = await sessionOf(user);
      const renewed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken });
      expect(renewed.status).toBe(200);
      expect((await ownHousehold(renewed.body.accessToken as string)).status).toBe(200);
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }), 401);
      expectProblem(await ownHousehold(renewed.body.accessToken as string), 401);
    });

    it('refuses the token of a deleted account', async () => {
      const user = await newUser();
      const { accessToken } = await sessionOf(user);
      await t.app.get(DataSource).query('DELETE FROM users WHERE id = $1', [user.id]);
      expectProblem(await ownHousehold(accessToken), 401);
    });

    it('ends a token at once in another process too (the change notice over Redis)', async () => {
      const other: NestFastifyApplication = await createHttpApp(t.env, 'api');
      try {
        await other.getHttpAdapter().getInstance().ready();
        const user = await newUser();
        const { accessToken } = await sessionOf(user);
        // The other process has the account in memory now.
        expect((await request(other.getHttpServer()).get(`/api/v1/households/${householdId}`).set(bearer(accessToken))).status).toBe(200);
        const redis = new Redis(TEST_REDIS_URL);
        try {
          for (let i = 0; i < 100; i++) {
            const [, subscribers] = (await redis.pubsub('NUMSUB', `${t.env.REDIS_PREFIX}:changes`)) as [string, number];
            if (subscribers >= 2) break;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        } finally {
          redis.disconnect();
        }
        await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(t.adminToken)).send({ disabled: true }).expect(200);
        expectProblem(await request(other.getHttpServer()).get(`/api/v1/households/${householdId}`).set(bearer(accessToken)), 401);
      } finally {
        await other.close();
      }
    });
  });

  describe('account operations', () => {
    it('lists accounts: admins all (filtered, paged), co-op managers their farmers only, farmers not at all', async () => {
      const farmer = await newUser();
      const elsewhere = await newUser({ householdId: otherHouseholdId });
      const all = await t.http.get('/api/v1/users?limit=500').set(bearer(t.adminToken));
      expect(all.status).toBe(200);
      const ids = (all.body.items as { id: string }[]).map((u) => u.id);
      expect(ids).toEqual(expect.arrayContaining([farmer.id, elsewhere.id]));
      expect(all.text).not.toMatch(/scrypt|passwordHash|right-password/);

      const page = await t.http.get(`/api/v1/users?limit=1&role=farmer&cooperativeId=${coopId}`).set(bearer(t.adminToken));
      expect(page.body.items).toHaveLength(1);
      expect(page.body.nextCursor).toEqual(expect.any(String));

      const mine = await t.http.get('/api/v1/users?limit=500').set(bearer(managerToken));
      expect(mine.status).toBe(200);
      const items = mine.body.items as { id: string; role: string; cooperativeId: string }[];
      expect(items.map((u) => u.id)).toContain(farmer.id);
      expect(items.every((u) => u.role === 'farmer' && u.cooperativeId === coopId)).toBe(true);
      expectProblem(await t.http.get('/api/v1/users?role=admin').set(bearer(managerToken)), 403);
      expectProblem(await t.http.get(`/api/v1/users?cooperativeId=${otherCoopId}`).set(bearer(managerToken)), 403);
      expectProblem(await t.http.get('/api/v1/users').set(bearer((await sessionOf(farmer)).accessToken)), 403);
      expect(errorFields(await t.http.get('/api/v1/users?role=boss').set(bearer(t.adminToken)))).toContain('role');
    });

    it('keeps co-op managers to disabling their own farmers; roles are the admin’s', async () => {
      const elsewhere = await newUser({ householdId: otherHouseholdId });
      expectProblem(await t.http.patch(`/api/v1/users/${elsewhere.id}`).set(bearer(managerToken)).send({ disabled: true }), 403);
      const own = await newUser();
      expectProblem(
        await t.http.patch(`/api/v1/users/${own.id}`).set(bearer(managerToken)).send({ role: 'coop_manager', cooperativeId: coopId }),
        403,
      );
      expect(errorFields(await t.http.patch(`/api/v1/users/${own.id}`).set(bearer(t.adminToken)).send({ role: 'coop_manager' }))).toContain(
        'cooperativeId',
      );
      expect(errorFields(await t.http.patch(`/api/v1/users/${own.id}`).set(bearer(t.adminToken)).send({ disabled: 'yes' }))).toContain(
        'disabled',
      );
      expectProblem(await t.http.patch('/api/v1/users/00000000-0000-4000-8000-000000000000').set(bearer(t.adminToken)).send({}), 404);
      expect(errorFields(await t.http.patch('/api/v1/users/not-a-uuid').set(bearer(t.adminToken)).send({}))).toContain('id');
      const adminId = (await t.http.get('/api/v1/users?role=admin').set(bearer(t.adminToken))).body.items[0].id as string;
      expectProblem(await t.http.patch(`/api/v1/users/${adminId}`).set(bearer(t.adminToken)).send({ disabled: true }), 409);
    });

    it('resets a password: the next login must change it, every other route answers 403 until then', async () => {
      const user = await newUser();
      const old = await sessionOf(user);
      const reset = await t.http.post(`/api/v1/users/${user.id}/reset-password`).set(bearer(managerToken)).send({});
      expect(reset.status).toBe(200);
      expect(reset.body).toEqual({
        mustChangePassword: true,
        temporaryPassword: expect.stringMatching(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/),
      });
      const temporary = reset.body.temporaryPassword as string;
      expectProblem(await ownHousehold(old.accessToken), 401);
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: old.refreshToken }), 401);
      expectProblem(await login(user.phone, user.password), 401);

      const pending = await sessionOf({ phone: user.phone, password: temporary });
      expect(pending.mustChangePassword).toBe(true);
      const blocked = expectProblem(await ownHousehold(pending.accessToken), 403);
      expect(blocked.detail).toMatch(/POST \/api\/v1\/auth\/password/);
      expect(blocked).toMatchObject({ mustChangePassword: true });

      const changed = await t.http
        .post('/api/v1/auth/password')
        .set(bearer(pending.accessToken))
        .send({ currentPassword: temporary, newPassword: 'vai-thieu-chin-do' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ accessToken: expect.any(String), mustChangePassword: false });
      expect((await ownHousehold(changed.body.accessToken as string)).status).toBe(200);
      expectProblem(await ownHousehold(pending.accessToken), 401);
      expect((await login(user.phone, 'vai-thieu-chin-do')).body.mustChangePassword).toBe(false);
      expectProblem(await login(user.phone, temporary), 401);
    });

    it('lets an admin choose the temporary password, which must pass the password rules; managers only for their farmers', async () => {
      const user = await newUser();
      expect(
        errorFields(
          await t.http.post(`/api/v1/users/${user.id}/reset-password`).set(bearer(t.adminToken)).send({ temporaryPassword: 'matkhau123' }),
        ),
      ).toContain('temporaryPassword');
      const chosen = await t.http
        .post(`/api/v1/users/${user.id}/reset-password`)
        .set(bearer(t.adminToken))
        .send({ temporaryPassword: 'tam-thoi-hom-nay' });
      expect(chosen.status).toBe(200);
      expect(chosen.body).toEqual({ mustChangePassword: true });
      expect((await sessionOf({ phone: user.phone, password: 'tam-thoi-hom-nay' })).mustChangePassword).toBe(true);
      const elsewhere = await newUser({ householdId: otherHouseholdId });
      expectProblem(await t.http.post(`/api/v1/users/${elsewhere.id}/reset-password`).set(bearer(managerToken)).send({}), 403);
    });

    it('changes one’s own password only with the current one, and not to a weak one', async () => {
      const user = await newUser();
      const { accessToken } = await sessionOf(user);
      const change = (body: object) => t.http.post('/api/v1/auth/password').set(bearer(accessToken)).send(body);
      expect(errorFields(await change({ currentPassword: 'not-my-password', newPassword: 'a-brand-new-pass' }))).toContain(
        'currentPassword',
      );
      expect(errorFields(await change({ currentPassword: user.password, newPassword: 'matkhau123' }))).toContain('newPassword');
      expect(errorFields(await change({ currentPassword: user.password, newPassword: 'short' }))).toContain('newPassword');
      expect(errorFields(await change({ currentPassword: user.password }))).toContain('newPassword');
      expectProblem(
        await t.http.post('/api/v1/auth/password').send({ currentPassword: user.password, newPassword: 'a-brand-new-pass' }),
        401,
      );
      expect((await change({ currentPassword: user.password, newPassword: 'a-brand-new-pass' })).status).toBe(200);
      expectProblem(await ownHousehold(accessToken), 401);
    });

    it.each([
      ['a common password', () => 'matkhau123'],
      ['a common password written with spaces and capitals', () => 'Mat Khau 123'],
      ['digits only (a phone number)', () => '0987654321'],
      ['one repeated character', () => 'aaaaaaaaaaaa'],
      ['the account’s own phone number', (phone: string) => `nongdan${phone}`],
      ['the phone number written +84', (phone: string) => `+84 ${phone.slice(1)}!`],
    ])('refuses %s as a password', async (_label, password) => {
      const phone = nextPhone();
      const res = await t.http
        .post('/api/v1/users')
        .set(bearer(t.adminToken))
        .send({ phone, password: password(phone), role: 'farmer', householdId });
      expect(errorFields(res)).toContain('password');
    });
  });
});
