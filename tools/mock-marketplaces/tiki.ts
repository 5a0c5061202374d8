/* eslint-disable @typescript-eslint/require-await -- Fastify plugins and handlers are async by contract, some have nothing to await */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { basicAuth, tikiPushSign } from '../../src/marketplaces/tiki/tiki-signing';
import { gate, MockContext, MockPlatform, MockRequest, sendServerError } from './shared';
import { MockItem } from './state';

/** Tiki Open API: OAuth2 client credentials, review requests tracked by `track_id`, `{ errors }` answers. */
export function tikiMock(ctx: MockContext): MockPlatform {
  const { keys } = ctx.options;
  const state = ctx.states.tiki;
  const tokens = new Map<string, number>();
  const tikiError = (reply: FastifyReply, status: number, message: string) => reply.status(status).send({ errors: [message] });
  const tikiOk = (req: MockRequest, reply: FastifyReply, body: Record<string, unknown>) =>
    req.failAfter ? sendServerError('tiki', reply) : reply.send(body);
  /** Review moves on with time: queuing → processing → awaiting_approve → approved | rejected. */
  const tikiState = (item: MockItem): string => {
    if (item.status === 'review_rejected') return 'rejected';
    if (item.externalId) return 'approved';
    const elapsed = Date.now() - item.createdAt;
    const d = ctx.options.reviewDelayMs;
    if (elapsed >= d) {
      if (item.rejectReason) item.status = 'review_rejected';
      else {
        item.externalId = state.id();
        item.status = 'inactive';
      }
      return tikiState(item);
    }
    return elapsed < d / 4 ? 'queuing' : elapsed < d / 2 ? 'processing' : 'awaiting_approve';
  };
  const tikiRequests = new Map<string, MockItem>();

  const routes = async (tiki: FastifyInstance): Promise<void> => {
    tiki.post('/sc/oauth2/token', async (req, reply) => {
      if (req.headers.authorization !== basicAuth(keys.TIKI_CLIENT_ID, keys.TIKI_CLIENT_SECRET))
        return tikiError(reply, 401, 'invalid_client');
      const grant = (req.body as Record<string, string> | undefined)?.grant_type;
      if (grant !== 'client_credentials') return tikiError(reply, 400, 'unsupported_grant_type');
      const token = randomUUID();
      tokens.set(token, Date.now() + 3600_000);
      return reply.send({ access_token: token, expires_in: 3600, token_type: 'bearer', scope: 'product inventory order' });
    });

    tiki.register(async (api) => {
      api.addHook('preHandler', async (req: MockRequest, reply) => {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const expires = token ? tokens.get(token) : undefined;
        if (!expires || expires < Date.now()) return tikiError(reply, 401, 'Unauthorized: the access token is invalid or expired');
        if (!gate(state, req, reply)) return reply;
      });

      api.post('/integration/v2/requests', async (req: MockRequest, reply) => {
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
          reviewDoneAt: Date.now() + ctx.options.reviewDelayMs,
          rejectReason: state.rejectReasonFor(product.name),
          trackId: randomUUID().replace(/-/g, ''),
        };
        state.items.set(sku, item);
        tikiRequests.set(item.trackId!, item);
        return tikiOk(req, reply, { track_id: item.trackId, state: 'queuing' });
      });

      api.get('/integration/v2/tracking/:trackId', async (req: MockRequest, reply) => {
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

      api.get('/integration/v2/requests', async (req: MockRequest, reply) => {
        const sku = (req.query as Record<string, string>).original_sku;
        const data = [...tikiRequests.values()]
          .filter((i) => i.sellerSku === sku)
          .map((i) => ({ track_id: i.trackId, state: tikiState(i) }));
        return tikiOk(req, reply, { data });
      });

      api.get('/integration/v2/products', async (req: MockRequest, reply) => {
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

      api.put('/integration/v2/products/updateSku', async (req: MockRequest, reply) => {
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

      api.put('/integration/v2/products/updateInfo', async (req: MockRequest, reply) => {
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
  };

  return {
    prefix: '/tiki',
    routes,
    // The review request's state until it is approved, then the product's own (active/inactive).
    statusOf: (item) => (tikiState(item) === 'approved' ? item.status : tikiState(item)),
    push(item, quantity, orderId, buyer, url) {
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
    },
  };
}
