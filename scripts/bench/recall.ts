/**
 * npm run bench:recall — recall a batch of 10,000 labels with 500 marketplace orders, then export its FSMA 204 CSV.
 *
 * Starts the built service (ROLE=api) on a throwaway PostgreSQL database (or DATABASE_URL) and its own Redis
 * prefix; creates a co-op, product, batch with events, one 10,000-label run and a listing through the API; writes
 * 500 orders drawing on the lot directly (as the order webhooks would); times POST /batches/:id/recall and
 * GET /batches/:id/trace.csv over HTTP. Cleans up. Last line on stdout:
 * {"bench":"recall","labels":10000,"orders":500,"ms":…,"csvMs":…,"csvRows":…}
 */
import { randomUUID } from 'node:crypto';
import { withBenchApi } from '../support/service';
import { api, createLycheeBatch, request, withClient } from '../support/service-client';
import { openStores } from '../support/stores';

const LABELS = Number(process.env.BENCH_RECALL_LABELS ?? 10_000);
const ORDERS = Number(process.env.BENCH_RECALL_ORDERS ?? 500);
const ADMIN = { phone: '0900000009', password: 'bench-admin-password' };

const log = (message: string): void => void process.stderr.write(`[bench:recall] ${message}\n`);

async function main(): Promise<void> {
  const stores = await openStores('bench_recall', { useDatabaseUrl: true });
  let batchId = null as string | null; // set inside the bench callback: not narrowed to null
  try {
    await withBenchApi(stores, ADMIN, {}, async ({ base }) => {
      const { accessToken: token } = await api<{ accessToken: string }>(base, 'POST', '/api/v1/auth/login', null, ADMIN);
      const fixture = await createLycheeBatch(base, token, 20_000);
      const batch = { id: fixture.batchId, lotCode: fixture.lotCode };
      const product = { id: fixture.productId };
      const coop = { id: fixture.cooperativeId };
      batchId = batch.id;
      for (const [bizStep, occurredAt, details] of [
        ['harvesting', '2026-06-10T06:00:00+07:00', undefined],
        ['packing', '2026-06-10T10:00:00+07:00', { packingHouseCode: 'PHC-HD-003' }],
        ['shipping', '2026-06-11T05:00:00+07:00', { destination: 'Hà Nội' }],
      ] as const) {
        await api(base, 'POST', `/api/v1/batches/${batch.id}/events`, token, { bizStep, occurredAt, details });
      }
      await api(base, 'POST', `/api/v1/batches/${batch.id}/label-runs`, token, {
        quantity: LABELS,
        layout: 'thermal-50x30',
        format: 'zpl',
      });
      const listings: string[] = [];
      for (const title of ['Vải thiều Thanh Hà hộp 2kg', 'Vải thiều Thanh Hà thùng 10kg']) {
        const listing = await api<{ id: string }>(base, 'POST', '/api/v1/listings', token, {
          productId: product.id,
          batchId: batch.id,
          title,
          description: 'Vải thiều Thanh Hà, chỉ dẫn địa lý',
          price: 120_000,
          stock: 1000,
          channels: ['lazada', 'tiki', 'shopee'],
        });
        listings.push(listing.id);
      }
      await withClient(stores.databaseUrl, async (c) => {
        const values: string[] = [];
        const params: unknown[] = [];
        const marketplaces = ['lazada', 'tiki', 'shopee'];
        for (let i = 0; i < ORDERS; i++) {
          const p = params.length;
          values.push(
            `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, 1, 120000, $${p + 8}, now() - interval '1 minute' * $${p + 9})`,
          );
          params.push(
            randomUUID(),
            marketplaces[i % 3],
            `ORD-${i}`,
            listings[i % 2],
            coop.id,
            batch.id,
            batch.lotCode,
            `buyer-${i}`,
            ORDERS - i,
          );
        }
        await c.query(
          `INSERT INTO marketplace_orders (id, marketplace, external_order_id, listing_id, cooperative_id, batch_id, lot_code, quantity, total_amount, buyer_ref, ordered_at) VALUES ${values.join(', ')}`,
          params,
        );
      });
      log(`${LABELS} labels, ${listings.length} listings on 3 marketplaces, ${ORDERS} orders ready; recalling`);

      let startedAt = performance.now();
      const recall = await api<{ labels: { voided: number }; orders: unknown[]; listings: unknown[] }>(
        base,
        'POST',
        `/api/v1/batches/${batch.id}/recall`,
        token,
        {
          reason: 'Dư lượng thuốc BVTV vượt ngưỡng',
        },
      );
      const ms = Math.round(performance.now() - startedAt);
      if (recall.labels.voided !== LABELS || recall.orders.length !== ORDERS)
        throw new Error(`recall answered ${JSON.stringify({ ...recall, orders: recall.orders.length })}`);

      startedAt = performance.now();
      const csv = await request(base, 'GET', `/api/v1/batches/${batch.id}/trace.csv`, token);
      const csvText = await csv.text();
      const csvMs = Math.round(performance.now() - startedAt);
      if (!csv.ok) throw new Error(`GET trace.csv -> ${csv.status} ${csvText}`);
      const csvRows = csvText.trim().split('\r\n').length - 1;
      log(`recall ${ms} ms (target < 2000), CSV ${csvMs} ms for ${csvRows} rows (target < 1000)`);
      process.stdout.write(`${JSON.stringify({ bench: 'recall', labels: LABELS, orders: ORDERS, ms, csvMs, csvRows })}\n`);
    });
  } finally {
    await stores.remove();
    if (!stores.throwaway && batchId) log(`left batch ${batchId} in the given DATABASE_URL`);
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
