/**
 * Listings as they travel on the wire (dates as ISO strings). Decorator- and import-free but for other
 * contracts, so the farm app type-checks against the same declarations (web/src/screens/manager).
 * Classes, not interfaces, so that the Swagger plugin (nest-cli.json) documents them in /docs.
 */
import type { Marketplace } from '../marketplaces/marketplaces.contract';

export const CHANNEL_STATUSES = ['pending', 'syncing', 'in_review', 'live', 'rejected', 'failed', 'delisted'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

/**
 * A channel's status as answered: the stored one, except `updating` for a live channel whose platform
 * does not hold the listing's latest price, stock or text yet (a change is on its way); `live` again once
 * pushed. Derived from the versions, never stored, so it cannot drift from what the sync has done.
 */
export type ChannelViewStatus = ChannelStatus | 'updating';

export class ChannelResponse {
  marketplace!: Marketplace;
  status!: ChannelViewStatus;
  externalId!: string | null;
  attempts!: number;
  lastError!: string | null;
  syncedAt!: string | null;
}

export class ListingResponse {
  id!: string;
  cooperativeId!: string;
  productId!: string;
  batchId!: string | null;
  sellerSku!: string;
  title!: string;
  description!: string;
  price!: number;
  stock!: number;
  imageUrls!: string[];
  state!: string;
  /** When an order last came in beyond the stock (see GET /api/v1/marketplace-orders), or null. */
  oversoldAt!: string | null;
  channels!: ChannelResponse[];
  createdAt!: string;
  updatedAt!: string;
}
