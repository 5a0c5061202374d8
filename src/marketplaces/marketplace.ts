import { MARKETPLACES, type Marketplace } from './marketplaces.contract';

export { MARKETPLACES, type Marketplace };

export function isMarketplace(value: string): value is Marketplace {
  return (MARKETPLACES as readonly string[]).includes(value);
}

/**
 * What every adapter call comes back as, whatever the platform's envelope: the sync decides retries
 * from this alone. `throttled` waits as the platform asks without burning an attempt; `rejected` is a
 * validation answer and final; `transient` (5xx, timeouts, network) is retried with backoff.
 */
export type CallResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'throttled'; retryAfterMs: number; message: string }
  | { kind: 'rejected'; message: string }
  | { kind: 'transient'; message: string };

export const ok = <T>(value: T): CallResult<T> => ({ kind: 'ok', value });
export const throttled = (retryAfterMs: number, message: string): CallResult<never> => ({ kind: 'throttled', retryAfterMs, message });
export const rejected = (message: string): CallResult<never> => ({ kind: 'rejected', message });
export const transient = (message: string): CallResult<never> => ({ kind: 'transient', message });

/** What a listing looks like to a marketplace. Images are already prepared for the platform. */
export interface ItemPayload {
  sellerSku: string;
  title: string;
  description: string;
  price: number;
  stock: number;
  weightKg: number;
  images: PreparedImage[];
}

export interface PreparedImage {
  bytes: Buffer;
  contentType: 'image/jpeg' | 'image/png';
  /** The original URL, for platforms that fetch images themselves. */
  sourceUrl: string;
}

/** A created (or found) item: `externalId` once the platform has one, `reviewRef` while it is reviewed. */
export interface RemoteItem {
  externalId: string | null;
  reviewRef: string | null;
  live: boolean;
}

export type ReviewState = { state: 'pending' } | { state: 'approved'; externalId: string } | { state: 'rejected'; message: string };

/** One platform's open API, as the sync uses it. Each folder (lazada/, tiki/, shopee/) implements it. */
export interface MarketplaceClient {
  readonly marketplace: Marketplace;
  /** Image rules the preparer applies before upload. */
  readonly imageRules: ImageRules;
  /** Whether an item approved by review still has to be activated (by the first price/stock push), as on Tiki. */
  readonly approvedItemsStartInactive: boolean;
  /** Finds an item created earlier by its seller SKU (before retrying a create). */
  findBySku(sellerSku: string): Promise<CallResult<RemoteItem | null>>;
  create(item: ItemPayload): Promise<CallResult<RemoteItem>>;
  review(item: RemoteItem, sellerSku: string): Promise<CallResult<ReviewState>>;
  /** Pushes price and stock (and, for platforms that need it, activates an approved item). */
  update(externalId: string, sellerSku: string, values: { price: number; stock: number }): Promise<CallResult<void>>;
  /** Pushes a changed title and description (the platform's item update call). */
  updateContent(externalId: string, sellerSku: string, content: { title: string; description: string }): Promise<CallResult<void>>;
  delist(externalId: string, sellerSku: string): Promise<CallResult<void>>;
  /** Checks a push (webhook) signature; `url` is the URL the platform called. */
  verifyPush(headers: Record<string, string | string[] | undefined>, rawBody: string, url: string): boolean;
  /** The order lines of a verified push; empty for pushes that are not new orders. */
  parsePush(body: unknown): PushedOrder[];
  /** When the platform says it sent a push, and the body field that says it; a stale push is a replay to refuse. */
  pushSentAt(body: unknown): { field: string; sentAt: Date | null };
}

export interface ImageRules {
  format: 'jpeg' | 'png';
  maxBytes: number;
  minSide: number;
  maxSide: number;
  square: boolean;
}

/** Pulls the wait out of "this ban will last 1 seconds" or a Retry-After header; defaults to one second. */
export function retryAfterMs(source: string | null | undefined, fallbackMs = 1000): number {
  if (!source) return fallbackMs;
  const seconds = /(\d+(?:\.\d+)?)\s*seconds?/i.exec(source)?.[1] ?? (/^\s*\d+(\.\d+)?\s*$/.test(source) ? source : undefined);
  if (seconds !== undefined) return Math.max(100, Math.round(Number(seconds) * 1000));
  const date = Date.parse(source);
  if (!Number.isNaN(date)) return Math.max(100, date - Date.now());
  return fallbackMs;
}

/** One order line from a platform's push, in the service's words. */
export interface PushedOrder {
  orderId: string;
  externalId: string | null;
  sellerSku: string | null;
  quantity: number;
  unitPrice: number;
  buyerRef: string | null;
}

/** A push time as platforms write it: Unix seconds or milliseconds (number or digits), or an ISO 8601 string. */
export function pushTime(value: unknown): Date | null {
  if (typeof value === 'string' && !/^\d+$/.test(value.trim())) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : new Date(parsed);
  }
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  // Seconds until the year 33658; anything larger is milliseconds.
  return new Date(n < 1e12 ? n * 1000 : n);
}

/** A scalar from a platform's JSON as text; anything else (objects, missing) as `fallback`. */
export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback;
}
