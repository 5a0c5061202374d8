import {
  AppServer,
  axeViolations,
  createFarmerAccount,
  describeWithChromium,
  FarmerAccount,
  logIn,
  openPhone,
  screenshot,
  startAppServer,
} from './support/phone';

jest.setTimeout(180_000);

describeWithChromium('farm app: logging in on a phone', () => {
  let server: AppServer;
  let farmer: FarmerAccount;

  beforeAll(async () => {
    server = await startAppServer();
    farmer = await createFarmerAccount(server.t);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows the login in Vietnamese, refuses a wrong password with the reason, then opens the farmer home and keeps the session', async () => {
    const { context, page } = await openPhone(server);
    try {
      await page.goto(`${server.base}/`);
      expect(new URL(page.url()).pathname).toBe('/app/');
      await expect(page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()).resolves.toBeUndefined();
      expect(await page.evaluate<string>('document.documentElement.lang')).toBe('vi');
      await screenshot(page, 'login');
      expect(await axeViolations(page)).toEqual([]);

      await logIn(page, server.base, { phone: farmer.phone, password: 'not-the-password' });
      const refusal = page.getByRole('alert');
      await refusal.waitFor();
      // The server's own problem detail, in Vietnamese (Accept-Language from the chosen language).
      expect(await refusal.textContent()).toMatch(/mật khẩu/i);
      await screenshot(page, 'login-refused');

      await logIn(page, server.base, farmer);
      await page.getByRole('heading', { name: 'Vườn của tôi' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/farmer');

      // The session lives on the device: a reload (or a restart) needs no second login.
      await page.reload();
      await page.getByRole('heading', { name: 'Vườn của tôi' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Đăng nhập' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
