import { bearer } from '../support/test-app';
import {
  AppServer,
  axeViolations,
  cameraPhoto,
  createFarmerAccount,
  describeWithChromium,
  eventually,
  FarmerAccount,
  logIn,
  openPhone,
  screenshot,
  startAppServer,
} from './support/phone';

jest.setTimeout(240_000);

describeWithChromium('farm app: a stale edit, the shared-phone PIN, English', () => {
  let server: AppServer;
  let farmer: FarmerAccount;

  beforeAll(async () => {
    server = await startAppServer();
    farmer = await createFarmerAccount(server.t);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a GPS position taken on a plot another phone changed meanwhile (412) shows both versions; keeping mine sends it', async () => {
    const { context, page } = await openPhone(server);
    try {
      await context.grantPermissions(['geolocation'], { origin: server.base });
      await context.setGeolocation({ latitude: 20.912345, longitude: 106.456789 });
      await logIn(page, server.base, farmer);
      await page.getByRole('button', { name: /Xem vùng/ }).first().click();
      await page.getByText('Nhật ký vùng trồng').waitFor();
      const plotId = new URL(page.url()).pathname.split('/').pop()!;
      // The co-op corrects the plot's position from the office while the farmer is in the field.
      const edit = await server.t.http.patch(`/api/v1/plots/${plotId}`).set(bearer(farmer.managerToken)).send({ latitude: 20.5, longitude: 106.1 });
      expect(edit.status).toBe(200);

      await page.getByRole('button', { name: 'Lấy toạ độ từ điện thoại' }).click();
      await page.getByText(/Đã lưu toạ độ mới/).waitFor();
      await page.getByRole('button', { name: /1 mục bị từ chối/ }).click();
      await page.getByText('Người khác đã sửa bản ghi này trước bạn. Chọn bản muốn giữ:').waitFor();
      const mine = page.getByRole('region', { name: 'Bản của bạn' });
      const theirs = page.getByRole('region', { name: 'Bản trên máy chủ' });
      expect(await page.getByRole('heading', { name: /^Toạ độ vùng VN-HD-\d{6}$/ }).count()).toBe(1);
      expect(await mine.textContent()).toContain('20,912345');
      expect(await theirs.textContent()).toContain('20,5');
      await screenshot(page, 'outbox-412-both-versions');
      expect(await axeViolations(page)).toEqual([]);

      await mine.getByRole('button', { name: 'Giữ bản của tôi' }).click();
      const plot = await eventually(
        async () => (await server.t.http.get(`/api/v1/plots/${plotId}`).set(bearer(farmer.managerToken))).body as { latitude: number; longitude: number },
        (p) => p.latitude !== 20.5,
      );
      expect(plot).toEqual(expect.objectContaining({ latitude: 20.912345, longitude: 106.456789 }));
    } finally {
      await context.close();
    }
  });

  it('a photo of the paper certificate is shrunk on the phone and reaches the plot', async () => {
    const { context, page } = await openPhone(server);
    try {
      await logIn(page, server.base, farmer);
      await page.getByRole('button', { name: /Xem vùng/ }).first().click();
      await page.getByText('Nhật ký vùng trồng').waitFor();
      const plotId = new URL(page.url()).pathname.split('/').pop()!;
      const original = await cameraPhoto();
      await page.getByLabel('Chụp ảnh giấy chứng nhận').setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: original });
      await page.getByText(/Đã lưu ảnh \(\d+ KB\)/).waitFor();
      await screenshot(page, 'farmer-plot-photo');
      expect(await axeViolations(page)).toEqual([]);
      const photos = await eventually(
        async () => (await server.t.http.get(`/api/v1/plots/${plotId}/photos`).set(bearer(farmer.managerToken))).body as { width: number; height: number; bytes: number; kind: string }[],
        (items) => items.length > 0,
      );
      expect(photos).toEqual([expect.objectContaining({ kind: 'certificate', width: 1280, height: 960, contentType: 'image/jpeg' })]);
      expect(photos[0].bytes).toBeLessThan(original.length / 4);
    } finally {
      await context.close();
    }
  });

  it('a shared phone locked with a PIN shows nothing of the farmer until the right PIN; English is one tap away', async () => {
    const { context, page } = await openPhone(server);
    try {
      await logIn(page, server.base, farmer);
      await page.getByRole('heading', { name: 'Vườn của tôi' }).waitFor();
      await page.getByRole('button', { name: 'Cài đặt' }).click();
      await page.getByLabel('Mã PIN mới (4–8 chữ số)').fill('12');
      await page.getByRole('button', { name: 'Đặt mã PIN cho máy dùng chung' }).click();
      await page.getByText('Mã PIN gồm 4 đến 8 chữ số.').waitFor();
      await page.getByLabel('Mã PIN mới (4–8 chữ số)').fill('2468');
      await page.getByRole('button', { name: 'Đặt mã PIN cho máy dùng chung' }).click();
      await page.getByText(/Đã đặt mã PIN/).waitFor();
      await page.getByRole('button', { name: 'Khoá máy' }).click();
      await page.getByRole('heading', { name: 'Máy đang khoá' }).waitFor();
      expect(await page.getByText('Vườn của tôi').count()).toBe(0);
      await screenshot(page, 'pin-locked');
      expect(await axeViolations(page)).toEqual([]);
      // Reopening the app keeps it locked.
      await page.reload();
      await page.getByRole('heading', { name: 'Máy đang khoá' }).waitFor();
      await page.getByLabel('Nhập mã PIN').fill('1111');
      await page.getByRole('button', { name: 'Mở khoá' }).click();
      await page.getByText('Mã PIN không đúng.').waitFor();
      await page.getByLabel('Nhập mã PIN').fill('2468');
      await page.getByRole('button', { name: 'Mở khoá' }).click();
      // Back where the phone was locked (the settings), then home.
      await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
      await page.getByRole('link', { name: 'Nông sản – Nhật ký' }).click();
      await page.getByRole('heading', { name: 'Vườn của tôi' }).waitFor();

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'My plots' }).waitFor();
      expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
      expect(await page.getByRole('button', { name: 'Spraying' }).count()).toBe(1);
      await screenshot(page, 'farmer-home-english');
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByRole('heading', { name: 'Vườn của tôi' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
