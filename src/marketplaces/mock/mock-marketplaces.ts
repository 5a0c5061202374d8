/* eslint-disable @typescript-eslint/require-await -- Fastify plugins and handlers are async by contract, some have nothing to await */
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Environment } from '../../config/environment';
import { lazadaPushSign, lazadaSign } from '../lazada/lazada-signing';
import { isMarketplace, Marketplace, MARKETPLACES, text } from '../marketplace';
import { shopeePushSign, shopeeSign } from '../shopee/shopee-signing';
import { safeEqualHex } from '../signature';
import { basicAuth, tikiPushSign } from '../tiki/tiki-signing';
import { MockItem, PlatformState } from './mock-state';

export type MockKeys = Pick<
  Environment,
  | 'SHOPEE_PARTNER_ID'
  | 'SHOPEE_PARTNER_KEY'
  | 'SHOPEE_SHOP_ID'
  | 'SHOPEE_ACCESS_TOKEN'
  | 'LAZADA_APP_KEY'
  | 'LAZADA_APP_SECRET'
  | 'LAZADA_ACCESS_TOKEN'
  | 'TIKI_CLIENT_ID'
  | 'TIKI_CLIENT_SECRET'
>;

export interface MockOptions {
  keys: MockKeys;
  /** Lazada quality check and Tiki review take this long. */
  reviewDelayMs: number;
  /** The service the mocks push orders to. */
  webhookBaseUrl: string;
}

export interface MockMarketplaces {
  app: FastifyInstance;
  states: Record<Marketplace, PlatformState>;
  options: MockOptions;
}

const TIMESTAMP_WINDOW_MS = 5 * 60_000;

type Req = FastifyRequest & { failAfter?: boolean };

/**
 * Faithful stand-ins for Shopee v2, Lazada and Tiki: each verifies its platform's signature and
 * timestamp, answers in its envelope, and behaves like the platform (partial failures, asynchronous
 * review, duplicate SKU). `/_mock/...` is the control API for tests and demos (API.md).
 */
export function createMockMarketplaces(options: MockOptions): MockMarketplaces {
  const app = Fastify({ logger: false, bodyLimit: 20 * 1024 * 1024 });
  const states = Object.fromEntries(MARKETPLACES.map((m) => [m, new PlatformState(m)])) as Record<Marketplace, PlatformState>;
  const { keys } = options;
  const hostedImages = new Map<string, Buffer>();
  const tikiTokens = new Map<string, number>();
  let sampleImage: Promise<Buffer> | null = null;

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
    done(null, parseMultipart(body as Buffer, String(req.headers['content-type'])));
  });

  // ---- fault injection shared by the three platforms ----
  const gate = (marketplace: Marketplace, req: Req, reply: FastifyReply): boolean => {
    const state = states[marketplace];
    state.stats.calls++;
    const waitMs = state.take();
    if (waitMs > 0) {
      state.stats.throttled++;
      void sendThrottled(marketplace, reply, waitMs);
      return false;
    }
    if (state.faults.errorRate > 0 && Math.random() < state.faults.errorRate) {
      state.stats.injectedErrors++;
      // Half the injected failures happen after the platform did the work (a lost answer): the hard case for exactly-once.
      if (req.method !== 'GET' && Math.random() < 0.5) req.failAfter = true;
      else {
        void sendServerError(marketplace, reply);
        return false;
      }
    }
    state.stats.accepted++;
    return true;
  };

  // ---------------------------------------------------------------- Shopee v2
  const shopeeOk = (req: Req, reply: FastifyReply, response: Record<string, unknown>) =>
    req.failAfter ? sendServerError('shopee', reply) : reply.send({ request_id: randomUUID(), error: '', message: '', response });
  const shopeeError = (reply: FastifyReply, status: number, error: string, message: string) =>
    reply.status(status).send({ request_id: randomUUID(), error, message });

  app.register(
    async (shopee) => {
      shopee.addHook('preHandler', async (req: Req, reply) => {
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
        if (!gate('shopee', req, reply)) return reply;
      });
      const state = states.shopee;

      shopee.post('/api/v2/media_space/upload_image', async (req: Req, reply) => {
        const file = (req.body as MultipartFile[] | undefined)?.find((f) => f.filename);
        if (!file) return shopeeError(reply, 400, 'error_param', 'image is required.');
        if (!/^image\/(jpeg|png)$/.test(file.contentType) || file.data.length > 10 * 1024 * 1024) {
          return shopeeError(reply, 400, 'error_param', 'Image must be JPG or PNG and no larger than 10 MB.');
        }
        const id = `sg-11134201-${randomUUID().replace(/-/g, '').slice(0, 20)}`;
        hostedImages.set(id, file.data);
        return shopeeOk(req, reply, {
          image_info: { image_id: id, image_url_list: [{ image_url_region: 'VN', image_url: `https://cf.shopee.vn/file/${id}` }] },
        });
      });

      shopee.post('/api/v2/product/add_item', async (req: Req, reply) => {
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

      shopee.get('/api/v2/product/search_item', async (req: Req, reply) => {
        const sku = (req.query as Record<string, string>).item_sku;
        const item = sku ? state.items.get(sku) : undefined;
        return shopeeOk(req, reply, { item_id_list: item ? [Number(item.externalId)] : [], total_count: item ? 1 : 0 });
      });

      const partial = (
        req: Req,
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

      shopee.post('/api/v2/product/update_price', async (req: Req, reply) => {
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

      shopee.post('/api/v2/product/update_stock', async (req: Req, reply) => {
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

      shopee.post('/api/v2/product/update_item', async (req: Req, reply) => {
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

      shopee.post('/api/v2/product/unlist_item', async (req: Req, reply) => {
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
    },
    { prefix: '/shopee' },
  );

  // ---------------------------------------------------------------- Lazada
  const lazadaOk = (req: Req, reply: FastifyReply, data: Record<string, unknown>) =>
    req.failAfter ? sendServerError('lazada', reply) : reply.send({ code: '0', data, request_id: randomUUID() });
  const lazadaError = (reply: FastifyReply, code: string, message: string, type: 'ISV' | 'ISP' | 'SYSTEM' = 'ISV') =>
    reply.send({ code, type, message, request_id: randomUUID() });
  const lazadaParams = (req: FastifyRequest): Record<string, string> => {
    const body = req.body;
    const form = body && !Array.isArray(body) && typeof body === 'object' ? (body as Record<string, string>) : {};
    return { ...(req.query as Record<string, string>), ...form };
  };
  const lazadaView = (item: MockItem) => ({
    item_id: Number(item.externalId),
    status: lazadaStatus(item),
    reject_reason: lazadaStatus(item) === 'REJECTED' ? item.rejectReason : undefined,
    attributes: { name: item.title, description: item.description },
    images: item.images,
    skus: [
      {
        SellerSku: item.sellerSku,
        quantity: item.stock,
        price: item.price,
        Status: lazadaStatus(item) === 'APPROVED' ? 'active' : 'inactive',
      },
    ],
  });
  const lazadaStatus = (item: MockItem): string =>
    item.status === 'PENDING' && Date.now() >= item.reviewDoneAt ? (item.rejectReason ? 'REJECTED' : 'APPROVED') : item.status;

  app.register(
    async (lazada) => {
      const state = states.lazada;
      const imageHost = '/lazada/rest/_img/';
      lazada.addHook('preHandler', async (req: Req, reply) => {
        if (req.url.startsWith(imageHost)) return;
        const params = lazadaParams(req);
        const apiPath = req.url.split('?')[0].replace(/^\/lazada\/rest/, '');
        if (params.app_key !== keys.LAZADA_APP_KEY || params.access_token !== keys.LAZADA_ACCESS_TOKEN) {
          return lazadaError(reply, 'IllegalAccessToken', 'The specified access token is invalid or expired');
        }
        if (params.sign_method !== 'sha256') return lazadaError(reply, 'InvalidSignMethod', 'Invalid sign_method');
        const timestamp = Number(params.timestamp);
        if (!Number.isFinite(timestamp) || Math.abs(Date.now() - timestamp) > TIMESTAMP_WINDOW_MS) {
          return lazadaError(reply, 'InvalidTimestamp', 'Timestamp is invalid or expired');
        }
        const expected = lazadaSign(keys.LAZADA_APP_SECRET, apiPath, params);
        if (params.sign !== expected)
          return lazadaError(reply, 'IncompleteSignature', 'The request signature does not conform to platform standards');
        if (!gate('lazada', req, reply)) return reply;
      });

      lazada.get('/_img/:name', async (req, reply) => {
        const bytes = hostedImages.get((req.params as { name: string }).name);
        return bytes ? reply.type('image/jpeg').send(bytes) : reply.status(404).send();
      });

      const host = (req: FastifyRequest, bytes: Buffer): string => {
        const name = `${randomUUID()}.jpg`;
        hostedImages.set(name, bytes);
        return `http://${req.headers.host}${imageHost}${name}`;
      };
      const checkImage = async (bytes: Buffer): Promise<string | null> => {
        try {
          const meta = await sharp(bytes).metadata();
          if (meta.format !== 'jpeg' && meta.format !== 'png') return 'Image format must be JPG or PNG';
          if (!meta.width || !meta.height || meta.width !== meta.height) return 'Image must be square';
          if (meta.width < 330 || meta.width > 5000) return 'Image size must be between 330x330 and 5000x5000';
          if (bytes.length > 3 * 1024 * 1024) return 'Image must be no larger than 3 MB';
          return null;
        } catch {
          return 'Image cannot be decoded';
        }
      };

      lazada.post('/image/upload', async (req: Req, reply) => {
        const file = (req.body as MultipartFile[] | undefined)?.find((f) => f.filename);
        if (!file) return lazadaError(reply, 'MISSING_PARAMETER', 'image is required');
        const problem = await checkImage(file.data);
        if (problem) return lazadaError(reply, '30001', problem);
        return lazadaOk(req, reply, { image: { url: host(req, file.data), hash_code: randomUUID() } });
      });

      lazada.post('/image/migrate', async (req: Req, reply) => {
        const payload = safeJson(lazadaParams(req).payload) as { Request?: { Image?: { Url?: string } } } | null;
        const url = payload?.Request?.Image?.Url;
        if (!url) return lazadaError(reply, 'MISSING_PARAMETER', 'payload.Request.Image.Url is required');
        let bytes: Buffer;
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
          if (!response.ok) return lazadaError(reply, '30002', `Image download failed with HTTP ${response.status}`);
          bytes = Buffer.from(await response.arrayBuffer());
        } catch {
          return lazadaError(reply, '30002', 'Image download failed');
        }
        const problem = await checkImage(bytes);
        if (problem) return lazadaError(reply, '30001', problem);
        return lazadaOk(req, reply, { image: { url: host(req, bytes), hash_code: randomUUID() } });
      });

      lazada.post('/product/create', async (req: Req, reply) => {
        const payload = safeJson(lazadaParams(req).payload) as {
          Request?: {
            Product?: {
              Images?: { Image?: string[] };
              Attributes?: { name?: string; description?: string };
              Skus?: { Sku?: Record<string, unknown>[] };
            };
          };
        } | null;
        const product = payload?.Request?.Product;
        const sku = product?.Skus?.Sku?.[0];
        const sellerSku = typeof sku?.SellerSku === 'string' ? sku.SellerSku : '';
        const name = product?.Attributes?.name ?? '';
        if (!product || !sku || !sellerSku)
          return lazadaError(reply, 'E001', 'Request payload is invalid: Product, Skus.Sku[0].SellerSku are required');
        if (!name || name.length > 255) return lazadaError(reply, 'E002', 'Attributes.name is required and must be at most 255 characters');
        const images = product.Images?.Image ?? [];
        if (images.some((url) => !url.includes(imageHost))) {
          return lazadaError(reply, '30003', 'Images must be hosted on Lazada: migrate them with /image/migrate first');
        }
        state.countCreate(sellerSku);
        if (state.items.has(sellerSku)) return lazadaError(reply, '4135', `SellerSku ${sellerSku} is duplicate`);
        const now = Date.now();
        const item: MockItem = {
          externalId: state.id(),
          sellerSku,
          title: name,
          description: product.Attributes?.description ?? '',
          price: Number(sku.price),
          stock: Number(sku.quantity),
          status: 'PENDING',
          images,
          createdAt: now,
          reviewDoneAt: now + options.reviewDelayMs,
          rejectReason: state.rejectReasonFor(name),
          trackId: null,
        };
        state.items.set(sellerSku, item);
        return lazadaOk(req, reply, {
          item_id: Number(item.externalId),
          sku_list: [{ seller_sku: sellerSku, sku_id: Number(item.externalId) * 10 }],
        });
      });

      lazada.get('/product/item/get', async (req: Req, reply) => {
        const params = lazadaParams(req);
        const item = params.item_id
          ? state.findByExternalId(params.item_id)
          : params.seller_sku
            ? state.items.get(params.seller_sku)
            : undefined;
        if (!item) return lazadaError(reply, '207', 'Product not found');
        return lazadaOk(req, reply, lazadaView(item));
      });

      lazada.post('/product/price_quantity/update', async (req: Req, reply) => {
        const payload = safeJson(lazadaParams(req).payload) as {
          Request?: { Product?: { Skus?: { Sku?: Record<string, unknown>[] } } };
        } | null;
        const skus = payload?.Request?.Product?.Skus?.Sku ?? [];
        if (skus.length === 0 || skus.length > 50) return lazadaError(reply, 'E003', 'Between 1 and 50 SKUs per call');
        for (const sku of skus) {
          const item = state.items.get(String(sku.SellerSku));
          if (!item) return lazadaError(reply, '208', `SellerSku ${String(sku.SellerSku)} not found`);
          state.countUpdate(item.sellerSku);
          if (sku.Price !== undefined) item.price = Number(sku.Price);
          if (sku.Quantity !== undefined) item.stock = Number(sku.Quantity);
        }
        return lazadaOk(req, reply, {});
      });

      lazada.post('/product/update', async (req: Req, reply) => {
        const payload = safeJson(lazadaParams(req).payload) as {
          Request?: { Product?: { ItemId?: string; Attributes?: { name?: string; description?: string } } };
        } | null;
        const product = payload?.Request?.Product;
        const item = state.findByExternalId(String(product?.ItemId ?? ''));
        if (!item) return lazadaError(reply, '207', 'Product not found');
        const name = product?.Attributes?.name;
        if (name !== undefined && (!name || name.length > 255))
          return lazadaError(reply, 'E002', 'Attributes.name is required and must be at most 255 characters');
        state.countUpdate(item.sellerSku);
        if (name !== undefined) item.title = name;
        if (product?.Attributes?.description !== undefined) item.description = product.Attributes.description;
        return lazadaOk(req, reply, {});
      });

      lazada.post('/product/deactivate', async (req: Req, reply) => {
        const payload = safeJson(lazadaParams(req).apiRequestBody) as { Request?: { Product?: { ItemId?: string } } } | null;
        const item = state.findByExternalId(String(payload?.Request?.Product?.ItemId ?? ''));
        if (!item) return lazadaError(reply, '207', 'Product not found');
        item.status = 'INACTIVE';
        return lazadaOk(req, reply, {});
      });
    },
    { prefix: '/lazada/rest' },
  );

  // ---------------------------------------------------------------- Tiki
  const tikiError = (reply: FastifyReply, status: number, message: string) => reply.status(status).send({ errors: [message] });
  const tikiOk = (req: Req, reply: FastifyReply, body: Record<string, unknown>) =>
    req.failAfter ? sendServerError('tiki', reply) : reply.send(body);
  /** Review moves on with time: queuing → processing → awaiting_approve → approved | rejected. */
  const tikiState = (item: MockItem): string => {
    if (item.status === 'review_rejected') return 'rejected';
    if (item.externalId) return 'approved';
    const elapsed = Date.now() - item.createdAt;
    const d = options.reviewDelayMs;
    if (elapsed >= d) {
      if (item.rejectReason) item.status = 'review_rejected';
      else {
        item.externalId = states.tiki.id();
        item.status = 'inactive';
      }
      return tikiState(item);
    }
    return elapsed < d / 4 ? 'queuing' : elapsed < d / 2 ? 'processing' : 'awaiting_approve';
  };
  const tikiRequests = new Map<string, MockItem>();

  app.register(
    async (tiki) => {
      const state = states.tiki;
      tiki.post('/sc/oauth2/token', async (req, reply) => {
        if (req.headers.authorization !== basicAuth(keys.TIKI_CLIENT_ID, keys.TIKI_CLIENT_SECRET))
          return tikiError(reply, 401, 'invalid_client');
        const grant = (req.body as Record<string, string> | undefined)?.grant_type;
        if (grant !== 'client_credentials') return tikiError(reply, 400, 'unsupported_grant_type');
        const token = randomUUID();
        tikiTokens.set(token, Date.now() + 3600_000);
        return reply.send({ access_token: token, expires_in: 3600, token_type: 'bearer', scope: 'product inventory order' });
      });

      tiki.register(async (api) => {
        api.addHook('preHandler', async (req: Req, reply) => {
          const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
          const expires = token ? tikiTokens.get(token) : undefined;
          if (!expires || expires < Date.now()) return tikiError(reply, 401, 'Unauthorized: the access token is invalid or expired');
          if (!gate('tiki', req, reply)) return reply;
        });

        api.post('/integration/v2/requests', async (req: Req, reply) => {
          const body = (req.body ?? {}) as {
            product?: {
              name?: string;
              description?: string;
              market_price?: number;
              images?: string[];
              variants?: Record<string, unknown>[];
            };
          };
          const product = body.product;
          const variant = product?.variants?.[0];
          const sku = typeof variant?.original_sku === 'string' ? variant.original_sku : '';
          if (!product?.name) return tikiError(reply, 400, 'product.name là bắt buộc');
          if (!sku) return tikiError(reply, 400, 'variants[0].original_sku là bắt buộc');
          const price = Number(variant?.price);
          if (!(price >= 1000)) return tikiError(reply, 400, 'Giá bán phải từ 1.000đ trở lên');
          state.countCreate(sku);
          const existing = state.items.get(sku);
          if (existing && tikiState(existing) !== 'rejected') return tikiError(reply, 400, `original_sku ${sku} đã tồn tại`);
          const stock = Number((variant?.warehouse_stocks as { qtyAvailable?: number }[] | undefined)?.[0]?.qtyAvailable ?? 0);
          const item: MockItem = {
            externalId: null,
            sellerSku: sku,
            title: product.name,
            description: product.description ?? '',
            price,
            stock,
            status: 'in_review',
            images: product.images ?? [],
            createdAt: Date.now(),
            reviewDoneAt: Date.now() + options.reviewDelayMs,
            rejectReason: state.rejectReasonFor(product.name),
            trackId: randomUUID().replace(/-/g, ''),
          };
          state.items.set(sku, item);
          tikiRequests.set(item.trackId!, item);
          return tikiOk(req, reply, { track_id: item.trackId, state: 'queuing' });
        });

        api.get('/integration/v2/tracking/:trackId', async (req: Req, reply) => {
          const item = tikiRequests.get((req.params as { trackId: string }).trackId);
          if (!item) return tikiError(reply, 404, 'track_id không tồn tại');
          const st = tikiState(item);
          return tikiOk(req, reply, {
            track_id: item.trackId,
            state: st,
            product_id: st === 'approved' ? Number(item.externalId) : undefined,
            reason: st === 'rejected' ? item.rejectReason : undefined,
          });
        });

        api.get('/integration/v2/requests', async (req: Req, reply) => {
          const sku = (req.query as Record<string, string>).original_sku;
          const data = [...tikiRequests.values()]
            .filter((i) => i.sellerSku === sku)
            .map((i) => ({ track_id: i.trackId, state: tikiState(i) }));
          return tikiOk(req, reply, { data });
        });

        api.get('/integration/v2/products', async (req: Req, reply) => {
          const sku = (req.query as Record<string, string>).original_sku;
          const item = sku ? state.items.get(sku) : undefined;
          const approved = item && tikiState(item) === 'approved';
          return tikiOk(req, reply, {
            data: approved
              ? [
                  {
                    product_id: Number(item.externalId),
                    original_sku: item.sellerSku,
                    active: item.status === 'active' ? 1 : 0,
                    price: item.price,
                    qty: item.stock,
                  },
                ]
              : [],
          });
        });

        api.put('/integration/v2/products/updateSku', async (req: Req, reply) => {
          const body = (req.body ?? {}) as { original_sku?: string; price?: number; quantity?: number; active?: number };
          const item = body.original_sku ? state.items.get(body.original_sku) : undefined;
          if (!item || tikiState(item) !== 'approved') return tikiError(reply, 404, 'Không tìm thấy sản phẩm');
          if (body.price !== undefined && !(Number(body.price) >= 1000)) return tikiError(reply, 400, 'Giá bán phải từ 1.000đ trở lên');
          if (body.price !== undefined || body.quantity !== undefined) state.countUpdate(item.sellerSku);
          if (body.price !== undefined) item.price = Number(body.price);
          if (body.quantity !== undefined) item.stock = Number(body.quantity);
          if (body.active !== undefined) item.status = Number(body.active) === 1 ? 'active' : 'inactive';
          return tikiOk(req, reply, { state: 'approved', product_id: Number(item.externalId) });
        });

        api.put('/integration/v2/products/updateInfo', async (req: Req, reply) => {
          const body = (req.body ?? {}) as { original_sku?: string; name?: string; description?: string };
          const item = body.original_sku ? state.items.get(body.original_sku) : undefined;
          if (!item || tikiState(item) !== 'approved') return tikiError(reply, 404, 'Không tìm thấy sản phẩm');
          if (body.name !== undefined && !body.name) return tikiError(reply, 400, 'name là bắt buộc');
          state.countUpdate(item.sellerSku);
          if (body.name !== undefined) item.title = body.name;
          if (body.description !== undefined) item.description = body.description;
          return tikiOk(req, reply, { state: 'approved', product_id: Number(item.externalId) });
        });
      });
    },
    { prefix: '/tiki' },
  );

  // ---------------------------------------------------------------- control API
  const platform = (req: FastifyRequest, reply: FastifyReply): PlatformState | null => {
    const name = (req.params as { marketplace: string }).marketplace;
    if (!isMarketplace(name)) {
      void reply.status(404).send({ error: `unknown marketplace ${name}` });
      return null;
    }
    return states[name];
  };
  const statusOf = (marketplace: Marketplace, item: MockItem): string =>
    marketplace === 'lazada'
      ? lazadaStatus(item)
      : marketplace === 'tiki'
        ? tikiState(item) === 'approved'
          ? item.status
          : tikiState(item)
        : item.status;

  app.get('/_mock/:marketplace/items', async (req, reply) => {
    const state = platform(req, reply);
    if (!state) return reply;
    return [...state.items.values()].map((item) => ({
      externalId: item.externalId || null,
      sellerSku: item.sellerSku,
      title: item.title,
      description: item.description,
      price: item.price,
      stock: item.stock,
      status: statusOf(state.marketplace, item),
      rejectReason: item.rejectReason,
      images: item.images.length,
      createCalls: state.createCalls.get(item.sellerSku) ?? 0,
      updateCalls: state.updateCalls.get(item.sellerSku) ?? 0,
    }));
  });
  app.get('/_mock/:marketplace/stats', async (req, reply) => {
    const state = platform(req, reply);
    return state
      ? { ...state.stats, faults: { ...state.faults, rejectTitlesMatching: state.faults.rejectTitlesMatching?.source ?? null } }
      : reply;
  });
  app.post('/_mock/:marketplace/faults', async (req, reply) => {
    const state = platform(req, reply);
    if (!state) return reply;
    const body = (req.body ?? {}) as {
      errorRate?: number;
      rateLimitPerSecond?: number;
      rejectTitlesMatching?: string | null;
      resetStats?: boolean;
    };
    state.setFaults(body);
    if (body.resetStats) state.resetStats();
    return { ok: true };
  });
  app.delete('/_mock/:marketplace/faults', async (req, reply) => {
    const state = platform(req, reply);
    if (!state) return reply;
    state.clearFaults();
    return { ok: true };
  });
  app.post('/_mock/:marketplace/orders', async (req, reply) => {
    const state = platform(req, reply);
    if (!state) return reply;
    const body = (req.body ?? {}) as { externalId?: string; quantity?: number; orderId?: string; buyer?: string };
    const item = body.externalId ? state.findByExternalId(String(body.externalId)) : undefined;
    const quantity = Number(body.quantity ?? 1);
    if (!item) return reply.status(404).send({ error: `no item ${body.externalId}` });
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > item.stock)
      return reply.status(409).send({ error: `quantity must be 1..${item.stock}` });
    item.stock -= quantity;
    const orderId = body.orderId ?? `${state.marketplace.toUpperCase()}${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const push = buildPush(
      state.marketplace,
      item,
      quantity,
      orderId,
      body.buyer ?? `buyer-${randomUUID().slice(0, 8)}`,
      keys,
      options.webhookBaseUrl,
    );
    let delivered: number | string;
    try {
      const response = await fetch(push.url, {
        method: 'POST',
        headers: push.headers,
        body: push.body,
        signal: AbortSignal.timeout(10_000),
      });
      delivered = response.status;
    } catch (error) {
      delivered = `failed: ${(error as Error).message}`;
    }
    return { orderId, delivered, push: { url: push.url, headers: push.headers, body: push.body } };
  });
  app.get('/_mock/images/:name', async (_req, reply) => {
    // A 640×400 (not square) photo-like JPEG, so the adapters' image preparation has work to do.
    sampleImage ??= sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 196, g: 32, b: 60 } } })
      .composite([{ input: Buffer.from('<svg width="640" height="400"><circle cx="320" cy="200" r="150" fill="#e8495f"/></svg>') }])
      .jpeg()
      .toBuffer();
    return reply.type('image/jpeg').send(await sampleImage);
  });

  return { app, states, options };
}

export interface BuiltPush {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** An order push as the platform sends it, signed the platform's way. */
export function buildPush(
  marketplace: Marketplace,
  item: Pick<MockItem, 'externalId' | 'sellerSku' | 'price'>,
  quantity: number,
  orderId: string,
  buyer: string,
  keys: MockKeys,
  webhookBaseUrl: string,
): BuiltPush {
  const url = `${webhookBaseUrl.replace(/\/$/, '')}/api/v1/marketplaces/${marketplace}/webhook`;
  const now = Math.floor(Date.now() / 1000);
  switch (marketplace) {
    case 'shopee': {
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
        headers: { 'content-type': 'application/json', authorization: shopeePushSign(keys.SHOPEE_PARTNER_KEY, url, body) },
      };
    }
    case 'lazada': {
      const body = JSON.stringify({
        seller_id: '1000001',
        message_type: 0,
        timestamp: now,
        site: 'lazada_vn',
        data: {
          trade_order_id: orderId,
          order_status: 'pending',
          buyer_id: buyer,
          order_item_list: [{ item_id: item.externalId, seller_sku: item.sellerSku, quantity, paid_price: item.price }],
        },
      });
      return {
        url,
        body,
        headers: { 'content-type': 'application/json', authorization: lazadaPushSign(keys.LAZADA_APP_SECRET, keys.LAZADA_APP_KEY, body) },
      };
    }
    case 'tiki': {
      const body = JSON.stringify({
        event_type: 'ORDER_CREATED_SUCCESSFULLY',
        created_at: new Date().toISOString(),
        payload: {
          order_code: orderId,
          customer_id: buyer,
          items: [{ product_id: Number(item.externalId), original_sku: item.sellerSku, qty: quantity, price: item.price }],
        },
      });
      return {
        url,
        body,
        headers: { 'content-type': 'application/json', 'x-tiki-signature': tikiPushSign(keys.TIKI_CLIENT_SECRET, body) },
      };
    }
  }
}

function sendThrottled(marketplace: Marketplace, reply: FastifyReply, waitMs: number): FastifyReply {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  switch (marketplace) {
    case 'shopee':
      return reply
        .status(429)
        .header('retry-after', String(seconds))
        .send({ request_id: randomUUID(), error: 'error_too_many_request', message: `Too many requests, retry after ${seconds} seconds` });
    case 'lazada':
      return reply.send({
        code: 'ApiCallLimit',
        type: 'ISP',
        message: `The request has exceeded the limit, this ban will last ${seconds} seconds`,
        request_id: randomUUID(),
      });
    case 'tiki':
      return reply
        .status(429)
        .header('retry-after', String(seconds))
        .send({ errors: ['Too many requests'] });
  }
}

function sendServerError(marketplace: Marketplace, reply: FastifyReply): FastifyReply {
  switch (marketplace) {
    case 'shopee':
      return reply.status(500).send({ request_id: randomUUID(), error: 'error_server', message: 'Internal server error, please retry.' });
    case 'lazada':
      return reply.send({
        code: 'ServiceTimeout',
        type: 'ISP',
        message: 'The service timed out while processing the request',
        request_id: randomUUID(),
      });
    case 'tiki':
      return reply.status(503).send({ errors: ['Service temporarily unavailable'] });
  }
}

function safeJson(text: string | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export interface MultipartFile {
  name: string;
  filename: string | null;
  contentType: string;
  data: Buffer;
}

/** Just enough multipart/form-data for image uploads. */
export function parseMultipart(body: Buffer, contentType: string): MultipartFile[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary ? `--${boundary[1] ?? boundary[2]}` : null;
  if (!marker) return [];
  const parts: MultipartFile[] = [];
  let start = body.indexOf(marker);
  while (start !== -1) {
    const next = body.indexOf(marker, start + marker.length);
    if (next === -1) break;
    const part = body.subarray(start + marker.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const head = part.subarray(0, split).toString('utf8');
      parts.push({
        name: /name="([^"]*)"/i.exec(head)?.[1] ?? '',
        filename: /filename="([^"]*)"/i.exec(head)?.[1] ?? null,
        contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream',
        data: Buffer.from(part.subarray(split + 4)),
      });
    }
    start = next;
  }
  return parts;
}

/** Starts the mocks on a port (0 = any free one) and answers with their base URL. */
export async function startMockMarketplaces(
  options: MockOptions,
  port: number,
  host = '127.0.0.1',
): Promise<MockMarketplaces & { url: string; close: () => Promise<void> }> {
  const mock = createMockMarketplaces(options);
  await mock.app.listen({ port, host });
  const address = mock.app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { ...mock, url: `http://${host}:${actualPort}`, close: () => mock.app.close() };
}
