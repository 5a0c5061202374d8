import type { Marketplace } from '../../src/marketplaces/marketplace';

export interface MockItem {
  externalId: string | null;
  sellerSku: string;
  title: string;
  description: string;
  price: number;
  stock: number;
  /** The platform's own status word (NORMAL/UNLIST, PENDING/APPROVED/REJECTED/INACTIVE, queuing…/active/inactive). */
  status: string;
  images: string[];
  createdAt: number;
  reviewDoneAt: number;
  rejectReason: string | null;
  /** Tiki: the review request this item came from. */
  trackId: string | null;
}

export interface MockFaults {
  errorRate: number;
  rateLimitPerSecond: number;
  rejectTitlesMatching: RegExp | null;
}

/** One platform's memory: items by seller SKU, call counters, faults and its token bucket. */
export class PlatformState {
  readonly items = new Map<string, MockItem>();
  readonly createCalls = new Map<string, number>();
  readonly updateCalls = new Map<string, number>();
  faults: MockFaults = { errorRate: 0, rateLimitPerSecond: 0, rejectTitlesMatching: null };
  stats = { calls: 0, accepted: 0, throttled: 0, injectedErrors: 0 };
  private tokens = 0;
  private refilledAt = 0;
  private nextId = 1;

  constructor(readonly marketplace: Marketplace) {}

  id(): string {
    return String(
      this.marketplace === 'shopee'
        ? 3_000_000_000 + this.nextId++
        : this.marketplace === 'lazada'
          ? 2_000_000 + this.nextId++
          : 90_000_000 + this.nextId++,
    );
  }

  setFaults(input: { errorRate?: number; rateLimitPerSecond?: number; rejectTitlesMatching?: string | null }): void {
    if (input.errorRate !== undefined) this.faults.errorRate = Math.max(0, Math.min(1, Number(input.errorRate)));
    if (input.rateLimitPerSecond !== undefined) {
      this.faults.rateLimitPerSecond = Math.max(0, Number(input.rateLimitPerSecond));
      this.tokens = this.faults.rateLimitPerSecond;
      this.refilledAt = Date.now();
    }
    if (input.rejectTitlesMatching !== undefined) {
      this.faults.rejectTitlesMatching = input.rejectTitlesMatching ? new RegExp(input.rejectTitlesMatching, 'i') : null;
    }
  }

  clearFaults(): void {
    this.faults = { errorRate: 0, rateLimitPerSecond: 0, rejectTitlesMatching: null };
  }

  resetStats(): void {
    this.stats = { calls: 0, accepted: 0, throttled: 0, injectedErrors: 0 };
  }

  /**
   * Token bucket: `rateLimitPerSecond` calls a second on average, bursts up to one second's worth.
   * Returns 0 when the call may go ahead, else the milliseconds until a token is free.
   */
  take(now = Date.now()): number {
    const rate = this.faults.rateLimitPerSecond;
    if (rate <= 0) return 0;
    this.tokens = Math.min(rate, this.tokens + ((now - this.refilledAt) / 1000) * rate);
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / rate) * 1000);
  }

  countCreate(sku: string): void {
    this.createCalls.set(sku, (this.createCalls.get(sku) ?? 0) + 1);
  }

  countUpdate(sku: string): void {
    this.updateCalls.set(sku, (this.updateCalls.get(sku) ?? 0) + 1);
  }

  rejectReasonFor(title: string): string | null {
    return this.faults.rejectTitlesMatching?.test(title) ? REJECT_MESSAGES[this.marketplace] : null;
  }

  findByExternalId(externalId: string): MockItem | undefined {
    for (const item of this.items.values()) if (item.externalId === externalId) return item;
    return undefined;
  }
}

/** What each platform says when a title breaks its rules, in its own words. */
export const REJECT_MESSAGES: Record<Marketplace, string> = {
  shopee: 'The item name contains prohibited keywords, please revise.',
  lazada: 'Product name contains words that violate Lazada listing policy',
  tiki: 'Tên sản phẩm chứa từ ngữ không được phép',
};
