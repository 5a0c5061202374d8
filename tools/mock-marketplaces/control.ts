import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { isMarketplace, Marketplace } from '../../src/marketplaces/marketplace';
import { MockContext, MockPlatform } from './shared';
import { PlatformState } from './state';

/**
 * `/_mock/...`, for tests and demos (API.md, Mock marketplaces): what each platform holds, its call
 * counters and injected faults, customer orders pushed to the service, and a sample product photo.
 */
export function registerControlApi(app: FastifyInstance, ctx: MockContext, platforms: Record<Marketplace, MockPlatform>): void {
  let sampleImage: Promise<Buffer> | null = null;
  const platform = (req: FastifyRequest, reply: FastifyReply): PlatformState | null => {
    const name = (req.params as { marketplace: string }).marketplace;
    if (!isMarketplace(name)) {
      void reply.status(404).send({ error: `unknown marketplace ${name}` });
      return null;
    }
    return ctx.states[name];
  };

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
      status: platforms[state.marketplace].statusOf(item),
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
    const path = `/api/v1/marketplaces/${state.marketplace}/webhook`;
    const url = `${ctx.options.webhookBaseUrl.replace(/\/$/, '')}${path}`;
    const registeredUrl = `${(ctx.options.registeredWebhookBaseUrl ?? ctx.options.webhookBaseUrl).replace(/\/$/, '')}${path}`;
    const push = platforms[state.marketplace].push(item, quantity, orderId, body.buyer ?? `buyer-${randomUUID().slice(0, 8)}`, url, registeredUrl);
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
}
