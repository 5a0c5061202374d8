import { DataSource } from 'typeorm';
import type { BrowserContext, Page } from 'playwright-core';
import { createBatch, createHousehold, createManager, createPlot, createProduct } from '../support/factories';
import { ADMIN_PASSWORD, ADMIN_PHONE, bearer, TestApp } from '../support/test-app';
import { AppServer, axeViolations, describeWithChromium, logIn, openPhone, screenshot, startAppServer } from './support/phone';

jest.setTimeout(240_000);

/** YYYY-MM-DD in Viet Nam, `offset` days from today. */
function vietnamDay(offset = 0): string {
  return new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

interface Coop {
  id: string;
  managerToken: string;
  batchId: string;
  lotCode: string;
  expiredPlotId: string;
}

/**
 * The province office's dashboard on a 360×740 phone: Vietnamese, labelled charts, filters by province,
 * commune and co-op that change what is shown, food-safety flags that open their record.
 */
describeWithChromium('farm app: the province office dashboard on a phone', () => {
  let server: AppServer;
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let haiPhong: Coop;
  let bacNinh: Coop;

  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const indicator = (label: string) => page.locator('.indicator', { has: page.getByText(label, { exact: true }) }).locator('dd');
  async function checked(name: string): Promise<void> {
    await screenshot(page, `province-${name}`);
    expect(await axeViolations(page)).toEqual([]);
  }

  /** A co-op with one household, a batch held for a spraying inside its interval (labels printed today), a plot whose certificate ended. */
  async function coop(name: string, province: string, commune: string, pesticide: string): Promise<Coop> {
    const created = await t.http.post('/api/v1/cooperatives').set(bearer(t.adminToken)).send({ name, province, commune });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const managerToken = await createManager(t, id);
    const householdId = await createHousehold(t, managerToken, id, { province, commune });
    const plotId = await createPlot(t, managerToken, householdId);
    const expiredPlotId = await createPlot(t, managerToken, householdId, {
      certifications: [{ scheme: 'VietGAP', number: `VG-${commune}-HET`, issuedAt: vietnamDay(-400), validUntil: vietnamDay(-5) }],
    });
    const productId = await createProduct(t, managerToken, id, { unit: 'box', packageNetWeightKg: 2 });
    const batch = await createBatch(t, managerToken, {
      productId,
      householdId,
      plotId,
      quantity: 100,
      harvestedAt: `${vietnamDay(-1)}T07:00:00+07:00`,
    });
    const run = await t.http
      .post(`/api/v1/batches/${batch.id}/label-runs`)
      .set(bearer(managerToken))
      .send({ quantity: 12, layout: 'a4-3x8', format: 'pdf' });
    expect(run.status).toBe(202);
    const spray = await t.http
      .post(`/api/v1/batches/${batch.id}/events`)
      .set(bearer(managerToken))
      .send({ bizStep: 'spraying', occurredAt: `${vietnamDay(-3)}T07:00:00+07:00`, details: { pesticide, phiDays: 14 } });
    expect(spray.status).toBe(201);
    return { id, managerToken, batchId: batch.id, lotCode: batch.lotCode, expiredPlotId };
  }

  beforeAll(async () => {
    server = await startAppServer();
    t = server.t;
    haiPhong = await coop('HTX Vải thiều Thanh Hà', 'Hải Phòng', 'Thanh Hà', 'Thuốc A');
    bacNinh = await coop('HTX Vải Lục Ngạn', 'Bắc Ninh', 'Lục Ngạn', 'Thuốc B');
    const release = await t.http
      .post(`/api/v1/batches/${bacNinh.batchId}/safety-override`)
      .set(bearer(bacNinh.managerToken))
      .send({ reason: 'Mẫu kiểm dư lượng đạt' });
    expect(release.status).toBe(200);
    // A season of scans for the Hải Phòng lot: 90 days, shown week by week.
    const db = t.app.get(DataSource);
    for (let offset = -90; offset <= 0; offset += 3) {
      await db.query('INSERT INTO batch_scan_days (batch_id, day, scans) VALUES ($1, $2, $3)', [haiPhong.batchId, vietnamDay(offset), 2]);
    }
    ({ context, page } = await openPhone(server));
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  it('opens the dashboard in Vietnamese with every chart labelled and its values written out', async () => {
    await logIn(page, server.base, { phone: ADMIN_PHONE, password: ADMIN_PASSWORD });
    await heading('Sở Nông nghiệp').waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/province');
    await page.getByText('Đang xem: toàn bộ địa bàn').waitFor();
    expect(await indicator('Hộ đã đăng ký').textContent()).toBe('2');
    expect(await indicator('Tem đã in').textContent()).toBe('24');

    // One day of labels: one bar, said to be one day; a season of scans: weeks.
    const labels = page.locator('figure', { hasText: 'Tem truy xuất đã in' });
    await labels.getByText(/^Mới có số liệu ngày \d\d\/\d\d\/\d{4}\.$/).waitFor();
    expect(await labels.locator('svg text').allTextContents()).toEqual(expect.arrayContaining(['Ngày', 'Số tem', '24']));
    const scans = page.locator('figure', { hasText: 'Lượt người mua quét tem' });
    await scans.getByText(/theo tuần/).waitFor();
    const scanTexts = await scans.locator('svg text').allTextContents();
    expect(scanTexts).toEqual(expect.arrayContaining(['Tuần từ', 'Số lượt quét']));
    expect(await scans.locator('svg rect').count()).toBeGreaterThanOrEqual(13);
    expect(await page.locator('figure svg[role="img"]').count()).toBe(3);

    await page
      .getByRole('link', { name: `Lô ${haiPhong.lotCode}` })
      .first()
      .waitFor();
    await page
      .getByRole('link', { name: `Lô ${bacNinh.lotCode}` })
      .first()
      .waitFor();
    await checked('dashboard');
  });

  it('filters by province, commune and co-op, and every part of the page follows', async () => {
    await page.getByLabel('Tỉnh/Thành phố').selectOption('Hải Phòng');
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await page.getByText('Đang xem: Hải Phòng').waitFor();
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: `Lô ${bacNinh.lotCode}` }).waitFor({ state: 'detached' });
    expect(await indicator('Hộ đã đăng ký').textContent()).toBe('1');
    expect(await indicator('Tem đã in').textContent()).toBe('12');
    const held = page.locator('section', { has: heading('Thu hoạch trong thời gian cách ly 1') });
    await held.getByRole('link', { name: `Lô ${haiPhong.lotCode}` }).waitFor();
    expect(await page.locator('figure', { hasText: 'Tem truy xuất đã in' }).locator('svg text').allTextContents()).toContain('12');
    await checked('filtered-province');

    await page.getByLabel('Tỉnh/Thành phố').selectOption('Bắc Ninh');
    await page.getByLabel('Xã/Phường').fill('Lục Ngạn');
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await page.getByText('Đang xem: Bắc Ninh › Lục Ngạn').waitFor();
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: `Lô ${haiPhong.lotCode}` }).waitFor({ state: 'detached' });
    const released = page.locator('section', { has: heading('HTX cho phép bán dù trong thời gian cách ly 1') });
    await released.getByText('“Mẫu kiểm dư lượng đạt”', { exact: false }).waitFor();
    // Released: no longer among the held ones.
    await heading('Thu hoạch trong thời gian cách ly 0').waitFor();
    await page.getByLabel('Hợp tác xã').selectOption({ label: 'HTX Vải Lục Ngạn' });
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await page.getByText('Đang xem: Bắc Ninh › Lục Ngạn › HTX Vải Lục Ngạn').waitFor();
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    expect(await indicator('Hộ đã đăng ký').textContent()).toBe('1');
    await checked('filtered-coop');
  });

  it('opens the record a flag is about', async () => {
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await page.getByText('Đang xem: toàn bộ địa bàn').waitFor();
    await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
    const held = page.locator('section', { has: heading('Thu hoạch trong thời gian cách ly 1') });
    await held.getByRole('link', { name: `Lô ${haiPhong.lotCode}` }).click();
    await heading(`Lô ${haiPhong.lotCode}`).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/province/batches/${haiPhong.batchId}`);
    await page.getByText('Đang bị giữ: trong thời gian cách ly').waitFor();
    await page.getByText(/Phun Thuốc A ngày/).waitFor();
    await checked('batch-record');

    await page.getByRole('button', { name: /Quay lại/ }).click();
    await heading('Sở Nông nghiệp').waitFor();
    const expired = page.locator('section', { has: heading('Chứng nhận đã hết hạn 2') });
    await expired.getByRole('link').first().waitFor();
    await page.locator(`a[href="/app/province/plots/${bacNinh.expiredPlotId}"]`).click();
    await page.getByText('VG-Lục Ngạn-HET', { exact: false }).waitFor();
    await page.getByText('Hết hạn', { exact: true }).waitFor();
    await checked('plot-record');
  });

  it('reads in English after the switch', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /Back/ }).click();
    await heading('Province office').waitFor();
    await page.getByText('Showing: everywhere').waitFor();
    await page
      .locator('figure', { hasText: 'Traceability labels printed' })
      .getByText(/^Data for .+ only so far\.$/)
      .waitFor();
    await checked('dashboard-en');
  });

  it('works at 200 % text size: nothing wider than the phone, charts drawn larger, still no axe violations', async () => {
    const large = await openPhone(server, { textScale: 2 });
    try {
      page = large.page;
      await logIn(page, server.base, { phone: ADMIN_PHONE, password: ADMIN_PASSWORD });
      await page.getByRole('heading', { name: 'Sở Nông nghiệp', exact: true }).waitFor();
      await page.locator('figure svg').first().waitFor();
      const wide = await page.evaluate<string[]>(
        `Array.from(document.querySelectorAll('main *')).filter((e) => !(e instanceof SVGElement) && e.scrollWidth > e.clientWidth + 1).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '/' + e.clientWidth + ' ' + (e.textContent || '').slice(0, 40))`,
      );
      expect(wide).toEqual([]);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      // The drawing's own width halves, so its text comes out twice as large on the same screen width.
      expect(await page.locator('figure svg').first().getAttribute('viewBox')).toMatch(/^0 0 170 /);
      await checked('dashboard-200');
    } finally {
      await large.context.close();
    }
  });

  it('is where /admin leads now, and opens the queue board for an administrator with the session cookie it asks for', async () => {
    const admin = await openPhone(server);
    try {
      const board = admin.page;
      await logIn(board, server.base, { phone: ADMIN_PHONE, password: ADMIN_PASSWORD });
      await board.getByRole('heading', { name: 'Sở Nông nghiệp', exact: true }).waitFor();
      await board.goto(`${server.base}/admin`);
      await board.getByRole('heading', { name: 'Sở Nông nghiệp', exact: true }).waitFor();
      expect(new URL(board.url()).pathname).toMatch(/^\/app\//);
      const queues = board.waitForResponse((r) => r.url().includes('/admin/queues/api/queues') && r.request().method() === 'GET');
      await board.getByRole('button', { name: 'Mở bảng hàng đợi' }).click();
      await board.waitForURL(/\/admin\/queues/);
      expect((await queues).status()).toBe(200);
    } finally {
      await admin.context.close();
    }
  });
});
