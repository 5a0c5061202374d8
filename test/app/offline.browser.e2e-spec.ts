import type { Page } from 'playwright-core';
import { bearer } from '../support/test-app';
import { startDroppingProxy } from './support/dropping-proxy';
import {
  AppServer,
  createFarmerAccount,
  describeWithChromium,
  eventually,
  FarmerAccount,
  logIn,
  openPhone,
  screenshot,
  startAppServer,
  waitInPage,
} from './support/phone';

jest.setTimeout(240_000);

describeWithChromium('farm app: offline, the outbox never loses or duplicates', () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function activities(farmer: FarmerAccount, plotId: string): Promise<{ id: string; activity: string }[]> {
    const res = await server.t.http.get(`/api/v1/plots/${plotId}/activities`).set(bearer(farmer.managerToken));
    return res.body.items;
  }

  /** Logs in and waits until the service worker controls the page (the shell is cached). */
  async function readyOffline(page: Page, base: string, farmer: FarmerAccount): Promise<void> {
    await logIn(page, base, farmer);
    await page.locator('li.card').first().waitFor();
    await waitInPage(page, 'navigator.serviceWorker.controller !== null');
    // The lists the entry forms need are fetched in the background after the home screen: wait until they are kept.
    await waitInPage(
      page,
      `new Promise((done) => { const open = indexedDB.open('nongsan-app'); open.onsuccess = () => { const keys = open.result.transaction('cache').objectStore('cache').getAllKeys(); keys.onsuccess = () => { open.result.close(); done(['/api/v1/pesticides', '/api/v1/products', '/api/v1/batches'].every((path) => keys.result.some((key) => String(key).includes(path)))); }; }; })`,
    );
  }

  async function quickEntry(page: Page, tile: string): Promise<void> {
    await page.getByRole('button', { name: tile, exact: true }).click();
    await page.getByRole('heading', { name: `Ghi: ${tile}` }).waitFor();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText(new RegExp(`Đã lưu “${tile}”`)).waitFor();
  }

  it('three entries made offline survive a reload and arrive exactly once when the phone is back online', async () => {
    const farmer = await createFarmerAccount(server.t);
    const { context, page } = await openPhone(server);
    try {
      await readyOffline(page, server.base, farmer);
      await context.setOffline(true);
      await quickEntry(page, 'Tưới');
      await quickEntry(page, 'Tỉa cành');
      await quickEntry(page, 'Bón phân');
      await page.getByText('Sẽ tự gửi khi có mạng.', { exact: false }).waitFor();
      await page.getByRole('button', { name: '3 mục chờ gửi' }).waitFor();
      // The pesticide table was kept on the phone at the first visit: a spraying form works offline too.
      await page.getByRole('button', { name: 'Phun thuốc', exact: true }).click();
      await page.getByLabel('Thuốc bảo vệ thực vật').locator('option').nth(5).waitFor({ state: 'attached' });
      await page.getByRole('button', { name: /Quay lại/ }).click();

      // Offline reload: the shell comes from the service worker, the records from IndexedDB.
      await page.reload();
      await page.getByRole('heading', { name: 'Vườn của tôi' }).waitFor();
      await page.getByRole('button', { name: '3 mục chờ gửi' }).click();
      await page.getByRole('heading', { name: 'Dữ liệu chờ gửi' }).waitFor();
      expect(await page.locator('li.card[data-state="waiting"]').count()).toBe(3);
      await screenshot(page, 'offline-outbox-waiting');
      expect(await activities(farmer, farmer.plotIds[0])).toEqual([]);

      await context.setOffline(false);
      const arrived = await eventually(
        () => activities(farmer, farmer.plotIds[0]),
        (items) => items.length >= 3,
      );
      await page.locator('li.card[data-state="sent"]').nth(2).waitFor();
      expect(await page.locator('li.card[data-state="waiting"]').count()).toBe(0);
      expect(await page.getByRole('button', { name: /mục chờ gửi/ }).count()).toBe(0);
      await screenshot(page, 'offline-outbox-sent');
      // Exactly once each: a second flush (the button, a later reload) changes nothing.
      await page.reload();
      await page.getByRole('heading', { name: 'Dữ liệu chờ gửi' }).waitFor();
      const after = await activities(farmer, farmer.plotIds[0]);
      expect(after).toHaveLength(3);
      expect(new Set(after.map((a) => a.id)).size).toBe(3);
      expect(after.map((a) => a.activity).sort()).toEqual(['fertilizing', 'pruning', 'watering']);
      expect(arrived.map((a) => a.id).sort()).toEqual(after.map((a) => a.id).sort());
    } finally {
      await context.close();
    }
  });

  it('a write the service committed but whose answer was lost is sent again and still makes one record', async () => {
    const farmer = await createFarmerAccount(server.t);
    const proxy = await startDroppingProxy(server.base);
    const { context, page } = await openPhone(server);
    try {
      await logIn(page, proxy.base, farmer);
      await page.locator('li.card').first().waitFor();
      proxy.dropNextAnswer((request) => request.method === 'POST' && /\/activities$/.test(request.url ?? ''));
      await quickEntry(page, 'Tưới');
      // The service has the record; the phone does not know it.
      const landed = await eventually(() => activities(farmer, farmer.plotIds[0]), (items) => items.length > 0);
      expect(landed).toHaveLength(1);
      expect(proxy.dropped).toBe(1);
      await page.goto(`${proxy.base}/app/outbox`);
      await page.getByRole('heading', { name: 'Dữ liệu chờ gửi' }).waitFor();
      const sendNow = page.getByRole('button', { name: 'Gửi ngay' });
      if (await sendNow.isEnabled()) await sendNow.click();
      await page.locator('li.card[data-state="sent"]').waitFor();
      const posts = proxy.seen.filter((line) => line.startsWith('POST') && line.endsWith('/activities'));
      expect(posts.length).toBeGreaterThanOrEqual(2);
      const after = await activities(farmer, farmer.plotIds[0]);
      expect(after).toHaveLength(1);
      expect(after[0].id).toBe(landed[0].id);
    } finally {
      await context.close();
      await proxy.close();
    }
  });

  it('a write the service refuses shows its reason in Vietnamese; logging out is refused until it is dealt with', async () => {
    const farmer = await createFarmerAccount(server.t);
    const { context, page } = await openPhone(server);
    try {
      await readyOffline(page, server.base, farmer);
      // Open the harvest form once online so the product list is on the phone.
      await page.getByRole('button', { name: 'Thu hoạch', exact: true }).click();
      await page.getByLabel('Sản phẩm').waitFor();
      await page.getByRole('button', { name: /Quay lại/ }).click();
      await context.setOffline(true);
      await page.getByRole('button', { name: 'Thu hoạch', exact: true }).click();
      await page.getByLabel('Vùng trồng').selectOption(farmer.plotIds[1]);
      await page.getByLabel('Sản lượng').fill('120');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText(/Đã lưu “Thu hoạch”/).waitFor();
      // Meanwhile the co-op withdraws the product.
      expect((await server.t.http.delete(`/api/v1/products/${farmer.productId}`).set(bearer(farmer.managerToken))).status).toBe(204);

      await context.setOffline(false);
      await page.getByRole('button', { name: /1 mục bị từ chối/ }).click();
      const refused = page.locator('li.card[data-state="refused"]');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('Bị từ chối');
      expect(await refused.getByRole('alert').textContent()).toMatch(/Lý do: Sản phẩm .* đã bị xoá \(lưu trữ\); không thể dùng cho lô hàng mới/);
      await screenshot(page, 'outbox-refused');

      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByText(/Chưa đăng xuất được: còn 1 mục chưa gửi/).waitFor();
      expect(await page.getByRole('heading', { name: 'Đăng nhập' }).count()).toBe(0);
      await screenshot(page, 'logout-refused');

      await refused.getByRole('button', { name: 'Bỏ mục này' }).click();
      await page.getByText('Không có gì chờ gửi. Mọi ghi chép đã lên máy chủ.').waitFor();
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      const batches = await server.t.http.get(`/api/v1/batches?householdId=${farmer.householdId}`).set(bearer(farmer.managerToken));
      expect(batches.body.items).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
