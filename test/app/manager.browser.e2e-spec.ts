import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startMockMarketplaces } from '../../tools/mock-marketplaces';
import { launchChromium } from '../support/browser';
import { createCooperative, login, nextPhone } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { axeViolations, describeWithChromium, logIn, screenshot, SCREENSHOTS } from './support/phone';
import { ensureWebBuild } from './support/web-build';

jest.setTimeout(300_000);

const KEYS = {
  SHOPEE_PARTNER_ID: '2005678',
  SHOPEE_PARTNER_KEY: 'e2e-app-manager-shopee-key',
  SHOPEE_SHOP_ID: '8005678',
  SHOPEE_ACCESS_TOKEN: 'e2e-app-manager-shopee-token',
  LAZADA_APP_KEY: '567890',
  LAZADA_APP_SECRET: 'e2e-app-manager-lazada-secret',
  LAZADA_ACCESS_TOKEN: 'e2e-app-manager-lazada-token',
  TIKI_CLIENT_ID: 'e2e-app-manager-tiki',
  TIKI_CLIENT_SECRET: 'e2e-app-manager-tiki-secret',
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** YYYY-MM-DD in Viet Nam, `offset` days from today. */
function vietnamDay(offset = 0): string {
  return new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The co-op manager's whole job on a 360×740 phone, against the real service with its workers (labels are
 * rendered, listings pushed to the mock marketplaces): households, plots and certificates, products, a batch,
 * a label run, a listing, a recall. One phone walks through the steps in order, as the manager would.
 */
describeWithChromium('farm app: the co-op manager on a phone', () => {
  let t: TestApp;
  let mock: Awaited<ReturnType<typeof startMockMarketplaces>>;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const manager = { phone: nextPhone(), password: 'manager-password' };
  let managerToken: string;
  let householdId: string;

  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  async function checked(name: string): Promise<void> {
    await screenshot(page, `manager-${name}`);
    expect(await axeViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ensureWebBuild();
    mock = await startMockMarketplaces({ keys: KEYS, reviewDelayMs: 300, webhookBaseUrl: 'http://127.0.0.1:1' }, 0);
    const port = await freePort();
    t = await startTestApp(
      {
        ...KEYS,
        LOGIN_RATE_LIMIT_PER_MINUTE: '0',
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        STORAGE_DIR: `/tmp/nst-app-manager-${process.pid}`,
        MOCK_MARKETPLACES_PORT: '0',
        SHOPEE_BASE_URL: `${mock.url}/shopee`,
        LAZADA_BASE_URL: `${mock.url}/lazada/rest`,
        TIKI_BASE_URL: `${mock.url}/tiki`,
        MARKETPLACE_REVIEW_POLL_MS: '150',
        MARKETPLACE_BACKOFF_MS: '50',
        SYNC_RELAY_INTERVAL_MS: '50',
        LISTING_UPDATE_DELAY_MS: '200',
      },
      'all',
    );
    await t.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
    const cooperativeId = await createCooperative(t, 'HTX Nông nghiệp Thanh Hà');
    const created = await t.http
      .post('/api/v1/users')
      .set(bearer(t.adminToken))
      .send({ ...manager, role: 'coop_manager', cooperativeId });
    expect(created.status).toBe(201);
    managerToken = await login(t, manager.phone, manager.password);
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      acceptDownloads: true,
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
    await mock?.close();
  });

  it('logs in to the co-op home in Vietnamese', async () => {
    await logIn(page, base, manager);
    await heading('Hợp tác xã').waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/manager');
    await page.getByText('Không có chứng nhận nào hết hạn trong 30 ngày tới.').waitFor();
    await checked('home');
  });

  it('adds a household and finds it again without typing the diacritics', async () => {
    await page.getByRole('link', { name: 'Hộ thành viên' }).click();
    await heading('Hộ thành viên').waitFor();
    await page.getByRole('button', { name: 'Thêm hộ' }).click();
    await heading('Thêm hộ thành viên').waitFor();
    await page.getByLabel('Họ tên chủ hộ').fill('Nguyễn Thị Lành');
    await page.getByLabel('Số điện thoại').fill(nextPhone());
    await page.getByLabel('Số CCCD/CMND').fill('030088009876');
    await page.getByLabel('Tỉnh/Thành phố').fill('Hải Phòng');
    await page.getByLabel('Xã/Phường').fill('Thanh Hà');
    await page.getByLabel('Đã tập huấn kỹ năng số').check();
    await checked('household-form');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await heading('Nguyễn Thị Lành').waitFor();
    householdId = new URL(page.url()).pathname.split('/').pop()!;
    // The national ID is shown masked, never in full.
    await page.getByText('********9876').waitFor();
    await checked('household');

    await page.getByRole('button', { name: /Quay lại/ }).click();
    await heading('Hộ thành viên').waitFor();
    await page.getByLabel('Tìm theo tên hoặc số điện thoại').fill('nguyen thi lanh');
    await page.getByRole('link', { name: 'Nguyễn Thị Lành' }).waitFor();
    await page.getByLabel('Tìm theo tên hoặc số điện thoại').fill('khong co ai');
    await page.getByText('Không tìm thấy hộ nào với “khong co ai”.').waitFor();
    await checked('households-search');
  });

  it('shows both versions when another phone saved the household first, and keeps the one chosen', async () => {
    await page.goto(`${base}/app/manager/households/${householdId}/edit`);
    await heading('Sửa thông tin hộ').waitFor();
    await page.getByLabel('Họ tên chủ hộ').fill('Nguyễn Thị Lành (Út)');
    const other = await t.http.patch(`/api/v1/households/${householdId}`).set(bearer(managerToken)).send({ headName: 'Nguyễn T. Lành' });
    expect(other.status).toBe(200);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await heading('Có người vừa sửa hồ sơ này').waitFor();
    await page.getByText('Nguyễn T. Lành', { exact: true }).waitFor();
    await page.getByText('Nguyễn Thị Lành (Út)', { exact: true }).waitFor();
    await checked('household-conflict');
    await page.getByRole('button', { name: 'Giữ bản của tôi' }).click();
    await heading('Nguyễn Thị Lành (Út)').waitFor();
    const saved = await t.http.get(`/api/v1/households/${householdId}`).set(bearer(managerToken));
    expect(saved.body.headName).toBe('Nguyễn Thị Lành (Út)');
  });

  it('imports households from a CSV file and reports the refused line with its reason', async () => {
    await page.goto(`${base}/app/manager/households/import`);
    await heading('Nhập hộ từ tệp CSV').waitFor();
    const csv = [
      'Họ và tên;Số điện thoại;CCCD;Tỉnh/Thành phố;Xã/Phường;Quận/Huyện;Đã tập huấn;Ghi chú',
      `Trần Văn Bình;${nextPhone()};;Hải Phòng;Thanh Hà;;Có;`,
      'Lê Văn Cường;12;;Hải Phòng;Thanh Hà;;Không;số sai',
    ].join('\n');
    await page.getByLabel('Tệp CSV').setInputFiles({ name: 'ho-thanh-vien.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Gửi tệp' }).click();
    await page.getByText('Đã thêm 1 hộ; 1 dòng chưa nhập được.').waitFor();
    await heading('Dòng 3').waitFor();
    await page.getByText('Các cột không dùng: Ghi chú').waitFor();
    expect(await page.locator('li', { has: heading('Dòng 3') }).textContent()).toMatch(/phone/);
    await checked('import-report');
  });

  it('adds a plot with a certificate ending in 20 days, verifies it and sees the expiry alert', async () => {
    await page.goto(`${base}/app/manager/households/${householdId}`);
    await page.getByRole('button', { name: 'Thêm vùng trồng' }).click();
    await heading('Thêm vùng trồng').waitFor();
    await page.getByLabel('Mã số vùng trồng').fill('VN-HDOR-0777');
    await page.getByLabel('Cây trồng').fill('Vải thiều');
    await page.getByLabel('Diện tích (ha)').fill('0,8');
    await page.getByLabel('Vĩ độ').fill('20.87');
    await page.getByLabel('Kinh độ').fill('106.43');
    await page.getByLabel('Số chứng nhận').fill('VietGAP-TT-14-05-30-0777');
    await page.getByLabel('Có hiệu lực đến').fill(vietnamDay(20));
    await checked('plot-form');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await heading('VN-HDOR-0777 · Vải thiều').waitFor();
    await page.getByText('Sắp hết hạn').first().waitFor();
    // Entered by the manager: checked already. A farmer's own certificate waits for the manager to verify it.
    await page.getByText('Đã kiểm tra', { exact: true }).waitFor();
    const plotId = new URL(page.url()).pathname.split('/').pop()!;
    const farmer = { phone: nextPhone(), password: 'farmer-password' };
    expect((await t.http.post('/api/v1/users').set(bearer(managerToken)).send({ ...farmer, role: 'farmer', householdId })).status).toBe(201);
    const byFarmer = await t.http
      .post(`/api/v1/plots/${plotId}/certifications`)
      .set(bearer(await login(t, farmer.phone, farmer.password)))
      .send({ scheme: 'GlobalGAP', number: 'GGN-4063061000777', validUntil: vietnamDay(200) });
    expect(byFarmer.status).toBe(201);
    await page.reload();
    await page.getByText('Chưa kiểm tra', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Xác nhận đã kiểm tra' }).click();
    await page.getByRole('button', { name: 'Xác nhận đã kiểm tra' }).waitFor({ state: 'detached' });
    expect(await page.getByText('Chưa kiểm tra', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Đã kiểm tra', { exact: true }).count()).toBe(2);
    await checked('plot');

    await page.goto(`${base}/app/manager`);
    await heading('Hết hạn trong 30 ngày (1)').waitFor();
    await page.getByRole('link', { name: 'VN-HDOR-0777 · Vải thiều' }).waitFor();
    await checked('home-alerts');
  });

  it('renews the certificate from its alert, and the alert goes away', async () => {
    await page.getByRole('link', { name: 'VN-HDOR-0777 · Vải thiều' }).click();
    await heading('VN-HDOR-0777 · Vải thiều').waitFor();
    await page.locator('li.card', { hasText: 'VietGAP-TT-14-05-30-0777' }).getByRole('button', { name: 'Gia hạn' }).click();
    await heading('Gia hạn chứng nhận VietGAP-TT-14-05-30-0777').waitFor();
    await page.getByLabel('Số chứng nhận').fill('VietGAP-TT-14-05-30-0778');
    await page.getByLabel('Ngày cấp').fill(vietnamDay(0));
    await page.getByLabel('Có hiệu lực đến').fill(vietnamDay(700));
    await checked('certificate-renew');
    await page.getByRole('button', { name: 'Lưu gia hạn' }).click();
    await page.getByText('Đã lưu chứng nhận.').waitFor();
    await page.locator('li.card', { hasText: 'VietGAP-TT-14-05-30-0778' }).getByText('Còn hiệu lực').waitFor();
    await page.goto(`${base}/app/manager`);
    await page.getByText('Không có chứng nhận nào hết hạn trong 30 ngày tới.').waitFor();
  });

  it('adds a product', async () => {
    await page.getByRole('link', { name: 'Sản phẩm' }).click();
    await heading('Sản phẩm').waitFor();
    await page.getByRole('button', { name: 'Thêm sản phẩm' }).click();
    await page.getByLabel('Tên sản phẩm').fill('Vải thiều Thanh Hà hộp 2 kg');
    await page.getByLabel('Đơn vị bán').selectOption({ label: 'thùng' });
    await page.getByLabel('Khối lượng một gói (kg)').fill('2');
    await checked('product-form');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await heading('Vải thiều Thanh Hà hộp 2 kg').waitFor();
    await checked('products');
  });

  let batchPath: string;
  it('registers a harvest batch and opens it with its food-safety state', async () => {
    await page.goto(`${base}/app/manager/batches`);
    await page.getByRole('button', { name: 'Thêm lô thu hoạch' }).click();
    await heading('Thêm lô thu hoạch').waitFor();
    await page.getByLabel('Sản phẩm').selectOption({ label: 'Vải thiều Thanh Hà hộp 2 kg' });
    const household = await page.locator('option', { hasText: 'Nguyễn Thị Lành' }).getAttribute('value');
    await page.getByLabel('Hộ thu hoạch').selectOption(household);
    await page.locator('option', { hasText: 'VN-HDOR-0777' }).waitFor({ state: 'attached' });
    await page.getByLabel('Vùng trồng').selectOption({ label: 'VN-HDOR-0777 · Vải thiều' });
    await page.getByLabel('Sản lượng').fill('100');
    await checked('batch-form');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('heading', { name: /^Lô / }).waitFor();
    batchPath = new URL(page.url()).pathname;
    await page.getByText('An toàn', { exact: true }).waitFor();
    await heading('Nhật ký canh tác').waitFor();
    await checked('batch');
  });

  it('prints labels: the run shows its progress, finishes, downloads as PDF and previews one label', async () => {
    await page.getByLabel('Số tem').fill('5');
    await page.getByRole('button', { name: 'Bắt đầu in' }).click();
    await heading('Đợt in tem').waitFor();
    await page.getByRole('progressbar').waitFor();
    const download = page.getByRole('button', { name: 'Tải tệp PDF' });
    await download.waitFor({ timeout: 120_000 });
    expect(await page.getByRole('progressbar').getAttribute('value')).toBe('100');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^tem-.+\.pdf$/);
    await page.getByRole('button', { name: 'Xem thử một tem' }).click();
    const preview = page.getByRole('img', { name: /^Tem số / });
    await preview.waitFor();
    // The image really decoded (an error page or an empty blob has no width).
    for (let i = 0; !(await preview.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0)); i++) {
      if (i > 100) throw new Error('the label preview did not load');
      await new Promise((r) => setTimeout(r, 100));
    }
    await checked('label-run');
  });

  let listingPath: string;
  it('lists the batch on Lazada, Tiki and Shopee; a refusal shows the platform reason and is retried', async () => {
    const reject = await fetch(`${mock.url}/_mock/tiki/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rejectTitlesMatching: 'Thanh Hà' }),
    });
    expect(reject.ok).toBe(true);
    await page.goto(`${base}${batchPath}`);
    await page.getByRole('button', { name: 'Đăng bán lô này' }).click();
    await heading('Đăng bán trên sàn').waitFor();
    await page.getByLabel('Tiêu đề tin').fill('Vải thiều Thanh Hà loại 1');
    await page.getByLabel('Mô tả').fill('Vải thiều VietGAP, hộp 2 kg, hái trong ngày.');
    await page.getByLabel('Giá bán (đồng)').fill('85000');
    await page.getByLabel('Số lượng còn').fill('40');
    await checked('listing-form');
    await page.getByRole('button', { name: 'Đăng bán' }).click();
    await heading('Vải thiều Thanh Hà loại 1').waitFor();
    listingPath = new URL(page.url()).pathname;
    await page.getByText('Lazada: đang bán').waitFor({ timeout: 60_000 });
    await page.getByText('Shopee: đang bán').waitFor({ timeout: 60_000 });
    await page.getByText('Tiki: sàn từ chối').waitFor({ timeout: 60_000 });
    await page.getByText('Lý do sàn đưa ra:').waitFor();
    await checked('listing-rejected');

    await fetch(`${mock.url}/_mock/tiki/faults`, { method: 'DELETE' });
    await page.getByRole('button', { name: 'Gửi lại' }).click();
    await page.getByText('Tiki: đang bán').waitFor({ timeout: 60_000 });

    await page.getByLabel('Giá bán (đồng)').fill('90000');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu. Thay đổi đang được gửi lên từng sàn.').waitFor();
    await page.getByText('90.000 ₫').waitFor();
    await checked('listing');
  });

  it('recalls the batch after a confirmation that says what will happen', async () => {
    await page.goto(`${base}${batchPath}`);
    // The batch lists its print run, with its state.
    await page.getByRole('link', { name: /^5 tem PDF, / }).waitFor();
    await page.getByText('· Đã xong').waitFor();
    await page.getByRole('button', { name: 'Thu hồi lô này…' }).click();
    await page.getByText('5 tem đang dùng sẽ hiện “đã thu hồi” kèm lý do khi người mua quét.').waitFor();
    await page.getByText('1 tin đăng bán từ lô này sẽ bị gỡ trên Lazada, Tiki, Shopee.').waitFor();
    await page.getByText('Không hoàn tác được.', { exact: false }).first().waitFor();
    await page.getByLabel('Lý do thu hồi').fill('Phát hiện dư lượng thuốc vượt mức cho phép');
    await checked('recall-confirm');
    await page.getByRole('button', { name: /^Thu hồi lô / }).click();
    await page.getByText(/Đã thu hồi: 5 tem bị huỷ, 1 tin đăng được gỡ/).waitFor();
    await page.getByText('Đã thu hồi', { exact: true }).waitFor();
    await checked('recalled');

    const batchId = batchPath.split('/').pop()!;
    const batch = await t.http.get(`/api/v1/batches/${batchId}`).set(bearer(managerToken));
    expect(batch.body.status).toBe('recalled');
    await page.goto(`${base}${listingPath}`);
    await page.getByText('Lazada: đã gỡ').waitFor({ timeout: 60_000 });
  });

  it('releases a held batch with a reason, voids a misprinted label run and delists a listing', async () => {
    const products = await t.http.get('/api/v1/products').set(bearer(managerToken));
    const productId = (products.body.items as { id: string }[])[0].id;
    const held = await t.http
      .post('/api/v1/batches')
      .set(bearer(managerToken))
      .send({ productId, householdId, harvestedAt: `${vietnamDay(-1)}T07:00:00+07:00`, quantity: 50, unit: 'kg' });
    expect(held.status).toBe(201);
    const spray = await t.http
      .post(`/api/v1/batches/${held.body.id}/events`)
      .set(bearer(managerToken))
      .send({ bizStep: 'spraying', occurredAt: `${vietnamDay(-3)}T07:00:00+07:00`, details: { pesticide: 'Thuốc thử', phiDays: 14 } });
    expect(spray.status).toBe(201);

    await page.goto(`${base}/app/manager/batches/${held.body.id}`);
    await page.getByText('Tạm giữ: thu hoạch trong thời gian cách ly').waitFor();
    await page.getByText('Lô đang bị tạm giữ vì an toàn thực phẩm: chưa in tem được.').waitFor();
    await page.getByText(/^Phun Thuốc thử ngày .+ thời gian cách ly 14 ngày/).waitFor();
    await checked('batch-held');
    await page.getByLabel('Lý do cho phép bán').fill('Mẫu kiểm dư lượng đạt, phiếu số 12/2026');
    await page.getByRole('button', { name: 'Cho phép bán lô này' }).click();
    await page.getByText('Đã cho phép bán (có lý do)').waitFor();
    await page.getByText(/Lý do: Mẫu kiểm dư lượng đạt, phiếu số 12\/2026/).waitFor();

    await page.getByLabel('Số tem').fill('3');
    await page.getByRole('button', { name: 'Bắt đầu in' }).click();
    await page.getByRole('button', { name: 'Tải tệp PDF' }).waitFor({ timeout: 120_000 });
    const runId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('button', { name: 'Huỷ cả đợt tem' }).click();
    await page.getByText('Cả 3 tem của đợt này sẽ bị huỷ', { exact: false }).waitFor();
    await page.getByLabel('Lý do huỷ').fill('In lệch khổ giấy');
    await checked('label-run-void');
    await page.getByRole('button', { name: 'Huỷ các tem này' }).click();
    await page.getByText('Đã huỷ các tem của đợt này.').waitFor();
    const labels = await t.http.get(`/api/v1/labels?labelRunId=${runId}`).set(bearer(managerToken));
    expect((labels.body.items as { status: string }[]).map((l) => l.status)).toEqual(['voided', 'voided', 'voided']);

    const listing = await t.http
      .post('/api/v1/listings')
      .set(bearer(managerToken))
      .send({ productId, batchId: held.body.id, title: 'Vải thiều lô sau', description: 'Hộp 2 kg', price: 50000, stock: 10, channels: ['shopee'] });
    expect(listing.status).toBe(201);
    await page.goto(`${base}/app/manager/listings/${listing.body.id}`);
    await page.getByText('Shopee: đang bán').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Gỡ khỏi tất cả các sàn' }).click();
    await page.getByText('Tin sẽ bị gỡ trên: Shopee.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Gỡ tin' }).click();
    await page.getByText('Shopee: đã gỡ').waitFor({ timeout: 60_000 });
    await checked('listing-delisted');
  });

  it('works at 200 % text size: no screen wider than the phone, no axe violations', async () => {
    const large = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    try {
      page = await large.newPage();
      await page.addInitScript(`document.addEventListener('DOMContentLoaded', () => { document.documentElement.style.fontSize = '200%'; });`);
      await logIn(page, base, manager);
      await heading('Hợp tác xã').waitFor();
      for (const [path, title] of [
        ['/manager', 'Hợp tác xã'],
        ['/manager/households', 'Hộ thành viên'],
        ['/manager/plots', 'Vùng trồng'],
        ['/manager/products', 'Sản phẩm'],
        ['/manager/batches', 'Lô hàng'],
        ['/manager/listings', 'Bán trên sàn'],
        [batchPath.replace('/app', ''), null],
        [listingPath.replace('/app', ''), 'Vải thiều Thanh Hà loại 1'],
      ] as const) {
        await page.goto(`${base}/app${path}`);
        if (title) await heading(title).waitFor();
        else await page.getByRole('heading', { name: /^Lô / }).waitFor();
        await page.locator('[role="status"]', { hasText: 'Đang tải…' }).waitFor({ state: 'detached' });
        const wide = await page.evaluate<string[]>(
          `Array.from(document.querySelectorAll('main *')).filter((e) => !(e instanceof SVGElement) && e.scrollWidth > e.clientWidth + 1).map((e) => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))`,
        );
        expect(wide).toEqual([]);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
        await checked(`200${path.replace(/\/[0-9a-f-]{36}/, '').replace(/\//g, '-')}`);
      }
    } finally {
      await large.close();
    }
  });
});
