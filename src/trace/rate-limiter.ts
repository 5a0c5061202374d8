import { clientKeyOf } from './client-address';

/**
 * Fixed one-minute windows per client (an IPv4 address or an IPv6 /64, see client-address.ts), in
 * memory: the scan path must not wait on anything. With several api processes each applies the limit
 * to the clients it serves.
 */
export class ScanRateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  /** Seconds to wait when over the limit, or 0 to let the request through. */
  check(address: string, now = Date.now()): number {
    if (this.perMinute <= 0) return 0;
    const window = now - (now % 60_000);
    if (window !== this.windowStart) {
      this.windowStart = window;
      this.counts = new Map();
    }
    const client = clientKeyOf(address);
    const count = (this.counts.get(client) ?? 0) + 1;
    this.counts.set(client, count);
    return count > this.perMinute ? Math.ceil((window + 60_000 - now) / 1000) : 0;
  }
}
