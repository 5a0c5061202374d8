import { Injectable } from '@nestjs/common';
import { TikiConfig, SyncConfig } from '../../config/sections';
import { headerValue, HttpAnswer, httpCall } from '../http-call';
import {
  CallResult,
  ImageRules,
  ItemPayload,
  MarketplaceClient,
  PushedOrder,
  pushTime,
  ok,
  rejected,
  RemoteItem,
  retryAfterMs,
  ReviewState,
  throttled,
  text,
  transient,
} from '../marketplace';
import { safeEqualHex } from '../signature';
import { basicAuth, tikiPushSign } from './tiki-signing';

/** Tiki answer → result. Errors are `{ errors: [...] }`; 4xx are never retried, 429 waits, 5xx retries. */
export function tikiResult(answer: HttpAnswer): CallResult<Record<string, unknown>> {
  const body = (answer.json ?? {}) as { errors?: unknown[]; message?: string };
  const message =
    Array.isArray(body.errors) && body.errors.length ? body.errors.map(String).join('; ') : body.message || `HTTP ${answer.status}`;
  if (answer.status === 429) return throttled(retryAfterMs(headerValue(answer.headers, 'retry-after'), 1000), message);
  if (answer.status >= 500) return transient(message);
  if (answer.status === 401) return transient(`token refused: ${message}`);
  if (answer.status >= 400) return rejected(message);
  if (answer.json === null || typeof answer.json !== 'object') return transient(`unreadable answer (HTTP ${answer.status})`);
  return ok(answer.json as Record<string, unknown>);
}

interface TikiProduct {
  product_id: number | string;
  original_sku: string;
  active: number;
}

/** Tiki Open API: OAuth2 client credentials, asynchronous review of new products, approved products activated here. */
@Injectable()
export class TikiClient implements MarketplaceClient {
  readonly marketplace = 'tiki' as const;
  readonly imageRules: ImageRules = { format: 'jpeg', maxBytes: 5 * 1024 * 1024, minSide: 500, maxSide: 4000, square: true };
  /** Tiki starts approved products inactive; the first price/stock push activates them. */
  readonly approvedItemsStartInactive = true;
  private token: { value: string; expiresAt: number } | null = null;
  private fetchingToken: Promise<CallResult<string>> | null = null;

  constructor(
    private readonly platform: TikiConfig,
    private readonly sync: SyncConfig,
  ) {}

  async findBySku(sellerSku: string): Promise<CallResult<RemoteItem | null>> {
    const products = await this.call('GET', `/integration/v2/products?original_sku=${encodeURIComponent(sellerSku)}`);
    if (products.kind !== 'ok') return products;
    const product = ((products.value.data as TikiProduct[] | undefined) ?? [])[0];
    if (product) return ok({ externalId: String(product.product_id), reviewRef: null, live: product.active === 1 });
    // An accepted request counts as created: its track id is followed, not re-sent. One already rejected
    // is followed too (its review answers `rejected` with Tiki's reason): a create whose answer was lost
    // must not turn into a second request. A deliberate retry of a rejected channel starts afresh (see
    // ListingsService.retry) and does not look up at all.
    const requests = await this.call('GET', `/integration/v2/requests?original_sku=${encodeURIComponent(sellerSku)}`);
    if (requests.kind !== 'ok') return requests;
    const all = (requests.value.data as { track_id: string; state: string }[] | undefined) ?? [];
    const found = all.find((r) => r.state !== 'rejected') ?? all.at(-1);
    return ok(found ? { externalId: null, reviewRef: found.track_id, live: false } : null);
  }

  async create(item: ItemPayload): Promise<CallResult<RemoteItem>> {
    const created = await this.call('POST', '/integration/v2/requests', {
      category_id: 8322,
      product: {
        name: item.title,
        description: item.description,
        market_price: item.price,
        attributes: { origin: 'Việt Nam', product_weight_kg: item.weightKg },
        // Tiki fetches images itself; the URLs were checked against its rules when prepared.
        image: item.images[0]?.sourceUrl,
        images: item.images.map((i) => i.sourceUrl),
        option_attributes: [],
        variants: [
          {
            sku: item.sellerSku,
            original_sku: item.sellerSku,
            price: item.price,
            inventory_type: 'dropship',
            seller_warehouse: '1',
            warehouse_stocks: [{ warehouseId: 1, qtyAvailable: item.stock }],
          },
        ],
      },
    });
    if (created.kind !== 'ok') return created;
    return ok({ externalId: null, reviewRef: String(created.value.track_id as string), live: false });
  }

  async review(item: RemoteItem): Promise<CallResult<ReviewState>> {
    if (item.externalId) return ok({ state: 'approved', externalId: item.externalId });
    if (!item.reviewRef) return ok({ state: 'pending' });
    const tracked = await this.call('GET', `/integration/v2/tracking/${encodeURIComponent(item.reviewRef)}`);
    if (tracked.kind !== 'ok') return tracked;
    const state = String(tracked.value.state);
    if (state === 'approved' && tracked.value.product_id !== undefined) {
      return ok({ state: 'approved', externalId: String(tracked.value.product_id as number | string) });
    }
    if (state === 'rejected') return ok({ state: 'rejected', message: text(tracked.value.reason, 'Rejected by Tiki review') });
    return ok({ state: 'pending' });
  }

  /** updateSku also activates: approved products start inactive. */
  async update(_externalId: string, sellerSku: string, values: { price: number; stock: number }): Promise<CallResult<void>> {
    const result = await this.call('PUT', '/integration/v2/products/updateSku', {
      original_sku: sellerSku,
      price: values.price,
      quantity: values.stock,
      active: 1,
    });
    return result.kind === 'ok' ? ok(undefined) : result;
  }

  /**
   * Name and description of an approved product: Tiki's product info update, addressed like updateSku
   * (PUT /integration/v2/products/updateInfo, by original_sku); applied without a new review request.
   */
  async updateContent(_externalId: string, sellerSku: string, content: { title: string; description: string }): Promise<CallResult<void>> {
    const result = await this.call('PUT', '/integration/v2/products/updateInfo', {
      original_sku: sellerSku,
      name: content.title,
      description: content.description,
    });
    return result.kind === 'ok' ? ok(undefined) : result;
  }

  async delist(_externalId: string, sellerSku: string): Promise<CallResult<void>> {
    const result = await this.call('PUT', '/integration/v2/products/updateSku', { original_sku: sellerSku, active: 0 });
    return result.kind === 'ok' ? ok(undefined) : result;
  }

  parsePush(body: unknown): PushedOrder[] {
    const push = body as {
      event_type?: string;
      payload?: {
        order_code?: string;
        customer_id?: string;
        items?: { product_id?: number; original_sku?: string; qty?: number; price?: number }[];
      };
    };
    if (push?.event_type !== 'ORDER_CREATED_SUCCESSFULLY' || !push.payload?.order_code) return [];
    const orderId = push.payload.order_code;
    return (push.payload.items ?? []).map((line) => ({
      orderId,
      externalId: line.product_id === undefined ? null : String(line.product_id),
      sellerSku: line.original_sku ?? null,
      quantity: Number(line.qty ?? 0),
      unitPrice: Number(line.price ?? 0),
      buyerRef: push.payload?.customer_id ?? null,
    }));
  }

  pushSentAt(body: unknown): { field: string; sentAt: Date | null } {
    return { field: 'created_at', sentAt: pushTime((body as { created_at?: unknown } | null)?.created_at) };
  }

  verifyPush(headers: Record<string, string | string[] | undefined>, rawBody: string): boolean {
    const given = headerValue(headers, 'x-tiki-signature');
    return !!given && safeEqualHex(given, tikiPushSign(this.platform.TIKI_CLIENT_SECRET, rawBody));
  }

  private async accessToken(): Promise<CallResult<string>> {
    if (this.token && this.token.expiresAt > Date.now()) return ok(this.token.value);
    this.fetchingToken ??= this.fetchToken().finally(() => (this.fetchingToken = null));
    return this.fetchingToken;
  }

  private async fetchToken(): Promise<CallResult<string>> {
    const answer = await httpCall(
      `${this.platform.TIKI_BASE_URL}/sc/oauth2/token`,
      {
        method: 'POST',
        headers: {
          authorization: basicAuth(this.platform.TIKI_CLIENT_ID, this.platform.TIKI_CLIENT_SECRET),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      },
      this.sync.MARKETPLACE_HTTP_TIMEOUT_MS,
    );
    if (answer.kind !== 'ok') return answer;
    const result = tikiResult(answer.value);
    if (result.kind !== 'ok') return result;
    const token = text(result.value.access_token);
    if (!token) return transient('token endpoint answered without access_token');
    const ttlMs = Number(result.value.expires_in ?? 3600) * 1000;
    // Re-fetched a little before expiry so a call never leaves with a token about to lapse.
    this.token = { value: token, expiresAt: Date.now() + Math.max(1000, ttlMs - 30_000) };
    return ok(token);
  }

  private async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: object): Promise<CallResult<Record<string, unknown>>> {
    const token = await this.accessToken();
    if (token.kind !== 'ok') return token;
    const headers: Record<string, string> = { authorization: `Bearer ${token.value}` };
    if (body) headers['content-type'] = 'application/json';
    const answer = await httpCall(
      `${this.platform.TIKI_BASE_URL}${path}`,
      { method, headers, body: body ? JSON.stringify(body) : undefined },
      this.sync.MARKETPLACE_HTTP_TIMEOUT_MS,
    );
    if (answer.kind !== 'ok') return answer;
    if (answer.value.status === 401) this.token = null;
    return tikiResult(answer.value);
  }
}
