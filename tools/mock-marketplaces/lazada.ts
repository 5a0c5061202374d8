/* eslint-disable @typescript-eslint/require-await -- Fastify plugins and handlers are async by contract, some have nothing to await */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { lazadaPushSign, lazadaSign } from '../../src/marketplaces/lazada/lazada-signing';
import { gate, MockContext, MockPlatform, MockRequest, MultipartFile, safeJson, sendServerError, TIMESTAMP_WINDOW_MS } from './shared';
import { MockItem } from './state';

/** Lazada Open Platform: sorted-parameter signatures, `{ code, data }` envelopes, hosted images, asynchronous quality check. */
export function lazadaMock(ctx: MockContext): MockPlatform {
  const { keys } = ctx.options;
  const state = ctx.states.lazada;
  const lazadaOk = (req: MockRequest, reply: FastifyReply, data: Record<string, unknown>) =>
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

  const routes = async (lazada: FastifyInstance): Promise<void> => {
    const imageHost = '/lazada/rest/_img/';
    lazada.addHook('preHandler', async (req: MockRequest, reply) => {
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
      if (!gate(state, req, reply)) return reply;
    });

    lazada.get('/_img/:name', async (req, reply) => {
      const bytes = ctx.hostedImages.get((req.params as { name: string }).name);
      return bytes ? reply.type('image/jpeg').send(bytes) : reply.status(404).send();
    });

    const host = (req: FastifyRequest, bytes: Buffer): string => {
      const name = `${randomUUID()}.jpg`;
      ctx.hostedImages.set(name, bytes);
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

    lazada.post('/image/upload', async (req: MockRequest, reply) => {
      const file = (req.body as MultipartFile[] | undefined)?.find((f) => f.filename);
      if (!file) return lazadaError(reply, 'MISSING_PARAMETER', 'image is required');
      const problem = await checkImage(file.data);
      if (problem) return lazadaError(reply, '30001', problem);
      return lazadaOk(req, reply, { image: { url: host(req, file.data), hash_code: randomUUID() } });
    });

    lazada.post('/image/migrate', async (req: MockRequest, reply) => {
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

    lazada.post('/product/create', async (req: MockRequest, reply) => {
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
        reviewDoneAt: now + ctx.options.reviewDelayMs,
        rejectReason: state.rejectReasonFor(name),
        trackId: null,
      };
      state.items.set(sellerSku, item);
      return lazadaOk(req, reply, {
        item_id: Number(item.externalId),
        sku_list: [{ seller_sku: sellerSku, sku_id: Number(item.externalId) * 10 }],
      });
    });

    lazada.get('/product/item/get', async (req: MockRequest, reply) => {
      const params = lazadaParams(req);
      const item = params.item_id
        ? state.findByExternalId(params.item_id)
        : params.seller_sku
          ? state.items.get(params.seller_sku)
          : undefined;
      if (!item) return lazadaError(reply, '207', 'Product not found');
      return lazadaOk(req, reply, lazadaView(item));
    });

    lazada.post('/product/price_quantity/update', async (req: MockRequest, reply) => {
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

    lazada.post('/product/update', async (req: MockRequest, reply) => {
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

    lazada.post('/product/deactivate', async (req: MockRequest, reply) => {
      const payload = safeJson(lazadaParams(req).apiRequestBody) as { Request?: { Product?: { ItemId?: string } } } | null;
      const item = state.findByExternalId(String(payload?.Request?.Product?.ItemId ?? ''));
      if (!item) return lazadaError(reply, '207', 'Product not found');
      item.status = 'INACTIVE';
      return lazadaOk(req, reply, {});
    });
  };

  return {
    prefix: '/lazada/rest',
    routes,
    statusOf: lazadaStatus,
    push(item, quantity, orderId, buyer, url) {
      const now = Math.floor(Date.now() / 1000);
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
    },
  };
}
