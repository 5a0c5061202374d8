import type { Page } from 'playwright-core';
import { bearer } from '../support/test-app';
import {
  AppServer,
  axeViolations,
  createFarmerAccount,
  cameraPhoto,
  describeWithChromium,
  eventually,
  FarmerAccount,
  logIn,
  openPhone,
  screenshot,
  startAppServer,
} from './support/phone';

jest.setTimeout(240_000);

const DAY_MS = 86_400_000;

/** DD/MM in Viet Nam's calendar (UTC+7, no daylight saving), as "an toàn thu hoạch từ DD/MM" reads. */
function dayMonth(ms: number): string {
  const vietnam = new Date(ms + 7 * 3_600_000);
  return `${String(vietnam.getUTCDate()).padStart(2, '0')}/${String(vietnam.getUTCMonth() + 1).padStart(2, '0')}`;
}

describeWithChromium('farm app: the farmer’s field diary, end to end', () => {
  let server: AppServer;
  let farmer: FarmerAccount;

  beforeAll(async () => {
    server = await startAppServer();
    farmer = await createFarmerAccount(server.t);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function expectAccessible(page: Page, name: string) {
    await screenshot(page, name);
    expect({ screen: name, violations: await axeViolations(page) }).toEqual({ screen: name, violations: [] });
  }

  it('home with plots and certificates; a spraying from the tile sets “an toàn thu hoạch từ”; a harvest inside the interval is stopped; a routine entry takes three taps', async () => {
    const { context, page } = await openPhone(server);
    try {
      await logIn(page, server.base, farmer);
      await page.getByRole('heading', { name: 'Vườn của tôi' }).waitFor();
      const cards = page.locator('li.card');
      await cards.first().waitFor();
      expect(await cards.count()).toBe(2);
      expect(await page.getByText(/Chứng nhận VietGAP còn hạn đến 30\/06\/2028/).count()).toBe(1);
      expect(await page.getByText('Chưa có chứng nhận').count()).toBe(1);
      expect(await page.getByText('Có thể thu hoạch').count()).toBe(2);
      await expectAccessible(page, 'farmer-home');

      // Spraying: tile, plot (first, the default), the pesticide from the cached table with its PHI, save.
      await page.getByRole('button', { name: 'Phun thuốc' }).click();
      await page.getByRole('heading', { name: 'Ghi: Phun thuốc' }).waitFor();
      const pesticide = page.getByLabel('Thuốc bảo vệ thực vật');
      const option = await pesticide.locator('option', { hasText: /cách ly 7 ngày/ }).first().getAttribute('value');
      await pesticide.selectOption(option ?? '');
      await page.getByText(/Thời gian cách ly: 7 ngày/).waitFor();
      await expectAccessible(page, 'farmer-entry-spraying');
      const sprayedAt = Date.now();
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByRole('heading', { name: 'Vườn của tôi' }).waitFor();
      await page.getByText(/Đã lưu “Phun thuốc”/).waitFor();
      // The server has it (sent at once, online), under the phone's id.
      const sprays = await eventually(() => diary(farmer.plotIds[0]), (items) => items.length > 0);
      expect(sprays).toHaveLength(1);
      const [spray] = sprays;
      expect(spray).toEqual(expect.objectContaining({ activity: 'spraying', details: expect.objectContaining({ phiDays: 7 }) }));
      await page.reload();
      await page.getByText(/An toàn thu hoạch từ/).waitFor();
      const safeText = await page.getByText(/An toàn thu hoạch từ/).textContent();
      const expected = [dayMonth(sprayedAt + 7 * DAY_MS), dayMonth(Date.parse(spray.occurredAt) + 7 * DAY_MS)];
      expect(expected).toContain(safeText!.replace('An toàn thu hoạch từ ', '').trim());
      await expectAccessible(page, 'farmer-home-after-spraying');

      // A harvest on that plot today is stopped, with the date it becomes safe.
      await page.getByRole('button', { name: 'Thu hoạch' }).click();
      await page.getByLabel('Sản lượng').fill('250');
      await page.getByText(/Chưa được thu hoạch vùng này/).waitFor();
      expect(await page.getByText(/Chưa được thu hoạch vùng này/).textContent()).toContain(safeText!.replace('An toàn thu hoạch từ ', '').trim());
      expect(await page.getByRole('button', { name: 'Lưu' }).isDisabled()).toBe(true);
      await expectAccessible(page, 'farmer-entry-harvest-stopped');
      // The other plot was not sprayed: 2,5 tạ harvested there is recorded in kilograms.
      await page.getByLabel('Vùng trồng').selectOption(farmer.plotIds[1]);
      await page.getByLabel('Đơn vị').selectOption('ta');
      await page.getByLabel('Sản lượng').fill('2,5');
      await page.getByText('250 kg (2,5 tạ)').waitFor();
      // A photo of the harvest, straight from the camera: shrunk on the phone before it is stored or sent.
      const original = await cameraPhoto();
      await page.getByLabel('Chụp ảnh thu hoạch (không bắt buộc)').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: original });
      await page.getByText(/Đã chụp ảnh \(\d+ KB\)/).waitFor();
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText(/Đã lưu “Thu hoạch”/).waitFor();
      const harvested = await eventually(batches, (items) => items.length > 0);
      expect(harvested).toHaveLength(1);
      expect(harvested[0]).toEqual(expect.objectContaining({ plotId: farmer.plotIds[1], quantity: 250, unit: 'kg' }));
      const photos = await eventually(
        async () => (await server.t.http.get(`/api/v1/batches/${harvested[0].id}/photos`).set(bearer(farmer.managerToken))).body as { width: number; height: number; bytes: number; kind: string }[],
        (items) => items.length > 0,
      );
      expect(photos).toEqual([expect.objectContaining({ kind: 'harvest', width: 1280, height: 960 })]);
      expect(photos[0].bytes).toBeLessThan(original.length / 4);

      // Routine entry: tile, then Lưu (plot and date default to the last entry) — within three taps.
      let taps = 0;
      const tap = async (name: string) => {
        taps += 1;
        await page.getByRole('button', { name, exact: true }).click();
      };
      await tap('Tưới');
      await page.getByText('Đã điền sẵn theo lần ghi trước.').waitFor();
      expect(await page.getByLabel('Vùng trồng').inputValue()).toBe(farmer.plotIds[1]);
      await expectAccessible(page, 'farmer-entry-watering');
      await tap('Lưu');
      await page.getByText(/Đã lưu “Tưới”/).waitFor();
      expect(taps).toBeLessThanOrEqual(3);
      const watered = await eventually(() => diary(farmer.plotIds[1]), (items) => items.length > 0);
      expect(watered.map((a) => a.activity)).toEqual(['watering']);

      // Packing the lot just harvested.
      await page.getByRole('button', { name: 'Đóng gói' }).click();
      await page.getByLabel('Lô thu hoạch').waitFor();
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText(/Đã lưu “Đóng gói”/).waitFor();
      const batchId = harvested[0].id;
      const steps = await eventually(
        async () => {
          const res = await server.t.http.get(`/api/v1/batches/${batchId}`).set(bearer(farmer.managerToken));
          return (res.body.events as { bizStep: string }[]).map((e) => e.bizStep);
        },
        (found) => found.includes('packing'),
      );
      expect(steps).toEqual(['packing']);

      // The plot screen and the outbox list are accessible too.
      await page.getByRole('button', { name: /Xem vùng/ }).first().click();
      await page.getByText('Nhật ký vùng trồng').waitFor();
      await expectAccessible(page, 'farmer-plot');
      await page.goto(`${server.base}/app/outbox`);
      await page.getByRole('heading', { name: 'Dữ liệu chờ gửi' }).waitFor();
      await expectAccessible(page, 'farmer-outbox');
    } finally {
      await context.close();
    }
  });

  it('works at 200 % text size: every screen still passes axe and nothing needs sideways scrolling', async () => {
    const { context, page } = await openPhone(server, { textScale: 2 });
    try {
      await logIn(page, server.base, farmer);
      await page.getByRole('heading', { name: 'Vườn của tôi' }).waitFor();
      for (const [path, name] of [
        ['/app/farmer', 'farmer-home-200'],
        ['/app/farmer/entry/spraying', 'farmer-entry-spraying-200'],
        ['/app/farmer/entry/harvesting', 'farmer-entry-harvest-200'],
        ['/app/outbox', 'farmer-outbox-200'],
      ]) {
        await page.goto(`${server.base}${path}`);
        await page.locator('h1').waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate<string>('getComputedStyle(document.documentElement).fontSize')).toBe('32px');
        expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await expectAccessible(page, name);
      }
    } finally {
      await context.close();
    }
  });

  async function diary(plotId: string): Promise<{ id: string; activity: string; occurredAt: string; details: Record<string, unknown> }[]> {
    const res = await server.t.http.get(`/api/v1/plots/${plotId}/activities`).set(bearer(farmer.managerToken));
    return res.body.items;
  }
  async function batches(): Promise<{ id: string; plotId: string; quantity: number; unit: string }[]> {
    const res = await server.t.http.get(`/api/v1/batches?householdId=${farmer.householdId}`).set(bearer(farmer.managerToken));
    return res.body.items;
  }
});
