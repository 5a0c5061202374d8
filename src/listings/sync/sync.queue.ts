import type { JobsOptions } from 'bullmq';
import type { Marketplace } from '../../marketplaces/marketplace';

/** One queue per marketplace, so a slow or throttled platform never stalls the others. */
export const SYNC_QUEUES: Record<Marketplace, string> = { lazada: 'sync-lazada', tiki: 'sync-tiki', shopee: 'sync-shopee' };

export const SyncJobName = { Sync: 'sync' } as const;

/** A job only names the channel: what to send is read from the database when it runs (never secrets, never stale values). */
export interface SyncChannelJob {
  listingId: string;
  marketplace: Marketplace;
  /** Transient failures in a row so far (set by the worker; a successful platform answer resets it). */
  failures?: number;
  /** When the current run of failures began (ms since epoch). */
  failingSince?: number;
}

export function syncJobOptions(attempts: number): JobsOptions {
  return {
    attempts,
    backoff: { type: 'jitter' },
    removeOnComplete: { age: 3600, count: 5000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 20_000 },
  };
}

/** Exponential backoff with full jitter between half and one and a half times the step (5xx, timeouts). */
const MAX_BACKOFF_MS = 30_000;

export function jitteredBackoff(attemptsMade: number, baseMs: number, random = Math.random): number {
  // Capped, so a channel waiting out a long outage is tried again soon after the platform returns.
  const step = Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), MAX_BACKOFF_MS);
  return Math.round(step * (0.5 + random()));
}
