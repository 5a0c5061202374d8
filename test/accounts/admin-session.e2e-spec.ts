import { createCooperative, createManager } from '../support/factories';
import { expectProblem } from '../support/problem';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Issue 11, point 8: /admin and its queue board share one session cookie; a cookie alone never changes state cross-site. */
describe('admin session and queue board (e2e)', () => {
  let t: TestApp;
  let managerToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    managerToken = await createManager(t, await createCooperative(t));
  });
  afterAll(async () => t?.close());

  async function openSession(token: string): Promise<{ session: string; csrf: string; cookies: string }> {
    const res = await t.http.post('/admin/session').set(bearer(token));
    expect(res.status).toBe(204);
    const set = res.headers['set-cookie'] as unknown as string[];
    const value = (name: string) =>
      set
        .find((c) => c.startsWith(`${name}=`))!
        .split(';')[0]
        .slice(name.length + 1);
    const session = value('nst_admin');
    const csrf = value('nst_csrf');
    expect(set.find((c) => c.startsWith('nst_admin='))).toMatch(/HttpOnly/);
    expect(set.every((c) => /SameSite=Strict/.test(c) && /Path=\/admin/.test(c))).toBe(true);
    return { session, csrf, cookies: `nst_admin=${session}; nst_csrf=${csrf}` };
  }

  const board = '/admin/queues/api/queues';

  it('opens the queue board with the /admin session cookie, for admins only', async () => {
    const admin = await openSession(t.adminToken);
    expect((await t.http.get(board).set('Cookie', `nst_admin=${admin.session}`)).status).toBe(200);
    expect((await t.http.get(board).set(bearer(t.adminToken))).status).toBe(200);
    const manager = await openSession(managerToken);
    expectProblem(await t.http.get(board).set('Cookie', manager.cookies), 403);
    expectProblem(await t.http.get(board), 401);
    // One cookie name: the board's old access_token cookie opens nothing.
    expectProblem(await t.http.get(board).set('Cookie', `access_token=${t.adminToken}`), 401);
  });

  it('refuses a state-changing board request carried by the cookie alone, from another site or with no proof of origin', async () => {
    const { cookies, csrf } = await openSession(t.adminToken);
    const resume = () => t.http.put(`${board}/resume`).set('Cookie', cookies);
    expectProblem(await resume(), 403);
    expectProblem(await resume().set('Origin', 'https://evil.example'), 403);
    expectProblem(await resume().set('X-CSRF-Token', 'guessed-token-value-000000000000'), 403);
    expect((await resume().set('Origin', 'https://nst.vn')).status).toBeLessThan(300);
    expect((await resume().set('X-CSRF-Token', csrf)).status).toBeLessThan(300);
    // A bearer token is not sent by browsers on their own: no origin check.
    expect((await t.http.put(`${board}/resume`).set(bearer(t.adminToken))).status).toBeLessThan(300);
  });

  it('applies the same check to the API: a session cookie from another site changes nothing', async () => {
    const { cookies } = await openSession(t.adminToken);
    expectProblem(await t.http.post('/admin/session').set('Cookie', cookies).set('Origin', 'https://evil.example'), 403);
    expect((await t.http.post('/admin/session').set('Cookie', cookies).set('Origin', 'https://nst.vn')).status).toBe(204);
  });

  it('ends the cookie session with the token: a logout refuses it on the board at once', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ phone: '0900000001', password: 'admin-password-for-tests' });
    const { session } = await openSession(login.body.accessToken as string);
    expect((await t.http.get(board).set('Cookie', `nst_admin=${session}`)).status).toBe(200);
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: login.body.refreshToken }).expect(204);
    expectProblem(await t.http.get(board).set('Cookie', `nst_admin=${session}`), 401);
  });
});
