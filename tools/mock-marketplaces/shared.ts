import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Environment } from '../../src/config/environment';
import type { Marketplace } from '../../src/marketplaces/marketplace';
import type { MockItem, PlatformState } from './state';

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
  /** The service the mocks push orders to (tests may change it once the service listens). */
  webhookBaseUrl: string;
  /**
   * The base of the push URL the seller registered with the platform: the service's PUBLIC_BASE_URL.
   * Shopee signs that URL, whatever address the mock reaches the service at. Defaults to webhookBaseUrl.
   */
  registeredWebhookBaseUrl?: string;
}

/** What the three platforms of one mock server share. */
export interface MockContext {
  options: MockOptions;
  states: Record<Marketplace, PlatformState>;
  /** Images uploaded to (Shopee) or migrated into (Lazada) a platform, by id or file name. */
  hostedImages: Map<string, Buffer>;
}

export interface BuiltPush {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** One platform of the mock server. */
export interface MockPlatform {
  /** Where its API is served (`/shopee`, `/lazada/rest`, `/tiki`). */
  prefix: string;
  routes: (platform: FastifyInstance) => Promise<void>;
  /** An item's status in the platform's own words, as of now (reviews move on with time). */
  statusOf(item: MockItem): string;
  /** An order push as the platform sends it to `url`, signed the platform's way (over `registeredUrl` where the platform signs the URL). */
  push(
    item: Pick<MockItem, 'externalId' | 'sellerSku' | 'price'>,
    quantity: number,
    orderId: string,
    buyer: string,
    url: string,
    registeredUrl: string,
  ): BuiltPush;
}

/** A request that the fault injection decided to fail after the platform did the work. */
export type MockRequest = FastifyRequest & { failAfter?: boolean };

/** How far a signed request's timestamp may be from now. */
export const TIMESTAMP_WINDOW_MS = 5 * 60_000;

/**
 * Counts the call and applies the platform's injected faults (rate limit, random errors). Answers false
 * when it has already replied (throttled or failed), true when the handler should go on.
 */
export function gate(state: PlatformState, req: MockRequest, reply: FastifyReply): boolean {
  state.stats.calls++;
  const waitMs = state.take();
  if (waitMs > 0) {
    state.stats.throttled++;
    void sendThrottled(state.marketplace, reply, waitMs);
    return false;
  }
  if (state.faults.errorRate > 0 && Math.random() < state.faults.errorRate) {
    state.stats.injectedErrors++;
    // Half the injected failures happen after the platform did the work (a lost answer): the hard case for exactly-once.
    if (req.method !== 'GET' && Math.random() < 0.5) req.failAfter = true;
    else {
      void sendServerError(state.marketplace, reply);
      return false;
    }
  }
  state.stats.accepted++;
  return true;
}

export function sendThrottled(marketplace: Marketplace, reply: FastifyReply, waitMs: number): FastifyReply {
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

export function sendServerError(marketplace: Marketplace, reply: FastifyReply): FastifyReply {
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

export function safeJson(text: string | undefined): unknown {
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
