import { Injectable } from '@nestjs/common';
import { ShopeeConfig, SyncConfig } from '../../config/sections';
import { FormData, headerValue, HttpAnswer, httpCall, HttpRequest } from '../http-call';
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
  transient,
} from '../marketplace';
import { safeEqualHex } from '../signature';
import { shopeePushSign, shopeeSign } from './shopee-signing';

interface ShopeeEnvelope {
  request_id?: string;
  error?: string;
  message?: string;
  warning?: string;
  response?: Record<string, unknown>;
}

const RETRYABLE_ERRORS = new Set(['error_server', 'error_inner', 'error_network', 'error_busy']);

/**
 * Maps a Shopee v2 answer to a result. A non-empty `error` is a failure whatever the HTTP status;
 * `failure_list` in a 200 is a partial failure (the one item this call carried did not change).
 */
export function shopeeResult(answer: HttpAnswer): CallResult<Record<string, unknown>> {
  const body = (answer.json ?? {}) as ShopeeEnvelope;
  const message = body.message || body.error || `HTTP ${answer.status}`;
  if (answer.status === 429 || body.error === 'error_too_many_request') {
    return throttled(retryAfterMs(headerValue(answer.headers, 'retry-after') ?? body.message), message);
  }
  if (body.error) return RETRYABLE_ERRORS.has(body.error) ? transient(`${body.error}: ${message}`) : rejected(message);
  if (answer.status >= 500) return transient(message);
  if (answer.status >= 400 || answer.json === null)
    return answer.status >= 400 ? rejected(message) : transient(`unreadable answer (HTTP ${answer.status})`);
  const response = body.response ?? {};
  const failures = response.failure_list as { failed_reason?: string; failure_reason?: string }[] | undefined;
  if (Array.isArray(failures) && failures.length > 0) {
    return rejected(failures.map((f) => f.failed_reason ?? f.failure_reason ?? 'failed').join('; '));
  }
  return ok(response);
}

/** Shopee Open Platform v2 over HTTP: every call signed with the partner key and the shop's token. */
@Injectable()
export class ShopeeClient implements MarketplaceClient {
  readonly marketplace = 'shopee' as const;
  readonly imageRules: ImageRules = { format: 'jpeg', maxBytes: 10 * 1024 * 1024, minSide: 500, maxSide: 4000, square: true };
  readonly approvedItemsStartInactive = false;

  constructor(
    private readonly platform: ShopeeConfig,
    private readonly sync: SyncConfig,
  ) {}

  async findBySku(sellerSku: string): Promise<CallResult<RemoteItem | null>> {
    const found = await this.call('GET', '/api/v2/product/search_item', { item_sku: sellerSku, page_size: '1' });
    if (found.kind !== 'ok') return found;
    const ids = (found.value.item_id_list as (number | string)[] | undefined) ?? [];
    return ok(ids.length ? { externalId: String(ids[0]), reviewRef: null, live: true } : null);
  }

  async create(item: ItemPayload): Promise<CallResult<RemoteItem>> {
    const imageIds: string[] = [];
    for (const image of item.images) {
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(image.bytes)], { type: image.contentType }), 'image.jpg');
      const uploaded = await this.call('POST', '/api/v2/media_space/upload_image', {}, form);
      if (uploaded.kind !== 'ok') return uploaded;
      const info = uploaded.value.image_info as { image_id?: string } | undefined;
      if (!info?.image_id) return transient('upload_image answered without image_id');
      imageIds.push(info.image_id);
    }
    const created = await this.call(
      'POST',
      '/api/v2/product/add_item',
      {},
      {
        item_name: item.title,
        description: item.description,
        original_price: item.price,
        weight: item.weightKg,
        category_id: 100629,
        image: { image_id_list: imageIds },
        logistic_info: [{ logistic_id: 50021, enabled: true }],
        seller_stock: [{ stock: item.stock }],
        item_sku: item.sellerSku,
      },
    );
    if (created.kind !== 'ok') return created;
    return ok({ externalId: String(created.value.item_id as number | string), reviewRef: null, live: true });
  }

  review(item: RemoteItem): Promise<CallResult<ReviewState>> {
    return Promise.resolve(ok(item.externalId ? { state: 'approved', externalId: item.externalId } : { state: 'pending' }));
  }

  async update(externalId: string, _sku: string, values: { price: number; stock: number }): Promise<CallResult<void>> {
    const itemId = Number(externalId);
    const price = await this.call(
      'POST',
      '/api/v2/product/update_price',
      {},
      { item_id: itemId, price_list: [{ original_price: values.price }] },
    );
    if (price.kind !== 'ok') return price;
    const stock = await this.call(
      'POST',
      '/api/v2/product/update_stock',
      {},
      { item_id: itemId, stock_list: [{ seller_stock: [{ stock: values.stock }] }] },
    );
    return stock.kind === 'ok' ? ok(undefined) : stock;
  }

  /** v2 product/update_item: name and description of an existing item. */
  async updateContent(externalId: string, _sku: string, content: { title: string; description: string }): Promise<CallResult<void>> {
    const result = await this.call(
      'POST',
      '/api/v2/product/update_item',
      {},
      { item_id: Number(externalId), item_name: content.title, description: content.description },
    );
    return result.kind === 'ok' ? ok(undefined) : result;
  }

  async delist(externalId: string): Promise<CallResult<void>> {
    const result = await this.call(
      'POST',
      '/api/v2/product/unlist_item',
      {},
      { item_list: [{ item_id: Number(externalId), unlist: true }] },
    );
    return result.kind === 'ok' ? ok(undefined) : result;
  }

  parsePush(body: unknown): PushedOrder[] {
    const push = body as {
      code?: number;
      data?: {
        ordersn?: string;
        buyer_username?: string;
        items?: { item_id?: number; item_sku?: string; quantity?: number; item_price?: number }[];
      };
    };
    if (push?.code !== 3 || !push.data?.ordersn) return [];
    const orderId = push.data.ordersn;
    return (push.data.items ?? []).map((line) => ({
      orderId,
      externalId: line.item_id === undefined ? null : String(line.item_id),
      sellerSku: line.item_sku ?? null,
      quantity: Number(line.quantity ?? 0),
      unitPrice: Number(line.item_price ?? 0),
      buyerRef: push.data?.buyer_username ?? null,
    }));
  }

  pushSentAt(body: unknown): { field: string; sentAt: Date | null } {
    return { field: 'timestamp', sentAt: pushTime((body as { timestamp?: unknown } | null)?.timestamp) };
  }

  verifyPush(headers: Record<string, string | string[] | undefined>, rawBody: string, url: string): boolean {
    const given = headerValue(headers, 'authorization');
    return !!given && safeEqualHex(given, shopeePushSign(this.platform.SHOPEE_PARTNER_KEY, url, rawBody));
  }

  private async call(
    method: 'GET' | 'POST',
    apiPath: string,
    query: Record<string, string>,
    body?: object | FormData,
  ): Promise<CallResult<Record<string, unknown>>> {
    const timestamp = Math.floor(Date.now() / 1000);
    const { SHOPEE_PARTNER_ID: partnerId, SHOPEE_ACCESS_TOKEN: token, SHOPEE_SHOP_ID: shopId } = this.platform;
    const params = new URLSearchParams({
      ...query,
      partner_id: partnerId,
      timestamp: String(timestamp),
      access_token: token,
      shop_id: shopId,
      sign: shopeeSign(this.platform.SHOPEE_PARTNER_KEY, partnerId, apiPath, timestamp, token, shopId),
    });
    const init: HttpRequest = { method };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const answer = await httpCall(`${this.platform.SHOPEE_BASE_URL}${apiPath}?${params.toString()}`, init, this.sync.MARKETPLACE_HTTP_TIMEOUT_MS);
    return answer.kind === 'ok' ? shopeeResult(answer.value) : answer;
  }
}
