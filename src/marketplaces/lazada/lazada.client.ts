import { Injectable } from '@nestjs/common';
import { LazadaConfig, SyncConfig } from '../../config/sections';
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
  text,
  transient,
} from '../marketplace';
import { safeEqualHex } from '../signature';
import { lazadaPushSign, lazadaSign } from './lazada-signing';

interface LazadaEnvelope {
  code?: string;
  type?: 'ISV' | 'ISP' | 'SYSTEM';
  message?: string;
  request_id?: string;
  data?: Record<string, unknown>;
}

/** Lazada's "no such product" answers, which a lookup by SKU treats as "not created yet". */
const NOT_FOUND_CODES = new Set(['207', '208', 'E0207', 'NOT_FOUND']);
export const LAZADA_DUPLICATE_SKU = '4135';

/** Lazada answer → result, with the error code kept for the create path (4135 duplicate SellerSku). */
export function lazadaResult(answer: HttpAnswer): CallResult<Record<string, unknown>> & { code?: string } {
  const body = (answer.json ?? {}) as LazadaEnvelope;
  const code = body.code === undefined ? undefined : String(body.code);
  const message = body.message || `HTTP ${answer.status}`;
  if (code === '0') return ok(body.data ?? {});
  if (code === 'ApiCallLimit' || answer.status === 429) return { ...throttled(retryAfterMs(body.message, 1000), message), code };
  if (code === 'ServiceTimeout' || body.type === 'ISP' || body.type === 'SYSTEM' || answer.status >= 500 || code === undefined) {
    return { ...transient(code ? `${code}: ${message}` : `unreadable answer (HTTP ${answer.status})`), code };
  }
  return { ...rejected(message), code };
}

/** Lazada Open Platform over HTTP: system parameters and the signature in the query, API parameters in a form body. */
@Injectable()
export class LazadaClient implements MarketplaceClient {
  readonly marketplace = 'lazada' as const;
  readonly imageRules: ImageRules = { format: 'jpeg', maxBytes: 3 * 1024 * 1024, minSide: 330, maxSide: 5000, square: true };
  /** Quality check approves the item as created: it goes on sale with the price and stock it was created with. */
  readonly approvedItemsStartInactive = false;

  constructor(
    private readonly platform: LazadaConfig,
    private readonly sync: SyncConfig,
  ) {}

  async findBySku(sellerSku: string): Promise<CallResult<RemoteItem | null>> {
    const found = await this.call('GET', '/product/item/get', { seller_sku: sellerSku });
    if (found.kind !== 'ok') return found.code && NOT_FOUND_CODES.has(found.code) ? ok(null) : found;
    return ok(this.toRemote(found.value));
  }

  async create(item: ItemPayload): Promise<CallResult<RemoteItem>> {
    const urls: string[] = [];
    for (const image of item.images) {
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(image.bytes)], { type: image.contentType }), 'image.jpg');
      const uploaded = await this.call('POST', '/image/upload', {}, form);
      if (uploaded.kind !== 'ok') return uploaded;
      const url = (uploaded.value.image as { url?: string } | undefined)?.url;
      if (!url) return transient('/image/upload answered without a URL');
      urls.push(url);
    }
    const payload = {
      Request: {
        Product: {
          PrimaryCategory: '10000211',
          Images: { Image: urls },
          Attributes: { name: item.title, description: item.description, brand_id: '0' },
          Skus: {
            Sku: [
              {
                SellerSku: item.sellerSku,
                quantity: item.stock,
                price: item.price,
                package_weight: item.weightKg,
                package_length: 30,
                package_width: 20,
                package_height: 15,
              },
            ],
          },
        },
      },
    };
    const created = await this.call('POST', '/product/create', { payload: JSON.stringify(payload) });
    if (created.kind === 'ok') {
      const itemId = String(created.value.item_id);
      return ok({ externalId: itemId, reviewRef: itemId, live: false });
    }
    if (created.code === LAZADA_DUPLICATE_SKU) {
      // Created by an earlier attempt whose answer was lost: adopt it instead of failing.
      const existing = await this.findBySku(item.sellerSku);
      if (existing.kind !== 'ok') return existing;
      if (existing.value) return ok(existing.value);
    }
    return created;
  }

  async review(item: RemoteItem): Promise<CallResult<ReviewState>> {
    if (!item.externalId) return ok({ state: 'pending' });
    const found = await this.call('GET', '/product/item/get', { item_id: item.externalId });
    if (found.kind !== 'ok') return found;
    const status = text(found.value.status).toUpperCase();
    if (status === 'APPROVED' || status === 'ACTIVE') return ok({ state: 'approved', externalId: item.externalId });
    if (status === 'REJECTED') return ok({ state: 'rejected', message: text(found.value.reject_reason, 'Rejected by quality check') });
    return ok({ state: 'pending' });
  }

  async update(_externalId: string, sellerSku: string, values: { price: number; stock: number }): Promise<CallResult<void>> {
    const payload = { Request: { Product: { Skus: { Sku: [{ SellerSku: sellerSku, Price: values.price, Quantity: values.stock }] } } } };
    const result = await this.call('POST', '/product/price_quantity/update', { payload: JSON.stringify(payload) });
    return result.kind === 'ok' ? ok(undefined) : result;
  }

  /** /product/update with the item's attributes (name, description) and its SKU as the link key. */
  async updateContent(externalId: string, sellerSku: string, content: { title: string; description: string }): Promise<CallResult<void>> {
    const payload = {
      Request: {
        Product: {
          ItemId: externalId,
          Attributes: { name: content.title, description: content.description },
          Skus: { Sku: [{ SellerSku: sellerSku }] },
        },
      },
    };
    const result = await this.call('POST', '/product/update', { payload: JSON.stringify(payload) });
    return result.kind === 'ok' ? ok(undefined) : result;
  }

  async delist(externalId: string, sellerSku: string): Promise<CallResult<void>> {
    const payload = { Request: { Product: { ItemId: externalId, Skus: { Sku: [{ SellerSku: sellerSku }] } } } };
    const result = await this.call('POST', '/product/deactivate', { apiRequestBody: JSON.stringify(payload) });
    return result.kind === 'ok' ? ok(undefined) : result;
  }

  parsePush(body: unknown): PushedOrder[] {
    const push = body as {
      message_type?: number;
      data?: {
        trade_order_id?: string;
        buyer_id?: string;
        order_item_list?: { item_id?: string; seller_sku?: string; quantity?: number; paid_price?: number }[];
      };
    };
    if (push?.message_type !== 0 || !push.data?.trade_order_id) return [];
    const orderId = push.data.trade_order_id;
    return (push.data.order_item_list ?? []).map((line) => ({
      orderId,
      externalId: line.item_id === undefined ? null : String(line.item_id),
      sellerSku: line.seller_sku ?? null,
      quantity: Number(line.quantity ?? 1),
      unitPrice: Number(line.paid_price ?? 0),
      buyerRef: push.data?.buyer_id ?? null,
    }));
  }

  pushSentAt(body: unknown): { field: string; sentAt: Date | null } {
    return { field: 'timestamp', sentAt: pushTime((body as { timestamp?: unknown } | null)?.timestamp) };
  }

  verifyPush(headers: Record<string, string | string[] | undefined>, rawBody: string): boolean {
    const given = headerValue(headers, 'authorization');
    return !!given && safeEqualHex(given, lazadaPushSign(this.platform.LAZADA_APP_SECRET, this.platform.LAZADA_APP_KEY, rawBody));
  }

  private toRemote(data: Record<string, unknown>): RemoteItem | null {
    if (data.item_id === undefined || data.item_id === null) return null;
    const itemId = text(data.item_id);
    const status = text(data.status).toUpperCase();
    return { externalId: itemId, reviewRef: itemId, live: status === 'APPROVED' || status === 'ACTIVE' };
  }

  private async call(
    method: 'GET' | 'POST',
    apiPath: string,
    apiParams: Record<string, string>,
    form?: FormData,
  ): Promise<CallResult<Record<string, unknown>> & { code?: string }> {
    const system: Record<string, string> = {
      app_key: this.platform.LAZADA_APP_KEY,
      timestamp: String(Date.now()),
      sign_method: 'sha256',
      access_token: this.platform.LAZADA_ACCESS_TOKEN,
    };
    // Multipart fields (the image bytes) are not signed; every other parameter is.
    const sign = lazadaSign(this.platform.LAZADA_APP_SECRET, apiPath, { ...system, ...apiParams });
    const query = new URLSearchParams(method === 'GET' ? { ...system, ...apiParams, sign } : { ...system, sign });
    const init: HttpRequest = { method };
    if (form) init.body = form;
    else if (method === 'POST') {
      init.body = new URLSearchParams(apiParams).toString();
      init.headers = { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' };
    }
    const answer = await httpCall(`${this.platform.LAZADA_BASE_URL}${apiPath}?${query.toString()}`, init, this.sync.MARKETPLACE_HTTP_TIMEOUT_MS);
    return answer.kind === 'ok' ? lazadaResult(answer.value) : answer;
  }
}
