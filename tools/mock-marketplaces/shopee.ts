/* eslint-disable @typescript-eslint/require-await -- Fastify plugins and handlers are async by contract, some have nothing to await */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { text } from '../../src/marketplaces/marketplace';
import { shopeePushSign, shopeeSign } from '../../src/marketplaces/shopee/shopee-signing';
import { safeEqualHex } from '../../src/marketplaces/signature';
import { gate, MockContext, MockPlatform, MockRequest, MultipartFile, sendServerError, TIMESTAMP_WINDOW_MS } from './shared';
import { MockItem } from './state';

/** Shopee Open Platform v2: signed query parameters, `{ error, message, response }` envelopes, partial failures. */
export function shopeeMock(ctx: MockContext): MockPlatform {
  const { keys } = ctx.options;
  const state = ctx.states.shopee;
  const shopeeOk = (req: MockRequest, reply: FastifyReply, response: Record<string, unknown>) =>
    req.failAfter ? sendServerError('shopee', reply) : reply.send({ request_id: randomUUID(), error: '', message: '', response });
  const shopeeError = (reply: FastifyReply, status: number, error: string, message: string) =>
    reply.status(status).send({ request_id: randomUUID(), error, message });

  const routes = async (shopee: FastifyInstance): Promise<void> => {
    shopee.addHook('preHandler', async (req: MockRequest, reply) => {
      const q = req.query as Record<string, string>;
      const apiPath = req.url.split('?')[0].replace(/^\/shopee/, '');
      const timestamp = Number(q.timestamp);
      if (q.partner_id !== keys.SHOPEE_PARTNER_ID || q.shop_id !== keys.SHOPEE_SHOP_ID || q.access_token !== keys.SHOPEE_ACCESS_TOKEN) {
        return shopeeError(reply, 403, 'error_auth', 'Invalid partner_id, shop_id or access_token.');
      }
      if (!Number.isFinite(timestamp) || Math.abs(Date.now() - timestamp * 1000) > TIMESTAMP_WINDOW_MS) {
        return shopeeError(reply, 403, 'error_auth', 'Invalid timestamp: the request has expired.');
      }
      const expected = shopeeSign(keys.SHOPEE_PARTNER_KEY, q.partner_id, apiPath, timestamp, q.access_token, q.shop_id);
      if (!q.sign || !safeEqualHex(q.sign, expected)) return shopeeError(reply, 403, 'error_sign', 'Wrong sign.');
      if (!gate(state, req, reply)) return reply;
    });

    shopee.post('/api/v2/media_space/upload_image', async (req: MockRequest, reply) => {
      const file = (req.body as MultipartFile[] | undefined)?.find((f) => f.filename);
      if (!file) return shopeeError(reply, 400, 'error_param', 'image is required.');
      if (!/^image\/(jpeg|png)$/.test(file.contentType) || file.data.length > 10 * 1024 * 1024) {
        return shopeeError(reply, 400, 'error_param', 'Image must be JPG or PNG and no larger than 10 MB.');
      }
      const id = `sg-11134201-${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      ctx.hostedImages.set(id, file.data);
      return shopeeOk(req, reply, {
        image_info: { image_id: id, image_url_list: [{ image_url_region: 'VN', image_url: `https://cf.shopee.vn/file/${id}` }] },
      });
    });

    shopee.post('/api/v2/product/add_item', async (req: MockRequest, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const sku = typeof body.item_sku === 'string' ? body.item_sku : '';
      const name = typeof body.item_name === 'string' ? body.item_name : '';
      const price = Number(body.original_price);
      const stock = Number((body.seller_stock as { stock?: number }[] | undefined)?.[0]?.stock);
      if (!name || name.length > 120)
        return shopeeError(reply, 400, 'error_param', 'item_name is required and must be at most 120 characters.');
      if (!Number.isFinite(price) || price <= 0) return shopeeError(reply, 400, 'error_param', 'original_price must be greater than 0.');
      if (!Number.isInteger(stock) || stock < 0) return shopeeError(reply, 400, 'error_param', 'seller_stock is invalid.');
      if (sku) state.countCreate(sku);
      const reason = state.rejectReasonFor(name);
      if (reason) return shopeeError(reply, 200, 'product.error_busi', reason);
      const item: MockItem = {
        externalId: state.id(),
        sellerSku: sku,
        title: name,
        description: text(body.description),
        price,
        stock,
        status: 'NORMAL',
        images: ((body.image as { image_id_list?: string[] } | undefined)?.image_id_list ?? []).slice(),
        createdAt: Date.now(),
        reviewDoneAt: Date.now(),
        rejectReason: null,
        trackId: null,
      };
      // add_item is not idempotent: a second call with the same item_sku makes a second item.
      state.items.set(sku || item.externalId!, item);
      return shopeeOk(req, reply, { item_id: Number(item.externalId), item_status: 'NORMAL' });
    });

    shopee.get('/api/v2/product/search_item', async (req: MockRequest, reply) => {
      const sku = (req.query as Record<string, string>).item_sku;
      const item = sku ? state.items.get(sku) : undefined;
      return shopeeOk(req, reply, { item_id_list: item ? [Number(item.externalId)] : [], total_count: item ? 1 : 0 });
    });

    const partial = (
      req: MockRequest,
      reply: FastifyReply,
      itemId: unknown,
      apply: (item: MockItem) => string | null,
      success: (item: MockItem) => Record<string, unknown>,
    ) => {
      const item = state.findByExternalId(String(itemId));
      if (!item) return shopeeOk(req, reply, { success_list: [], failure_list: [{ item_id: itemId, failed_reason: 'Item not found.' }] });
      const failure = apply(item);
      if (failure) return shopeeOk(req, reply, { success_list: [], failure_list: [{ item_id: itemId, failed_reason: failure }] });
      return shopeeOk(req, reply, { success_list: [success(item)], failure_list: [] });
    };

    shopee.post('/api/v2/product/update_price', async (req: MockRequest, reply) => {
      const body = (req.body ?? {}) as { item_id?: number; price_list?: { original_price?: number }[] };
      const price = Number(body.price_list?.[0]?.original_price);
      return partial(
        req,
        reply,
        body.item_id,
        (item) => {
          if (!(price > 0)) return 'original_price must be greater than 0.';
          if (item.status === 'UNLIST') return 'Item is unlisted.';
          state.countUpdate(item.sellerSku);
          item.price = price;
          return null;
        },
        (item) => ({ model_id: 0, original_price: item.price }),
      );
    });

    shopee.post('/api/v2/product/update_stock', async (req: MockRequest, reply) => {
      const body = (req.body ?? {}) as { item_id?: number; stock_list?: { seller_stock?: { stock?: number }[] }[] };
      const stock = Number(body.stock_list?.[0]?.seller_stock?.[0]?.stock);
      return partial(
        req,
        reply,
        body.item_id,
        (item) => {
          if (!Number.isInteger(stock) || stock < 0) return 'stock is invalid.';
          if (item.status === 'UNLIST') return 'Item is unlisted.';
          state.countUpdate(item.sellerSku);
          item.stock = stock;
          return null;
        },
        (item) => ({ model_id: 0, seller_stock: [{ stock: item.stock }] }),
      );
    });

    shopee.post('/api/v2/product/update_item', async (req: MockRequest, reply) => {
      const body = (req.body ?? {}) as { item_id?: number; item_name?: string; description?: string };
      const item = state.findByExternalId(String(body.item_id));
      if (!item) return shopeeError(reply, 200, 'product.error_item_not_found', 'Item not found.');
      if (body.item_name !== undefined && (!body.item_name || body.item_name.length > 120))
        return shopeeError(reply, 400, 'error_param', 'item_name is required and must be at most 120 characters.');
      state.countUpdate(item.sellerSku);
      if (body.item_name !== undefined) item.title = body.item_name;
      if (body.description !== undefined) item.description = body.description;
      return shopeeOk(req, reply, { item_id: Number(item.externalId), item_name: item.title, description: item.description });
    });

    shopee.post('/api/v2/product/unlist_item', async (req: MockRequest, reply) => {
      const body = (req.body ?? {}) as { item_list?: { item_id?: number; unlist?: boolean }[] };
      const entry = body.item_list?.[0];
      return partial(
        req,
        reply,
        entry?.item_id,
        (item) => {
          item.status = entry?.unlist === false ? 'NORMAL' : 'UNLIST';
          return null;
        },
        (item) => ({ item_id: Number(item.externalId), unlist: item.status === 'UNLIST' }),
      );
    });
  };

  return {
    prefix: '/shopee',
    routes,
    statusOf: (item) => item.status,
    push(item, quantity, orderId, buyer, url, registeredUrl) {
      const now = Math.floor(Date.now() / 1000);
      const body = JSON.stringify({
        shop_id: Number(keys.SHOPEE_SHOP_ID),
        code: 3,
        timestamp: now,
        data: {
          ordersn: orderId,
          status: 'READY_TO_SHIP',
          buyer_username: buyer,
          items: [{ item_id: Number(item.externalId), item_sku: item.sellerSku, quantity, item_price: item.price }],
        },
      });
      return {
        url,
        body,
        headers: { 'content-type': 'application/json', authorization: shopeePushSign(keys.SHOPEE_PARTNER_KEY, registeredUrl, body) },
      };
    },
  };
}
