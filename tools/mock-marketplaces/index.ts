import Fastify, { FastifyInstance } from 'fastify';
import { Marketplace, MARKETPLACES } from '../../src/marketplaces/marketplace';
import { registerControlApi } from './control';
import { lazadaMock } from './lazada';
import { MockContext, MockOptions, MockPlatform, parseMultipart } from './shared';
import { shopeeMock } from './shopee';
import { PlatformState } from './state';
import { tikiMock } from './tiki';

export type { BuiltPush, MockKeys, MockOptions } from './shared';

export interface MockMarketplaces {
  app: FastifyInstance;
  states: Record<Marketplace, PlatformState>;
  options: MockOptions;
}

/**
 * Faithful stand-ins for Shopee v2, Lazada and Tiki: each verifies its platform's signature and
 * timestamp, answers in its envelope, and behaves like the platform (partial failures, asynchronous
 * review, duplicate SKU). `/_mock/...` is the control API for tests and demos (API.md).
 * A development and test tool: it is not part of the production build (see src/main.ts).
 */
export function createMockMarketplaces(options: MockOptions): MockMarketplaces {
  const app = Fastify({ logger: false, bodyLimit: 20 * 1024 * 1024 });
  const ctx: MockContext = {
    options,
    states: Object.fromEntries(MARKETPLACES.map((m) => [m, new PlatformState(m)])) as Record<Marketplace, PlatformState>,
    hostedImages: new Map(),
  };
  const platforms: Record<Marketplace, MockPlatform> = { shopee: shopeeMock(ctx), lazada: lazadaMock(ctx), tiki: tikiMock(ctx) };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (req, body, done) => {
    done(null, parseMultipart(body as Buffer, String(req.headers['content-type'])));
  });
  for (const platform of Object.values(platforms)) void app.register(platform.routes, { prefix: platform.prefix });
  registerControlApi(app, ctx, platforms);
  return { app, states: ctx.states, options };
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
